import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * The layers of the server, top to bottom: arrows point down only. A module may import from its own
 * layer's folder and from layers below, never from a layer above.
 */
const SERVER_LAYERS = [
	['realtime'], // the socket layer: binds what clients ask for
	['talk', 'cards', 'schedule', 'history', 'daily', 'door', 'checkin'], // features
	['conversations'], // the conversation core: gate, log, pipeline, visibility, publish
	['auth', 'couples', 'deck', 'push', 'pace'], // foundations
	['db', 'hub', 'errors', 'forms', 'guard', 'request'] // the ground floor
];

/** Matches an import of one of these server modules, by alias or by relative path. */
const serverModule = (names) => `^(\\$lib/server/|(\\.\\./)+)(${names.join('|')})(/|\\.|$)`;

/** Every enhanced form goes through `$lib/forms/enhance`, which adds what all forms do alike. */
const kitEnhance = {
	name: '$app/forms',
	importNames: ['enhance'],
	message: "Use enhance from '$lib/forms/enhance': it keeps a form that never reached the server."
};

function forbid(names, message) {
	return { regex: serverModule(names), message };
}

const layerRules = SERVER_LAYERS.map((layer, index) => {
	const above = SERVER_LAYERS.slice(0, index).flat();
	return {
		files: layer.flatMap((name) => [`src/lib/server/${name}/**`, `src/lib/server/${name}.ts`]),
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: above.length
						? [
								forbid(
									above,
									`Arrows point down: ${layer.join('/')} may not import a layer above it.`
								)
							]
						: []
				}
			]
		}
	};
});

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			// Hearth is served from the root (no `paths.base`), so resolve() would add nothing to links.
			'svelte/no-navigation-without-resolve': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	// Every database call is asynchronous: a promise left unawaited (a write that may not have
	// happened, a check that is always truthy) is an error, found by types rather than by luck.
	{
		files: ['src/**/*.ts', 'tests/**/*.ts'],
		ignores: ['**/*.svelte.ts', 'src/service-worker.ts'],
		languageOptions: { parserOptions: { projectService: true } },
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
			'@typescript-eslint/await-thenable': 'error'
		}
	},
	// Pages and form actions talk to domains; only the runtime wires the socket layer in.
	{
		files: ['src/routes/**', 'src/hooks.server.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [kitEnhance],
					patterns: [
						forbid(
							['realtime'],
							'Routes tell people things through domains or the hub, never the socket layer.'
						)
					]
				}
			]
		}
	},
	...layerRules,
	// Shared code runs in the browser too: it may import nothing from the server.
	{
		files: ['src/lib/**'],
		ignores: ['src/lib/server/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [kitEnhance],
					patterns: [
						{ regex: '^\\$lib/server(/|$)', message: 'Shared code may not import server code.' }
					]
				}
			]
		}
	},
	// The one place that wraps SvelteKit's enhance.
	{
		files: ['src/lib/forms/enhance.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{ regex: '^\\$lib/server(/|$)', message: 'Shared code may not import server code.' }
					]
				}
			]
		}
	},
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'data/',
			'drizzle/',
			'test-results/',
			'playwright-report/',
			'bench/results/',
			'tests/.tmp/'
		]
	}
);
