import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { getDb, prepared } from '../db';
import { coupleMembers, couples, setAsides, type SetAside } from '../db/schema';
import { AppError, notFound } from '../errors';
import { findCard, type DeckCard } from './catalog';

/**
 * "Not ready yet": a person sets a card aside, without a reason. It stays out of the couple's
 * draws until its owner, and only its owner, brings it back.
 */

function isActiveMember(coupleId: string, userId: string): boolean {
	const row = getDb()
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
		.get();
	return row !== undefined;
}

/**
 * Synchronous and without a transaction of its own: it runs inside the event-append transaction.
 * The card is copied, so the entry outlives a deleted custom card. Setting aside a card that this
 * person already has set aside returns the open entry instead of making a second one.
 */
export function setCardAside(input: {
	coupleId: string;
	userId: string;
	card: DeckCard;
	conversationId: string | null;
	at: number;
}): SetAside {
	const { coupleId, userId, card, conversationId, at } = input;
	if (!isActiveMember(coupleId, userId)) throw notFound();
	const db = getDb();
	const open = db
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
		.get();
	if (open) return open;
	return db
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
		.returning()
		.get();
}

/**
 * Only the owner brings a card back; anyone else gets "not found". An ended couple is read-only,
 * so its entries cannot be brought back either. Bringing back twice keeps the first time.
 */
export function bringBack(userId: string, setAsideId: string, at: number): SetAside {
	const db = getDb();
	const row = db
		.select()
		.from(setAsides)
		.where(and(eq(setAsides.id, setAsideId), eq(setAsides.userId, userId)))
		.get();
	if (!row || !isActiveMember(row.coupleId, userId)) throw notFound();
	if (row.broughtBackAt !== null) return row;
	return db
		.update(setAsides)
		.set({ broughtBackAt: at })
		.where(and(eq(setAsides.id, setAsideId), eq(setAsides.userId, userId)))
		.returning()
		.get()!;
}

/**
 * The caller's own set-aside cards that are not brought back, newest first, in their active
 * couple and in ended couples they were part of.
 */
export function setAsidesOf(userId: string): SetAside[] {
	return getDb()
		.select({ setAside: setAsides })
		.from(setAsides)
		.innerJoin(
			coupleMembers,
			and(eq(coupleMembers.coupleId, setAsides.coupleId), eq(coupleMembers.userId, userId))
		)
		.where(and(eq(setAsides.userId, userId), isNull(setAsides.broughtBackAt)))
		.orderBy(desc(setAsides.setAsideAt), desc(setAsides.id))
		.all()
		.map((r) => r.setAside);
}

/** Card ids either partner of this couple has set aside and not brought back. */
export function openSetAsideCardIds(coupleId: string): Set<string> {
	const rows = prepared('open-set-aside-ids', (db) =>
		db
			.select({ cardId: setAsides.cardId })
			.from(setAsides)
			.where(
				and(eq(setAsides.coupleId, sql.placeholder('coupleId')), isNull(setAsides.broughtBackAt))
			)
			.prepare()
	).all({ coupleId });
	return new Set(rows.map((r) => r.cardId));
}

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

/**
 * A card this person may put on the table now (draw it in a talk, send it): it exists for the
 * couple, and it is not resting for the partner — only the one who set it aside brings it back.
 */
export function usableCard(coupleId: string, userId: string, cardId: string): DeckCard {
	const card = findCard(coupleId, cardId);
	if (!card) throw notFound();
	const resting = openSetAsideFor(coupleId, cardId);
	if (resting && resting.userId !== userId) {
		throw new AppError(
			'conflict',
			'That card is resting for now. Only the one who set it aside brings it back.'
		);
	}
	return card;
}
