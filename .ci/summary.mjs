// Sums Vitest's and Playwright's JSON reports into one plain line: "N passed, N failed".
// Exits non-zero when anything failed or when no test ran at all.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;

const read = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);

const vitest = read('test-results/vitest.json');
if (vitest) {
	passed += vitest.numPassedTests ?? 0;
	failed += vitest.numFailedTests ?? 0;
	// A file that failed to load has no failed tests of its own: count it once.
	if (!vitest.numFailedTests && vitest.numFailedTestSuites) failed += vitest.numFailedTestSuites;
	skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
} else {
	console.log('Vitest report missing (test-results/vitest.json)');
	failed += 1;
}

const playwright = read('test-results/playwright.json');
if (playwright) {
	const stats = playwright.stats ?? {};
	passed += stats.expected ?? 0;
	failed += (stats.unexpected ?? 0) + (stats.flaky ?? 0) + (playwright.errors?.length ?? 0);
	skipped += stats.skipped ?? 0;
} else {
	console.log('Playwright report missing (test-results/playwright.json)');
	failed += 1;
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
