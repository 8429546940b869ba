import { error, fail } from '@sveltejs/kit';
import { closeDoorForm, openDoorForm } from '$lib/schemas/door';
import { activeCoupleOf } from '$lib/server/couples/access';
import { closeDoor, doorsFor, openDoor } from '$lib/server/door/doors';
import { AppError } from '$lib/server/errors';
import { parseForm, readForm } from '$lib/server/forms';
import { requireUser } from '$lib/server/guard';
import { requestNow } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	event.depends('hearth:door');
	const couple = await activeCoupleOf(user.id);
	return {
		partnerName: couple?.partner.name ?? null,
		doors: await doorsFor(user.id, requestNow(event)),
		clientId: crypto.randomUUID().replaceAll('-', '')
	};
};

const NOT_FOUND = 'We could not find that door.';

/**
 * The door's forms post here from any page (Home, the talk page); each becomes one intent through
 * the one pipeline. Nobody is notified: the partner's open pages update through the event itself.
 */
export const actions: Actions = {
	open: async (event) => {
		const user = requireUser(event);
		const parsed = parseForm(openDoorForm, await readForm(event));
		if (!parsed.ok) return parsed.failure;
		if (!(await activeCoupleOf(user.id)))
			return fail(409, {
				errors: { form: 'A door is for the two of you: invite your partner first.' }
			});
		try {
			const { conversationId } = await openDoor(user.id, parsed.data, requestNow(event));
			// Which door the words "Your door is open." are about, for the page that sent the form.
			return { door: conversationId };
		} catch (e) {
			if (e instanceof AppError) return fail(409, { errors: { form: e.message } });
			throw e;
		}
	},
	close: async (event) => {
		const user = requireUser(event);
		const parsed = parseForm(closeDoorForm, await readForm(event));
		if (!parsed.ok) error(404, { message: NOT_FOUND });
		try {
			await closeDoor(user.id, parsed.data.doorId, parsed.data.clientId, requestNow(event));
		} catch (e) {
			if (e instanceof AppError) {
				if (e.code === 'not_found') error(404, { message: NOT_FOUND });
				return fail(409, { errors: { form: e.message } });
			}
			throw e;
		}
		return { door: null };
	}
};
