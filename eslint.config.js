// ESLint for the whole tree: TypeScript (typescript-eslint), Svelte 5 (eslint-plugin-svelte),
// formatting left to Prettier (eslint-config-prettier turns off the rules it owns).
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: ['build*/', '.svelte-kit*/', 'node_modules/', 'data/', 'test-results/', 'playwright-report/', 'display/voice/', 'static/']
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } }
	},
	{
		rules: {
			// TypeScript checks names; the base rule does not know types or `$lib` globals.
			'no-undef': 'off',
			// `_` marks a parameter a signature requires but the body does not use.
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
			// Links inside the app are plain paths (adapter-node, no base path); SvelteKit's resolve() adds nothing here.
			'svelte/no-navigation-without-resolve': 'off',
			// `{' · '}` keeps a separator's spaces exact however the markup is wrapped.
			'svelte/no-useless-mustaches': 'off',
			// `ok && (x = y)` as a statement is how the byte parsers read; still flags a bare `a.b;`.
			'@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
			// Playwright fixtures must destructure their first argument, even when they use none of it.
			'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }],
			// postgres.js spells "no custom types" as `{}` (Sql<{}>, Options<{}>).
			'@typescript-eslint/no-empty-object-type': ['error', { allowObjectTypes: 'always' }]
		}
	}
);
