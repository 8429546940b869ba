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
