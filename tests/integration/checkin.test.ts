/**
 * The weekly check-in end to end on the server: "Last time" through the visibility rule, a weekly
 * plan opening into a check-in, one open at a time, the quiet close, and — over real sockets and
 * pages of the built server — the reveal together and a "Not this week" that names nobody.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitIntent } from '$lib/server/conversations/pipeline';
import {
	CheckinAlreadyOpen,
	closeIdleCheckins,
	readCheckin,
	startCheckin
} from '$lib/server/checkin/checkins';
import { lastTimeFor } from '$lib/server/checkin/last-time';
import { actOnSchedule, joinScheduledTalk, proposeTalk } from '$lib/server/schedule/schedules';
import { scheduleCalendar } from '$lib/server/schedule/feeds';
import { sendDueReminders } from '$lib/server/schedule/reminders';
import { reminderText } from '$lib/schedule/messages';
import { startTalk } from '$lib/server/talk/talks';
import { pair } from '../helpers/domain';
import { couple } from '../helpers/couple';
import { removeDb, startServer, type RunningServer } from '../helpers/server';
import { connectSocket, connected, nextEvent, request } from '../helpers/socket';
import { clientId } from '../helpers/talk';

const MINUTE = 60_000;
const T0 = Date.UTC(2030, 0, 7, 19, 0);

/** Intents at a clock the test moves, a minute apart, so "latest" is never a tie. */
function clock(start = T0) {
	let now = start;
	return {
		tick: () => (now += MINUTE),
		act: (kind: 'live' | 'checkin', userId: string, id: string, intent: object) =>
			submitIntent(kind, userId, id, crypto.randomUUID(), intent, { now: (now += MINUTE) })
	};
}

describe('"Last time", as each person may see it', () => {
	it("shows what was confirmed understood, what would help, and only one's own resting cards", async () => {
		const { a, b } = await pair();
		const c = clock();
		// A talk: Alex answers, Sam reflects, Alex confirms; then Alex sets a card aside.
		const talk = (await startTalk(a.id, crypto.randomUUID(), c.tick())).conversationId;
		await c.act('live', a.id, talk, { type: 'draw' });
		await c.act('live', a.id, talk, { type: 'answer', text: 'The slow Sunday.', aloud: false });
		await c.act('live', b.id, talk, {
			type: 'reflect',
			text: 'Slowness matters to you.',
			feelings: ['calm', 'tired'],
			needs: []
		});
		await c.act('live', a.id, talk, { type: 'confirm', heard: ['calm'] });
		await c.act('live', b.id, talk, { type: 'draw' });
		await c.act('live', a.id, talk, { type: 'not-ready', scope: 'card' });
		await c.act('live', b.id, talk, { type: 'end' });

		const alexSees = (await lastTimeFor(a.id))!;
		expect(alexSees.heard).toEqual([
			{ listener: 'Sam', speaker: 'You', text: 'Slowness matters to you.', feelings: ['calm'] }
		]);
		expect(alexSees.asked).toEqual([]);
		expect(alexSees.resting).toHaveLength(1);
		// Sam sees the same understanding from their side, and never Alex's resting card.
		const samSees = (await lastTimeFor(b.id))!;
		expect(samSees.heard).toEqual([
			{ listener: 'You', speaker: 'Alex', text: 'Slowness matters to you.', feelings: ['calm'] }
		]);
		expect(samSees.resting).toEqual([]);
		expect(JSON.stringify(samSees)).not.toContain(alexSees.resting[0]!.text);

		// A check-in after it: its confirmed reflection and "what would help" are last time now.
		const checkin = (await startCheckin(b.id, crypto.randomUUID(), c.tick())).conversationId;
		for (const step of ['appreciation', 'went-well'] as const) {
			await c.act('checkin', a.id, checkin, { type: 'pass', step });
			await c.act('checkin', b.id, checkin, { type: 'pass', step });
		}
		await c.act('checkin', b.id, checkin, { type: 'answer', text: 'Work is loud.', aloud: false });
		await c.act('checkin', a.id, checkin, {
			type: 'reflect',
			text: 'You need quiet evenings.',
			feelings: [],
			needs: []
		});
		await c.act('checkin', b.id, checkin, { type: 'confirm' });
		await c.act('checkin', b.id, checkin, { type: 'move-on' });
		await c.act('checkin', a.id, checkin, { type: 'give', step: 'help', text: 'A walk on Sunday' });
		// While the step is open the page of the one starting a talk shows nothing of it.
		expect(JSON.stringify(await lastTimeFor(b.id))).not.toContain('A walk on Sunday');
		await c.act('checkin', b.id, checkin, { type: 'give', step: 'help', text: 'Dishes help' });
		expect((await readCheckin(a.id, checkin)).conversation.status).toBe('ended');

		// Sam held the floor (Sam began this one) and Alex heard: each reads it from their side.
		const heard = { text: 'You need quiet evenings.', feelings: [] };
		expect((await lastTimeFor(a.id))!.heard).toEqual([
			{ listener: 'You', speaker: 'Sam', ...heard }
		]);
		expect((await lastTimeFor(b.id))!.heard).toEqual([
			{ listener: 'Alex', speaker: 'You', ...heard }
		]);
		for (const viewer of [a.id, b.id])
			expect((await lastTimeFor(viewer))!.asked.map((x) => x.text).sort()).toEqual([
				'A walk on Sunday',
				'Dishes help'
			]);
		// The resting card stays Alex's alone, whichever conversation came last.
		expect((await lastTimeFor(a.id))!.resting).toHaveLength(1);
		expect((await lastTimeFor(b.id))!.resting).toEqual([]);

		// A check-in ended before "what would help" was done: words not revealed stay with their writer.
		const early = (await startCheckin(a.id, crypto.randomUUID(), c.tick())).conversationId;
		for (const step of ['appreciation', 'went-well'] as const) {
			await c.act('checkin', a.id, early, { type: 'pass', step });
			await c.act('checkin', b.id, early, { type: 'pass', step });
		}
		await c.act('checkin', a.id, early, { type: 'move-on' });
		await c.act('checkin', a.id, early, { type: 'give', step: 'help', text: 'zqunrevealed' });
		await c.act('checkin', b.id, early, { type: 'end' });
		expect((await lastTimeFor(a.id))!.asked).toEqual([{ who: 'You', text: 'zqunrevealed' }]);
		expect(JSON.stringify(await lastTimeFor(b.id))).not.toContain('zqunrevealed');
	});

	it('says nothing to a couple with nothing behind them, nor to someone outside a couple', async () => {
		const { a } = await pair();
		expect(await lastTimeFor(a.id)).toBeNull();
		const { a: other } = await pair(['Robin', 'Kai']);
		expect(await lastTimeFor(other.id)).toBeNull();
	});
});

describe('opening a check-in', () => {
	it('one open at a time: a second start joins the first', async () => {
		const { a, b } = await pair();
		const first = await startCheckin(a.id, crypto.randomUUID());
		let error: unknown;
		try {
			await startCheckin(b.id, crypto.randomUUID());
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(CheckinAlreadyOpen);
		expect((error as CheckinAlreadyOpen).conversationId).toBe(first.conversationId);
	});

	it('a weekly plan marked "our check-in" opens into the check-in, for both', async () => {
		const { a, b } = await pair();
		const start = Date.UTC(2031, 2, 4, 19, 0);
		const plan = await proposeTalk(
			a.id,
			{
				startsAt: start,
				durationMinutes: 30,
				intention: 'our week',
				repeat: 'weekly',
				checkin: true
			},
			start - 864e5
		);
		await actOnSchedule(b.id, plan.id, { type: 'accept' }, start - 864e5);
		// Its reminders say it is the check-in.
		const reminded = (await sendDueReminders(start - 10 * MINUTE)).filter(
			(r) => r.scheduleId === plan.id
		);
		expect(reminded).toEqual([expect.objectContaining({ kind: 'soon', checkin: true })]);
		expect(reminderText(reminded[0]!, start - 10 * MINUTE)).toBe(
			'Your check-in starts in 10 minutes — “our week”.'
		);
		// So does the calendar file.
		expect(await scheduleCalendar(a.id, plan.id, 'https://hearth.example')).toContain(
			'SUMMARY:Our check-in with Sam'
		);
		const opened = await joinScheduledTalk(b.id, plan.id, start - 5 * MINUTE);
		expect(opened).toMatchObject({ kind: 'checkin', started: true });
		const joined = await joinScheduledTalk(a.id, plan.id, start);
		expect(joined).toMatchObject({
			kind: 'checkin',
			started: false,
			conversationId: opened.conversationId
		});
		const { state, conversation } = await readCheckin(a.id, opened.conversationId);
		expect(conversation).toMatchObject({ kind: 'checkin', scheduleId: plan.id });
		expect(state.scheduled).toEqual({
			scheduleId: plan.id,
			occurrenceAt: start,
			intention: 'our week'
		});

		// A weekly plan that is not marked still opens a talk.
		const { a: c, b: d } = await pair(['Robin', 'Kai']);
		const talkPlan = await proposeTalk(
			c.id,
			{ startsAt: start, durationMinutes: 30, intention: null, repeat: 'weekly' },
			start - 864e5
		);
		await actOnSchedule(d.id, talkPlan.id, { type: 'accept' }, start - 864e5);
		expect(await joinScheduledTalk(c.id, talkPlan.id, start)).toMatchObject({ kind: 'live' });
		expect(await scheduleCalendar(c.id, talkPlan.id, 'https://hearth.example')).toContain(
			'SUMMARY:Talk with Kai'
		);
		const talkReminder = (await sendDueReminders(start)).filter(
			(r) => r.scheduleId === talkPlan.id
		);
		expect(talkReminder.map((r) => 'checkin' in r)).toEqual([false]);
	});

	it('a check-in left for a day closes by itself, quietly', async () => {
		const { a } = await pair();
		const { conversationId } = await startCheckin(a.id, crypto.randomUUID(), T0);
		const mine = <T extends { conversationId: string }>(closed: T[]) =>
			closed.filter((c) => c.conversationId === conversationId);
		expect(mine(await closeIdleCheckins(T0 + 23 * 60 * MINUTE))).toEqual([]);
		const closed = await closeIdleCheckins(T0 + 25 * 60 * MINUTE);
		expect(mine(closed).map((c) => [c.event.type, c.event.actorId])).toEqual([
			['checkin.ended', null]
		]);
		expect((await readCheckin(a.id, conversationId)).state).toMatchObject({
			status: 'ended',
			endReason: 'idle'
		});
	});
});

describe('a check-in on the built server', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startServer();
	});
	afterAll(async () => {
		await server.stop();
		await removeDb(server.dbPath);
	});

	it('reveals together over sockets and pages; a "Not this week" reaches the partner naming nobody', async () => {
		const { a, b } = await couple(server.url);
		const started = await a.action('/talk?/checkin', {});
		expect(started.body.type).toBe('redirect');
		const id = /\/checkin\/([0-9a-f-]{36})/.exec(started.body.location ?? '')![1]!;
		// Sam starting at the same time joins the same check-in.
		const again = await b.action('/talk?/checkin', {});
		expect(again.body.location).toBe(`/checkin/${id}`);

		const aSocket = connectSocket(server.url, { cookie: a.cookie });
		const bSocket = connectSocket(server.url, { cookie: b.cookie });
		await Promise.all([connected(aSocket), connected(bSocket)]);

		const samHears = nextEvent<{ event: { data: unknown; actorId: string | null } }>(
			bSocket,
			'conversation:event'
		);
		const given = await request(aSocket, 'checkin:give', {
			conversationId: id,
			clientId: clientId(),
			step: 'appreciation',
			text: 'zqsoup on a cold night'
		});
		expect(given.ok).toBe(true);
		const copy = await samHears;
		expect(copy.event.data).toEqual({ step: 'appreciation', text: null, withheld: true });
		for (const path of [`/checkin/${id}`, `/checkin/${id}/__data.json`, `/history/${id}`]) {
			const text = await (await b.get(path)).text();
			expect(text, path).not.toContain('zqsoup');
		}

		// Sam says "Not this week": Alex hears a step move on, and not who.
		const alexHears = nextEvent<{ event: { type: string; data: unknown; actorId: string | null } }>(
			aSocket,
			'conversation:event'
		);
		const passed = await request(bSocket, 'checkin:pass', {
			conversationId: id,
			clientId: clientId(),
			step: 'appreciation'
		});
		expect(passed.ok).toBe(true);
		expect((await alexHears).event).toMatchObject({
			type: 'entry.passed',
			actorId: null,
			data: { step: 'appreciation', completes: true }
		});
		// Now revealed to Sam: the page and its data carry Alex's words; no line names the pass.
		const page = await (await b.get(`/checkin/${id}`)).text();
		expect(page).toContain('zqsoup on a cold night');
		const history = await (await a.get(`/history/${id}`)).text();
		expect(history).toContain('An appreciation');
		expect(history).not.toMatch(/not this week|passed/i);

		// A late second tap on the step behind them is refused, calmly.
		const late = await request(bSocket, 'checkin:pass', {
			conversationId: id,
			clientId: clientId(),
			step: 'appreciation'
		});
		expect(late).toEqual({
			ok: false,
			error: { code: 'conflict', message: 'You have both moved on from that step.' }
		});
		aSocket.close();
		bSocket.close();
	});

	it('says where the partner is and what their screen has shown, to the partner only', async () => {
		const { a, b } = await couple(server.url);
		const other = await couple(server.url, ['Eve', 'Finn']);
		const started = await a.action('/talk?/checkin', {});
		const id = /\/checkin\/([0-9a-f-]{36})/.exec(started.body.location ?? '')![1]!;
		const aSocket = connectSocket(server.url, { cookie: a.cookie });
		const bSocket = connectSocket(server.url, { cookie: b.cookie });
		const eveSocket = connectSocket(server.url, { cookie: other.a.cookie });
		await Promise.all([connected(aSocket), connected(bSocket), connected(eveSocket)]);
		const eveHeard: string[] = [];
		eveSocket.onAny((name: string) => eveHeard.push(name));
		const whoA = await request<{ userId: string }>(aSocket, 'session:whoami', {});

		// Alex arrives and is writing: Sam hears both, as in a talk.
		const hello = nextEvent(bSocket, 'talk:presence');
		const said = await request(aSocket, 'talk:presence', {
			conversationId: id,
			state: 'writing',
			hello: true
		});
		expect(said).toEqual({ ok: true, data: { delivered: true } });
		expect(await hello).toEqual({
			conversationId: id,
			userId: whoA.ok && whoA.data.userId,
			state: 'writing',
			hello: true
		});

		// Alex's words; Sam's screen shows them and says so.
		const given = await request<{ event: { seq: number } }>(aSocket, 'checkin:give', {
			conversationId: id,
			clientId: clientId(),
			step: 'appreciation',
			text: 'The tea you left me'
		});
		expect(given.ok).toBe(true);
		const seq = given.ok ? given.data.event.seq : 0;
		const seen = nextEvent(aSocket, 'talk:seen');
		expect(await request(bSocket, 'talk:seen', { conversationId: id, seq })).toEqual({
			ok: true,
			data: { delivered: true }
		});
		expect(await seen).toMatchObject({ conversationId: id, seq });
		// Nothing past what exists.
		expect(await request(bSocket, 'talk:seen', { conversationId: id, seq: seq + 5 })).toEqual({
			ok: true,
			data: { delivered: false }
		});

		// Another couple can say nothing into it, and hears nothing of it.
		for (const [name, payload] of [
			['talk:presence', { conversationId: id, state: 'here', hello: true }],
			['talk:seen', { conversationId: id, seq: 1 }]
		] as const)
			expect(await request(eveSocket, name, payload)).toEqual({
				ok: false,
				error: { code: 'not_found', message: expect.any(String) }
			});
		// A sent card is no room: no presence, no "seen" (answering stays free of pressure).
		const sent = await a.action('/cards/send', {
			clientId: 'checkin-room-card-01',
			cardId: 'day-small-smile',
			revealTogether: 'on'
		});
		const cardId = /\/cards\/([0-9a-f-]{36})/.exec(sent.body.location ?? '')![1]!;
		expect(
			await request(aSocket, 'talk:presence', { conversationId: cardId, state: 'here' })
		).toEqual({ ok: false, error: { code: 'not_found', message: expect.any(String) } });
		expect(await request(bSocket, 'talk:seen', { conversationId: cardId, seq: 1 })).toEqual({
			ok: false,
			error: { code: 'not_found', message: expect.any(String) }
		});
		await new Promise((r) => setTimeout(r, 300));
		expect(eveHeard).toEqual([]);
		for (const socket of [aSocket, bSocket, eveSocket]) socket.close();
	});
});
