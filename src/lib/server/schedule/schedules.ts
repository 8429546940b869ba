/**
 * Planned talks in the database. Every read goes through the couple gate: a schedule outside the
 * caller's couple is "not found", exactly like an id that does not exist. Steps are decided by the
 * pure machine (./machine) and written with a compare-and-set on `sequence`, so two answers that
 * cross (one accepts while the other cancels) cannot both land.
 */
import { and, desc, eq, gt, inArray, isNotNull } from 'drizzle-orm';
import type { Plan } from '$lib/schemas/schedule';
import type { ScheduleChange } from '$lib/schedule/messages';
import { describeTime } from '$lib/schedule/time';
import type { PastTalk, UpcomingTalk } from '$lib/schedule/types';
import { findUserById } from '../auth/accounts';
import { activeCoupleOf, coupleForReading, type CoupleView } from '../couples/access';
import { getDb } from '../db';
import { conversations, scheduleReminders, schedules, type Schedule } from '../db/schema';
import { AppError, notFound } from '../errors';
import { startTalk, TalkAlreadyLive } from '../talk/talks';
import { CheckinAlreadyOpen, startCheckin } from '../checkin/checkins';
import { decide, type ScheduleAction, type ScheduleState } from './machine';
import { joinableOccurrence, nextOccurrence, parseSkipped } from './occurrences';

export function stateOf(row: Schedule): ScheduleState {
	return {
		status: row.status,
		proposedBy: row.proposedBy,
		intention: row.intention,
		startsAt: row.startsAt,
		timeZone: row.timeZone,
		durationMinutes: row.durationMinutes,
		repeat: row.repeat,
		skipped: parseSkipped(row.skipped)
	};
}

function findSchedule(id: string): Schedule | undefined {
	return getDb().select().from(schedules).where(eq(schedules.id, id)).get();
}

/** A schedule of a couple the caller is (or was) part of, with that couple; else not found. */
export function scheduleForReading(
	userId: string,
	scheduleId: string
): { schedule: Schedule; couple: CoupleView } {
	const schedule = findSchedule(scheduleId);
	if (!schedule) throw notFound();
	const couple = coupleForReading(userId, schedule.coupleId);
	return { schedule, couple };
}

/** As above, and the couple must still be active: an ended couple is read-only history. */
export function scheduleForWriting(userId: string, scheduleId: string) {
	const found = scheduleForReading(userId, scheduleId);
	const active = activeCoupleOf(userId);
	if (!active || active.id !== found.schedule.coupleId)
		throw new AppError('conflict', 'This space is read-only now.');
	return found;
}

function zoneOf(userId: string): string {
	return findUserById(userId)?.timeZone ?? 'UTC';
}

/** Proposes a talk to the caller's partner, in the caller's own zone. */
export function proposeTalk(userId: string, plan: Plan, now = Date.now()): Schedule {
	const couple = activeCoupleOf(userId);
	if (!couple) throw notFound();
	const row: Schedule = {
		id: crypto.randomUUID(),
		coupleId: couple.id,
		proposedBy: userId,
		startsAt: plan.startsAt,
		timeZone: zoneOf(userId),
		durationMinutes: plan.durationMinutes,
		intention: plan.intention,
		repeat: plan.repeat,
		checkin: !!plan.checkin && plan.repeat === 'weekly',
		status: 'proposed',
		responseNote: null,
		counterOf: null,
		skipped: '[]',
		sequence: 0,
		createdAt: now,
		updatedAt: now
	};
	getDb().insert(schedules).values(row).run();
	return row;
}

const CHANGE_NAMES: Record<ScheduleAction['type'], ScheduleChange> = {
	accept: 'accepted',
	decline: 'declined',
	counter: 'countered',
	cancel: 'cancelled',
	change: 'changed',
	skip: 'skipped'
};

export type Acted = {
	schedule: Schedule;
	/** The new proposal when the step was "suggest another time". */
	counter: Schedule | null;
	coupleId: string;
	change: ScheduleChange;
};

/** One step on a planned talk by one partner: decided, then written if nobody got there first. */
export function actOnSchedule(
	userId: string,
	scheduleId: string,
	action: ScheduleAction,
	now = Date.now()
): Acted {
	const { schedule } = scheduleForWriting(userId, scheduleId);
	const decision = decide(stateOf(schedule), userId, action, now);
	if (!decision.ok) throw new AppError(decision.code, decision.message);
	const { status, patch, counter } = decision.outcome;
	const zone = action.type === 'change' ? zoneOf(userId) : schedule.timeZone;
	const { skipped, ...fields } = patch;
	const db = getDb();
	return db.transaction((tx) => {
		const changed = tx
			.update(schedules)
			.set({
				...fields,
				...(skipped ? { skipped: JSON.stringify(skipped) } : {}),
				timeZone: zone,
				status,
				sequence: schedule.sequence + 1,
				updatedAt: now
			})
			.where(and(eq(schedules.id, schedule.id), eq(schedules.sequence, schedule.sequence)))
			.run();
		if (changed.changes !== 1)
			throw new AppError('conflict', 'This plan just changed. Have a look at the latest.');
		if (action.type === 'change') {
			// Reminders already sent for weeks still ahead belong to the old time.
			tx.delete(scheduleReminders)
				.where(
					and(
						eq(scheduleReminders.scheduleId, schedule.id),
						gt(scheduleReminders.occurrenceAt, now)
					)
				)
				.run();
		}
		let counterRow: Schedule | null = null;
		if (counter) {
			counterRow = {
				id: crypto.randomUUID(),
				coupleId: schedule.coupleId,
				proposedBy: userId,
				startsAt: counter.startsAt,
				timeZone: zoneOf(userId),
				durationMinutes: counter.durationMinutes,
				intention: counter.intention,
				repeat: counter.repeat,
				checkin: !!counter.checkin && counter.repeat === 'weekly',
				status: 'proposed',
				responseNote: null,
				counterOf: schedule.id,
				skipped: '[]',
				// The same calendar entry (UID) carries on: its SEQUENCE keeps growing.
				sequence: schedule.sequence + 2,
				createdAt: now,
				updatedAt: now
			};
			tx.insert(schedules).values(counterRow).run();
		}
		const updated = tx.select().from(schedules).where(eq(schedules.id, schedule.id)).get()!;
		return {
			schedule: updated,
			counter: counterRow,
			coupleId: schedule.coupleId,
			change: CHANGE_NAMES[action.type]
		};
	});
}

/** The first proposal of a chain of counter-proposals (its id is the calendar UID). */
export function chainRoot(schedule: Schedule): Schedule {
	let current = schedule;
	for (let i = 0; i < 100 && current.counterOf; i++) {
		const parent = findSchedule(current.counterOf);
		if (!parent || parent.coupleId !== schedule.coupleId) break;
		current = parent;
	}
	return current;
}

/** The newest proposal of a chain: what the calendar entry shows now. */
export function chainLatest(schedule: Schedule): Schedule {
	let current = schedule;
	for (let i = 0; i < 100; i++) {
		const child = getDb()
			.select()
			.from(schedules)
			.where(and(eq(schedules.counterOf, current.id), eq(schedules.coupleId, schedule.coupleId)))
			.get();
		if (!child) break;
		current = child;
	}
	return current;
}

/** The plan this one answers with another time, and the one that answered it so, if any. */
export function counterLinks(schedule: Schedule): { parent?: Schedule; child?: Schedule } {
	const db = getDb();
	const sameCouple = eq(schedules.coupleId, schedule.coupleId);
	const parent = schedule.counterOf
		? db
				.select()
				.from(schedules)
				.where(and(eq(schedules.id, schedule.counterOf), sameCouple))
				.get()
		: undefined;
	const child = db
		.select()
		.from(schedules)
		.where(and(eq(schedules.counterOf, schedule.id), sameCouple))
		.get();
	return { parent, child };
}

export function openSchedulesOf(coupleId: string): Schedule[] {
	return getDb()
		.select()
		.from(schedules)
		.where(
			and(eq(schedules.coupleId, coupleId), inArray(schedules.status, ['proposed', 'accepted']))
		)
		.all();
}

/** Plans that were answered, changed to another or taken off, newest first. */
export function settledSchedulesOf(coupleId: string, limit = 10): Schedule[] {
	return getDb()
		.select()
		.from(schedules)
		.where(
			and(
				eq(schedules.coupleId, coupleId),
				inArray(schedules.status, ['declined', 'countered', 'cancelled'])
			)
		)
		.orderBy(desc(schedules.updatedAt))
		.limit(limit)
		.all();
}

type Viewer = { id: string; timeZone: string };

/** Talks still to come (proposed or agreed), soonest first, as the viewer reads them. */
export function upcomingTalks(viewer: Viewer, now = Date.now(), limit = 20): UpcomingTalk[] {
	const couple = activeCoupleOf(viewer.id);
	if (!couple) return [];
	const partner = couple.partner;
	return openSchedulesOf(couple.id)
		.map((row) => ({ row, at: nextOccurrence(stateOf(row), now) }))
		.filter((x): x is { row: Schedule; at: number } => x.at !== null)
		.sort((x, y) => x.at - y.at)
		.slice(0, limit)
		.map(({ row, at }) => ({
			id: row.id,
			status: row.status as 'proposed' | 'accepted',
			when: describeTime(at, viewer.timeZone, partner.timeZone, partner.name, { date: true }),
			occurrenceAt: at,
			weekly: row.repeat === 'weekly',
			checkin: row.checkin,
			intention: row.intention,
			byYou: row.proposedBy === viewer.id,
			joinable: row.status === 'accepted' && joinableOccurrence(stateOf(row), now) !== null
		}));
}

/** Talks opened from a plan, newest first: each links to its talk. */
export function pastScheduledTalks(
	viewer: Viewer,
	couple: CoupleView,
	options: { scheduleId?: string; limit?: number } = {}
): PastTalk[] {
	const rows = getDb()
		.select({
			conversationId: conversations.id,
			kind: conversations.kind,
			scheduleId: conversations.scheduleId,
			occurrenceAt: conversations.occurrenceAt,
			createdAt: conversations.createdAt,
			intention: schedules.intention
		})
		.from(conversations)
		.innerJoin(schedules, eq(schedules.id, conversations.scheduleId))
		.where(
			and(
				eq(conversations.coupleId, couple.id),
				eq(schedules.coupleId, couple.id),
				isNotNull(conversations.scheduleId),
				options.scheduleId ? eq(conversations.scheduleId, options.scheduleId) : undefined
			)
		)
		.orderBy(desc(conversations.createdAt))
		.limit(options.limit ?? 10)
		.all();
	return rows.map((r) => ({
		conversationId: r.conversationId,
		href: `/${r.kind === 'checkin' ? 'checkin' : 'talk'}/${r.conversationId}`,
		scheduleId: r.scheduleId!,
		when: describeTime(
			r.occurrenceAt ?? r.createdAt,
			viewer.timeZone,
			couple.partner.timeZone,
			couple.partner.name,
			{ date: true }
		),
		intention: r.intention
	}));
}

export class NotOpenYet extends AppError {
	constructor() {
		super('conflict', 'This talk opens 10 minutes before it starts. See you then.');
	}
}

/**
 * "Join now": opens the live talk (or, for a plan marked "our check-in", the check-in) for the
 * occurrence happening now, carrying the plan and its intention — or joins the one already open
 * (the partner was first).
 */
export function joinScheduledTalk(userId: string, scheduleId: string, now = Date.now()) {
	const { schedule } = scheduleForWriting(userId, scheduleId);
	if (schedule.status !== 'accepted') {
		throw new AppError(
			'conflict',
			schedule.status === 'proposed'
				? 'This talk is still waiting for a yes.'
				: 'This plan is no longer on the calendar.'
		);
	}
	const occurrenceAt = joinableOccurrence(stateOf(schedule), now);
	if (occurrenceAt === null) throw new NotOpenYet();
	const plan = { scheduleId: schedule.id, occurrenceAt, intention: schedule.intention };
	const clientId = crypto.randomUUID().replaceAll('-', '');
	// A weekly plan marked "our check-in" opens into the check-in (or joins the one already open).
	const kind = schedule.checkin ? ('checkin' as const) : ('live' as const);
	try {
		const started =
			kind === 'checkin'
				? startCheckin(userId, clientId, now, plan)
				: startTalk(userId, clientId, now, plan);
		return { ...started, kind, started: true };
	} catch (error) {
		if (error instanceof TalkAlreadyLive || error instanceof CheckinAlreadyOpen)
			return {
				conversationId: error.conversationId,
				coupleId: schedule.coupleId,
				kind,
				started: false
			};
		throw error;
	}
}
