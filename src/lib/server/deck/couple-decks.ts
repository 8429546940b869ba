import type { DeckCard } from './catalog';
import type { CardUse } from './usage';

/**
 * What the picker reads on every draw that changes slowly — a couple's own cards and the cards it
 * used, and when — kept in memory per couple, so a draw does not read them again each time. The
 * database stays the authority: a use is added here as it is written, writes of custom cards drop
 * the couple's entry, a batch that rolls back drops every entry, and an entry lives at most a
 * minute (another process may have written). Which cards are resting is never taken from here: that
 * is a promise ("never a card someone set aside"), so it is read from the database on every draw.
 */
export type CoupleDeck = { custom: DeckCard[]; uses: Map<string, CardUse>; loadedAt: number };

const MAX_AGE_MS = 60_000;
const LIMIT = 5000;
const decks = new Map<string, CoupleDeck>();

/**
 * Loads under way, by couple. A load reads the database across awaits, so a write noted meanwhile
 * (a use, a custom card, a rollback) may be missing from what it read: such a load is still
 * answered, but not kept.
 */
type Loading = { stale: boolean };
const loading = new Map<string, Set<Loading>>();

function markLoadsStale(coupleId?: string) {
	const sets = coupleId === undefined ? [...loading.values()] : [loading.get(coupleId)];
	for (const set of sets) for (const load of set ?? []) load.stale = true;
}

export async function cachedDeck(
	coupleId: string,
	load: () => Promise<Omit<CoupleDeck, 'loadedAt'>>,
	now = Date.now()
): Promise<CoupleDeck> {
	const known = decks.get(coupleId);
	if (known && now - known.loadedAt < MAX_AGE_MS) return known;
	const mine: Loading = { stale: false };
	const pending = loading.get(coupleId) ?? new Set<Loading>();
	loading.set(coupleId, pending.add(mine));
	let deck: CoupleDeck;
	try {
		deck = { ...(await load()), loadedAt: now };
	} finally {
		pending.delete(mine);
		if (pending.size === 0 && loading.get(coupleId) === pending) loading.delete(coupleId);
	}
	if (mine.stale) return deck;
	decks.delete(coupleId);
	decks.set(coupleId, deck);
	if (decks.size > LIMIT) decks.delete(decks.keys().next().value!);
	return deck;
}

/** A use just written: the couple's entry, if there is one, learns it too. */
export function noteCardUse(coupleId: string, cardId: string, at: number) {
	markLoadsStale(coupleId);
	const uses = decks.get(coupleId)?.uses;
	if (!uses) return;
	const use = uses.get(cardId);
	uses.set(
		cardId,
		use
			? { lastUsedAt: Math.max(use.lastUsedAt, at), timesUsed: use.timesUsed + 1 }
			: { lastUsedAt: at, timesUsed: 1 }
	);
}

export function forgetDeck(coupleId: string) {
	markLoadsStale(coupleId);
	decks.delete(coupleId);
}

/** A transaction rolled back: entries may hold what it wrote. */
export function forgetAllDecks() {
	markLoadsStale();
	decks.clear();
}
