/**
 * Which push subscriptions Hearth accepts: endpoints on the real push services of the browsers,
 * and keys a payload can actually be encrypted to. Checked when a device registers and again
 * before every send (older rows were stored before these checks existed).
 */
import { createPublicKey } from 'node:crypto';

/** Push services by host name: an exact name, or a suffix beginning with a dot. */
const PUSH_SERVICE_HOSTS = [
	'fcm.googleapis.com', // Chrome, Edge, Opera… (Firebase Cloud Messaging)
	'android.googleapis.com', // its legacy name
	'updates.push.services.mozilla.com', // Firefox (autopush)
	'.push.services.mozilla.com',
	'.notify.windows.com', // Windows Notification Service
	'web.push.apple.com', // Safari
	'.push.apple.com'
];

export const UNKNOWN_SERVICE = "That browser's push service is not one Hearth knows.";
export const BAD_KEYS = "That device's notification keys were not understood.";

/**
 * Test-only: the origin of a local push service the tests run. It is honoured only with
 * HEARTH_ALLOW_TEST_PUSH=1 beside it, and `checkPushConfig` refuses to start otherwise.
 */
export function testPushOrigin(): string | null {
	const origin = process.env.PUSH_TEST_ENDPOINT_ORIGIN;
	if (!origin || process.env.HEARTH_ALLOW_TEST_PUSH !== '1') return null;
	return origin;
}

/** Start-up check: a test push origin is a way around the address checks, never for production. */
export function checkPushConfig() {
	const origin = process.env.PUSH_TEST_ENDPOINT_ORIGIN;
	if (!origin) return;
	if (process.env.HEARTH_ALLOW_TEST_PUSH !== '1' || process.env.NODE_ENV === 'production')
		throw new Error(
			'PUSH_TEST_ENDPOINT_ORIGIN is for tests only: it needs HEARTH_ALLOW_TEST_PUSH=1 and is refused when NODE_ENV=production.'
		);
	let parsed: URL;
	try {
		parsed = new URL(origin);
	} catch {
		throw new Error('PUSH_TEST_ENDPOINT_ORIGIN must be an origin such as http://127.0.0.1:4000.');
	}
	if (parsed.origin !== origin || !['http:', 'https:'].includes(parsed.protocol))
		throw new Error('PUSH_TEST_ENDPOINT_ORIGIN must be an origin such as http://127.0.0.1:4000.');
	console.warn(`[push] test push service allowed at ${origin}: never use this in production.`);
}

function knownHost(hostname: string): boolean {
	return PUSH_SERVICE_HOSTS.some((rule) =>
		rule.startsWith('.')
			? hostname.endsWith(rule) && hostname.length > rule.length
			: hostname === rule
	);
}

/** The reason an endpoint is refused, or null when it is on a known push service. */
export function endpointProblem(endpoint: string): string | null {
	let url: URL;
	try {
		url = new URL(endpoint);
	} catch {
		return UNKNOWN_SERVICE;
	}
	const testOrigin = testPushOrigin();
	if (testOrigin && url.origin === testOrigin && !url.username && !url.password) return null;
	if (url.protocol !== 'https:' || url.port !== '' || url.username || url.password)
		return UNKNOWN_SERVICE;
	return knownHost(url.hostname) ? null : UNKNOWN_SERVICE;
}

/**
 * The reason a subscription's keys are refused, or null: p256dh must be an uncompressed P-256
 * point that lies on the curve (65 bytes, 0x04, x, y) and auth exactly 16 bytes.
 */
export function keysProblem(keys: { p256dh: string; auth: string }): string | null {
	const base64url = /^[A-Za-z0-9_-]+={0,2}$/;
	if (!base64url.test(keys.p256dh) || !base64url.test(keys.auth)) return BAD_KEYS;
	const point = Buffer.from(keys.p256dh, 'base64url');
	const auth = Buffer.from(keys.auth, 'base64url');
	if (auth.length !== 16 || point.length !== 65 || point[0] !== 0x04) return BAD_KEYS;
	try {
		// Importing the point as a JWK fails unless (x, y) is on the curve.
		createPublicKey({
			format: 'jwk',
			key: {
				kty: 'EC',
				crv: 'P-256',
				x: point.subarray(1, 33).toString('base64url'),
				y: point.subarray(33).toString('base64url')
			}
		});
	} catch {
		return BAD_KEYS;
	}
	return null;
}

/** Both checks: the reason a subscription is refused, or null. */
export function subscriptionProblem(subscription: {
	endpoint: string;
	keys: { p256dh: string; auth: string };
}): string | null {
	return endpointProblem(subscription.endpoint) ?? keysProblem(subscription.keys);
}
