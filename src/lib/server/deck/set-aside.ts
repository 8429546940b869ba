import { and, desc, eq, isNull } from 'drizzle-orm';
import { getDb } from '../db';
import { coupleMembers, couples, setAsides, type SetAside } from '../db/schema';
import { AppError, notFound } from '../errors';
import { findCard, type DeckCard } from './catalog';

/**
 * "Not ready yet": a person sets a card aside, without a reason. It stays out of the couple's
 * draws until its owner, and only its owner, brings it back.
 */

async function isActiveMember(coupleId: string, userId: string): Promise<boolean> {
	const [row] = await getDb()
		.select({ userId: coupleMembers.userId })
		.from(coupleMembers)
		.innerJoin(couples, eq(couples.id, coupleMembers.coupleId))
		.where(
			and(
				eq(coupleMembers.coupleId, coupleId),
				eq(coupleMembers.userId, userId),
				eq(coupleMembers.active, true),
				isNull(couples.endedAt)
			)
		)
		.limit(1);
	return row !== undefined;
}

/**
 * Without a transaction of its own: it runs inside the event-append transaction, and is part of it.
 * The card is copied, so the entry outlives a deleted custom card. Setting aside a card that this
 * person already has set aside returns the open entry instead of making a second one.
 */
export async function setCardAside(input: {
	coupleId: string;
	userId: string;
	card: DeckCard;
	conversationId: string | null;
	at: number;
}): Promise<SetAside> {
	const { coupleId, userId, card, conversationId, at } = input;
	if (!(await isActiveMember(coupleId, userId))) throw notFound();
	const db = getDb();
	const [open] = await db
		.select()
		.from(setAsides)
		.where(
			and(
				eq(setAsides.coupleId, coupleId),
				eq(setAsides.userId, userId),
				eq(setAsides.cardId, card.id),
				isNull(setAsides.broughtBackAt)
			)
		)
		.limit(1);
	if (open) return open;
	const [inserted] = await db
		.insert(setAsides)
		.values({
			id: crypto.randomUUID(),
			coupleId,
			userId,
			cardId: card.id,
			cardText: card.text,
			category: card.category,
			depth: card.depth,
			conversationId,
			setAsideAt: at,
			broughtBackAt: null
		})
		.returning();
	return inserted!;
}

/**
 * Only the owner brings a card back; anyone else gets "not found". An ended couple is read-only,
 * so its entries cannot be brought back either. Bringing back twice keeps the first time.
 */
export async function bringBack(userId: string, setAsideId: string, at: number): Promise<SetAside> {
	const db = getDb();
	const [row] = await db
		.select()
		.from(setAsides)
		.where(and(eq(setAsides.id, setAsideId), eq(setAsides.userId, userId)))
		.limit(1);
	if (!row || !(await isActiveMember(row.coupleId, userId))) throw notFound();
	if (row.broughtBackAt !== null) return row;
	const [updated] = await db
		.update(setAsides)
		.set({ broughtBackAt: at })
		.where(and(eq(setAsides.id, setAsideId), eq(setAsides.userId, userId)))
		.returning();
	return updated!;
}

/**
 * The caller's own set-aside cards that are not brought back, newest first, in their active
 * couple and in ended couples they were part of.
 */
export async function setAsidesOf(userId: string): Promise<SetAside[]> {
	const rows = await getDb()
		.select({ setAside: setAsides })
		.from(setAsides)
		.innerJoin(
			coupleMembers,
			and(eq(coupleMembers.coupleId, setAsides.coupleId), eq(coupleMembers.userId, userId))
		)
		.where(and(eq(setAsides.userId, userId), isNull(setAsides.broughtBackAt)))
		.orderBy(desc(setAsides.setAsideAt), desc(setAsides.id));
	return rows.map((r) => r.setAside);
}

/** Card ids either partner of this couple has set aside and not brought back. */
export async function openSetAsideCardIds(coupleId: string): Promise<Set<string>> {
	const rows = await getDb()
		.select({ cardId: setAsides.cardId })
		.from(setAsides)
		.where(and(eq(setAsides.coupleId, coupleId), isNull(setAsides.broughtBackAt)));
	return new Set(rows.map((r) => r.cardId));
}

/** The open set-aside of a card in a couple (by either partner), if the card is resting. */
export async function openSetAsideFor(
	coupleId: string,
	cardId: string
): Promise<SetAside | undefined> {
	const [row] = await getDb()
		.select()
		.from(setAsides)
		.where(
			and(
				eq(setAsides.coupleId, coupleId),
				eq(setAsides.cardId, cardId),
				isNull(setAsides.broughtBackAt)
			)
		)
		.limit(1);
	return row;
}

/**
 * A card this person may put on the table now (draw it in a talk, send it): it exists for the
 * couple, and it is not resting for the partner — only the one who set it aside brings it back.
 */
export async function usableCard(
	coupleId: string,
	userId: string,
	cardId: string
): Promise<DeckCard> {
	const card = await findCard(coupleId, cardId);
	if (!card) throw notFound();
	const resting = await openSetAsideFor(coupleId, cardId);
	if (resting && resting.userId !== userId) {
		throw new AppError(
			'conflict',
			'That card is resting for now. Only the one who set it aside brings it back.'
		);
	}
	return card;
}
