import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, uniqueEmail } from '../helpers/http';
import { startServer, removeDb, type RunningServer } from '../helpers/server';
import { connectSocket, connected, nextEvent, request } from '../helpers/socket';

let server: RunningServer;

beforeAll(async () => {
	server = await startServer();
});
afterAll(async () => {
	await server.stop();
	await removeDb(server.dbPath);
});

async function signedUp(name = 'Robin') {
	const client = new HttpClient(server.url);
	const email = uniqueEmail(name.toLowerCase());
	await client.signup({ name, email, password: 'a calm password' });
	return { client, email };
}

describe('socket handshake', () => {
	it('refuses a connection without a session cookie', async () => {
		const socket = connectSocket(server.url);
		await expect(connected(socket)).rejects.toThrow('unauthorized');
		socket.close();
	});

	it('refuses a forged session cookie', async () => {
		const socket = connectSocket(server.url, { cookie: 'hearth_session=abc.def' });
		await expect(connected(socket)).rejects.toThrow('unauthorized');
		socket.close();
	});

	it('refuses a valid session from a foreign Origin (cross-site WebSocket hijacking)', async () => {
		const { client } = await signedUp();
		const socket = connectSocket(server.url, {
			cookie: client.cookie,
			origin: 'https://evil.example'
		});
		await expect(connected(socket)).rejects.toThrow();
		expect(socket.connected).toBe(false);
		socket.close();
	});

	it('accepts a session cookie and knows who is connected', async () => {
		const { client } = await signedUp('Sam');
		const socket = connectSocket(server.url, { cookie: client.cookie });
		await connected(socket);
		const answer = await request<{ userId: string; name: string }>(socket, 'session:whoami', {});
		expect(answer.ok).toBe(true);
		if (answer.ok) expect(answer.data.name).toBe('Sam');
		socket.close();
	});
});

describe('acknowledgements', () => {
	it('answers a malformed payload with a typed error and keeps serving', async () => {
		const { client } = await signedUp();
		const socket = connectSocket(server.url, { cookie: client.cookie });
		await connected(socket);
		for (const payload of [null, 42, 'text', [1, 2], { extra: true }]) {
			const answer = await request(socket, 'session:whoami', payload);
			expect(answer).toMatchObject({ ok: false, error: { code: 'invalid' } });
		}
		const unknown = await request(socket, 'talk:explode', {});
		expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_event' } });
		expect((await request(socket, 'session:whoami', {})).ok).toBe(true);
		socket.close();
	});
});

describe('ending sessions', () => {
	it('logout disconnects the sockets of that session at once', async () => {
		const { client } = await signedUp();
		const socket = connectSocket(server.url, { cookie: client.cookie });
		await connected(socket);
		const cookie = client.cookie;
		const disconnected = nextEvent<string>(socket, 'disconnect');
		const result = await client.action('/logout', {});
		expect(result.body).toMatchObject({ type: 'redirect', location: '/login' });
		expect(await disconnected).toBe('io server disconnect');
		// The old cookie no longer opens a socket.
		const again = connectSocket(server.url, { cookie });
		await expect(connected(again)).rejects.toThrow('unauthorized');
		again.close();
	});

	it('"Log out of all devices" disconnects every device of that user, and no one else', async () => {
		const { client: phone, email } = await signedUp('Alex');
		const laptop = new HttpClient(server.url);
		await laptop.login(email, 'a calm password');
		const { client: stranger } = await signedUp('Stranger');

		const phoneSocket = connectSocket(server.url, { cookie: phone.cookie });
		const laptopSocket = connectSocket(server.url, { cookie: laptop.cookie });
		const strangerSocket = connectSocket(server.url, { cookie: stranger.cookie });
		await Promise.all([connected(phoneSocket), connected(laptopSocket), connected(strangerSocket)]);

		const ended = nextEvent<{ reason: string }>(laptopSocket, 'session:ended');
		const laptopGone = nextEvent<string>(laptopSocket, 'disconnect');
		const phoneGone = nextEvent<string>(phoneSocket, 'disconnect');
		const result = await phone.action('/settings?/logoutAll', {});
		expect(result.body.type).toBe('redirect');
		expect(await ended).toEqual({ reason: 'logout-all' });
		expect(await laptopGone).toBe('io server disconnect');
		expect(await phoneGone).toBe('io server disconnect');
		expect((await laptop.get('/settings')).status).toBe(303);
		expect(strangerSocket.connected).toBe(true);
		for (const socket of [phoneSocket, laptopSocket, strangerSocket]) socket.close();
	});
});
