import { error, fail, redirect } from '@sveltejs/kit';
import { dailyKind } from '$lib/conversation/daily/kind';
import { isRevealed } from '$lib/conversation/daily/reducer';
import { stateOf } from '$lib/server/conversations/log';
import { markRead } from '$lib/server/conversations/reads';
import { readDaily, sayNotToday } from '$lib/server/daily/today';
import { AppError } from '$lib/server/errors';
import { readForm } from '$lib/server/forms';
import { requireUser } from '$lib/server/guard';
import { cardActions, idFrom, NOTICE, type Telling } from '../../cards/card-actions.server';
import type { Actions, PageServerLoad } from './$types';

const NOT_FOUND = 'We could not find that question.';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const id = idFrom(event.params.id, NOT_FOUND);
	let question;
	try {
		question = await readDaily(user.id, id);
	} catch (e) {
		if (e instanceof AppError) error(404, { message: NOT_FOUND });
		throw e;
	}
	await markRead(user.id, id, question.conversation.lastSeq);
	return {
		id,
		me: { id: user.id, name: user.name },
		events: question.events,
		writable: question.writable,
		notToday: question.notToday,
		clientId: crypto.randomUUID().replaceAll('-', '')
	};
};

/** The partner hears of it only once the question reached them, at their own hour. */
const tell: Telling = async (done, userId, name) => {
	const state = await stateOf(dailyKind, done.conversation);
	const partnerId = state.participants.find((p) => p.id !== userId)?.id;
	if (!partnerId || !state.deliveredTo.includes(partnerId)) return null;
	const notice = name === 'answer' && isRevealed(state) ? 'revealed' : NOTICE[name];
	return notice ? { partnerId, notice, href: `/today/${done.conversation.id}` } : null;
};

export const actions: Actions = {
	...cardActions({
		kind: 'daily',
		names: ['answer', 'reflect', 'confirm', 'notQuite', 'appreciate'],
		notFound: NOT_FOUND,
		tell
	}),
	// "Not today": the person's own, and nobody hears of it.
	notToday: async (event) => {
		const user = requireUser(event);
		const id = idFrom(event.params.id, NOT_FOUND);
		await readForm(event);
		try {
			await sayNotToday(user.id, id);
		} catch (e) {
			if (e instanceof AppError) {
				if (e.code === 'not_found') error(404, { message: NOT_FOUND });
				return fail(409, { errors: { form: e.message }, values: {} });
			}
			throw e;
		}
		redirect(303, event.url.pathname);
	}
};
