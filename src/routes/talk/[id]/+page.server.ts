import { error } from '@sveltejs/kit';
import { conversationIdSchema, cardIdSchema } from '$lib/schemas/talk';
import { activeCoupleOf } from '$lib/server/couples/access';
import { findCard } from '$lib/server/deck/catalog';
import { AppError } from '$lib/server/errors';
import { requireUser } from '$lib/server/guard';
import { readTalk } from '$lib/server/talk/talks';
import { lastTimeFor } from '$lib/server/checkin/last-time';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const id = conversationIdSchema.safeParse(event.params.id);
	if (!id.success) error(404, { message: 'We could not find that talk.' });
	let talk;
	try {
		talk = await readTalk(user.id, id.data);
	} catch (e) {
		if (e instanceof AppError) error(404, { message: 'We could not find that talk.' });
		throw e;
	}
	const writable = talk.writable;
	const couple = writable ? await activeCoupleOf(user.id) : null;
	const cardId = cardIdSchema.safeParse(event.url.searchParams.get('card'));
	const chosen = cardId.success && writable ? await findCard(couple!.id, cardId.data) : undefined;
	return {
		conversationId: talk.conversation.id,
		events: talk.events,
		me: { id: user.id, name: user.name },
		writable,
		/** A talk still going (the layout lets the tab bar step aside on a phone only then). */
		live: writable && talk.conversation.status !== 'ended',
		chosenCard: chosen ? { id: chosen.id, text: chosen.text, depth: chosen.depth } : null,
		/** "Last time", for the opening: only while the talk is going and before its first card. */
		lastTime:
			writable && talk.conversation.status !== 'ended' && talk.state.rounds.length === 0
				? await lastTimeFor(user.id, talk.conversation.id)
				: null
	};
};
