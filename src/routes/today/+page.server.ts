import { redirect } from '@sveltejs/kit';
import { activeCoupleOf } from '$lib/server/couples/access';
import { dailyChoiceOf } from '$lib/server/daily/settings';
import { todayFor } from '$lib/server/daily/today';
import { requireUser } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

/** Today's question if one is waiting; otherwise a calm word about how it works. */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const today = await todayFor(user.id);
	if (today) redirect(303, `/today/${today.conversationId}`);
	const choice = await dailyChoiceOf(user.id);
	return {
		hasCouple: !!(await activeCoupleOf(user.id)),
		enabled: choice.enabled,
		hour: choice.hour,
		timeZone: user.timeZone
	};
};
