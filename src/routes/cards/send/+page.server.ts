import { fail, redirect } from '@sveltejs/kit';
import { cardIdSchema } from '$lib/schemas/deck';
import { sendCardForm } from '$lib/schemas/cards';
import { activeCoupleOf } from '$lib/server/couples/access';
import { notifyPartner } from '$lib/server/cards/notify';
import { sendCard } from '$lib/server/cards/cards';
import { findCard } from '$lib/server/deck/catalog';
import { AppError } from '$lib/server/errors';
import { parseForm, readForm } from '$lib/server/forms';
import { requireUser } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	const couple = activeCoupleOf(user.id);
	if (!couple) redirect(303, '/cards');
	const raw = event.url.searchParams.get('card');
	const id = cardIdSchema.safeParse(raw);
	const card = id.success ? findCard(couple.id, id.data) : undefined;
	return {
		partnerName: couple.partner.name,
		card: card ? { id: card.id, text: card.text, followUp: card.followUp ?? null } : null,
		cardMissing: raw !== null && !card,
		clientId: crypto.randomUUID().replaceAll('-', '')
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		const parsed = parseForm(sendCardForm, await readForm(event));
		if (!parsed.ok) return parsed.failure;
		let sent;
		try {
			sent = sendCard(user.id, parsed.data);
		} catch (error) {
			if (error instanceof AppError) {
				const missing = error.code === 'not_found';
				const message = missing ? 'We could not find that card.' : error.message;
				return fail(missing ? 404 : 409, { errors: { form: message }, values: {} });
			}
			throw error;
		}
		if (!sent.duplicate)
			await notifyPartner(sent.partnerId, sent.conversationId, 'sent', user.name);
		redirect(303, `/cards/${sent.conversationId}?sent=1`);
	}
};
