import { redirect } from '@sveltejs/kit';
import { activeCoupleOf } from '$lib/server/couples/access';
import { leaveCouple } from '$lib/server/couples/settings';
import { requireUser } from '$lib/server/guard';
import { announceCoupleEnded } from '$lib/server/hub';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/forms';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const couple = await activeCoupleOf(user.id);
	if (!couple) redirect(303, '/settings');
	return { partnerName: couple.partner.name };
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		await readForm(event);
		if (!(await activeCoupleOf(user.id))) redirect(303, '/');
		const { coupleId, partnerId } = await leaveCouple(user.id);
		announceCoupleEnded(coupleId, { id: user.id, name: user.name }, partnerId);
		redirect(303, '/');
	}
};
