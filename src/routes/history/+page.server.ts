import { fail } from '@sveltejs/kit';
import { bringBackForm, parseHistoryQuery } from '$lib/schemas/history';
import { activeCoupleOf } from '$lib/server/couples/access';
import { isLiveOnly } from '$lib/server/deck/catalog';
import { bringBack, setAsidesOf } from '$lib/server/deck/set-aside';
import { AppError } from '$lib/server/errors';
import { searchHistory, timelineOf } from '$lib/server/history/history';
import { requireUser } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/forms';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const { query, problem } = parseHistoryQuery(event.url.searchParams);
	const cursor = query.after
		? { at: Number(query.after.split('_')[0]), id: query.after.split('_')[1]! }
		: null;
	const page = await timelineOf(user.id, query, cursor);
	const couple = await activeCoupleOf(user.id);
	return {
		query,
		problem,
		items: page.items,
		next: page.next ? `${page.next.at}_${page.next.id}` : null,
		hits: query.q ? await searchHistory(user.id, query.q) : null,
		partnerName: couple?.partner.name ?? null,
		setAside: (await setAsidesOf(user.id)).map((s) => ({
			id: s.id,
			cardId: s.cardId,
			text: s.cardText,
			at: s.setAsideAt,
			// Only cards of the active space can be sent or drawn again.
			active: couple?.id === s.coupleId,
			// A card kept for talks is offered for a talk only.
			sendable: !isLiveOnly(s.cardId)
		}))
	};
};

export const actions: Actions = {
	bringBack: async (event) => {
		const user = requireUser(event);
		const parsed = bringBackForm.safeParse(Object.fromEntries(await readForm(event)));
		if (!parsed.success) return fail(400, { message: 'We could not find that card.' });
		try {
			await bringBack(user.id, parsed.data.setAsideId, Date.now());
		} catch (error) {
			if (error instanceof AppError) return fail(404, { message: 'We could not find that card.' });
			throw error;
		}
		return { broughtBack: true };
	}
};
