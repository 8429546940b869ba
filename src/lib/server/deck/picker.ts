import type { Activity, CategoryId, Depth } from '$lib/deck/types';
import { BUILT_IN_CARDS_AS_DECK, customCardsOf, type DeckCard } from './catalog';
import { cachedDeck } from './couple-decks';
import { openSetAsideCardIds } from './set-aside';
import { cardUsesOf } from './usage';

export type PickOptions = {
	depth: Depth;
	category?: CategoryId;
	/** The same seed over the same deck and history picks the same card. */
	seed?: number | string;
	excludeIds?: readonly string[];
	/**
	 * Side by side: only the activity cards for it (and those for anything). Without it, activity
	 * cards are left out — "while you cook…" makes no sense across a table or in a sent card.
	 */
	activity?: Activity;
	/** Only cards that may travel without both partners present (no live-only card). */
	away?: boolean;
};

export type PickedCard = { card: DeckCard; exhausted: boolean };

/** mulberry32: a tiny seeded PRNG with a full 2^32 period; returns numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** FNV-1a, so a string seed (say a conversation id and a turn) works as well as a number. */
function seedNumber(seed: number | string): number {
	if (typeof seed === 'number') return seed;
	let hash = 0x811c9dc5;
	for (let i = 0; i < seed.length; i++) {
		hash ^= seed.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}

function fitsActivity(card: DeckCard, activity: Activity | undefined): boolean {
	if (!activity) return !card.activity;
	return card.activity === activity || card.activity === 'anything';
}

/**
 * The next card for this couple at a depth (and category). Never a card either partner has set
 * aside and not brought back, nor one in `excludeIds`. Cards this couple never used come first,
 * at random; once every card of the pool was used, the least recently used one comes back with
 * `exhausted: true`. Null when no card fits at all.
 */
export async function pickNextCard(
	coupleId: string,
	options: PickOptions
): Promise<PickedCard | null> {
	const excluded = new Set([
		...(options.excludeIds ?? []),
		...(await openSetAsideCardIds(coupleId))
	]);
	const deck = await cachedDeck(coupleId, async () => ({
		custom: await customCardsOf(coupleId),
		uses: await cardUsesOf(coupleId)
	}));
	const pool = [...BUILT_IN_CARDS_AS_DECK, ...deck.custom].filter(
		(card) =>
			card.depth === options.depth &&
			(!options.category || card.category === options.category) &&
			fitsActivity(card, options.activity) &&
			!(options.away && card.liveOnly) &&
			!excluded.has(card.id)
	);
	if (pool.length === 0) return null;

	const uses = deck.uses;
	const fresh = pool.filter((card) => !uses.has(card.id));
	if (fresh.length > 0) {
		const random = options.seed === undefined ? Math.random : mulberry32(seedNumber(options.seed));
		return { card: fresh[Math.floor(random() * fresh.length)]!, exhausted: false };
	}

	// Every card was used: the one used longest ago (fewer uses, then deck order, break ties).
	let oldest = pool[0]!;
	for (const card of pool.slice(1)) {
		const a = uses.get(card.id)!;
		const b = uses.get(oldest.id)!;
		if (a.lastUsedAt < b.lastUsedAt || (a.lastUsedAt === b.lastUsedAt && a.timesUsed < b.timesUsed))
			oldest = card;
	}
	return { card: oldest, exhausted: true };
}
