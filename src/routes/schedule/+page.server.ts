import { fail } from '@sveltejs/kit';
import { describeTime } from '$lib/schedule/time';
import { activeCoupleOf } from '$lib/server/couples/access';
import { requireUser } from '$lib/server/guard';
import { activeFeedOf, createFeed, revokeFeeds } from '$lib/server/schedule/feeds';
import {
	pastScheduledTalks,
	settledSchedulesOf,
	upcomingTalks
} from '$lib/server/schedule/schedules';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/forms';

const SETTLED: Record<string, string> = {
	declined: 'Not now',
	countered: 'Another time was suggested',
	cancelled: 'Taken off the calendar'
};

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const couple = await activeCoupleOf(user.id);
	const feed = await activeFeedOf(user.id);
	if (!couple) return { partnerName: null, upcoming: [], past: [], settled: [], feed };
	const partner = couple.partner;
	return {
		partnerName: partner.name,
		upcoming: await upcomingTalks(user),
		past: await pastScheduledTalks(user, couple, { limit: 10 }),
		settled: (await settledSchedulesOf(couple.id, 5)).map((row) => ({
			id: row.id,
			when: describeTime(row.startsAt, user.timeZone, partner.timeZone, partner.name, {
				date: true
			}),
			label: SETTLED[row.status] ?? ''
		})),
		feed
	};
};

export const actions: Actions = {
	feed: async (event) => {
		const user = requireUser(event);
		await readForm(event);
		if (!(await activeCoupleOf(user.id)))
			return fail(409, { feedMessage: 'Your calendar link comes with a shared space.' });
		const secret = await createFeed(user.id);
		return { feedUrl: `${event.url.origin}/calendar/${secret}.ics` };
	},
	revokeFeed: async (event) => {
		const user = requireUser(event);
		await readForm(event);
		await revokeFeeds(user.id);
		return { feedRevoked: true };
	}
};
