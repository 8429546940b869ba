import { unreadCardCount } from '$lib/server/cards/cards';
import { todayFor } from '$lib/server/daily/today';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, depends }) => {
	depends('hearth:unread');
	return {
		user: locals.user,
		unreadCards: locals.user ? await unreadCardCount(locals.user.id) : 0,
		// Today's question, while it waits for this person: a calm line, never a count.
		today: locals.user ? await todayFor(locals.user.id) : null
	};
};
