import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

// Browser downloads are not possible everywhere Hearth is built: use the system's Chromium.
const chromium =
	process.env.CHROMIUM_PATH ??
	['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) =>
		existsSync(p)
	);

const PORT = Number(process.env.E2E_PORT ?? 4173);
const database = `tests/.tmp/e2e-${Date.now()}.db`;
const POSTGRES_PORT = Number(process.env.E2E_POSTGRES_PORT ?? PORT + 1);

/** Both servers alike, but for their port and database. */
const serverEnv = {
	HOST: '127.0.0.1',
	SIGNUP_LIMIT_PER_HOUR: '100000',
	LOGIN_LIMIT_PER_HOUR: '100000',
	// A request may carry its own clock (x-hearth-test-now): an open door fades after a week.
	HEARTH_ALLOW_TEST_CLOCK: '1'
};

export default defineConfig({
	testDir: 'tests/e2e',
	// Playwright empties its output folder on start; keep it apart from the JSON reports CI sums.
	outputDir: 'test-results/e2e',
	timeout: 60_000,
	expect: { timeout: 10_000 },
	fullyParallel: true,
	workers: 2,
	retries: 0,
	reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
	use: {
		baseURL: `http://localhost:${PORT}`,
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: chromium,
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	projects: [
		{ name: 'sqlite', use: { baseURL: `http://localhost:${PORT}` } },
		// Every feature's spec again on PostgreSQL: the same specs against the same build on the other
		// database. The phone specs replay those flows at 360px; what they check is the layout, which
		// does not depend on the database, so they run once.
		{
			name: 'postgres',
			testIgnore: ['phone.spec.ts', 'talk-phone.spec.ts'],
			use: { baseURL: `http://localhost:${POSTGRES_PORT}` }
		}
	],
	webServer: [
		{
			command: 'node build/start.js',
			url: `http://localhost:${PORT}/`,
			reuseExistingServer: false,
			timeout: 60_000,
			env: { ...serverEnv, PORT: String(PORT), DATABASE_URL: database }
		},
		{
			// A throwaway PostgreSQL cluster, the server on it, and the cluster removed at the end.
			command: 'node tests/e2e/postgres-server.mjs',
			url: `http://localhost:${POSTGRES_PORT}/`,
			reuseExistingServer: false,
			timeout: 90_000,
			gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
			env: { ...serverEnv, PORT: String(POSTGRES_PORT) }
		}
	]
});
