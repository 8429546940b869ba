/**
 * Scheduled talks between two real clients.
 * - Against the built server: a proposal, a counter-proposal and an answer reach the partner's
 *   socket live; each reads the time in their own zone; the .ics stays one calendar entry; "Join
 *   now" opens the live talk with the intention, and the partner joins the same one.
 * - In process, with a real Socket.io server on a random port and a real SQLite file: reminders
 *   fire at the right moments of a clock the test sets (`sendDueReminders(now)`), never twice.
 */
import ICAL from 'ical.js';
import { DateTime, Settings } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDueReminders } from '$lib/server/schedule/reminders';
import { actOnSchedule, proposeTalk } from '$lib/server/schedule/schedules';
import { couple, type Person } from '../helpers/couple';
import { pair } from '../helpers/domain';
import { realtimeInProcess } from '../helpers/in-process';
import { removeDb, startServer, type RunningServer } from '../helpers/server';
import { connectSocket, connected, nextEvent, type TestSocket } from '../helpers/socket';

type Changed = { scheduleId: string; change: string; byName: string };
type Reminder = {
	scheduleId: string;
	occurrenceAt: number;
	kind: 'soon' | 'start';
	intention: string | null;
};

// Hearth writes dates the British way ("Tue 4 Mar", "Sept"): read them back the same way.
Settings.defaultLocale = 'en-GB';

const NY = 'America/New_York';
const LONDON = 'Europe/London';

describe('against the built server', () => {
	let server: RunningServer;
	let a: Person;
	let b: Person;
	let aSocket: TestSocket;
	let bSocket: TestSocket;

	beforeAll(async () => {
		server = await startServer();
		({ a, b } = await couple(server.url));
		// Alex lives in New York; Sam stays in London (the helper's zone).
		const saved = await a.action('/settings?/timeZone', { timeZone: NY });
		expect(saved.body.type).toBe('success');
		aSocket = connectSocket(server.url, { cookie: a.cookie });
		bSocket = connectSocket(server.url, { cookie: b.cookie });
		await Promise.all([connected(aSocket), connected(bSocket)]);
	});
	afterAll(async () => {
		aSocket?.close();
		bSocket?.close();
		await server?.stop();
		if (server) await removeDb(server.dbPath);
	});

	const nextWeek = DateTime.now().setZone(NY).plus({ days: 7 }).toFormat('yyyy-MM-dd');

	it('propose → counter → accept, each step live on the partner’s socket, in both zones', async () => {
		const heard = nextEvent<Changed>(bSocket, 'schedule:changed');
		const proposed = await a.action('/schedule/new', {
			date: nextWeek,
			time: '20:00',
			duration: '30',
			intention: "how we're doing with the move",
			repeat: 'none'
		});
		expect(proposed.body.type).toBe('redirect');
		const id = /\/schedule\/([0-9a-f-]{36})/.exec(proposed.body.location!)![1]!;
		expect(await heard).toEqual({ scheduleId: id, change: 'proposed', byName: a.name });

		// Sam reads it on the London clock, with Alex's time beside it.
		const instant = DateTime.fromISO(`${nextWeek}T20:00`, { zone: NY });
		const london = instant.setZone(LONDON);
		const samPage = await (await b.get(`/schedule/${id}`)).text();
		expect(samPage).toContain(
			`${london.toFormat('ccc d LLL')}, ${london.toFormat('HH:mm')} for you · ${instant.toFormat('ccc d LLL')}, 20:00 for ${a.name}`
		);
		expect(samPage).toContain('doing with the move');

		// Sam suggests 19:00 London time the day after; Alex hears it, with the new plan's id.
		const dayAfter = london.plus({ days: 1 }).toFormat('yyyy-MM-dd');
		const alexHears = nextEvent<Changed>(aSocket, 'schedule:changed');
		const countered = await b.action(`/schedule/${id}?/counter`, {
			form: 'counter',
			date: dayAfter,
			time: '19:00',
			duration: '45',
			intention: "how we're doing with the move",
			repeat: 'none'
		});
		expect(countered.body.type).toBe('redirect');
		const counterId = /\/schedule\/([0-9a-f-]{36})/.exec(countered.body.location!)![1]!;
		expect(counterId).not.toBe(id);
		expect(await alexHears).toEqual({ scheduleId: counterId, change: 'countered', byName: b.name });

		const newTime = DateTime.fromISO(`${dayAfter}T19:00`, { zone: LONDON });
		const alexPage = await (await a.get(`/schedule/${counterId}`)).text();
		expect(alexPage).toContain(
			`${newTime.setZone(NY).toFormat('ccc d LLL, HH:mm')} for you · 19:00 for ${b.name}`
		);

		// Sam cannot accept their own suggestion; Alex can, and Sam hears it.
		expect((await b.action(`/schedule/${counterId}?/accept`, {})).status).toBe(409);
		const samHears = nextEvent<Changed>(bSocket, 'schedule:changed');
		const accepted = await a.action(`/schedule/${counterId}?/accept`, {});
		expect(accepted.body.type).toBe('success');
		expect(await samHears).toEqual({ scheduleId: counterId, change: 'accepted', byName: a.name });

		// Home lists it for both, each in their own zone.
		const samHome = await (await b.get('/')).text();
		expect(samHome).toContain(`/schedule/${counterId}`);
		expect(samHome).toContain(`${newTime.toFormat('ccc d LLL')}, 19:00 for you`);
		const alexTalk = await (await a.get('/talk')).text();
		expect(alexTalk).toContain(`/schedule/${counterId}`);
	});

	it('the calendar file keeps one UID and a growing SEQUENCE through counter and cancel', async () => {
		const proposed = await a.action('/schedule/new', {
			date: nextWeek,
			time: '08:30',
			duration: '20',
			repeat: 'weekly'
		});
		const id = /\/schedule\/([0-9a-f-]{36})/.exec(proposed.body.location!)![1]!;
		const read = async (who: Person, scheduleId: string) => {
			const response = await who.get(`/schedule/${scheduleId}/calendar.ics`);
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toContain('text/calendar');
			const calendar = new ICAL.Component(ICAL.parse(await response.text()));
			return new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
		};
		const first = await read(b, id);
		expect(first.isRecurring()).toBe(true);
		expect(first.summary).toBe(`Talk with ${a.name}`);
		const countered = await b.action(`/schedule/${id}?/counter`, {
			date: nextWeek,
			time: '10:00',
			duration: '20',
			repeat: 'weekly'
		});
		const counterId = /\/schedule\/([0-9a-f-]{36})/.exec(countered.body.location!)![1]!;
		const second = await read(a, counterId);
		// The old link now gives the newest version of the same entry.
		const viaOld = await read(a, id);
		expect(second.uid).toBe(first.uid);
		expect(viaOld.uid).toBe(first.uid);
		expect(viaOld.sequence).toBe(second.sequence);
		expect(second.sequence).toBeGreaterThan(first.sequence);
		await b.action(`/schedule/${counterId}?/cancel`, {});
		const third = await read(a, counterId);
		expect(third.uid).toBe(first.uid);
		expect(third.sequence).toBeGreaterThan(second.sequence);
		expect(third.component.getFirstPropertyValue('status')).toBe('CANCELLED');
	});

	it('"Join now" opens the live talk with the intention; the partner joins the same talk', async () => {
		// A talk agreed for 5 minutes from now: "Join now" is open (10 minutes before its start).
		const soon = DateTime.now().setZone(NY).plus({ minutes: 5 });
		const proposed = await a.action('/schedule/new', {
			date: soon.toFormat('yyyy-MM-dd'),
			time: soon.toFormat('HH:mm'),
			duration: '30',
			intention: 'our weekly check-in',
			repeat: 'none'
		});
		const id = /\/schedule\/([0-9a-f-]{36})/.exec(proposed.body.location!)![1]!;
		// Not open before both said yes.
		expect((await a.action(`/schedule/${id}?/join`, {})).status).toBe(409);
		// Saying yes this close to the start sends the "soon" reminder to both at once.
		const reminded = nextEvent<Reminder>(aSocket, 'schedule:reminder');
		await b.action(`/schedule/${id}?/accept`, {});
		expect(await reminded).toMatchObject({
			scheduleId: id,
			kind: 'soon',
			intention: 'our weekly check-in'
		});

		const invited = nextEvent<{ conversationId: string }>(bSocket, 'talk:invited');
		const joined = await a.action(`/schedule/${id}?/join`, {});
		expect(joined.body.type).toBe('redirect');
		const talkId = /\/talk\/([0-9a-f-]{36})/.exec(joined.body.location!)![1]!;
		expect((await invited).conversationId).toBe(talkId);
		const samJoins = await b.action(`/schedule/${id}?/join`, {});
		expect(samJoins.body.location).toBe(`/talk/${talkId}`);
		const room = await (await b.get(`/talk/${talkId}`)).text();
		expect(room).toContain('our weekly check-in');
		// The plan links to its talk.
		expect(await (await a.get(`/schedule/${id}`)).text()).toContain(`/talk/${talkId}`);
	});
});

describe('reminders on a clock the test sets (in process)', () => {
	const realtime = realtimeInProcess();

	async function pairWithSockets() {
		const { a: alex, b: sam } = await pair(['Alex', 'Sam'], [NY, LONDON]);
		const alexHeard = await realtime.hears<Reminder>(alex.id, 'schedule:reminder');
		const samHeard = await realtime.hears<Reminder>(sam.id, 'schedule:reminder');
		return { alex, sam, alexHeard, samHeard };
	}

	const settle = () => new Promise((r) => setTimeout(r, 150));
	const MINUTE = 60_000;

	it('10 minutes before and at the start, to both partners, once each', async () => {
		const { alex, sam, alexHeard, samHeard } = await pairWithSockets();
		// Far from the real clock: only the test's clock makes these due.
		const start = DateTime.fromISO('2031-03-04T20:00', { zone: NY }).toMillis();
		const proposedAt = start - 7 * 24 * 60 * MINUTE;
		const plan = await proposeTalk(
			alex.id,
			{ startsAt: start, durationMinutes: 30, intention: 'the move', repeat: 'none' },
			proposedAt
		);
		await actOnSchedule(sam.id, plan.id, { type: 'accept' }, proposedAt);

		expect(
			(await sendDueReminders(start - 11 * MINUTE)).filter((r) => r.scheduleId === plan.id)
		).toEqual([]);
		const soon = (await sendDueReminders(start - 10 * MINUTE)).filter(
			(r) => r.scheduleId === plan.id
		);
		expect(soon.map((r) => r.kind)).toEqual(['soon']);
		await settle();
		const expected = {
			scheduleId: plan.id,
			occurrenceAt: start,
			kind: 'soon',
			intention: 'the move'
		};
		expect(alexHeard).toEqual([expected]);
		expect(samHeard).toEqual([expected]);

		// Sweeping again in the same window sends nothing twice.
		expect(
			(await sendDueReminders(start - 5 * MINUTE)).filter((r) => r.scheduleId === plan.id)
		).toEqual([]);
		expect(
			(await sendDueReminders(start)).filter((r) => r.scheduleId === plan.id).map((r) => r.kind)
		).toEqual(['start']);
		await settle();
		expect(alexHeard.map((r) => r.kind)).toEqual(['soon', 'start']);
		expect(samHeard.map((r) => r.kind)).toEqual(['soon', 'start']);
		expect(
			(await sendDueReminders(start + 10 * MINUTE)).filter((r) => r.scheduleId === plan.id)
		).toEqual([]);
	});

	it('a weekly series reminds every week at its local time, not a week taken off, and not late', async () => {
		const { alex, sam, samHeard } = await pairWithSockets();
		// Tuesdays 20:00 New York, across the US change on 9 March 2031.
		const first = DateTime.fromISO('2031-03-04T20:00', { zone: NY });
		const plan = await proposeTalk(
			alex.id,
			{ startsAt: first.toMillis(), durationMinutes: 30, intention: null, repeat: 'weekly' },
			first.toMillis() - 864e5
		);
		await actOnSchedule(sam.id, plan.id, { type: 'accept' }, first.toMillis() - 864e5);
		const week2 = first.plus({ weeks: 1 }).toMillis();
		const week3 = first.plus({ weeks: 2 }).toMillis();
		await actOnSchedule(
			sam.id,
			plan.id,
			{ type: 'skip', occurrenceAt: week2 },
			first.toMillis() - 864e5
		);

		const mine = async (now: number) =>
			(await sendDueReminders(now)).filter((r) => r.scheduleId === plan.id);
		expect((await mine(first.toMillis())).map((r) => r.kind)).toEqual(['start']); // its "soon" moment was missed: not sent late
		expect(await mine(week2 - 10 * MINUTE)).toEqual([]); // the week taken off
		expect(await mine(week2)).toEqual([]);
		// Week 3 is after the US change: 20:00 New York is now 00:00 UTC, an hour earlier than before.
		expect(new Date(week3).toISOString()).toBe('2031-03-19T00:00:00.000Z');
		expect(await mine(week3 - 70 * MINUTE)).toEqual([]);
		expect((await mine(week3 - 10 * MINUTE)).map((r) => [r.kind, r.occurrenceAt])).toEqual([
			['soon', week3]
		]);
		await settle();
		expect(samHeard.map((r) => [r.kind, r.occurrenceAt])).toEqual([
			['start', first.toMillis()],
			['soon', week3]
		]);
	});

	it('a plan not agreed, or taken off the calendar, sends no reminder', async () => {
		const { alex, sam, samHeard } = await pairWithSockets();
		const start = DateTime.fromISO('2031-05-06T20:00', { zone: NY }).toMillis();
		const waiting = await proposeTalk(
			alex.id,
			{ startsAt: start, durationMinutes: 30, intention: null, repeat: 'none' },
			start - 864e5
		);
		const called = await proposeTalk(
			alex.id,
			{ startsAt: start, durationMinutes: 30, intention: null, repeat: 'none' },
			start - 864e5
		);
		await actOnSchedule(sam.id, called.id, { type: 'accept' }, start - 864e5);
		await actOnSchedule(sam.id, called.id, { type: 'cancel' }, start - 864e5);
		const ids = new Set([waiting.id, called.id]);
		expect(
			(await sendDueReminders(start - 10 * MINUTE)).filter((r) => ids.has(r.scheduleId))
		).toEqual([]);
		expect((await sendDueReminders(start)).filter((r) => ids.has(r.scheduleId))).toEqual([]);
		await settle();
		expect(samHeard).toEqual([]);
	});
});
