import { servedOverHttps } from './request';

/** Powerful browser features Hearth never uses, switched off for every page and anything it embeds. */
const PERMISSIONS_POLICY = [
	'accelerometer',
	'camera',
	'display-capture',
	'geolocation',
	'gyroscope',
	'magnetometer',
	'microphone',
	'midi',
	'payment',
	'usb'
]
	.map((feature) => `${feature}=()`)
	.join(', ');

/** For responses that are not pages (downloads, feeds, JSON): nothing in them may run or be framed. */
const LOCKED_DOWN_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

/**
 * Headers every response from the app carries. Pages get their Content-Security-Policy from
 * SvelteKit (`kit.csp` in svelte.config.js); everything else gets a locked-down one here.
 */
export function applySecurityHeaders(headers: Headers, url: URL) {
	// Browsers ignore HSTS over plain http; sending it only over https keeps local http honest.
	if (servedOverHttps(url))
		headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
	headers.set('permissions-policy', PERMISSIONS_POLICY);
	// Same-origin pages get the full referrer, other sites nothing: invite links and calendar-feed
	// secrets never leak. ('no-referrer' would make browsers send `Origin: null` on our own form
	// posts, which SvelteKit's CSRF check rightly refuses.)
	headers.set('referrer-policy', 'same-origin');
	headers.set('x-content-type-options', 'nosniff');
	headers.set('x-frame-options', 'DENY');
	if (!headers.has('content-security-policy')) {
		const type = headers.get('content-type') ?? '';
		if (!type.startsWith('text/html')) headers.set('content-security-policy', LOCKED_DOWN_CSP);
	}
}
