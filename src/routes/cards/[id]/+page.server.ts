import { error } from '@sveltejs/kit';
import { cardKind } from '$lib/conversation/card/kind';
import { isRevealed } from '$lib/conversation/card/reducer';
import { readCard } from '$lib/server/cards/cards';
import { stateOf } from '$lib/server/conversations/log';
import { markRead } from '$lib/server/conversations/reads';
import { AppError } from '$lib/server/errors';
import { requireUser } from '$lib/server/guard';
import { cardActions, idFrom, NOTICE, type Telling } from '../card-actions.server';
import type { Actions, PageServerLoad } from './$types';

const NOT_FOUND = 'We could not find that card.';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const id = idFrom(event.params.id, NOT_FOUND);
	let card;
	try {
		card = await readCard(user.id, id);
	} catch (e) {
		if (e instanceof AppError) error(404, { message: NOT_FOUND });
		throw e;
	}
	await markRead(user.id, id, card.conversation.lastSeq);
	return {
		id,
		me: { id: user.id, name: user.name },
		events: card.events,
		writable: card.writable,
		justSent: event.url.searchParams.has('sent'),
		clientId: crypto.randomUUID().replaceAll('-', '')
	};
};

/** The partner hears what happened — once the answers are revealed, that they are. */
const tell: Telling = async (done, userId, name) => {
	const state = await stateOf(cardKind, done.conversation);
	const partnerId = state.participants.find((p) => p.id !== userId)?.id;
	// The one who noticed has no answer of their own: theirs is to read, never "both revealed".
	const notice =
		name === 'answer' && isRevealed(state) && !state.noticed ? 'revealed' : NOTICE[name];
	return partnerId && notice ? { partnerId, notice } : null;
};

export const actions: Actions = cardActions({
	kind: 'async',
	names: ['answer', 'notReady', 'bringBack', 'reflect', 'confirm', 'notQuite', 'appreciate'],
	notFound: NOT_FOUND,
	tell
});
