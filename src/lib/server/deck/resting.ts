import { and, eq, isNull } from 'drizzle-orm';
import { getDb } from '../db';
import { setAsides, type SetAside } from '../db/schema';

/** The open set-aside of a card in a couple (by either partner), if the card is resting. */
export function openSetAsideFor(coupleId: string, cardId: string): SetAside | undefined {
	return getDb()
		.select()
		.from(setAsides)
		.where(
			and(
				eq(setAsides.coupleId, coupleId),
				eq(setAsides.cardId, cardId),
				isNull(setAsides.broughtBackAt)
			)
		)
		.get();
}
