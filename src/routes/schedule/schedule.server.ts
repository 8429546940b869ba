import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { scheduleIdSchema } from '$lib/schemas/schedule';
import { AppError } from '$lib/server/errors';
import { announceSchedule } from '$lib/server/hub';
import type { ScheduleAction } from '$lib/server/schedule/machine';
import { sendDueReminders } from '$lib/server/schedule/reminders';
import { actOnSchedule, type Acted } from '$lib/server/schedule/schedules';

export const NOT_FOUND = 'We could not find that plan.';

/** The schedule id in the URL, or a 404 page (the same as for a plan that does not exist). */
export function scheduleIdOrNotFound(raw: string): string {
	const id = scheduleIdSchema.safeParse(raw);
	if (!id.success) error(404, { message: NOT_FOUND });
	return id.data;
}

/** An AppError as a form action's failure: not found outside the couple, else a plain message. */
export function failFor(caught: unknown) {
	if (!(caught instanceof AppError)) throw caught;
	if (caught.code === 'not_found') return fail(404, { message: NOT_FOUND });
	return fail(caught.code === 'invalid' ? 400 : 409, { message: caught.message });
}

/** One step on a plan; the partner hears it live, and a talk agreed close to its start is reminded. */
export async function act(
	event: RequestEvent,
	user: { id: string; name: string },
	action: ScheduleAction
): Promise<{ ok: true; acted: Acted } | { ok: false; failure: ReturnType<typeof failFor> }> {
	const id = scheduleIdSchema.safeParse(event.params.id);
	if (!id.success) return { ok: false, failure: fail(404, { message: NOT_FOUND }) };
	let acted: Acted;
	try {
		acted = await actOnSchedule(user.id, id.data, action);
	} catch (caught) {
		return { ok: false, failure: failFor(caught) };
	}
	announceSchedule(acted.coupleId, user.id, {
		scheduleId: acted.counter?.id ?? acted.schedule.id,
		change: acted.change,
		byName: user.name
	});
	await sendDueReminders(Date.now());
	return { ok: true, acted };
}
