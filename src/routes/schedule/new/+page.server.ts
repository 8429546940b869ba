import { fail, redirect } from '@sveltejs/kit';
import { DURATION_DEFAULT, planForm } from '$lib/schemas/schedule';
import { inZone, zoneLabel } from '$lib/schedule/time';
import { activeCoupleOf } from '$lib/server/couples/access';
import { doorsFor } from '$lib/server/door/doors';
import { parseForm, readForm } from '$lib/server/forms';
import { requireUser } from '$lib/server/guard';
import { announceSchedule } from '$lib/server/hub';
import { proposeTalk } from '$lib/server/schedule/schedules';
import { requestNow } from '$lib/server/request';
import { DEPTH_INTENTION } from '$lib/components/door/copy';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const couple = await activeCoupleOf(user.id);
	const now = inZone(Date.now(), user.timeZone);
	const partnerZone = couple?.partner.timeZone ?? null;
	// Proposing a time through the partner's open door: its depth, if they said one, starts the
	// intention (read from the door itself, never from the address).
	const door =
		couple && event.url.searchParams.has('door')
			? (await doorsFor(user.id, requestNow(event))).partner
			: null;
	return {
		fromDoor: door !== null,
		partnerName: couple?.partner.name ?? null,
		zoneLabel: zoneLabel(user.timeZone),
		partnerZoneLabel: partnerZone && partnerZone !== user.timeZone ? zoneLabel(partnerZone) : null,
		today: now.toFormat('yyyy-MM-dd'),
		defaults: {
			date: now.plus({ days: 1 }).toFormat('yyyy-MM-dd'),
			time: '20:00',
			duration: String(DURATION_DEFAULT),
			intention: door?.depth ? DEPTH_INTENTION[door.depth] : '',
			repeat:
				event.url.searchParams.get('repeat') === 'weekly' ||
				event.url.searchParams.get('checkin') === '1'
					? 'weekly'
					: 'none',
			checkin: event.url.searchParams.get('checkin') === '1' ? 'on' : ''
		}
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		if (!(await activeCoupleOf(user.id)))
			return fail(409, { message: 'A talk needs two: invite your partner first.' });
		const parsed = parseForm(planForm(user.timeZone), await readForm(event));
		if (!parsed.ok) return parsed.failure;
		const schedule = await proposeTalk(user.id, parsed.data);
		announceSchedule(schedule.coupleId, user.id, {
			scheduleId: schedule.id,
			change: 'proposed',
			byName: user.name
		});
		redirect(303, `/schedule/${schedule.id}?planned=1`);
	}
};
