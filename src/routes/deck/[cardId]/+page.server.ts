import { error } from '@sveltejs/kit';
import { cardIdSchema } from '$lib/schemas/deck';
import { activeCoupleOf } from '$lib/server/couples/access';
import { findCard } from '$lib/server/deck/catalog';
import { requireUser } from '$lib/server/guard';
import { summary } from '../deck.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const couple = await activeCoupleOf(user.id);
	const id = cardIdSchema.safeParse(event.params.cardId);
	// Another couple's card answers exactly like a card that does not exist.
	const card = id.success ? await findCard(couple?.id ?? null, id.data) : undefined;
	if (!card) error(404, 'We could not find that card.');
	const params = event.url.searchParams;
	return {
		card: summary(card, user.id, couple),
		hasCouple: couple !== null,
		notice: params.has('written')
			? 'Your card is in the deck. Only the two of you can see it.'
			: params.has('saved')
				? 'Your changes are saved.'
				: null
	};
};
