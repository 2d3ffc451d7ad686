// The rules n8n's community package scanner runs, with inline
// `eslint-disable` comments not honoured (the scanner ignores them too).
import tsParser from '@typescript-eslint/parser';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

export default [
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
		...n8nCommunityNodesPlugin.configs.recommended,
		ignores: [],
	},
];
