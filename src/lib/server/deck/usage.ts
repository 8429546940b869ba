import { eq, sql } from 'drizzle-orm';
import { getDb } from '../db';
import { greatest } from '../db/sql';
import { cardUses } from '../db/schema';
import { noteCardUse } from './couple-decks';

export type CardUse = { lastUsedAt: number; timesUsed: number };

/**
 * Notes that a couple drew or sent a card. Without a transaction of its own: it is called inside
 * the event-append transaction, and runs in it. `lastUsedAt` never moves back in time, so
 * replaying an older event cannot make a card look fresher than it is.
 */
export async function recordCardUse(coupleId: string, cardId: string, at: number): Promise<void> {
	await getDb()
		.insert(cardUses)
		.values({ coupleId, cardId, lastUsedAt: at, timesUsed: 1 })
		.onConflictDoUpdate({
			target: [cardUses.coupleId, cardUses.cardId],
			set: {
				lastUsedAt: greatest(cardUses.lastUsedAt, sql`excluded.last_used_at`),
				timesUsed: sql`${cardUses.timesUsed} + 1`
			}
		});
	noteCardUse(coupleId, cardId, at);
}

/** Every card this couple has used, by card id. */
export async function cardUsesOf(coupleId: string): Promise<Map<string, CardUse>> {
	const rows = await getDb()
		.select({
			cardId: cardUses.cardId,
			lastUsedAt: cardUses.lastUsedAt,
			timesUsed: cardUses.timesUsed
		})
		.from(cardUses)
		.where(eq(cardUses.coupleId, coupleId));
	return new Map(rows.map(({ cardId, ...use }) => [cardId, use]));
}
