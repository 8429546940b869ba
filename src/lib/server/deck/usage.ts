import { eq, sql } from 'drizzle-orm';
import { prepared } from '../db';
import { cardUses } from '../db/schema';
import { noteCardUse } from './couple-decks';

export type CardUse = { lastUsedAt: number; timesUsed: number };

/**
 * Notes that a couple drew or sent a card. Synchronous and without a transaction of its own: it is
 * called inside the event-append transaction, on the same connection. `lastUsedAt` never moves
 * back in time, so replaying an older event cannot make a card look fresher than it is.
 */
export function recordCardUse(coupleId: string, cardId: string, at: number): void {
	prepared('card-use', (db) =>
		db
			.insert(cardUses)
			.values({
				coupleId: sql.placeholder('coupleId'),
				cardId: sql.placeholder('cardId'),
				lastUsedAt: sql.placeholder('at'),
				timesUsed: 1
			})
			.onConflictDoUpdate({
				target: [cardUses.coupleId, cardUses.cardId],
				set: {
					lastUsedAt: sql`max(${cardUses.lastUsedAt}, excluded.last_used_at)`,
					timesUsed: sql`${cardUses.timesUsed} + 1`
				}
			})
			.prepare()
	).run({ coupleId, cardId, at });
	noteCardUse(coupleId, cardId, at);
}

/** Every card this couple has used, by card id. */
export function cardUsesOf(coupleId: string): Map<string, CardUse> {
	const rows = prepared('card-uses', (db) =>
		db
			.select({
				cardId: cardUses.cardId,
				lastUsedAt: cardUses.lastUsedAt,
				timesUsed: cardUses.timesUsed
			})
			.from(cardUses)
			.where(eq(cardUses.coupleId, sql.placeholder('coupleId')))
			.prepare()
	).all({ coupleId });
	return new Map(rows.map(({ cardId, ...use }) => [cardId, use]));
}
