import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import type { CardIntent } from '$lib/conversation/card/types';
import type { KindName } from '$lib/conversation/kind';
import type { CardNotice } from '$lib/realtime/protocol';
import { cardActionForms } from '$lib/schemas/cards';
import { conversationIdSchema } from '$lib/schemas/talk';
import { notifyPartner } from '$lib/server/cards/notify';
import type { Appended } from '$lib/server/conversations/log';
import { submitIntent } from '$lib/server/conversations/pipeline';
import { AppError } from '$lib/server/errors';
import { parseForm, readForm } from '$lib/server/forms';
import { requireUser } from '$lib/server/guard';

/**
 * The form actions of a card-like conversation (a sent card, a question for today): each posted
 * form becomes one intent through the one pipeline, and the partner hears what the page says they
 * may hear. Shared by /cards/[id] and /today/[id].
 */
export type CardFormName = keyof typeof cardActionForms;

/** A conversation id from the URL, or the page's own "not found". */
export function idFrom(raw: string, notFound: string): string {
	const id = conversationIdSchema.safeParse(raw);
	if (!id.success) error(404, { message: notFound });
	return id.data;
}

function toIntent(
	name: CardFormName,
	data: z.output<(typeof cardActionForms)[CardFormName]>
): CardIntent {
	const d = data as Record<string, unknown>;
	switch (name) {
		case 'answer':
			return d.share
				? { type: 'answer', text: d.text as string, share: true }
				: { type: 'answer', text: d.text as string };
		case 'notReady':
			return { type: 'not-ready' };
		case 'bringBack':
			return { type: 'bring-back' };
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

/** What the partner hears of an action: nothing at all of a set-aside or a bring-back. */
export const NOTICE: Record<CardFormName, CardNotice | null> = {
	answer: 'answered',
	notReady: null,
	bringBack: null,
	reflect: 'reflected',
	confirm: 'confirmed',
	notQuite: 'not-quite',
	appreciate: 'appreciated'
};

/** Who is told, of what, and where the notice links to; null tells nobody. */
export type Telling = (
	done: Appended,
	userId: string,
	name: CardFormName
) => Promise<{ partnerId: string; notice: CardNotice; href?: string } | null>;

/** One action a form name, for the kinds whose intents are card intents. */
export function cardActions<N extends CardFormName>(options: {
	kind: KindName;
	names: readonly N[];
	notFound: string;
	tell: Telling;
}) {
	const action = (name: N) => async (event: RequestEvent<Record<'id', string>>) => {
		const user = requireUser(event);
		const id = idFrom(event.params.id, options.notFound);
		const form = cardActionForms[name as CardFormName];
		const parsed = parseForm(form, await readForm(event));
		if (!parsed.ok) return parsed.failure;
		const data = parsed.data as z.output<typeof form>;
		try {
			const done = await submitIntent(
				options.kind,
				user.id,
				id,
				data.clientId,
				toIntent(name, data)
			);
			const telling = done.duplicate ? null : await options.tell(done, user.id, name);
			if (telling)
				await notifyPartner(telling.partnerId, id, telling.notice, user.name, telling.href);
		} catch (e) {
			if (e instanceof AppError) {
				if (e.code === 'not_found') error(404, { message: options.notFound });
				return fail(409, { errors: { form: e.message }, values: {} });
			}
			throw e;
		}
		// Post/Redirect/Get: the page is loaded afresh, so a reload never posts the form again.
		redirect(303, event.url.pathname);
	};
	return Object.fromEntries(options.names.map((name) => [name, action(name)])) as Record<
		N,
		ReturnType<typeof action>
	>;
}
