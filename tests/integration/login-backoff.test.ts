import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, uniqueEmail } from '../helpers/http';
import { removeDb, startServer, type RunningServer } from '../helpers/server';

/**
 * The server must see different people at different addresses. Without ADDRESS_HEADER the app
 * takes the address from the TCP connection (adapter-node's getClientAddress), so each person here
 * connects from their own loopback address (127.0.0.0/8 is all local on Linux): no header the
 * client could forge is trusted.
 */
let server: RunningServer;

beforeAll(async () => {
	server = await startServer();
});
afterAll(async () => {
	await server.stop();
	await removeDb(server.dbPath);
});

const OWNER = '127.0.0.2';
const STRANGER = '127.0.0.3';

/** Posts the login form the way an enhanced page does, from `from`; resolves with the action's status. */
function logInFrom(
	from: string | { to: RunningServer; from: string },
	email: string,
	password: string,
	headers: Record<string, string> = {}
): Promise<{ status: number; type: string; message?: string }> {
	const { to, from: local } = typeof from === 'string' ? { to: server, from } : from;
	const body = new URLSearchParams({ email, password }).toString();
	return new Promise((done, fail) => {
		const req = request(
			{
				host: '127.0.0.1',
				port: to.port,
				localAddress: local,
				method: 'POST',
				path: '/login',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					'content-length': Buffer.byteLength(body),
					accept: 'application/json',
					'x-sveltekit-action': 'true',
					origin: to.url,
					...headers
				}
			},
			(res) => {
				let text = '';
				res.on('data', (chunk: Buffer) => (text += chunk.toString()));
				res.on('end', () => {
					const json = JSON.parse(text) as { type: string; status?: number; data?: string };
					const message = /Please try again in [^"]+/.exec(json.data ?? '')?.[0];
					done({ status: json.status ?? res.statusCode!, type: json.type, message });
				});
			}
		);
		req.on('error', fail);
		req.end(body);
	});
}

describe('login back-off per account and address', () => {
	it('a stranger backs off; the owner’s right password from their own address still works', async () => {
		const email = uniqueEmail('owner');
		await new HttpClient(server.url).signup({ name: 'Owner', email, password: 'right password' });

		// The stranger's first five wrong guesses are answered; from the sixth on they are refused,
		// and the wait grows.
		const outcomes = [];
		for (let i = 0; i < 6; i++)
			outcomes.push((await logInFrom(STRANGER, email, 'wrong guess')).status);
		expect(outcomes).toEqual([400, 400, 400, 400, 400, 400]);
		const refused = await logInFrom(STRANGER, email, 'wrong guess');
		expect(refused.status).toBe(429);
		expect(refused.message).toBe('Please try again in 1 seconds.');
		await new Promise((wait) => setTimeout(wait, 1100));
		expect((await logInFrom(STRANGER, email, 'wrong guess')).status).toBe(400); // 7th failure: 2 s
		const longer = await logInFrom(STRANGER, email, 'wrong guess');
		expect(longer.status).toBe(429);
		expect(longer.message).toMatch(/Please try again in 2 seconds/);
		// Even the right password is refused from the stranger's address while it backs off.
		expect((await logInFrom(STRANGER, email, 'right password')).status).toBe(429);

		// The owner, from their own address, gets in.
		const owner = await logInFrom(OWNER, email, 'right password');
		expect(owner.type).toBe('redirect');
		// Claiming to be the owner's address in a header changes nothing: no proxy is configured.
		const forged = await logInFrom(STRANGER, email, 'wrong guess', {
			'x-forwarded-for': OWNER
		});
		expect(forged.status).toBe(429);
		// The owner's success did not lift the stranger's back-off.
		expect((await logInFrom(STRANGER, email, 'right password')).status).toBe(429);
	});

	it('behind a proxy (ADDRESS_HEADER), the address it forwards is the one that backs off', async () => {
		const proxied = await startServer({ env: { ADDRESS_HEADER: 'x-forwarded-for' } });
		try {
			const email = uniqueEmail('owner');
			await new HttpClient(proxied.url).signup({ name: 'Owner', email, password: 'right pass' });
			const via = { to: proxied, from: '127.0.0.1' };
			const stranger = { 'x-forwarded-for': '198.51.100.9' };
			for (let i = 0; i < 6; i++)
				expect((await logInFrom(via, email, 'wrong guess', stranger)).status).toBe(400);
			expect((await logInFrom(via, email, 'wrong guess', stranger)).status).toBe(429);
			const owner = await logInFrom(via, email, 'right pass', { 'x-forwarded-for': '203.0.113.7' });
			expect(owner.type).toBe('redirect');
		} finally {
			await proxied.stop();
			await removeDb(proxied.dbPath);
		}
	});
});
