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

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	const couple = activeCoupleOf(user.id);
	const feed = activeFeedOf(user.id);
	if (!couple) return { partnerName: null, upcoming: [], past: [], settled: [], feed };
	const partner = couple.partner;
	return {
		partnerName: partner.name,
		upcoming: upcomingTalks(user),
		past: pastScheduledTalks(user, couple, { limit: 10 }),
		settled: settledSchedulesOf(couple.id, 5).map((row) => ({
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
		if (!activeCoupleOf(user.id))
			return fail(409, { feedMessage: 'Your calendar link comes with a shared space.' });
		const secret = createFeed(user.id);
		return { feedUrl: `${event.url.origin}/calendar/${secret}.ics` };
	},
	revokeFeed: async (event) => {
		const user = requireUser(event);
		await readForm(event);
		revokeFeeds(user.id);
		return { feedRevoked: true };
	}
};
