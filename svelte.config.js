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
		// Absolute asset paths: the service worker serves the prerendered offline page in place of
		// any page that cannot be reached (/talk/…, /history/…), where relative paths would break.
		paths: { relative: false },
		// Kit adds a nonce (rendered pages) or a hash (prerendered) for the one inline script it writes.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				// No inline style attributes but two fixed ones: the wrapper in src/app.html
				// ("display: contents") and SvelteKit's route announcer (visually hidden).
				'style-src-attr': [
					'unsafe-hashes',
					'sha256-tcbDxjMo+xKqM21aCGYbs/QAJqB7yUXC06oPWDapBgc=',
					'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='
				],
				'img-src': ['self', 'data:'],
				// 'self' covers Socket.io's same-origin ws:/wss: as well as its polling fallback.
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'object-src': ['none'],
				'frame-ancestors': ['none']
			}
		},
		csrf: {
			// Form actions are same-origin only; SvelteKit checks the Origin header for us.
			trustedOrigins: []
		}
	}
};

export default config;
