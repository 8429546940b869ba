import { and, eq } from 'drizzle-orm';
import { customCardForm, type CustomCardInput } from '$lib/schemas/deck';
import { requireActiveCouple } from '../couples/access';
import { getDb } from '../db';
import { customCards } from '../db/schema';
import { AppError, notFound } from '../errors';
import { customIdOf, toDeckCard, type DeckCard } from './catalog';
import { forgetDeck } from './couple-decks';

/**
 * A couple's own cards. Writing is for the caller's ACTIVE couple only, resolved from the
 * database: an ended couple is read-only, and a card of any other couple is "not found", exactly
 * like an id that does not exist.
 */

function validated(input: CustomCardInput): CustomCardInput {
	const result = customCardForm.safeParse(input);
	if (!result.success) throw new AppError('invalid', result.error.issues[0]!.message);
	return result.data;
}

export async function createCustomCard(
	userId: string,
	input: CustomCardInput,
	now = Date.now()
): Promise<DeckCard> {
	const couple = await requireActiveCouple(userId);
	const { text, category, depth } = validated(input);
	const [row] = await getDb()
		.insert(customCards)
		.values({
			id: crypto.randomUUID(),
			coupleId: couple.id,
			authorId: userId,
			text,
			category,
			depth,
			createdAt: now,
			updatedAt: now
		})
		.returning();
	forgetDeck(couple.id);
	return toDeckCard(row!);
}

/** One of the caller's active couple's cards, by `custom:<uuid>` or its uuid; else not found. */
export async function customCardOf(userId: string, cardId: string): Promise<DeckCard> {
	const couple = await requireActiveCouple(userId);
	const id = customIdOf(cardId);
	if (!id) throw notFound();
	const [row] = await getDb()
		.select()
		.from(customCards)
		.where(and(eq(customCards.id, id), eq(customCards.coupleId, couple.id)))
		.limit(1);
	if (!row) throw notFound();
	return toDeckCard(row);
}

export async function updateCustomCard(
	userId: string,
	cardId: string,
	input: CustomCardInput,
	now = Date.now()
): Promise<DeckCard> {
	const couple = await requireActiveCouple(userId);
	const id = customIdOf(cardId);
	if (!id) throw notFound();
	const { text, category, depth } = validated(input);
	const [row] = await getDb()
		.update(customCards)
		.set({ text, category, depth, updatedAt: now })
		.where(and(eq(customCards.id, id), eq(customCards.coupleId, couple.id)))
		.returning();
	if (!row) throw notFound();
	forgetDeck(couple.id);
	return toDeckCard(row);
}

export async function deleteCustomCard(userId: string, cardId: string): Promise<void> {
	const couple = await requireActiveCouple(userId);
	const id = customIdOf(cardId);
	if (!id) throw notFound();
	const deleted = await getDb()
		.delete(customCards)
		.where(and(eq(customCards.id, id), eq(customCards.coupleId, couple.id)))
		.returning({ id: customCards.id });
	if (deleted.length === 0) throw notFound();
	forgetDeck(couple.id);
}
