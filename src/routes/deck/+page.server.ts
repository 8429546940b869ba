import { parseDeckQuery } from '$lib/schemas/deck';
import { activeCoupleOf } from '$lib/server/couples/access';
import { searchDeck } from '$lib/server/deck/catalog';
import { requireUser } from '$lib/server/guard';
import { summary } from './deck.server';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 24;

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const couple = await activeCoupleOf(user.id);
	const { filters, problems } = parseDeckQuery(event.url.searchParams);
	const found = await searchDeck(couple?.id ?? null, {
		category: filters.category,
		depth: filters.depth,
		text: filters.q
	});
	// The couple's own cards first, newest first; then the built-ins in their published order.
	const ordered = [...found.filter((c) => c.custom).reverse(), ...found.filter((c) => !c.custom)];
	const shown = Math.min(ordered.length, filters.page * PAGE_SIZE);
	return {
		hasCouple: couple !== null,
		filters,
		problems,
		total: ordered.length,
		cards: ordered.slice(0, shown).map((card) => summary(card, user.id, couple)),
		nextPage: shown < ordered.length ? filters.page + 1 : null,
		deleted: event.url.searchParams.has('deleted')
	};
};
