import { error } from '@sveltejs/kit';
import { momentForm, noteForm } from '$lib/schemas/history';
import { conversationIdSchema } from '$lib/schemas/talk';
import { AppError } from '$lib/server/errors';
import { parseForm, readForm } from '$lib/server/forms';
import { requireUser } from '$lib/server/guard';
import { readConversation, saveNote, toggleMoment } from '$lib/server/history/history';
import type { Actions, PageServerLoad } from './$types';

const NOT_FOUND = 'We could not find that conversation.';

function idOf(raw: string) {
	const id = conversationIdSchema.safeParse(raw);
	if (!id.success) error(404, { message: NOT_FOUND });
	return id.data;
}

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	try {
		const { conversation, lines, moments, note } = await readConversation(
			user.id,
			idOf(event.params.id)
		);
		return {
			id: conversation.id,
			kind: conversation.kind,
			status: conversation.status,
			startedAt: conversation.createdAt,
			endedAt: conversation.endedAt,
			lastEventAt: conversation.lastEventAt,
			lines,
			moments,
			note,
			timeZone: user.timeZone
		};
	} catch (e) {
		if (e instanceof AppError) error(404, { message: NOT_FOUND });
		throw e;
	}
};

export const actions: Actions = {
	moment: async (event) => {
		const user = requireUser(event);
		const parsed = parseForm(momentForm, await readForm(event));
		if (!parsed.ok) return parsed.failure;
		try {
			return { marked: await toggleMoment(user.id, idOf(event.params.id), parsed.data.seq) };
		} catch (e) {
			if (e instanceof AppError) error(404, { message: NOT_FOUND });
			throw e;
		}
	},
	note: async (event) => {
		const user = requireUser(event);
		const parsed = parseForm(noteForm, await readForm(event));
		if (!parsed.ok) return parsed.failure;
		try {
			await saveNote(user.id, idOf(event.params.id), parsed.data.note);
		} catch (e) {
			if (e instanceof AppError) error(404, { message: NOT_FOUND });
			throw e;
		}
		return { noteSaved: true };
	}
};
