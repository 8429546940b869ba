import { activeCoupleOf } from '$lib/server/couples/access';
import { inboxOf } from '$lib/server/cards/cards';
import { requireUser } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const couple = await activeCoupleOf(user.id);
	const items = (await inboxOf(user.id)).map((item) => ({
		id: item.id,
		text: item.card.text,
		fromMe: item.fromMe,
		group: item.group,
		unread: item.unread,
		lastEventAt: item.lastEventAt
	}));
	return { partnerName: couple?.partner.name ?? null, items };
};
