import { asc, and, eq } from 'drizzle-orm';
import { BUILT_IN_CARDS } from '$lib/deck/cards';
import type { TalkCard } from '$lib/conversation/talk/types';
import type { Activity, CategoryId, Depth } from '$lib/deck/types';
import { CUSTOM_CARD_PREFIX, customCardIdSchema } from '$lib/schemas/deck';
import { getDb } from '../db';
import { customCards, type CustomCard } from '../db/schema';

/** A card as the deck, the picker and the pages see it: built-in or one of a couple's own. */
export type DeckCard = {
	id: string;
	text: string;
	category: CategoryId;
	depth: Depth;
	followUp?: string;
	custom: boolean;
	authorId?: string | null;
	/** Built-in activity cards only: what the two are doing side by side. */
	activity?: Activity;
	/** Best asked face to face: a live talk offers it; it is never sent nor a question for today. */
	liveOnly?: true;
};

const BUILT_IN: readonly DeckCard[] = BUILT_IN_CARDS.map((card) => ({
	id: card.id,
	text: card.text,
	category: card.category,
	depth: card.depth,
	...(card.followUp ? { followUp: card.followUp } : {}),
	...(card.activity ? { activity: card.activity } : {}),
	...(card.liveOnly ? { liveOnly: true as const } : {}),
	custom: false
}));
const BUILT_IN_BY_ID = new Map(BUILT_IN.map((card) => [card.id, card]));

/** `custom:<uuid>` → `<uuid>`; also accepts the bare uuid. Anything else → null. */
export function customIdOf(cardId: string): string | null {
	const id = cardId.startsWith(CUSTOM_CARD_PREFIX)
		? cardId.slice(CUSTOM_CARD_PREFIX.length)
		: cardId;
	return customCardIdSchema.safeParse(id).success ? id : null;
}

export function toDeckCard(row: CustomCard): DeckCard {
	return {
		id: `${CUSTOM_CARD_PREFIX}${row.id}`,
		text: row.text,
		category: row.category as CategoryId,
		depth: row.depth as Depth,
		custom: true,
		authorId: row.authorId
	};
}

/** Built-ins (in their published order) then that couple's own cards, oldest first. */
export async function cardsForCouple(coupleId: string | null): Promise<DeckCard[]> {
	if (!coupleId) return [...BUILT_IN];
	return [...BUILT_IN, ...(await customCardsOf(coupleId))];
}

/** The built-in cards, as the deck sees them, in their published order. */
export const BUILT_IN_CARDS_AS_DECK: readonly DeckCard[] = BUILT_IN;

/** A couple's own cards, oldest first. */
export async function customCardsOf(coupleId: string): Promise<DeckCard[]> {
	const rows = await getDb()
		.select()
		.from(customCards)
		.where(eq(customCards.coupleId, coupleId))
		.orderBy(asc(customCards.createdAt), asc(customCards.id));
	return rows.map(toDeckCard);
}

/** Whether a card id names a built-in card kept for live talks (a couple's own cards never are). */
export function isLiveOnly(cardId: string): boolean {
	return BUILT_IN_BY_ID.get(cardId)?.liveOnly === true;
}

/** A built-in card, or a custom card only if it belongs to that couple. */
export async function findCard(
	coupleId: string | null,
	cardId: string
): Promise<DeckCard | undefined> {
	if (!cardId.startsWith(CUSTOM_CARD_PREFIX)) return BUILT_IN_BY_ID.get(cardId);
	const id = customIdOf(cardId);
	if (!coupleId || !id) return undefined;
	const [row] = await getDb()
		.select()
		.from(customCards)
		.where(and(eq(customCards.id, id), eq(customCards.coupleId, coupleId)))
		.limit(1);
	return row ? toDeckCard(row) : undefined;
}

/** Lowercase, without accents, with typographic quotes made plain and spaces collapsed. */
export function normaliseText(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[‘’ʼ]/g, "'")
		.replace(/[“”]/g, '"')
		.replace(/\s+/g, ' ')
		.trim()
		.toLowerCase();
}

/**
 * Filters the couple's deck. `text` matches every word of it (in any order) against the card's
 * question and follow-up, ignoring case and accents.
 */
export async function searchDeck(
	coupleId: string | null,
	q: { category?: CategoryId; depth?: Depth; text?: string }
): Promise<DeckCard[]> {
	const words = q.text ? normaliseText(q.text).split(' ').filter(Boolean) : [];
	return (await cardsForCouple(coupleId)).filter((card) => {
		if (q.category && card.category !== q.category) return false;
		if (q.depth && card.depth !== q.depth) return false;
		if (words.length === 0) return true;
		const haystack = normaliseText(`${card.text} ${card.followUp ?? ''}`);
		return words.every((word) => haystack.includes(word));
	});
}

/** The copy of a card that travels inside a conversation's events (history outlives edits). */
export function toEventCard(card: DeckCard): TalkCard {
	const { id, text, category, depth, followUp, custom } = card;
	return followUp
		? { id, text, category, depth, followUp, custom }
		: { id, text, category, depth, custom };
}
