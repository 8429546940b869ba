import { eq } from 'drizzle-orm';
import type { Depth } from '$lib/deck/types';
import { getDb } from '../db';
import { dailyQuestionSettings } from '../db/schema';
import { DEFAULT_CHOICE, type DailyChoice } from './rules';

/** A person's own choice for the question for today (off until they turn it on). */
export async function dailyChoiceOf(userId: string): Promise<DailyChoice> {
	const [row] = await getDb()
		.select()
		.from(dailyQuestionSettings)
		.where(eq(dailyQuestionSettings.userId, userId))
		.limit(1);
	if (!row) return { ...DEFAULT_CHOICE };
	return { enabled: row.enabled, hour: row.hour, days: row.days, depth: row.depth as Depth };
}

/** Saves it; turning it off tells nobody anything (nothing is announced or recorded elsewhere). */
export async function saveDailyChoice(userId: string, choice: DailyChoice, now = Date.now()) {
	const values = { ...choice, updatedAt: now };
	await getDb()
		.insert(dailyQuestionSettings)
		.values({ userId, ...values })
		.onConflictDoUpdate({ target: dailyQuestionSettings.userId, set: values });
}
