import { eq, sql } from 'drizzle-orm';
import { getDb } from '../db';
import { cardUses } from '../db/schema';

export type CardUse = { lastUsedAt: number; timesUsed: number };

/**
 * Notes that a couple drew or sent a card. Synchronous and without a transaction of its own: it is
 * called inside the event-append transaction, on the same connection. `lastUsedAt` never moves
 * back in time, so replaying an older event cannot make a card look fresher than it is.
 */
export function recordCardUse(coupleId: string, cardId: string, at: number): void {
	getDb()
		.insert(cardUses)
		.values({ coupleId, cardId, lastUsedAt: at, timesUsed: 1 })
		.onConflictDoUpdate({
			target: [cardUses.coupleId, cardUses.cardId],
			set: {
				lastUsedAt: sql`max(${cardUses.lastUsedAt}, excluded.last_used_at)`,
				timesUsed: sql`${cardUses.timesUsed} + 1`
			}
		})
		.run();
}

/** Every card this couple has used, by card id. */
export function cardUsesOf(coupleId: string): Map<string, CardUse> {
	const rows = getDb()
		.select({
			cardId: cardUses.cardId,
			lastUsedAt: cardUses.lastUsedAt,
			timesUsed: cardUses.timesUsed
		})
		.from(cardUses)
		.where(eq(cardUses.coupleId, coupleId))
		.all();
	return new Map(rows.map(({ cardId, ...use }) => [cardId, use]));
}
