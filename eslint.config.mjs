// Lint for the published code, in two layers:
// 1. eslint-plugin-n8n-nodes-base: n8n's long-standing rules for nodes,
//    credentials and the community package.json (the n8n-nodes-starter set).
// 2. @n8n/eslint-plugin-community-nodes: the rules n8n's package scanner
//    applies. Those run again in eslint.scanner.config.mjs with inline
//    `eslint-disable` comments ignored, as the scanner does.
import tsParser from '@typescript-eslint/parser';
import jsoncParser from 'jsonc-eslint-parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

const tsFiles = { languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } } };

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'sandbox/**', 'scripts/**', '*.js', '*.mjs'] },
	{
		files: ['package.json'],
		languageOptions: { parser: jsoncParser },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.community.rules,
			// Our homepage/repository are placeholders until the repository is public.
			'n8n-nodes-base/community-package-json-repository-url-still-default': 'off',
		},
	},
	{
		files: ['credentials/**/*.ts'],
		...tsFiles,
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Documentation lives on HighLevel's and 17hats' sites, not docs.n8n.io.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		...tsFiles,
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// Our execute() delegates to the shared runner, which the rule cannot follow.
			'n8n-nodes-base/node-execute-block-missing-continue-on-fail': 'off',
			// Superseded: the scanner's rule (node-connection-type-literal) requires
			// NodeConnectionTypes.Main where this older rule wants the string 'main'.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{
		// The description builder sets defaults computed from the declarations,
		// which this rule (looking for a literal) cannot see.
		files: ['nodes/common/describe.ts'],
		rules: { 'n8n-nodes-base/node-param-default-missing': 'off' },
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		...tsFiles,
		...n8nCommunityNodesPlugin.configs.recommended,
		ignores: [],
	},
];
