/**
 * The access matrix for questions for today: a third person (in a couple of their own) tries every
 * route and socket event against another couple's question, and the partner tries them before the
 * question reached them at their hour. Every attempt is not found, nothing is appended, and
 * nothing of the question is in any answer.
 */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { couple, type Person } from '../helpers/couple';
import { removeDb, startServer, type RunningServer } from '../helpers/server';
import { connectSocket, connected, nextEvent, request, type TestSocket } from '../helpers/socket';

let server: RunningServer;
let a: Person;
let b: Person;
let eve: Person;
let eveSocket: TestSocket;
const eveHeard: unknown[] = [];

const choose = (hour: number) => ({
	enabled: 'on',
	hour: String(hour),
	depth: 'light',
	...Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [`day${d}`, 'on']))
});
const ACTIONS = ['answer', 'reflect', 'confirm', 'notQuite', 'appreciate', 'notToday'];

beforeAll(async () => {
	server = await startServer();
	({ a, b } = await couple(server.url, ['Alexandra', 'Samwise']));
	const other = await couple(server.url, ['Eve', 'Mallory']);
	eve = other.a;
	// Eve and Mallory have it on too: nothing of theirs may ever mix with the other couple's.
	await eve.action('/settings?/daily', choose(0));
	await other.b.action('/settings?/daily', choose(0));
	eveSocket = connectSocket(server.url, { cookie: eve.cookie });
	await connected(eveSocket);
	eveSocket.onAny((...args) => eveHeard.push(args));
});

afterAll(async () => {
	eveSocket.close();
	await server.stop();
	await removeDb(server.dbPath);
});

async function cardTextOf(who: Person, id: string) {
	const page = await (await who.get(`/today/${id}`)).text();
	return /data-testid="card-text"[^>]*>([^<]+)</.exec(page)![1]!;
}

async function expectNotFoundEverywhere(
	who: Person,
	socket: TestSocket,
	id: string,
	words: string
) {
	const page = await who.get(`/today/${id}`);
	expect(page.status).toBe(404);
	expect(await page.text()).not.toContain(words);
	for (const name of ACTIONS) {
		const result = await who.action(`/today/${id}?/${name}`, {
			clientId: `matrix-${name}-x1`,
			text: 'intrusion'
		});
		expect(result.status, name).toBe(404);
		expect(JSON.stringify(result)).not.toContain(words);
	}
	expect((await who.get(`/history/${id}`)).status).toBe(404);
	const today = await who.get('/today');
	expect(today.headers.get('location') ?? '').not.toContain(id);
	const synced = await request(socket, 'conversation:sync', {
		conversationId: id,
		kind: 'daily',
		afterSeq: 0
	});
	expect(synced).toEqual({ ok: false, error: { code: 'not_found', message: expect.any(String) } });
	const history = await (await who.get('/history')).text();
	expect(history).not.toContain(id);
	const search = await (await who.get(`/history?q=${encodeURIComponent(words)}`)).text();
	expect(search).not.toContain(id);
	expect(await (await who.get('/settings/export.json')).text()).not.toContain(id);
}

describe('access matrix: questions for today', () => {
	it('the partner before their hour, and a third person always, find nothing of it', async () => {
		// Samwise's hour is still ahead today on the London clock (skipped in the day's last hour).
		const londonHour = DateTime.now().setZone('Europe/London').hour;
		const laterHour = londonHour + 1;
		const aSocket = connectSocket(server.url, { cookie: a.cookie });
		const bSocket = connectSocket(server.url, { cookie: b.cookie });
		await Promise.all([connected(aSocket), connected(bSocket)]);
		const bHeard: unknown[] = [];
		bSocket.onAny((...args) => bHeard.push(args));

		await a.action('/settings?/daily', choose(0));
		const arrived = nextEvent<{ conversationId: string }>(aSocket, 'daily:arrived');
		await b.action('/settings?/daily', choose(laterHour <= 23 ? laterHour : 0));
		const { conversationId: id } = await arrived;
		const words = await cardTextOf(a, id);

		if (laterHour <= 23) {
			// Not yet Samwise's hour: not even that it exists.
			await expectNotFoundEverywhere(b, bSocket, id, words);
			expect(bHeard).toEqual([]);
		}
		await expectNotFoundEverywhere(eve, eveSocket, id, words);
		expect(JSON.stringify(eveHeard)).not.toContain(id);
		// Alexandra's question holds none of the intrusions.
		const own = await (await a.get(`/today/${id}`)).text();
		expect(own).not.toContain('intrusion');
		expect(own).toContain(words);
		aSocket.close();
		bSocket.close();
	});
});
