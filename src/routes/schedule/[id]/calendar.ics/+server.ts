import { error } from '@sveltejs/kit';
import { AppError } from '$lib/server/errors';
import { requireUser } from '$lib/server/guard';
import { scheduleCalendar } from '$lib/server/schedule/feeds';
import { NOT_FOUND, scheduleIdOrNotFound } from '../../schedule.server';
import type { RequestHandler } from './$types';

/** "Add to calendar": the plan as an .ics file, the same calendar entry (UID) every time. */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const id = scheduleIdOrNotFound(event.params.id);
	let text: string;
	try {
		text = await scheduleCalendar(user.id, id, event.url.origin);
	} catch (caught) {
		if (caught instanceof AppError) error(404, { message: NOT_FOUND });
		throw caught;
	}
	return new Response(text, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'attachment; filename="hearth-talk.ics"',
			'cache-control': 'private, no-store'
		}
	});
};
