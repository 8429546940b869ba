import { fail, redirect } from '@sveltejs/kit';
import { DURATION_DEFAULT, planForm } from '$lib/schemas/schedule';
import { inZone, zoneLabel } from '$lib/schedule/time';
import { activeCoupleOf } from '$lib/server/couples/access';
import { parseForm, readForm } from '$lib/server/forms';
import { requireUser } from '$lib/server/guard';
import { announceSchedule } from '$lib/server/hub';
import { proposeTalk } from '$lib/server/schedule/schedules';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	const couple = activeCoupleOf(user.id);
	const now = inZone(Date.now(), user.timeZone);
	const partnerZone = couple?.partner.timeZone ?? null;
	return {
		partnerName: couple?.partner.name ?? null,
		zoneLabel: zoneLabel(user.timeZone),
		partnerZoneLabel: partnerZone && partnerZone !== user.timeZone ? zoneLabel(partnerZone) : null,
		today: now.toFormat('yyyy-MM-dd'),
		defaults: {
			date: now.plus({ days: 1 }).toFormat('yyyy-MM-dd'),
			time: '20:00',
			duration: String(DURATION_DEFAULT),
			intention: '',
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
		if (!activeCoupleOf(user.id))
			return fail(409, { message: 'A talk needs two: invite your partner first.' });
		const parsed = parseForm(planForm(user.timeZone), await readForm(event));
		if (!parsed.ok) return parsed.failure;
		const schedule = proposeTalk(user.id, parsed.data);
		announceSchedule(schedule.coupleId, user.id, {
			scheduleId: schedule.id,
			change: 'proposed',
			byName: user.name
		});
		redirect(303, `/schedule/${schedule.id}?planned=1`);
	}
};
