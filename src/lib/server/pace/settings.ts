import { eq } from 'drizzle-orm';
import type { Depth } from '$lib/deck/types';
import { getDb } from '../db';
import { paceSettings, users } from '../db/schema';
import { DEFAULT_PACE, type Pace } from './rules';

/** A person's own pace (the defaults until they choose). Read for them, and for rules about them. */
export async function paceOf(userId: string): Promise<Pace> {
	const [row] = await getDb()
		.select()
		.from(paceSettings)
		.where(eq(paceSettings.userId, userId))
		.limit(1);
	if (!row) return { ...DEFAULT_PACE };
	return {
		deepestSent: row.deepestSent as Depth,
		waitingLimit: row.waitingLimit,
		quiet:
			row.quietFromMinute !== null && row.quietUntilMinute !== null
				? { from: row.quietFromMinute, until: row.quietUntilMinute }
				: null
	};
}

/** Saves it; nobody is told (nothing is announced or recorded anywhere else). */
export async function savePace(userId: string, pace: Pace, now = Date.now()): Promise<void> {
	const values = {
		deepestSent: pace.deepestSent,
		waitingLimit: pace.waitingLimit,
		quietFromMinute: pace.quiet?.from ?? null,
		quietUntilMinute: pace.quiet?.until ?? null,
		updatedAt: now
	};
	await getDb()
		.insert(paceSettings)
		.values({ userId, ...values })
		.onConflictDoUpdate({ target: paceSettings.userId, set: values });
}

/** The quiet hours and the clock they are on, for a notification about to reach this person. */
export async function quietHoursOf(userId: string) {
	const [row] = await getDb()
		.select({
			zone: users.timeZone,
			from: paceSettings.quietFromMinute,
			until: paceSettings.quietUntilMinute
		})
		.from(users)
		.leftJoin(paceSettings, eq(paceSettings.userId, users.id))
		.where(eq(users.id, userId))
		.limit(1);
	if (!row || row.from === null || row.until === null) return null;
	return { zone: row.zone, quiet: { from: row.from, until: row.until } };
}
