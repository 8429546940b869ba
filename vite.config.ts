import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/** In `vite dev`, attaches the same Socket.io server the production entry uses. */
function hearthRealtime(): Plugin {
	return {
		name: 'hearth-realtime',
		apply: 'serve',
		async configureServer(server) {
			const httpServer = server.httpServer;
			if (!httpServer) return; // under Vitest there is no HTTP server
			// Loaded through Vite so it shares modules (and the database connection) with SSR.
			const realtime = await server.ssrLoadModule('/src/lib/server/realtime/server.ts');
			realtime.attachRealtime(httpServer);
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), hearthRealtime()],
	server: { port: 3000, strictPort: true },
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		setupFiles: ['tests/setup/database.ts'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
		benchmark: { include: ['bench/**/*.bench.ts'] }
	}
});
