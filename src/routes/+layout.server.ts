import { unreadCardCount } from '$lib/server/cards/cards';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, depends }) => {
	depends('hearth:unread');
	return { user: locals.user, unreadCards: locals.user ? unreadCardCount(locals.user.id) : 0 };
};
