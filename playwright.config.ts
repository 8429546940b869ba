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
	webServer: {
		command: 'node build/start.js',
		url: `http://localhost:${PORT}/`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			DATABASE_URL: database,
			SIGNUP_LIMIT_PER_HOUR: '100000',
			LOGIN_LIMIT_PER_HOUR: '100000',
			// A request may carry its own clock (x-hearth-test-now): an open door fades after a week.
			HEARTH_ALLOW_TEST_CLOCK: '1'
		}
	}
});
