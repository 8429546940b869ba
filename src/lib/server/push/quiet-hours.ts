/**
 * Quiet hours, applied in one place for every notification (sent cards, questions for today,
 * planned-talk reminders): during a person's quiet hours nothing reaches their devices. A message
 * is held until the hours end; one about a moment that will have passed by then (a talk starting)
 * is not kept at all. The held rows are claimed with a DELETE … RETURNING, so two processes or a
 * restart never deliver one twice.
 */
import { and, eq, lte } from 'drizzle-orm';
import { getDb } from '../db';
import { heldPushes, pushSubscriptions } from '../db/schema';
import { inQuietHours } from '../pace/rules';
import { quietHoursOf } from '../pace/settings';
import type { PushMessage } from './push';

export const RELEASE_SWEEP_MS = 30 * 1000;

/** What one push says when several waited through the quiet hours: no names, no number. */
export const GATHERED: PushMessage = {
	title: 'Hearth',
	body: 'A few things arrived while your notifications were quiet.',
	url: '/'
};

export async function isQuietFor(userId: string, now: number): Promise<boolean> {
	const hours = await quietHoursOf(userId);
	return hours !== null && inQuietHours(hours.quiet, hours.zone, now);
}

/** Keeps a message for after the quiet hours (only if there is a device to send it to). */
export async function hold(userId: string, message: PushMessage, now: number): Promise<void> {
	const db = getDb();
	const [device] = await db
		.select({ id: pushSubscriptions.id })
		.from(pushSubscriptions)
		.where(eq(pushSubscriptions.userId, userId))
		.limit(1);
	if (!device) return;
	await db.insert(heldPushes).values({
		id: crypto.randomUUID(),
		userId,
		title: message.title,
		body: message.body,
		url: message.url,
		heldAt: now
	});
}

/**
 * Claims, for each person whose quiet hours are over, what was held for them, folded into one
 * message: the one message itself, or when several differ, a gentle "a few things arrived".
 */
export async function claimReleased(
	now: number
): Promise<{ userId: string; message: PushMessage }[]> {
	const db = getDb();
	const waiting = await db.selectDistinct({ userId: heldPushes.userId }).from(heldPushes);
	const released: { userId: string; message: PushMessage }[] = [];
	for (const { userId } of waiting) {
		if (await isQuietFor(userId, now)) continue;
		const rows = await db
			.delete(heldPushes)
			.where(and(eq(heldPushes.userId, userId), lte(heldPushes.heldAt, now)))
			.returning();
		const distinct = new Map(rows.map((r) => [`${r.title}\n${r.body}\n${r.url}`, r]));
		if (distinct.size === 0) continue;
		const only = [...distinct.values()][0]!;
		released.push({
			userId,
			message:
				distinct.size === 1 ? { title: only.title, body: only.body, url: only.url } : GATHERED
		});
	}
	return released;
}
