/**
 * Live reminders for agreed talks: 10 minutes before ("soon") and at the start ("start"), to both
 * partners' open pages. `sendDueReminders(now)` takes the clock as an argument, so tests set the
 * time instead of waiting; the server calls it every 30 seconds (and right after a talk is agreed).
 * Each reminder is claimed with an INSERT on its primary key before it is sent, so a restart or a
 * second process never sends one twice. A reminder whose moment passed while the server was down
 * is not sent late: a "soon" after the start, or a "start" after the talk's end, stays unsent.
 */
import { and, between, eq, isNull, or } from 'drizzle-orm';
import { DURATION_MAX } from '$lib/schemas/schedule';
import { getDb } from '../db';
import { coupleMembers, couples, scheduleReminders, schedules } from '../db/schema';
import { sendPush } from '../push/push';
import { announceScheduleReminder, isOnline } from '../hub';
import { endOf, JOIN_EARLY_MS, occurrencesBetween } from './occurrences';
import { stateOf } from './schedules';

export const SOON_MS = JOIN_EARLY_MS;
export const REMINDER_SWEEP_MS = 30 * 1000;

export type SentReminder = {
	coupleId: string;
	scheduleId: string;
	occurrenceAt: number;
	kind: 'soon' | 'start';
	intention: string | null;
	/** The plan opens into the check-in (absent for a talk). */
	checkin?: true;
};

export async function dueReminders(now: number): Promise<SentReminder[]> {
	const longest = DURATION_MAX * 60 * 1000;
	const rows = await getDb()
		.select({ schedule: schedules })
		.from(schedules)
		.innerJoin(couples, eq(couples.id, schedules.coupleId))
		.where(
			and(
				eq(schedules.status, 'accepted'),
				isNull(couples.endedAt),
				or(
					eq(schedules.repeat, 'weekly'),
					between(schedules.startsAt, now - longest, now + SOON_MS)
				)
			)
		);
	const due: SentReminder[] = [];
	for (const { schedule } of rows) {
		const pattern = stateOf(schedule);
		const window = occurrencesBetween(pattern, now - longest, now + SOON_MS + 1);
		for (const at of window) {
			const kind = now < at ? 'soon' : now < endOf(pattern, at) ? 'start' : null;
			if (!kind) continue;
			if (kind === 'soon' && now < at - SOON_MS) continue;
			due.push({
				coupleId: schedule.coupleId,
				scheduleId: schedule.id,
				occurrenceAt: at,
				kind,
				intention: schedule.intention,
				...(schedule.checkin ? { checkin: true as const } : {})
			});
		}
	}
	return due;
}

/** Sends every reminder due at `now` that was not sent before; returns what it sent. */
export async function sendDueReminders(now = Date.now()): Promise<SentReminder[]> {
	const sent: SentReminder[] = [];
	for (const reminder of await dueReminders(now)) {
		const claimed = await getDb()
			.insert(scheduleReminders)
			.values({
				scheduleId: reminder.scheduleId,
				occurrenceAt: reminder.occurrenceAt,
				kind: reminder.kind,
				sentAt: now
			})
			.onConflictDoNothing()
			.returning({ scheduleId: scheduleReminders.scheduleId });
		if (claimed.length !== 1) continue;
		announceScheduleReminder(reminder.coupleId, {
			scheduleId: reminder.scheduleId,
			occurrenceAt: reminder.occurrenceAt,
			kind: reminder.kind,
			intention: reminder.intention,
			...(reminder.checkin ? { checkin: true as const } : {})
		});
		void pushToAbsentPartners(reminder, now).catch((error) =>
			console.error('[push] reminder not delivered', { reason: (error as Error).name })
		);
		sent.push(reminder);
	}
	return sent;
}

/**
 * Reminders use the same channel as cards: a partner with no page open gets a Web Push. It says
 * what kind of moment it is, never the intention's words. Quiet hours apply (in `sendPush`).
 */
async function pushToAbsentPartners(reminder: SentReminder, now: number) {
	const members = await getDb()
		.select({ userId: coupleMembers.userId })
		.from(coupleMembers)
		.where(and(eq(coupleMembers.coupleId, reminder.coupleId), eq(coupleMembers.active, true)));
	// One person's failure (an unreachable push service, broken keys) never stops the next.
	for (const { userId } of members) {
		try {
			if (await isOnline(userId)) continue;
			// A reminder is about this moment: in quiet hours it is not kept for later.
			await sendPush(
				userId,
				{
					title: 'Hearth',
					body:
						reminder.kind === 'soon'
							? `Your ${reminder.checkin ? 'check-in' : 'talk'} starts in 10 minutes.`
							: `Your ${reminder.checkin ? 'check-in' : 'talk'} is starting now.`,
					url: `/schedule/${reminder.scheduleId}`,
					momentary: true
				},
				now
			);
		} catch (error) {
			console.error('[push] reminder not delivered', {
				user: userId,
				reason: (error as Error).name
			});
		}
	}
}
