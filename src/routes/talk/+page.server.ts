import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { cardIdSchema } from '$lib/schemas/talk';
import { activeCoupleOf } from '$lib/server/couples/access';
import { findCard } from '$lib/server/deck/catalog';
import { doorsFor } from '$lib/server/door/doors';
import { AppError } from '$lib/server/errors';
import { requireUser } from '$lib/server/guard';
import { pastScheduledTalks, upcomingTalks } from '$lib/server/schedule/schedules';
import { announceTalkStarted } from '$lib/server/hub';
import { liveTalkOf, startTalk, TalkAlreadyLive } from '$lib/server/talk/talks';
import { sideTalkOf, startSide } from '$lib/server/talk/side';
import { sideStartSchema } from '$lib/schemas/side';
import { parseForm } from '$lib/server/forms';
import { CheckinAlreadyOpen, openCheckinOf, startCheckin } from '$lib/server/checkin/checkins';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/forms';
import { requestNow } from '$lib/server/request';

/** A card chosen in the deck ("Use in our next talk"), if it is one this couple can see. */
async function chosenCard(coupleId: string | null, raw: string | null) {
	const parsed = cardIdSchema.safeParse(raw);
	if (!parsed.success) return null;
	const card = await findCard(coupleId, parsed.data);
	return card ? { id: card.id, text: card.text } : null;
}

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	event.depends('hearth:door');
	const couple = await activeCoupleOf(user.id);
	const live = await liveTalkOf(user.id);
	const side = await sideTalkOf(user.id);
	const checkin = await openCheckinOf(user.id);
	const cardParam = event.url.searchParams.get('card');
	const card = couple ? await chosenCard(couple.id, cardParam) : null;
	return {
		partnerName: couple?.partner.name ?? null,
		live: live ? { id: live.id, status: live.status } : null,
		side: side ? { id: side.id } : null,
		checkin: checkin ? { id: checkin.id } : null,
		card,
		cardMissing: cardParam !== null && card === null,
		// The partner's open door, said warmly where a talk begins; and whether one's own is open.
		doors: couple ? await doorsFor(user.id, requestNow(event)) : null,
		clientId: crypto.randomUUID().replaceAll('-', ''),
		planned: couple
			? {
					upcoming: await upcomingTalks(user, Date.now(), 3),
					past: await pastScheduledTalks(user, couple, { limit: 3 })
				}
			: null
	};
};

const startForm = z.object({ card: z.string().optional() });

export const actions: Actions = {
	start: async (event) => {
		const user = requireUser(event);
		const form = startForm.safeParse(Object.fromEntries(await readForm(event)));
		const couple = await activeCoupleOf(user.id);
		if (!couple) return fail(409, { message: 'A talk needs two: invite your partner first.' });
		const card = form.success ? await chosenCard(couple.id, form.data.card ?? null) : null;
		const suffix = card ? `?card=${encodeURIComponent(card.id)}` : '';
		let conversationId: string;
		try {
			const started = await startTalk(user.id, crypto.randomUUID().replaceAll('-', ''));
			announceTalkStarted(started.coupleId, started.conversationId, user.id, user.name);
			conversationId = started.conversationId;
		} catch (error) {
			if (error instanceof TalkAlreadyLive) redirect(303, `/talk/${error.conversationId}${suffix}`);
			if (error instanceof AppError) return fail(409, { message: error.message });
			throw error;
		}
		redirect(303, `/talk/${conversationId}${suffix}`);
	},
	side: async (event) => {
		const user = requireUser(event);
		const parsed = parseForm(sideStartSchema, await readForm(event));
		if (!parsed.ok) return parsed.failure;
		if (!(await activeCoupleOf(user.id)))
			return fail(409, { message: 'A talk needs two: invite your partner first.' });
		const { conversationId } = await startSide(
			user.id,
			crypto.randomUUID().replaceAll('-', ''),
			parsed.data
		);
		redirect(303, `/talk/side/${conversationId}`);
	},
	checkin: async (event) => {
		const user = requireUser(event);
		await readForm(event);
		if (!(await activeCoupleOf(user.id)))
			return fail(409, {
				message: 'A check-in needs two: invite your partner first.',
				checkin: true
			});
		let conversationId: string;
		try {
			const started = await startCheckin(user.id, crypto.randomUUID().replaceAll('-', ''));
			announceTalkStarted(started.coupleId, started.conversationId, user.id, user.name, 'checkin');
			conversationId = started.conversationId;
		} catch (error) {
			if (error instanceof CheckinAlreadyOpen) redirect(303, `/checkin/${error.conversationId}`);
			if (error instanceof AppError) return fail(409, { message: error.message, checkin: true });
			throw error;
		}
		redirect(303, `/checkin/${conversationId}`);
	}
};
