import { and, eq, isNull } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { dailyKind } from '$lib/conversation/daily/kind';
import type { DailyEvent } from '$lib/conversation/daily/types';
import { usableZone } from '$lib/schedule/time';
import { findUserById } from '../auth/accounts';
import { getDb } from '../db';
import { dailyDeliveries } from '../db/schema';
import { notFound } from '../errors';
import { forReading, forWriting } from '../conversations/gate';
import { stateOf } from '../conversations/log';
import { visibleEvents } from '../conversations/visibility';

/**
 * Today's question for this person, for the calm notice: the one that reached them on this day of
 * their own calendar, while they have not answered it, said "not today", or seen it rest. Null
 * otherwise — an earlier day's question is never brought up again.
 */
export async function todayFor(
	userId: string,
	now = Date.now()
): Promise<{ conversationId: string } | null> {
	const user = await findUserById(userId);
	if (!user) return null;
	const localDate = DateTime.fromMillis(now, { zone: usableZone(user.timeZone) }).toISODate()!;
	const [row] = await getDb()
		.select()
		.from(dailyDeliveries)
		.where(and(eq(dailyDeliveries.userId, userId), eq(dailyDeliveries.localDate, localDate)))
		.limit(1);
	if (!row || row.notTodayAt !== null) return null;
	try {
		const { conversation, writable } = await forReading(userId, row.conversationId, 'daily');
		const state = await stateOf(dailyKind, conversation);
		if (!writable || state.rested || state.answers[userId]) return null;
		return { conversationId: row.conversationId };
	} catch {
		return null;
	}
}

/** A question for today as its page shows it: only what reached this person, or not found. */
export async function readDaily(userId: string, conversationId: string) {
	const { conversation, writable } = await forReading(userId, conversationId, 'daily');
	const events = await visibleEvents<DailyEvent>(userId, conversation);
	if (events.length === 0) throw notFound();
	const [mine] = await getDb()
		.select({ notTodayAt: dailyDeliveries.notTodayAt })
		.from(dailyDeliveries)
		.where(
			and(eq(dailyDeliveries.userId, userId), eq(dailyDeliveries.conversationId, conversationId))
		)
		.limit(1);
	return { conversation, events, writable, notToday: !!mine?.notTodayAt };
}

/**
 * "Not today": an answer like "Not ready yet", and the person's own. It is kept on their own
 * delivery row — no event, no notice, no count — so the partner's side holds no trace of it. The
 * question stays where it is, to answer later or never.
 */
export async function sayNotToday(userId: string, conversationId: string, now = Date.now()) {
	const conversation = await forWriting(userId, conversationId, 'daily');
	if ((await visibleEvents(userId, conversation)).length === 0) throw notFound();
	await getDb()
		.update(dailyDeliveries)
		.set({ notTodayAt: now })
		.where(
			and(
				eq(dailyDeliveries.userId, userId),
				eq(dailyDeliveries.conversationId, conversationId),
				isNull(dailyDeliveries.notTodayAt)
			)
		);
}
