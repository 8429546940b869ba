import { error } from '@sveltejs/kit';
import { conversationIdSchema } from '$lib/schemas/talk';
import { AppError } from '$lib/server/errors';
import { requireUser } from '$lib/server/guard';
import { readSide } from '$lib/server/talk/side';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const id = conversationIdSchema.safeParse(event.params.id);
	if (!id.success) error(404, { message: 'We could not find that talk.' });
	let side;
	try {
		side = await readSide(user.id, id.data);
	} catch (e) {
		if (e instanceof AppError) error(404, { message: 'We could not find that talk.' });
		throw e;
	}
	return {
		conversationId: side.conversation.id,
		events: side.events,
		me: { id: user.id, name: user.name },
		writable: side.writable,
		/** Still going: the tab bar steps aside on a phone, as in a live talk. */
		live: side.writable && side.conversation.status !== 'ended'
	};
};
