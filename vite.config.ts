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
			// Loaded through Vite so it shares modules (and the database connection) with SSR. The
			// database is opened first: on PostgreSQL a socket may arrive before the first page.
			const database = await server.ssrLoadModule('/src/lib/server/db/index.ts');
			await database.openDatabase();
			const realtime = await server.ssrLoadModule('/src/lib/server/realtime/server.ts');
			realtime.attachRealtime(httpServer);
		}
	};
}

/** Unit tests that read or write the database (the others are pure rules: one run is enough). */
const DATABASE_UNIT_TESTS = [
	'tests/unit/group-commit.test.ts',
	'tests/unit/session.test.ts',
	'tests/unit/invites.test.ts',
	'tests/unit/picker.test.ts',
	'tests/unit/custom-cards.test.ts',
	'tests/unit/push-reminders.test.ts',
	'tests/unit/talk-idle.test.ts',
	'tests/unit/daily-rules.test.ts',
	'tests/unit/schedule-machine.test.ts',
	'tests/unit/upgrade.test.ts'
];

export default defineConfig({
	plugins: [sveltekit(), hearthRealtime()],
	server: { port: 3000, strictPort: true },
	test: {
		testTimeout: 30_000,
		hookTimeout: 60_000,
		// Every test runs on both databases: SQLite (the embedded default) and PostgreSQL (a
		// throwaway cluster on loopback, or TEST_POSTGRES_URL). Unit tests of pure rules are the same
		// code either way, so they run once.
		projects: [
			{
				extends: true,
				test: {
					name: 'sqlite',
					include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
					setupFiles: ['tests/setup/database.ts']
				}
			},
			{
				extends: true,
				test: {
					name: 'postgres',
					include: [
						'tests/integration/**/*.test.ts',
						'tests/postgres/**/*.test.ts',
						...DATABASE_UNIT_TESTS
					],
					env: { HEARTH_TEST_DIALECT: 'postgres' },
					globalSetup: ['tests/setup/postgres-global.ts'],
					setupFiles: ['tests/setup/database.ts']
				}
			}
		],
		reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
		benchmark: { include: ['bench/**/*.bench.ts'] }
	}
});
