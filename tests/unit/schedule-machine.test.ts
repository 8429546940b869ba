/**
 * The proposal state machine: proposed → accepted / declined / countered / cancelled, changes by
 * the proposer, and a weekly series taking one week off without ending. First as a pure function,
 * then through the database (the couple gate, the counter-proposal chain, crossing answers).
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Plan } from '$lib/schemas/schedule';
import { createUser } from '$lib/server/auth/accounts';
import { acceptInvite, createInvite } from '$lib/server/couples/invites';
import { leaveCouple } from '$lib/server/couples/settings';
import { AppError } from '$lib/server/errors';
import {
	allowedActions,
	decide,
	type ScheduleAction,
	type ScheduleState
} from '$lib/server/schedule/machine';
import { nextOccurrences, nthOccurrence } from '$lib/server/schedule/occurrences';
import {
	actOnSchedule,
	chainLatest,
	chainRoot,
	proposeTalk,
	scheduleForReading,
	stateOf,
	upcomingTalks
} from '$lib/server/schedule/schedules';

const ALEX = 'alex';
const SAM = 'sam';
const NOW = Date.UTC(2025, 2, 1, 12, 0);
const LATER = DateTime.fromISO('2025-03-04T20:00', { zone: 'Europe/London' }).toMillis();
const plan = (overrides: Partial<Plan> = {}): Plan => ({
	startsAt: LATER,
	durationMinutes: 30,
	intention: "how we're doing with the move",
	repeat: 'none',
	...overrides
});

function state(overrides: Partial<ScheduleState> = {}): ScheduleState {
	return {
		status: 'proposed',
		proposedBy: ALEX,
		intention: null,
		startsAt: LATER,
		timeZone: 'Europe/London',
		durationMinutes: 30,
		repeat: 'none',
		skipped: [],
		...overrides
	};
}

const outcome = (s: ScheduleState, actor: string, action: ScheduleAction, now = NOW) => {
	const d = decide(s, actor, action, now);
	if (!d.ok) throw new Error(d.message);
	return d.outcome;
};
const refused = (s: ScheduleState, actor: string, action: ScheduleAction, now = NOW) => {
	const d = decide(s, actor, action, now);
	return d.ok ? null : d.message;
};

describe('a proposal, as a pure state machine', () => {
	it('the partner can accept, decline kindly or suggest another time; the proposer cannot', () => {
		const s = state();
		expect(outcome(s, SAM, { type: 'accept' }).status).toBe('accepted');
		const declined = outcome(s, SAM, { type: 'decline', note: 'Not tonight — Thursday?' });
		expect(declined).toEqual({
			status: 'declined',
			patch: { responseNote: 'Not tonight — Thursday?' }
		});
		const countered = outcome(s, SAM, {
			type: 'counter',
			plan: plan({ startsAt: LATER + 3600e3 })
		});
		expect(countered.status).toBe('countered');
		expect(countered.counter?.startsAt).toBe(LATER + 3600e3);
		expect(refused(s, ALEX, { type: 'accept' })).toMatch(/waiting for your partner/);
		expect(refused(s, ALEX, { type: 'decline', note: null })).toMatch(/waiting for your partner/);
		expect(refused(s, ALEX, { type: 'counter', plan: plan() })).toMatch(/change your own plan/);
	});

	it('the proposer can cancel or change it; the partner declines instead of cancelling', () => {
		const s = state();
		expect(outcome(s, ALEX, { type: 'cancel' }).status).toBe('cancelled');
		expect(refused(s, SAM, { type: 'cancel' })).toMatch(/not this time/);
		const changed = outcome(s, ALEX, { type: 'change', plan: plan({ durationMinutes: 45 }) });
		expect(changed.status).toBe('proposed');
		expect(changed.patch.durationMinutes).toBe(45);
		expect(refused(s, SAM, { type: 'change', plan: plan() })).toMatch(/suggest another time/);
	});

	it('lists exactly the steps each partner may take', () => {
		expect(allowedActions(state(), ALEX, NOW)).toEqual(['cancel', 'change']);
		expect(allowedActions(state(), SAM, NOW)).toEqual(['accept', 'decline', 'counter']);
		const accepted = state({ status: 'accepted', repeat: 'weekly' });
		expect(allowedActions(accepted, ALEX, NOW)).toEqual(['cancel', 'change', 'skip']);
		expect(allowedActions(accepted, SAM, NOW)).toEqual(['counter', 'cancel', 'skip']);
		for (const status of ['declined', 'countered', 'cancelled'] as const) {
			expect(allowedActions(state({ status }), ALEX, NOW)).toEqual([]);
			expect(allowedActions(state({ status }), SAM, NOW)).toEqual([]);
		}
	});

	it('declined, countered and cancelled are final', () => {
		for (const status of ['declined', 'countered', 'cancelled'] as const) {
			expect(refused(state({ status }), SAM, { type: 'accept' })).not.toBeNull();
			expect(refused(state({ status }), ALEX, { type: 'change', plan: plan() })).not.toBeNull();
		}
	});

	it('a time that has passed cannot be accepted, only answered with another', () => {
		const past = state({ startsAt: NOW - 3600e3 });
		expect(refused(past, SAM, { type: 'accept' })).toMatch(/passed/);
		expect(outcome(past, SAM, { type: 'counter', plan: plan() }).status).toBe('countered');
	});

	it('changing only the intention keeps an accepted talk accepted; a new time asks again', () => {
		const accepted = state({ status: 'accepted' });
		expect(
			outcome(accepted, ALEX, { type: 'change', plan: plan({ intention: 'the holidays' }) }).status
		).toBe('accepted');
		expect(
			outcome(accepted, ALEX, { type: 'change', plan: plan({ startsAt: LATER + 864e5 }) }).status
		).toBe('proposed');
	});
});

describe('a weekly series taking a week off', () => {
	const weekly = state({ status: 'accepted', repeat: 'weekly' });
	const third = nthOccurrence(weekly, 2);

	it('either partner can set one future week aside; the series stays accepted', () => {
		const off = outcome(weekly, SAM, { type: 'skip', occurrenceAt: third });
		expect(off).toEqual({ status: 'accepted', patch: { skipped: [third] } });
		const byAlex = outcome({ ...weekly, skipped: [third] }, ALEX, {
			type: 'skip',
			occurrenceAt: nthOccurrence(weekly, 4)
		});
		expect(byAlex.patch.skipped).toEqual([third, nthOccurrence(weekly, 4)]);
	});

	it('refuses a week that is not in the series, one already begun, or one already aside', () => {
		expect(refused(weekly, SAM, { type: 'skip', occurrenceAt: third + 60_000 })).toMatch(
			/could not find/
		);
		expect(refused(weekly, SAM, { type: 'skip', occurrenceAt: LATER }, LATER + 1)).toMatch(
			/already begun/
		);
		expect(
			refused({ ...weekly, skipped: [third] }, SAM, { type: 'skip', occurrenceAt: third })
		).toMatch(/already set aside/);
		expect(
			refused(state({ status: 'accepted' }), SAM, { type: 'skip', occurrenceAt: LATER })
		).toMatch(/weekly/);
		expect(
			refused(state({ repeat: 'weekly' }), SAM, { type: 'skip', occurrenceAt: third })
		).toMatch(/said yes/);
	});

	it('weeks aside stay aside through a change that keeps them in the series', () => {
		const aside = { ...weekly, skipped: [third] };
		const sameTime = outcome(aside, ALEX, {
			type: 'change',
			plan: plan({ repeat: 'weekly', intention: 'x' })
		});
		expect(sameTime.patch.skipped).toEqual([third]);
		const moved = outcome(aside, ALEX, {
			type: 'change',
			plan: plan({ repeat: 'weekly', startsAt: LATER + 3600e3 })
		});
		expect(moved.patch.skipped).toEqual([]);
	});
});

async function pair() {
	const tag = crypto.randomUUID();
	const a = await createUser({
		name: 'Alex',
		email: `a-${tag}@example.com`,
		password: 'long enough pw',
		timeZone: 'America/New_York'
	});
	const b = await createUser({
		name: 'Sam',
		email: `s-${tag}@example.com`,
		password: 'long enough pw',
		timeZone: 'Europe/London'
	});
	const invite = await createInvite(a.id);
	await acceptInvite(invite.token, b.id);
	return { a, b };
}

const problem = async (fn: () => unknown) => {
	try {
		await fn();
	} catch (error) {
		if (error instanceof AppError) return error.code;
		throw error;
	}
	return null;
};

describe('plans in the database', () => {
	it('propose → counter → accept: one chain, one calendar UID, a growing sequence', async () => {
		const { a, b } = await pair();
		const now = Date.now();
		const first = await proposeTalk(a.id, plan({ startsAt: now + 864e5 }), now);
		expect(first).toMatchObject({ status: 'proposed', timeZone: 'America/New_York', sequence: 0 });
		const countered = await actOnSchedule(
			b.id,
			first.id,
			{ type: 'counter', plan: plan({ startsAt: now + 2 * 864e5 }) },
			now
		);
		expect(countered.schedule).toMatchObject({ status: 'countered', sequence: 1 });
		expect(countered.counter).toMatchObject({
			status: 'proposed',
			proposedBy: b.id,
			timeZone: 'Europe/London',
			counterOf: first.id,
			sequence: 2
		});
		// The counter-proposal is Sam's: Alex answers it now.
		const id = countered.counter!.id;
		expect(await problem(() => actOnSchedule(b.id, id, { type: 'accept' }, now))).toBe('conflict');
		const accepted = await actOnSchedule(a.id, id, { type: 'accept' }, now);
		expect(accepted.schedule).toMatchObject({ status: 'accepted', sequence: 3 });
		expect(accepted.change).toBe('accepted');
		const latest = (await scheduleForReading(a.id, first.id)).schedule;
		expect((await chainLatest(latest)).id).toBe(id);
		expect((await chainRoot(accepted.schedule)).id).toBe(first.id);
		// Both see it among upcoming talks, in their own zone and the other's.
		const forAlex = await upcomingTalks({ id: a.id, timeZone: 'America/New_York' }, now);
		expect(forAlex.map((t) => t.id)).toEqual([id]);
		expect(forAlex[0]!.when).toContain('for you ·');
		expect(forAlex[0]!.when).toContain('for Sam');
	});

	it('answers that cross: the second one sees the first and changes nothing', async () => {
		const { a, b } = await pair();
		const s = await proposeTalk(a.id, plan({ startsAt: Date.now() + 864e5 }));
		await actOnSchedule(a.id, s.id, { type: 'cancel' });
		expect(await problem(() => actOnSchedule(b.id, s.id, { type: 'accept' }))).toBe('conflict');
		expect((await scheduleForReading(b.id, s.id)).schedule.status).toBe('cancelled');
	});

	it('a weekly series takes a week off and carries on', async () => {
		const { a, b } = await pair();
		const s = await proposeTalk(a.id, plan({ startsAt: Date.now() + 864e5, repeat: 'weekly' }));
		await actOnSchedule(b.id, s.id, { type: 'accept' });
		const week = nthOccurrence(stateOf(s), 1);
		const off = await actOnSchedule(b.id, s.id, { type: 'skip', occurrenceAt: week });
		expect(off.schedule.status).toBe('accepted');
		expect(stateOf(off.schedule).skipped).toEqual([week]);
		expect(off.schedule.sequence).toBe(2);
		const pattern = stateOf(off.schedule);
		expect(nextOccurrences(pattern, Date.now(), 3)).toEqual([
			s.startsAt,
			nthOccurrence(pattern, 2),
			nthOccurrence(pattern, 3)
		]);
	});

	it('someone outside the couple finds nothing; an ended couple is read-only', async () => {
		const { a, b } = await pair();
		const other = await pair();
		const s = await proposeTalk(a.id, plan({ startsAt: Date.now() + 864e5 }));
		expect(await problem(() => scheduleForReading(other.a.id, s.id))).toBe('not_found');
		expect(await problem(() => actOnSchedule(other.b.id, s.id, { type: 'accept' }))).toBe(
			'not_found'
		);
		expect(await problem(() => scheduleForReading(a.id, crypto.randomUUID()))).toBe('not_found');
		await leaveCouple(a.id);
		expect((await scheduleForReading(b.id, s.id)).schedule.status).toBe('proposed');
		expect(await problem(() => actOnSchedule(b.id, s.id, { type: 'accept' }))).toBe('conflict');
		expect(await upcomingTalks({ id: b.id, timeZone: 'UTC' })).toEqual([]);
	});
});
