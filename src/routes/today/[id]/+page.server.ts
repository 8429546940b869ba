import { error, fail } from '@sveltejs/kit';
import type { z } from 'zod';
import { dailyKind } from '$lib/conversation/daily/kind';
import { isRevealed } from '$lib/conversation/daily/reducer';
import type { DailyIntent } from '$lib/conversation/daily/types';
import type { CardNotice } from '$lib/realtime/protocol';
import { cardActionForms } from '$lib/schemas/cards';
import { conversationIdSchema } from '$lib/schemas/talk';
import { notifyPartner } from '$lib/server/cards/notify';
import { stateOf } from '$lib/server/conversations/log';
import { submitIntent } from '$lib/server/conversations/pipeline';
import { markRead } from '$lib/server/conversations/reads';
import { readDaily, sayNotToday } from '$lib/server/daily/today';
import { AppError } from '$lib/server/errors';
import { parseForm, readForm } from '$lib/server/forms';
import { requireUser } from '$lib/server/guard';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const NOT_FOUND = 'We could not find that question.';

function questionId(raw: string): string {
	const id = conversationIdSchema.safeParse(raw);
	if (!id.success) error(404, { message: NOT_FOUND });
	return id.data;
}

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	const id = questionId(event.params.id);
	let question;
	try {
		question = readDaily(user.id, id);
	} catch (e) {
		if (e instanceof AppError) error(404, { message: NOT_FOUND });
		throw e;
	}
	markRead(user.id, id, question.conversation.lastSeq);
	return {
		id,
		me: { id: user.id, name: user.name },
		events: question.events,
		writable: question.writable,
		notToday: question.notToday,
		clientId: crypto.randomUUID().replaceAll('-', '')
	};
};

const forms = {
	answer: cardActionForms.answer,
	reflect: cardActionForms.reflect,
	confirm: cardActionForms.confirm,
	notQuite: cardActionForms.notQuite,
	appreciate: cardActionForms.appreciate
};
type FormName = keyof typeof forms;

function toIntent(name: FormName, data: z.output<(typeof forms)[FormName]>): DailyIntent {
	const d = data as Record<string, unknown>;
	switch (name) {
		case 'answer':
			return { type: 'answer', text: d.text as string };
		case 'reflect':
			return {
				type: 'reflect',
				text: d.text as string,
				feelings: d.feelings as string[],
				needs: d.needs as string[]
			};
		case 'confirm':
			return { type: 'confirm' };
		case 'notQuite':
			return { type: 'not-quite', clarification: (d.clarification as string | null) ?? null };
		case 'appreciate':
			return { type: 'appreciate', text: d.text as string };
	}
}

const NOTICE: Record<FormName, CardNotice> = {
	answer: 'answered',
	reflect: 'reflected',
	confirm: 'confirmed',
	notQuite: 'not-quite',
	appreciate: 'appreciated'
};

function action(name: FormName) {
	return async (event: RequestEvent) => {
		const user = requireUser(event);
		const id = questionId(event.params.id);
		const parsed = parseForm(forms[name], await readForm(event));
		if (!parsed.ok) return parsed.failure;
		try {
			const done = await submitIntent(
				'daily',
				user.id,
				id,
				parsed.data.clientId,
				toIntent(name, parsed.data)
			);
			if (!done.duplicate) {
				const state = stateOf(dailyKind, done.conversation);
				const revealedNow = name === 'answer' && isRevealed(state);
				const partnerId = state.participants.find((p) => p.id !== user.id)?.id;
				// Only a partner it already reached hears of it; before their hour, nothing.
				if (partnerId && state.deliveredTo.includes(partnerId))
					await notifyPartner(
						partnerId,
						id,
						revealedNow ? 'revealed' : NOTICE[name],
						user.name,
						`/today/${id}`
					);
			}
		} catch (e) {
			if (e instanceof AppError) {
				if (e.code === 'not_found') error(404, { message: NOT_FOUND });
				return fail(409, { errors: { form: e.message }, values: {} });
			}
			throw e;
		}
		return { done: name };
	};
}

export const actions: Actions = {
	answer: action('answer'),
	reflect: action('reflect'),
	confirm: action('confirm'),
	notQuite: action('notQuite'),
	appreciate: action('appreciate'),
	// "Not today": the person's own, and nobody hears of it.
	notToday: async (event) => {
		const user = requireUser(event);
		const id = questionId(event.params.id);
		await readForm(event);
		try {
			sayNotToday(user.id, id);
		} catch (e) {
			if (e instanceof AppError) {
				if (e.code === 'not_found') error(404, { message: NOT_FOUND });
				return fail(409, { errors: { form: e.message }, values: {} });
			}
			throw e;
		}
		return { done: 'notToday' };
	}
};
