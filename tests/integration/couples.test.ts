import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { couple, invite, person } from '../helpers/couple';
import { removeDb, startServer, type RunningServer } from '../helpers/server';
import { connectSocket, connected, nextEvent } from '../helpers/socket';

let server: RunningServer;

beforeAll(async () => {
	server = await startServer();
});
afterAll(async () => {
	await server.stop();
	await removeDb(server.dbPath);
});

describe('pairing', () => {
	it('the inviter hears live that their partner joined', async () => {
		const alex = await person(server.url, 'Alex');
		const sam = await person(server.url, 'Sam');
		const socket = connectSocket(server.url, { cookie: alex.cookie });
		await connected(socket);
		const { token } = await invite(alex);
		const heard = nextEvent<{ change: string; partnerName: string }>(socket, 'couple:changed');
		const accepted = await sam.action(`/join/${token}`, {});
		expect(accepted.body).toMatchObject({ type: 'redirect' });
		expect(await heard).toEqual({ change: 'joined', partnerName: 'Sam' });
		expect(await (await alex.get('/')).text()).toContain(
			'You share this space with <strong>Sam</strong>'
		);
		socket.close();
	});

	it('joins by the short code too, whatever its case and dashes', async () => {
		const alex = await person(server.url, 'Alex');
		const sam = await person(server.url, 'Sam');
		const { code, token } = await invite(alex);
		const typed = code.toLowerCase().replace('-', ' - ');
		const found = await sam.action('/join', { code: typed });
		expect(found.body).toMatchObject({ type: 'redirect', location: `/join/${token}` });
		const wrong = await sam.action('/join', { code: 'ABC' });
		expect(wrong.status).toBe(400);
	});

	it('two people accepting one invite at once: exactly one succeeds', async () => {
		const alex = await person(server.url, 'Alex');
		const { token } = await invite(alex);
		const rivals = await Promise.all(
			['Sam', 'Kai', 'Noor', 'Ivo'].map((n) => person(server.url, n))
		);
		const results = await Promise.all(rivals.map((r) => r.action(`/join/${token}`, {})));
		const winners = results.filter((r) => r.body.type === 'redirect');
		expect(winners).toHaveLength(1);
		for (const loser of results.filter((r) => r.body.type !== 'redirect')) {
			expect(loser.status).toBe(409);
			expect(loser.data).toEqual({ message: expect.stringContaining('already been used') });
		}
	});

	it('leaving tells the partner live and leaves both read-only and free to pair again', async () => {
		const { a, b } = await couple(server.url);
		const socket = connectSocket(server.url, { cookie: a.cookie });
		await connected(socket);
		const heard = nextEvent<{ change: string; partnerName: string }>(socket, 'couple:changed');
		const left = await b.action('/settings/leave', {});
		expect(left.body).toMatchObject({ type: 'redirect', location: '/' });
		expect(await heard).toEqual({ change: 'left', partnerName: b.name });
		for (const who of [a, b]) {
			const home = await (await who.get('/')).text();
			expect(home).toContain('has ended');
			expect(home).toContain('Invite your partner');
		}
		socket.close();
	});

	it('an own, used or nonsense invite gets a kind message and changes nothing', async () => {
		const alex = await person(server.url, 'Alex');
		const { token } = await invite(alex);
		const own = await alex.action(`/join/${token}`, {});
		expect(own.data).toEqual({ message: expect.stringContaining('your own invite') });
		const page = await (await alex.get('/join/not-a-token')).text();
		expect(page).toContain("This invite link doesn't work");
	});
});
