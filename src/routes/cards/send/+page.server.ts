import { fail, redirect } from '@sveltejs/kit';
import { cardIdSchema } from '$lib/schemas/deck';
import { sendCardForm } from '$lib/schemas/cards';
import { activeCoupleOf } from '$lib/server/couples/access';
import { notifyPartner } from '$lib/server/cards/notify';
import { cardRefusal, NotSentNow, notSentMessage, sendCard } from '$lib/server/cards/cards';
import { findCard } from '$lib/server/deck/catalog';
import { createCustomCard } from '$lib/server/deck/custom-cards';
import { AppError } from '$lib/server/errors';
import { parseForm, readForm } from '$lib/server/forms';
import { requireUser } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const couple = await activeCoupleOf(user.id);
	if (!couple) redirect(303, '/cards');
	const raw = event.url.searchParams.get('card');
	const id = cardIdSchema.safeParse(raw);
	const card = id.success ? await findCard(couple.id, id.data) : undefined;
	// A card chosen in the deck: whether it can go now is known before any words are written.
	const notNow = card ? await cardRefusal(couple.partner.id, card) : null;
	return {
		partnerName: couple.partner.name,
		card: card ? { id: card.id, text: card.text, followUp: card.followUp ?? null } : null,
		cardMissing: raw !== null && !card,
		notNow: notNow && { reason: notNow, message: notSentMessage(notNow, couple.partner.name) },
		clientId: crypto.randomUUID().replaceAll('-', '')
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		const form = await readForm(event);
		const parsed = parseForm(sendCardForm, form);
		if (!parsed.ok) return parsed.failure;
		const input = parsed.data;
		// What was written comes back with a refusal, so nothing is lost.
		const values: Record<string, string> = {};
		for (const [key, value] of form) if (typeof value === 'string') values[key] = value;
		try {
			if (input.then) {
				// "Keep it for a talk" / "Keep it in our deck": nothing is sent; a card written here
				// joins the couple's deck so it can be found again (the pages it leads to check the id).
				const cardId =
					input.cardId ??
					(
						await createCustomCard(user.id, {
							text: input.text!,
							category: input.category!,
							depth: input.depth!
						})
					).id;
				const where = encodeURIComponent(cardId);
				redirect(303, input.then === 'talk' ? `/talk?card=${where}` : `/deck/${where}?written`);
			}
			const sent = await sendCard(user.id, input);
			if (!sent.duplicate)
				await notifyPartner(sent.partnerId, sent.conversationId, 'sent', user.name);
			redirect(303, `/cards/${sent.conversationId}?sent=1`);
		} catch (error) {
			if (error instanceof NotSentNow)
				return fail(409, { errors: { form: error.message }, values, notNow: error.reason });
			if (error instanceof AppError) {
				const missing = error.code === 'not_found';
				const message = missing ? 'We could not find that card.' : error.message;
				return fail(missing ? 404 : 409, { errors: { form: message }, values });
			}
			throw error;
		}
	}
};
