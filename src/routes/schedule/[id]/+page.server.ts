import { error, fail, redirect } from '@sveltejs/kit';
import { declineForm, planForm, scheduleIdSchema, skipForm } from '$lib/schemas/schedule';
import {
	describeTime,
	durationLabel,
	formDateTime,
	inZone,
	weeklyLabel,
	zoneLabel
} from '$lib/schedule/time';
import { activeCoupleOf } from '$lib/server/couples/access';
import { AppError } from '$lib/server/errors';
import { parseForm, readForm } from '$lib/server/forms';
import { requireUser } from '$lib/server/guard';
import { announceTalkStarted } from '$lib/server/hub';
import { allowedActions } from '$lib/server/schedule/machine';
import {
	joinableOccurrence,
	nextOccurrence,
	nextOccurrences
} from '$lib/server/schedule/occurrences';
import {
	counterLinks,
	joinScheduledTalk,
	pastScheduledTalks,
	scheduleForReading,
	stateOf
} from '$lib/server/schedule/schedules';
import { act, failFor, NOT_FOUND, scheduleIdOrNotFound } from '../schedule.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const id = scheduleIdOrNotFound(event.params.id);
	let found;
	try {
		found = await scheduleForReading(user.id, id);
	} catch (caught) {
		if (caught instanceof AppError) error(404, { message: NOT_FOUND });
		throw caught;
	}
	const { schedule, couple } = found;
	const now = Date.now();
	const state = stateOf(schedule);
	const partner = couple.partner;
	const viewerZone = user.timeZone;
	const writable = (await activeCoupleOf(user.id))?.id === couple.id;
	const allowed = writable ? allowedActions(state, user.id, now) : [];
	const describe = (at: number) =>
		describeTime(at, viewerZone, partner.timeZone, partner.name, { date: true });
	const next = nextOccurrence(state, now);
	const shownAt = next ?? schedule.startsAt;
	const { parent, child } = await counterLinks(schedule);
	const weeks =
		schedule.repeat === 'weekly' &&
		(schedule.status === 'accepted' || schedule.status === 'proposed')
			? nextOccurrences(state, now, 6, { includeSkipped: true }).map((at) => ({
					at,
					when: describe(at),
					off: state.skipped.includes(at),
					canTakeOff: allowed.includes('skip') && at > now && !state.skipped.includes(at)
				}))
			: [];
	const joinAt = writable && schedule.status === 'accepted' ? joinableOccurrence(state, now) : null;
	const byYou = schedule.proposedBy === user.id;
	const local = formDateTime(shownAt, viewerZone);
	return {
		schedule: {
			id: schedule.id,
			status: schedule.status,
			weekly: schedule.repeat === 'weekly',
			checkin: schedule.checkin,
			repeatLabel:
				schedule.repeat === 'weekly' ? `${weeklyLabel(shownAt, viewerZone)}` : 'Just this once',
			duration: durationLabel(schedule.durationMinutes),
			intention: schedule.intention,
			responseNote: schedule.responseNote,
			byYou,
			proposerName: byYou ? 'You' : partner.name,
			when: describe(shownAt),
			upcoming: next !== null,
			counterOf: parent ? { id: parent.id, when: describe(parent.startsAt) } : null,
			counteredBy: child ? { id: child.id, when: describe(child.startsAt) } : null
		},
		partnerName: partner.name,
		zoneLabel: zoneLabel(viewerZone),
		partnerZoneLabel: partner.timeZone !== viewerZone ? zoneLabel(partner.timeZone) : null,
		today: inZone(now, viewerZone).toFormat('yyyy-MM-dd'),
		writable,
		allowed,
		weeks,
		joinAt,
		talks: await pastScheduledTalks(user, couple, { scheduleId: schedule.id }),
		defaults: {
			date: local.date,
			time: local.time,
			duration: String(schedule.durationMinutes),
			intention: schedule.intention ?? '',
			repeat: schedule.repeat,
			checkin: schedule.checkin ? 'on' : ''
		}
	};
};

export const actions: Actions = {
	accept: async (event) => {
		const user = requireUser(event);
		await readForm(event);
		const done = await act(event, user, { type: 'accept' });
		return done.ok ? { done: 'accepted' as const } : done.failure;
	},
	decline: async (event) => {
		const user = requireUser(event);
		const parsed = parseForm(declineForm, await readForm(event));
		if (!parsed.ok) return parsed.failure;
		const done = await act(event, user, { type: 'decline', note: parsed.data.note });
		return done.ok ? { done: 'declined' as const } : done.failure;
	},
	counter: async (event) => {
		const user = requireUser(event);
		const parsed = parseForm(planForm(user.timeZone), await readForm(event));
		if (!parsed.ok) return parsed.failure;
		const done = await act(event, user, { type: 'counter', plan: parsed.data });
		if (!done.ok) return done.failure;
		redirect(303, `/schedule/${done.acted.counter!.id}?suggested=1`);
	},
	change: async (event) => {
		const user = requireUser(event);
		const parsed = parseForm(planForm(user.timeZone), await readForm(event));
		if (!parsed.ok) return parsed.failure;
		const done = await act(event, user, { type: 'change', plan: parsed.data });
		return done.ok ? { done: 'changed' as const } : done.failure;
	},
	cancel: async (event) => {
		const user = requireUser(event);
		await readForm(event);
		const done = await act(event, user, { type: 'cancel' });
		return done.ok ? { done: 'cancelled' as const } : done.failure;
	},
	skip: async (event) => {
		const user = requireUser(event);
		const parsed = parseForm(skipForm, await readForm(event));
		if (!parsed.ok) return fail(400, { message: 'We could not find that week.' });
		const done = await act(event, user, { type: 'skip', occurrenceAt: parsed.data.occurrenceAt });
		return done.ok ? { done: 'skipped' as const } : done.failure;
	},
	join: async (event) => {
		const user = requireUser(event);
		await readForm(event);
		const id = scheduleIdSchema.safeParse(event.params.id);
		if (!id.success) return fail(404, { message: NOT_FOUND });
		let joined;
		try {
			joined = await joinScheduledTalk(user.id, id.data);
		} catch (caught) {
			return failFor(caught);
		}
		if (joined.started)
			announceTalkStarted(joined.coupleId, joined.conversationId, user.id, user.name, joined.kind);
		redirect(303, `/${joined.kind === 'checkin' ? 'checkin' : 'talk'}/${joined.conversationId}`);
	}
};
