import { createECDH, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { pushSubscriptionSchema } from '$lib/schemas/push';
import {
	checkPushConfig,
	endpointProblem,
	keysProblem,
	subscriptionProblem
} from '$lib/server/push/policy';

function validKeys() {
	const ecdh = createECDH('prime256v1');
	ecdh.generateKeys();
	return {
		p256dh: ecdh.getPublicKey().toString('base64url'),
		auth: randomBytes(16).toString('base64url')
	};
}

const saved = { ...process.env };
afterEach(() => {
	for (const key of ['PUSH_TEST_ENDPOINT_ORIGIN', 'HEARTH_ALLOW_TEST_PUSH', 'NODE_ENV'])
		if (saved[key] === undefined) delete process.env[key];
		else process.env[key] = saved[key];
});

describe('push endpoints', () => {
	it.each([
		'https://fcm.googleapis.com/fcm/send/abc:def',
		'https://android.googleapis.com/gcm/send/abc',
		'https://updates.push.services.mozilla.com/wpush/v2/gAAAA',
		'https://updates-autopush.stage.mozaws.net.push.services.mozilla.com/wpush/v1/x',
		'https://db5p.notify.windows.com/w/?token=BQYAAA',
		'https://web.push.apple.com/QGuQyavXutnMH',
		'https://api.push.apple.com/3/device/x',
		'https://fcm.googleapis.com:443/fcm/send/x'
	])('accepts the push service at %s', (endpoint) => {
		expect(endpointProblem(endpoint)).toBeNull();
	});

	it.each([
		'https://127.0.0.1:8443/x',
		'https://localhost/x',
		'https://10.0.0.1/x',
		'https://169.254.169.254/latest/meta-data',
		'https://[::1]/x',
		'https://push.example.com/x',
		'http://fcm.googleapis.com/fcm/send/x', // not https
		'https://fcm.googleapis.com:8443/fcm/send/x', // not the default port
		'https://user:pw@fcm.googleapis.com/fcm/send/x', // userinfo
		'https://fcm.googleapis.com.evil.example/x',
		'https://evilfcm.googleapis.com/x',
		'https://notify.windows.com/x', // only its subdomains
		'https://push.services.mozilla.com.example/x',
		'https://xpush.apple.com/x',
		'https://fcm.googleapis.com./x', // a trailing dot is another name
		'ftp://fcm.googleapis.com/x',
		'not a url'
	])('refuses %s calmly', (endpoint) => {
		expect(endpointProblem(endpoint)).toBe("That browser's push service is not one Hearth knows.");
	});

	it('allows exactly the test origin, and only with both test settings', () => {
		process.env.PUSH_TEST_ENDPOINT_ORIGIN = 'http://127.0.0.1:4999';
		expect(endpointProblem('http://127.0.0.1:4999/ok/1')).not.toBeNull();
		process.env.HEARTH_ALLOW_TEST_PUSH = '1';
		expect(endpointProblem('http://127.0.0.1:4999/ok/1')).toBeNull();
		expect(endpointProblem('http://127.0.0.1:4998/ok/1')).not.toBeNull();
		expect(endpointProblem('https://127.0.0.1:4999/ok/1')).not.toBeNull();
		expect(endpointProblem('http://localhost:4999/ok/1')).not.toBeNull();
		expect(endpointProblem('http://u:p@127.0.0.1:4999/ok/1')).not.toBeNull();
	});

	it('refuses to start with a test origin unless explicitly allowed, and never in production', () => {
		delete process.env.PUSH_TEST_ENDPOINT_ORIGIN;
		expect(() => checkPushConfig()).not.toThrow();
		process.env.PUSH_TEST_ENDPOINT_ORIGIN = 'http://127.0.0.1:4999';
		delete process.env.HEARTH_ALLOW_TEST_PUSH;
		expect(() => checkPushConfig()).toThrow(/tests only/);
		process.env.HEARTH_ALLOW_TEST_PUSH = '1';
		process.env.NODE_ENV = 'production';
		expect(() => checkPushConfig()).toThrow(/tests only/);
		process.env.NODE_ENV = 'test';
		process.env.PUSH_TEST_ENDPOINT_ORIGIN = 'http://127.0.0.1:4999/path';
		expect(() => checkPushConfig()).toThrow(/origin/);
		process.env.PUSH_TEST_ENDPOINT_ORIGIN = 'http://127.0.0.1:4999';
		expect(() => checkPushConfig()).not.toThrow();
	});
});

describe('push keys', () => {
	it('accepts a real P-256 public key and a 16-byte auth secret', () => {
		expect(keysProblem(validKeys())).toBeNull();
		const padded = validKeys();
		expect(keysProblem({ p256dh: `${padded.p256dh}=`, auth: `${padded.auth}==` })).toBeNull();
	});

	it('refuses a 65-byte point that is not on the curve', () => {
		const offCurve = Buffer.alloc(65, 7);
		offCurve[0] = 0x04;
		const keys = { ...validKeys(), p256dh: offCurve.toString('base64url') };
		expect(pushSubscriptionSchema.shape.keys.safeParse(keys).success).toBe(true); // the shape is fine
		expect(keysProblem(keys)).toMatch(/not understood/);
	});

	it('refuses a point that is not uncompressed, and keys of the wrong length', () => {
		const good = createECDH('prime256v1');
		good.generateKeys();
		const compressed = good.getPublicKey(null, 'compressed'); // 33 bytes
		const wrongPrefix = good.getPublicKey();
		wrongPrefix[0] = 0x05;
		for (const p256dh of [
			compressed.toString('base64url'),
			wrongPrefix.toString('base64url'),
			randomBytes(64).toString('base64url'),
			randomBytes(66).toString('base64url'),
			''
		])
			expect(keysProblem({ ...validKeys(), p256dh })).not.toBeNull();
		for (const size of [0, 15, 17, 32])
			expect(
				keysProblem({ ...validKeys(), auth: randomBytes(size).toString('base64url') })
			).not.toBeNull();
	});

	it('checks endpoint and keys together', () => {
		expect(
			subscriptionProblem({ endpoint: 'https://fcm.googleapis.com/fcm/send/x', keys: validKeys() })
		).toBeNull();
		expect(
			subscriptionProblem({ endpoint: 'https://127.0.0.1/x', keys: validKeys() })
		).not.toBeNull();
	});
});
