import type { RequestEvent } from '@sveltejs/kit';

/** The caller's address for rate limits (adapter-node honours ADDRESS_HEADER behind a proxy). */
export function clientAddress(event: Pick<RequestEvent, 'getClientAddress'>): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}

/**
 * Whether the person reached us over https. adapter-node derives `event.url` from ORIGIN, or from
 * PROTOCOL_HEADER behind a proxy (src/entry/start.ts defaults it to x-forwarded-proto).
 */
export function servedOverHttps(url: URL): boolean {
	return url.protocol === 'https:';
}

/** The header a test sets to move a request's clock (honoured only as `requestNow` says). */
export const TEST_CLOCK_HEADER = 'x-hearth-test-now';

const testClockAllowed = () =>
	process.env.HEARTH_ALLOW_TEST_CLOCK === '1' && process.env.NODE_ENV !== 'production';

/**
 * The instant a request happens at: the real clock. Only for the end-to-end tests, with
 * HEARTH_ALLOW_TEST_CLOCK=1 (refused at start-up under NODE_ENV=production, see
 * `checkTestClockConfig`), a request may carry another instant in `x-hearth-test-now` — so a test
 * can see an open door fade after its week without waiting one. In process, tests pass `now` to
 * the domain functions instead, as the reminders and the questions for today take theirs.
 */
export function requestNow(event: { request: Request }, now = Date.now()): number {
	if (!testClockAllowed()) return now;
	const raw = event.request.headers.get(TEST_CLOCK_HEADER);
	const set = raw && /^\d{13}$/.test(raw) ? Number(raw) : NaN;
	return Number.isSafeInteger(set) ? set : now;
}

/** Start-up check: a clock a request can set is for tests only, never for production. */
export function checkTestClockConfig() {
	if (process.env.HEARTH_ALLOW_TEST_CLOCK === '1' && process.env.NODE_ENV === 'production')
		throw new Error(
			'HEARTH_ALLOW_TEST_CLOCK is for tests only: it is refused when NODE_ENV=production.'
		);
}
