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
import { getDb, transaction } from '../db';
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

async function findSchedule(id: string): Promise<Schedule | undefined> {
	const [row] = await getDb().select().from(schedules).where(eq(schedules.id, id)).limit(1);
	return row;
}

/** A schedule of a couple the caller is (or was) part of, with that couple; else not found. */
export async function scheduleForReading(
	userId: string,
	scheduleId: string
): Promise<{ schedule: Schedule; couple: CoupleView }> {
	const schedule = await findSchedule(scheduleId);
	if (!schedule) throw notFound();
	const couple = await coupleForReading(userId, schedule.coupleId);
	return { schedule, couple };
}

/** As above, and the couple must still be active: an ended couple is read-only history. */
export async function scheduleForWriting(userId: string, scheduleId: string) {
	const found = await scheduleForReading(userId, scheduleId);
	const active = await activeCoupleOf(userId);
	if (!active || active.id !== found.schedule.coupleId)
		throw new AppError('conflict', 'This space is read-only now.');
	return found;
}

async function zoneOf(userId: string): Promise<string> {
	return (await findUserById(userId))?.timeZone ?? 'UTC';
}

/** Proposes a talk to the caller's partner, in the caller's own zone. */
export async function proposeTalk(userId: string, plan: Plan, now = Date.now()): Promise<Schedule> {
	const couple = await activeCoupleOf(userId);
	if (!couple) throw notFound();
	const row: Schedule = {
		id: crypto.randomUUID(),
		coupleId: couple.id,
		proposedBy: userId,
		startsAt: plan.startsAt,
		timeZone: await zoneOf(userId),
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
	await getDb().insert(schedules).values(row);
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
export async function actOnSchedule(
	userId: string,
	scheduleId: string,
	action: ScheduleAction,
	now = Date.now()
): Promise<Acted> {
	const { schedule } = await scheduleForWriting(userId, scheduleId);
	const decision = decide(stateOf(schedule), userId, action, now);
	if (!decision.ok) throw new AppError(decision.code, decision.message);
	const { status, patch, counter } = decision.outcome;
	const zone = action.type === 'change' ? await zoneOf(userId) : schedule.timeZone;
	const { skipped, ...fields } = patch;
	return transaction(async (tx) => {
		const changed = await tx
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
			.returning({ id: schedules.id });
		if (changed.length !== 1)
			throw new AppError('conflict', 'This plan just changed. Have a look at the latest.');
		if (action.type === 'change') {
			// Reminders already sent for weeks still ahead belong to the old time.
			await tx
				.delete(scheduleReminders)
				.where(
					and(
						eq(scheduleReminders.scheduleId, schedule.id),
						gt(scheduleReminders.occurrenceAt, now)
					)
				);
		}
		let counterRow: Schedule | null = null;
		if (counter) {
			counterRow = {
				id: crypto.randomUUID(),
				coupleId: schedule.coupleId,
				proposedBy: userId,
				startsAt: counter.startsAt,
				timeZone: await zoneOf(userId),
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
			await tx.insert(schedules).values(counterRow);
		}
		const [updated] = await tx
			.select()
			.from(schedules)
			.where(eq(schedules.id, schedule.id))
			.limit(1);
		return {
			schedule: updated!,
			counter: counterRow,
			coupleId: schedule.coupleId,
			change: CHANGE_NAMES[action.type]
		};
	});
}

/** The first proposal of a chain of counter-proposals (its id is the calendar UID). */
export async function chainRoot(schedule: Schedule): Promise<Schedule> {
	let current = schedule;
	for (let i = 0; i < 100 && current.counterOf; i++) {
		const parent = await findSchedule(current.counterOf);
		if (!parent || parent.coupleId !== schedule.coupleId) break;
		current = parent;
	}
	return current;
}

/** The newest proposal of a chain: what the calendar entry shows now. */
export async function chainLatest(schedule: Schedule): Promise<Schedule> {
	let current = schedule;
	for (let i = 0; i < 100; i++) {
		const [child] = await getDb()
			.select()
			.from(schedules)
			.where(and(eq(schedules.counterOf, current.id), eq(schedules.coupleId, schedule.coupleId)))
			.limit(1);
		if (!child) break;
		current = child;
	}
	return current;
}

/** The plan this one answers with another time, and the one that answered it so, if any. */
export async function counterLinks(
	schedule: Schedule
): Promise<{ parent?: Schedule; child?: Schedule }> {
	const db = getDb();
	const sameCouple = eq(schedules.coupleId, schedule.coupleId);
	const [parent] = schedule.counterOf
		? await db
				.select()
				.from(schedules)
				.where(and(eq(schedules.id, schedule.counterOf), sameCouple))
				.limit(1)
		: [];
	const [child] = await db
		.select()
		.from(schedules)
		.where(and(eq(schedules.counterOf, schedule.id), sameCouple))
		.limit(1);
	return { parent, child };
}

export function openSchedulesOf(coupleId: string): Promise<Schedule[]> {
	return getDb()
		.select()
		.from(schedules)
		.where(
			and(eq(schedules.coupleId, coupleId), inArray(schedules.status, ['proposed', 'accepted']))
		);
}

/** Plans that were answered, changed to another or taken off, newest first. */
export function settledSchedulesOf(coupleId: string, limit = 10): Promise<Schedule[]> {
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
		.limit(limit);
}

type Viewer = { id: string; timeZone: string };

/** Talks still to come (proposed or agreed), soonest first, as the viewer reads them. */
export async function upcomingTalks(
	viewer: Viewer,
	now = Date.now(),
	limit = 20
): Promise<UpcomingTalk[]> {
	const couple = await activeCoupleOf(viewer.id);
	if (!couple) return [];
	const partner = couple.partner;
	return (await openSchedulesOf(couple.id))
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
export async function pastScheduledTalks(
	viewer: Viewer,
	couple: CoupleView,
	options: { scheduleId?: string; limit?: number } = {}
): Promise<PastTalk[]> {
	const rows = await getDb()
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
		.limit(options.limit ?? 10);
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
export async function joinScheduledTalk(userId: string, scheduleId: string, now = Date.now()) {
	const { schedule } = await scheduleForWriting(userId, scheduleId);
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
				? await startCheckin(userId, clientId, now, plan)
				: await startTalk(userId, clientId, now, plan);
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
