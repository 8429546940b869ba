import { fail, redirect } from '@sveltejs/kit';
import { noticedCardForm } from '$lib/schemas/cards';
import { activeCoupleOf } from '$lib/server/couples/access';
import { notifyPartner } from '$lib/server/cards/notify';
import { sendCard } from '$lib/server/cards/cards';
import { AppError } from '$lib/server/errors';
import { parseForm, readForm } from '$lib/server/forms';
import { requireUser } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const couple = await activeCoupleOf(user.id);
	if (!couple) redirect(303, '/cards');
	return {
		partnerName: couple.partner.name,
		clientId: crypto.randomUUID().replaceAll('-', '')
	};
};

export const actions: Actions = {
	/** An "I noticed…" card is a sent card whose question is composed: the same send, the same kind. */
	default: async (event) => {
		const user = requireUser(event);
		const form = await readForm(event);
		// Each ticked feeling is its own field (so it posts without JavaScript): one list for the schema.
		const feelings = form.getAll('feelings').filter((v): v is string => typeof v === 'string');
		form.set('feelings', feelings.join(','));
		const parsed = parseForm(noticedCardForm, form);
		if (!parsed.ok) return parsed.failure;
		const { clientId, ...noticed } = parsed.data;
		let sent;
		try {
			sent = await sendCard(user.id, { clientId, noticed });
		} catch (error) {
			if (error instanceof AppError)
				return fail(409, { errors: { form: error.message }, values: {} });
			throw error;
		}
		if (!sent.duplicate)
			await notifyPartner(sent.partnerId, sent.conversationId, 'sent', user.name);
		redirect(303, `/cards/${sent.conversationId}?sent=1`);
	}
};
