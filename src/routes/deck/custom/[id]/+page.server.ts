import { redirect } from '@sveltejs/kit';
import { customCardForm } from '$lib/schemas/deck';
import { activeCoupleOf } from '$lib/server/couples/access';
import { customCardOf, deleteCustomCard, updateCustomCard } from '$lib/server/deck/custom-cards';
import { parseForm, readForm } from '$lib/server/forms';
import { requireUser } from '$lib/server/guard';
import { orNotFound, summary } from '../../deck.server';
import type { Actions, PageServerLoad } from './$types';

/** Editing is for the caller's active couple only: any other card, or an ended space, is a 404. */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const card = await orNotFound(() => customCardOf(user.id, event.params.id));
	return { card: summary(card, user.id, await activeCoupleOf(user.id)) };
};

export const actions: Actions = {
	save: async (event) => {
		const user = requireUser(event);
		// Checked before the form, so a stranger learns nothing from validation messages either.
		const card = await orNotFound(() => customCardOf(user.id, event.params.id));
		const parsed = parseForm(customCardForm, await readForm(event));
		if (!parsed.ok) return parsed.failure;
		await orNotFound(() => updateCustomCard(user.id, card.id, parsed.data));
		redirect(303, `/deck/${card.id}?saved=1`);
	},
	delete: async (event) => {
		const user = requireUser(event);
		await readForm(event);
		await orNotFound(() => deleteCustomCard(user.id, event.params.id));
		redirect(303, '/deck?deleted=1');
	}
};
