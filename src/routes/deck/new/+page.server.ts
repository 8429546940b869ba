import { fail, redirect } from '@sveltejs/kit';
import { categorySchema, customCardForm } from '$lib/schemas/deck';
import { activeCoupleOf } from '$lib/server/couples/access';
import { createCustomCard } from '$lib/server/deck/custom-cards';
import { AppError } from '$lib/server/errors';
import { parseForm, readForm } from '$lib/server/forms';
import { requireUser } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const couple = await activeCoupleOf(user.id);
	// "Write a card like these" from a filtered deck starts in that category.
	const category = categorySchema.safeParse(event.url.searchParams.get('category'));
	return {
		partnerName: couple?.partner.name ?? null,
		category: category.success ? category.data : ''
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		const parsed = parseForm(customCardForm, await readForm(event));
		if (!parsed.ok) return parsed.failure;
		let id: string;
		try {
			id = (await createCustomCard(user.id, parsed.data)).id;
		} catch (caught) {
			if (caught instanceof AppError && caught.code === 'not_found')
				return fail(404, {
					values: parsed.data,
					errors: { form: 'Cards you write yourselves come with a shared space.' }
				});
			throw caught;
		}
		redirect(303, `/deck/${id}?written=1`);
	}
};
