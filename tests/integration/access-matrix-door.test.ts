/**
 * The access matrix for an open door, against the built server: a third person (in a couple of
 * their own) tries every route and socket event with another couple's door; both partners find it
 * on no surface of history; once the couple has ended, a former partner finds nothing of it — not
 * even "read-only". Every attempt is not found, nothing is stored, and nothing of the door is in
 * any answer. The test clock a request may carry is honoured only where tests allow it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { couple, type Person } from '../helpers/couple';
import { inspect, onPostgres } from '../helpers/database';
import { removeDb, startServer, tempDbPath, type RunningServer } from '../helpers/server';
import { connectSocket, connected, request, type TestSocket } from '../helpers/socket';

const DAY = 24 * 60 * 60 * 1000;
const NOTE = 'left the door open for a talk this week';

let server: RunningServer;
let a: Person;
let b: Person;
let eve: Person;
let mallory: Person;
let eveSocket: TestSocket;
const eveHeard: unknown[] = [];
const clientId = () => crypto.randomUUID().replaceAll('-', '');

beforeAll(async () => {
	server = await startServer();
	({ a, b } = await couple(server.url, ['Alexandra', 'Samwise']));
	({ a: eve, b: mallory } = await couple(server.url, ['Eve', 'Mallory']));
	eveSocket = connectSocket(server.url, { cookie: eve.cookie });
	await connected(eveSocket);
	eveSocket.onAny((...args) => eveHeard.push(args));
});

afterAll(async () => {
	eveSocket.close();
	await server.stop();
	await removeDb(server.dbPath);
});

/** Every row of every table, counted: what "nothing was stored" means. */
async function rowCounts(dbPath: string) {
	const db = await inspect(dbPath);
	try {
		const tables = await db.all<{ name: string }>(
			onPostgres()
				? "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'"
				: "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'"
		);
		const counts: Record<string, number> = {};
		for (const { name } of tables)
			counts[name] = Number(
				(await db.get<{ n: number }>(`select count(*) as n from "${name}"`))!.n
			);
		return counts;
	} finally {
		await db.close();
	}
}

const doorIdOn = (html: string) => /name="doorId" value="([0-9a-f-]{36})"/.exec(html)?.[1];

async function expectNothingOfTheDoor(who: Person, socket: TestSocket, doorId: string) {
	for (const path of ['/', '/talk', '/door', '/schedule/new?door=1', '/history']) {
		const text = await (await who.get(path)).text();
		expect(text, path).not.toContain(doorId);
		expect(text, path).not.toContain(NOTE);
		expect(text, path).not.toContain('Your door is open');
	}
	expect((await who.get(`/history/${doorId}`)).status).toBe(404);
	for (const [name, fields] of [
		['moment', { seq: '1' }],
		['note', { note: 'intrusion' }]
	] as const) {
		const result = await who.action(`/history/${doorId}?/${name}`, fields);
		expect(result.status, name).toBe(404);
	}
	const closed = await who.action('/door?/close', { clientId: clientId(), doorId });
	expect(closed.status).toBe(404);
	expect(JSON.stringify(closed)).not.toContain(a.name);
	for (const event of ['conversation:sync', 'conversation:read'] as const) {
		const answer = await request(socket, event, {
			conversationId: doorId,
			kind: 'door',
			...(event === 'conversation:sync' ? { afterSeq: 0 } : { seq: 1 })
		});
		expect(answer.ok, event).toBe(false);
		expect(JSON.stringify(answer)).not.toContain(a.name);
	}
	expect(await (await who.get('/settings/export.json')).text()).not.toContain(doorId);
	expect(await (await who.get('/settings/export.md')).text()).not.toContain('door');
}

describe('access matrix: an open door', () => {
	it('reaches the partner only, never history, and nobody outside the couple', async () => {
		const aSocket = connectSocket(server.url, { cookie: a.cookie });
		const bSocket = connectSocket(server.url, { cookie: b.cookie });
		await Promise.all([connected(aSocket), connected(bSocket)]);
		const bHeard: { name: string }[] = [];
		bSocket.onAny((name: string) => bHeard.push({ name }));

		const opened = await a.action('/door?/open', { clientId: clientId(), depth: 'on-my-mind' });
		expect(opened.body.type).toBe('success');
		await new Promise((r) => setTimeout(r, 300));
		expect(bHeard.map((h) => h.name)).toEqual(['conversation:event']);
		const home = await (await b.get('/')).text();
		expect(home).toContain(`${a.name} ${NOTE}`);
		expect(home).toContain('Something is on their mind.');
		const doorId = doorIdOn(home)!;
		expect(doorId).toMatch(/^[0-9a-f-]{36}$/);
		expect(await (await a.get('/')).text()).toContain('Your door is open');
		// Proposing a time through the door starts from its depth.
		const plan = await (await b.get('/schedule/new?door=1')).text();
		expect(plan).toContain(`${a.name} left the door open`);
		expect(plan).toMatch(/value="What(&#39;|')s on your mind"/);

		// Eve, of another couple, finds nothing, changes nothing, hears nothing.
		const rows = await rowCounts(server.dbPath);
		await expectNothingOfTheDoor(eve, eveSocket, doorId);
		expect(await rowCounts(server.dbPath)).toEqual(rows);
		expect(JSON.stringify(eveHeard)).not.toContain(doorId);

		// Both partners: it is a signal, not history — no page, no moment, no note, no export.
		for (const [who, socket] of [
			[a, aSocket],
			[b, bSocket]
		] as const) {
			expect((await who.get(`/history/${doorId}`)).status).toBe(404);
			expect((await who.action(`/history/${doorId}?/moment`, { seq: '1' })).status).toBe(404);
			const synced = await request(socket, 'conversation:sync', {
				conversationId: doorId,
				kind: 'door',
				afterSeq: 0
			});
			expect(synced.ok).toBe(false);
			expect(await (await who.get('/settings/export.json')).text()).not.toContain(doorId);
		}
		expect(await rowCounts(server.dbPath)).toEqual(rows);

		// A door Eve's couple opens never reaches this couple.
		const before = bHeard.length;
		await mallory.action('/door?/open', { clientId: clientId(), depth: '' });
		await new Promise((r) => setTimeout(r, 300));
		expect(bHeard.length).toBe(before);
		expect(await (await b.get('/')).text()).not.toContain('Mallory');

		// Bad input is refused plainly and stores nothing.
		const rowsNow = await rowCounts(server.dbPath);
		const odd = await a.action('/door?/open', { clientId: clientId(), depth: 'deep' });
		expect(odd.status).toBe(400);
		expect((await a.action('/door?/close', { clientId: clientId(), doorId: 'nope' })).status).toBe(
			404
		);
		expect(await rowCounts(server.dbPath)).toEqual(rowsNow);

		// Samwise closes it ("Thanks — we talked"); then the couple ends: nothing of it is left.
		expect((await b.action('/door?/close', { clientId: clientId(), doorId })).body.type).toBe(
			'success'
		);
		await a.action('/door?/open', { clientId: clientId(), depth: 'light' });
		const second = doorIdOn(await (await b.get('/')).text())!;
		expect(second).not.toBe(doorId);
		await b.action('/settings/leave', {});
		for (const [who, socket] of [
			[a, aSocket],
			[b, bSocket]
		] as const) {
			await expectNothingOfTheDoor(who, socket, second);
		}
		aSocket.close();
		bSocket.close();
	});

	it('the test clock is honoured only where tests allow it, never in production', async () => {
		const later = String(Date.now() + 8 * DAY);
		const { a: opener, b: partner } = await couple(server.url, ['Olive', 'Pat']);
		await opener.action('/door?/open', { clientId: clientId(), depth: '' });
		// This server was started without the setting: the header changes nothing.
		const seen = await fetch(`${server.url}/`, {
			headers: { cookie: partner.cookie, 'x-hearth-test-now': later }
		}).then((r) => r.text());
		expect(seen).toContain(NOTE);

		const allowed = await startServer({ env: { HEARTH_ALLOW_TEST_CLOCK: '1' } });
		try {
			const pair = await couple(allowed.url, ['Quinn', 'Rae']);
			await pair.a.action('/door?/open', { clientId: clientId(), depth: '' });
			const page = (headers: Record<string, string>) =>
				fetch(`${allowed.url}/`, { headers: { cookie: pair.b.cookie, ...headers } }).then((r) =>
					r.text()
				);
			expect(await page({})).toContain(NOTE);
			// A week on, it has faded by itself: for the partner and for the one who opened it.
			expect(await page({ 'x-hearth-test-now': later })).not.toContain(NOTE);
			expect(await page({ 'x-hearth-test-now': 'soon' })).toContain(NOTE);
		} finally {
			await allowed.stop();
			await removeDb(allowed.dbPath);
		}

		const dbPath = tempDbPath('clock-production');
		await expect(
			startServer({ dbPath, env: { HEARTH_ALLOW_TEST_CLOCK: '1', NODE_ENV: 'production' } })
		).rejects.toThrow(/HEARTH_ALLOW_TEST_CLOCK is for tests only/);
		await removeDb(dbPath);
	});
});
