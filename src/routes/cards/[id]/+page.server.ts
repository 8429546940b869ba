import { error, fail } from '@sveltejs/kit';
import type { z } from 'zod';
import { isRevealed } from '$lib/conversation/card/reducer';
import { cardKind } from '$lib/conversation/card/kind';
import type { CardIntent } from '$lib/conversation/card/types';
import type { CardNotice } from '$lib/realtime/protocol';
import { cardActionForms } from '$lib/schemas/cards';
import { conversationIdSchema } from '$lib/schemas/talk';
import { readCard } from '$lib/server/cards/cards';
import { markRead } from '$lib/server/conversations/reads';
import { stateOf } from '$lib/server/conversations/log';
import { submitIntent } from '$lib/server/conversations/pipeline';
import { notifyPartner } from '$lib/server/cards/notify';
import { AppError } from '$lib/server/errors';
import { parseForm, readForm } from '$lib/server/forms';
import { requireUser } from '$lib/server/guard';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const NOT_FOUND = 'We could not find that card.';

function cardId(raw: string): string {
	const id = conversationIdSchema.safeParse(raw);
	if (!id.success) error(404, { message: NOT_FOUND });
	return id.data;
}

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	const id = cardId(event.params.id);
	let card;
	try {
		card = readCard(user.id, id);
	} catch (e) {
		if (e instanceof AppError) error(404, { message: NOT_FOUND });
		throw e;
	}
	markRead(user.id, id, card.conversation.lastSeq);
	return {
		id,
		me: { id: user.id, name: user.name },
		events: card.events,
		writable: card.writable,
		justSent: event.url.searchParams.has('sent'),
		clientId: crypto.randomUUID().replaceAll('-', '')
	};
};

type FormName = keyof typeof cardActionForms;

function toIntent(name: FormName, data: z.output<(typeof cardActionForms)[FormName]>): CardIntent {
	const d = data as Record<string, unknown>;
	switch (name) {
		case 'answer':
			return { type: 'answer', text: d.text as string };
		case 'notReady':
			return { type: 'not-ready' };
		case 'bringBack':
			return { type: 'bring-back' };
		case 'reflect':
			return {
				type: 'reflect',
				text: d.text as string,
				feelings: d.feelings as string[],
				needs: d.needs as string[]
			};
		case 'confirm':
			return { type: 'confirm' };
		case 'notQuite':
			return { type: 'not-quite', clarification: (d.clarification as string | null) ?? null };
		case 'appreciate':
			return { type: 'appreciate', text: d.text as string };
	}
}

/** What the partner hears: nothing at all of a set-aside or a bring-back. */
const NOTICE: Record<FormName, CardNotice | null> = {
	answer: 'answered',
	notReady: null,
	bringBack: null,
	reflect: 'reflected',
	confirm: 'confirmed',
	notQuite: 'not-quite',
	appreciate: 'appreciated'
};

function action(name: FormName) {
	return async (event: RequestEvent) => {
		const user = requireUser(event);
		const id = cardId(event.params.id);
		const parsed = parseForm(cardActionForms[name], await readForm(event));
		if (!parsed.ok) return parsed.failure;
		try {
			const done = await submitIntent(
				'async',
				user.id,
				id,
				parsed.data.clientId,
				toIntent(name, parsed.data)
			);
			if (!done.duplicate) {
				const state = stateOf(cardKind, done.conversation);
				const revealedNow = name === 'answer' && isRevealed(state);
				const partnerId = state.participants.find((p) => p.id !== user.id)?.id;
				const notice = revealedNow ? 'revealed' : NOTICE[name];
				if (partnerId && notice) await notifyPartner(partnerId, id, notice, user.name);
			}
		} catch (e) {
			if (e instanceof AppError) {
				if (e.code === 'not_found') error(404, { message: NOT_FOUND });
				return fail(409, { errors: { form: e.message }, values: {} });
			}
			throw e;
		}
		return { done: name };
	};
}

export const actions: Actions = {
	answer: action('answer'),
	notReady: action('notReady'),
	bringBack: action('bringBack'),
	reflect: action('reflect'),
	confirm: action('confirm'),
	notQuite: action('notQuite'),
	appreciate: action('appreciate')
};
