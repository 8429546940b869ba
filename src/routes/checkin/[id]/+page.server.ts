import { error } from '@sveltejs/kit';
import { conversationIdSchema } from '$lib/schemas/talk';
import { readCheckin } from '$lib/server/checkin/checkins';
import { lastTimeFor } from '$lib/server/checkin/last-time';
import { AppError } from '$lib/server/errors';
import { requireUser } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const id = conversationIdSchema.safeParse(event.params.id);
	if (!id.success) error(404, { message: 'We could not find that check-in.' });
	let found;
	try {
		found = await readCheckin(user.id, id.data);
	} catch (e) {
		if (e instanceof AppError) error(404, { message: 'We could not find that check-in.' });
		throw e;
	}
	const open = found.writable && found.conversation.status !== 'ended';
	return {
		conversationId: found.conversation.id,
		events: found.events,
		me: { id: user.id, name: user.name },
		writable: found.writable,
		/** A check-in still going (the layout lets the tab bar step aside on a phone only then). */
		live: open,
		lastTime: open ? await lastTimeFor(user.id, found.conversation.id) : null
	};
};
