// Lint for the published code: n8n's own default config for community nodes
// (`config` from @n8n/node-cli/eslint: eslint and typescript-eslint
// recommended, import-x, eslint-plugin-n8n-nodes-base's node/credential/
// package.json rules and @n8n/eslint-plugin-community-nodes' recommended set,
// the rules n8n's package scanner applies), run by `n8n-node lint`.
//
// package.json says `"strict": false` in its n8n section: strict means "this
// file is n8n's default, unchanged, and the package is meant for n8n Cloud".
// This package joins two services, which n8n Cloud verification does not
// allow, so it is for self-hosted n8n; and this file adds to the default:
// folders that are never published (tests, sandbox, scripts, docs) are not
// linted with the node rules. No rule is turned off. The scanner's own
// analysis (its rules, inline eslint-disable ignored) runs in
// scripts/scan-package.mjs (`npm run lint`, `npm run scan`).
import { globalIgnores } from 'eslint/config';
import { config } from '@n8n/node-cli/eslint';

export default [
	globalIgnores(['dist/**', 'node_modules/**', '.cache/**', 'test/**', 'sandbox/**', 'scripts/**', 'docs/**', 'templates/**', '*.js', '*.mjs']),
	...config,
];
