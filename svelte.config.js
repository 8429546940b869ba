import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		runes: true
	},
	kit: {
		adapter: adapter({ out: 'build' }),
		csrf: {
			// Form actions are same-origin only; SvelteKit checks the Origin header for us.
			trustedOrigins: []
		}
	}
};

export default config;
