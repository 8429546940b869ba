/**
 * The access matrix for scheduled talks: a third person, in a couple of their own, tries every
 * schedule route, action and calendar link against another couple's plans. Every attempt is "not
 * found" (the same answer as for an id that does not exist), nothing changes, and nothing of that
 * couple is in the answer or on the third person's socket. Signed-out visitors are sent to log in;
 * calendar feeds open only with their own unrevoked secret.
 */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { couple, person, type Person } from '../helpers/couple';
import { HttpClient } from '../helpers/http';
import { removeDb, startServer, type RunningServer } from '../helpers/server';
import { connectSocket, connected, nextEvent, type TestSocket } from '../helpers/socket';

let server: RunningServer;
let a: Person;
let b: Person;
let eve: Person;
let eveSocket: TestSocket;
const eveHeard: unknown[][] = [];
let planId: string;
let weeklyId: string;
let weekAt: string;
const INTENTION = 'a very private intention about the move';

const nextWeek = DateTime.now().setZone('Europe/London').plus({ days: 7 }).toFormat('yyyy-MM-dd');
const planFields = {
	date: nextWeek,
	time: '20:00',
	duration: '30',
	intention: 'eve was here',
	repeat: 'none'
};

beforeAll(async () => {
	server = await startServer();
	({ a, b } = await couple(server.url, ['Alexandra', 'Samwise']));
	eve = (await couple(server.url, ['Eve', 'Mallory'])).a;
	eveSocket = connectSocket(server.url, { cookie: eve.cookie });
	await connected(eveSocket);
	eveSocket.onAny((...args) => eveHeard.push(args));

	const proposed = await a.action('/schedule/new', { ...planFields, intention: INTENTION });
	planId = /\/schedule\/([0-9a-f-]{36})/.exec(proposed.body.location!)![1]!;
	const weekly = await a.action('/schedule/new', {
		...planFields,
		intention: INTENTION,
		repeat: 'weekly'
	});
	weeklyId = /\/schedule\/([0-9a-f-]{36})/.exec(weekly.body.location!)![1]!;
	expect((await b.action(`/schedule/${weeklyId}?/accept`, {})).body.type).toBe('success');
	const page = await (await a.get(`/schedule/${weeklyId}`)).text();
	weekAt = /name="occurrenceAt" value="(\d+)"/.exec(page)![1]!;
});

afterAll(async () => {
	eveSocket?.close();
	await server?.stop();
	if (server) await removeDb(server.dbPath);
});

function expectNothingOf(text: string) {
	for (const secret of [a.name, b.name, a.email, b.email, INTENTION, planId, weeklyId])
		expect(text).not.toContain(secret);
}

describe('access matrix: schedule pages', () => {
	it("another couple's plan is not found, exactly like a plan that does not exist", async () => {
		for (const id of [planId, weeklyId]) {
			const theirs = await eve.get(`/schedule/${id}`);
			const nobodys = await eve.get(`/schedule/${crypto.randomUUID()}`);
			expect(theirs.status).toBe(404);
			expect(nobodys.status).toBe(404);
			const text = await theirs.text();
			expectNothingOf(text);
			// Ids and the per-response CSP nonce differ; nothing else may.
			const same = (html: string) =>
				html
					.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '')
					.replace(/nonce="[^"]*"/g, '');
			expect(same(text)).toBe(same(await nobodys.text()));
		}
		expect((await eve.get('/schedule/not-a-uuid')).status).toBe(404);
		expect((await eve.get('/schedule/..%2Fnew')).status).toBe(404);
	});

	it("another couple's calendar file is not found", async () => {
		for (const id of [planId, weeklyId, crypto.randomUUID()]) {
			const response = await eve.get(`/schedule/${id}/calendar.ics`);
			expect(response.status).toBe(404);
			expect(response.headers.get('content-type')).not.toContain('text/calendar');
			expectNothingOf(await response.text());
		}
		expect((await eve.get('/schedule/nope/calendar.ics')).status).toBe(404);
		// The couple's own members get it.
		expect((await b.get(`/schedule/${planId}/calendar.ics`)).status).toBe(200);
	});

	it("every action on another couple's plan is not found and changes nothing", async () => {
		const attempts: [string, string, Record<string, string>][] = [
			[planId, 'accept', {}],
			[planId, 'decline', { note: 'no' }],
			[planId, 'counter', planFields],
			[planId, 'change', planFields],
			[planId, 'cancel', {}],
			[weeklyId, 'skip', { occurrenceAt: weekAt }],
			[weeklyId, 'cancel', {}],
			[weeklyId, 'change', planFields],
			[weeklyId, 'join', {}]
		];
		for (const [id, action, fields] of attempts) {
			const result = await eve.action(`/schedule/${id}?/${action}`, fields);
			expect(result.status, action).toBe(404);
			expectNothingOf(JSON.stringify(result));
			const nobodys = await eve.action(`/schedule/${crypto.randomUUID()}?/${action}`, fields);
			expect(nobodys.status, action).toBe(404);
			expect(JSON.stringify(nobodys.data)).toBe(JSON.stringify(result.data));
		}
		expect((await eve.action('/schedule/not-a-uuid?/accept', {})).status).toBe(404);
		// Still as they left it: the proposal waits for Samwise, the weekly talk has all its weeks.
		const plan = await (await b.get(`/schedule/${planId}`)).text();
		expect(plan).toContain("Yes, let's talk then");
		const weekly = await (await a.get(`/schedule/${weeklyId}`)).text();
		expect(weekly).not.toContain('Taking this week off');
		expect(weekly).not.toContain('eve was here');
		expect(plan).not.toContain('eve was here');
	});

	it("pages show only the caller's own couple", async () => {
		for (const path of ['/', '/talk', '/schedule', '/schedule/new']) {
			const response = await eve.get(path);
			expect(response.status, path).toBe(200);
			expectNothingOf(await response.text());
		}
	});

	it('signed out, every schedule page and action asks to log in first', async () => {
		const visitor = new HttpClient(server.url);
		for (const path of [
			'/schedule',
			'/schedule/new',
			`/schedule/${planId}`,
			`/schedule/${planId}/calendar.ics`
		]) {
			const response = await visitor.get(path);
			expect(response.status, path).toBe(303);
			expect(response.headers.get('location'), path).toMatch(/^\/login\?redirectTo=/);
			expectNothingOf(await response.text());
		}
		for (const action of ['accept', 'decline', 'cancel', 'join']) {
			const result = await visitor.action(`/schedule/${planId}?/${action}`, {});
			expect(result.body.type, action).toBe('redirect');
			expect(result.body.location, action).toMatch(/^\/login/);
		}
		expect((await visitor.action('/schedule/new', planFields)).body.location).toMatch(/^\/login/);
		expect((await b.get(`/schedule/${planId}`)).status).toBe(200);
		expect(await (await b.get(`/schedule/${planId}`)).text()).toContain('would like to talk');
	});

	it('someone without a partner cannot plan a talk, and is told kindly', async () => {
		const loner = await person(server.url, 'Loner');
		expect(await (await loner.get('/schedule/new')).text()).toContain('Invite your partner');
		const result = await loner.action('/schedule/new', planFields);
		expect(result.status).toBe(409);
		expect(JSON.stringify(result.data)).toContain('invite your partner first');
		expect((await loner.get(`/schedule/${planId}`)).status).toBe(404);
	});
});

describe('access matrix: calendar feeds', () => {
	const feedOf = async (who: Person) => {
		const made = await who.action('/schedule?/feed', {});
		const url = (made.data as { feedUrl: string }).feedUrl;
		expect(url).toMatch(/\/calendar\/[a-z2-7]{32}\.ics$/);
		return new URL(url).pathname;
	};

	it('a feed holds only its owner’s couple, opens without a session, and stops when revoked', async () => {
		const aFeed = await feedOf(a);
		const eveFeed = await feedOf(eve);
		const visitor = new HttpClient(server.url);
		const mine = await visitor.get(aFeed);
		expect(mine.status).toBe(200);
		const text = await mine.text();
		expect(text).toContain(`UID:${planId}@hearth`);
		expect(text).toContain(`UID:${weeklyId}@hearth`);
		const theirs = await (await visitor.get(eveFeed)).text();
		expect(theirs).toContain('BEGIN:VCALENDAR');
		expectNothingOf(theirs);

		// Only the hash is kept: a guessed or altered secret is simply not found.
		const altered = aFeed.replace(
			/\/calendar\/(.)/,
			(_m, c: string) => `/calendar/${c === 'a' ? 'b' : 'a'}`
		);
		for (const path of [altered, '/calendar/short.ics', '/calendar/../schedule.ics'])
			expect((await visitor.get(path)).status, path).toBe(404);

		// A new link revokes the old one; turning it off revokes it too.
		const again = await feedOf(a);
		expect((await visitor.get(aFeed)).status).toBe(404);
		expect((await visitor.get(again)).status).toBe(200);
		expect((await a.action('/schedule?/revokeFeed', {})).body.type).toBe('success');
		expect((await visitor.get(again)).status).toBe(404);
		// Eve's revoking touches only Eve's link.
		expect((await visitor.get(eveFeed)).status).toBe(200);
	});
});

describe('access matrix: schedule socket events', () => {
	it("another couple's proposals, answers and reminders never reach a third person", async () => {
		const bSocket = connectSocket(server.url, { cookie: b.cookie });
		await connected(bSocket);
		const before = eveHeard.length;
		// A talk agreed 5 minutes ahead sends its "soon" reminder at once.
		const soon = DateTime.now().setZone('Europe/London').plus({ minutes: 5 });
		const heard = nextEvent(bSocket, 'schedule:changed');
		const made = await a.action('/schedule/new', {
			date: soon.toFormat('yyyy-MM-dd'),
			time: soon.toFormat('HH:mm'),
			duration: '30',
			intention: INTENTION,
			repeat: 'none'
		});
		await heard;
		const id = /\/schedule\/([0-9a-f-]{36})/.exec(made.body.location!)![1]!;
		const reminded = nextEvent(bSocket, 'schedule:reminder');
		await b.action(`/schedule/${id}?/accept`, {});
		await reminded;
		await a.action(`/schedule/${planId}?/cancel`, {});
		await new Promise((r) => setTimeout(r, 300));
		expect(eveHeard.slice(before)).toEqual([]);
		bSocket.close();
	});
});
