import { z } from 'zod';
import { line, text } from './text';
import { fromLocal, zoneLabel } from '$lib/schedule/time';

import {
	DURATION_CHOICES,
	DURATION_DEFAULT,
	DURATION_MAX,
	DURATION_MIN,
	INTENTION_MAX,
	PLAN_NOTE_MAX as NOTE_MAX
} from '$lib/limits';

// Shared with the pages (input constraints) through the zod-free $lib/limits.
export { DURATION_CHOICES, DURATION_DEFAULT, DURATION_MAX, DURATION_MIN, INTENTION_MAX, NOTE_MAX };
/** A talk is planned at most a year ahead. */
export const PLAN_AHEAD_MS = 366 * 24 * 60 * 60 * 1000;
/** A time in the current minute still counts as "now", not the past. */
const PAST_GRACE_MS = 60 * 1000;

export const REPEATS = ['none', 'weekly'] as const;
export type Repeat = (typeof REPEATS)[number];

export const scheduleIdSchema = z.uuid();

const required = (message: string) => z.string({ error: message });

const fields = {
	date: required('Choose a day.')
		.trim()
		.regex(/^\d{4}-\d{2}-\d{2}$/, 'Choose a day, like 2025-03-14.'),
	time: required('Choose a time.')
		.trim()
		.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Choose a time, like 20:00.'),
	duration: z
		.string({ error: 'Choose how long you would like to talk.' })
		.trim()
		.regex(/^\d{1,3}$/, 'Choose how long you would like to talk.')
		.transform(Number)
		.pipe(
			z
				.number()
				.min(DURATION_MIN, `A talk needs at least ${DURATION_MIN} minutes.`)
				.max(DURATION_MAX, 'Keep it to three hours or less — you can always plan another.')
		),
	intention: line()
		.trim()
		.max(INTENTION_MAX, `Keep the intention under ${INTENTION_MAX} characters.`)
		.optional()
		.transform((v) => (v ? v : null)),
	repeat: z.enum(REPEATS, { error: 'Choose once or every week.' }).default('none'),
	/** A checkbox: present ("on") when ticked, absent when not. */
	checkin: z
		.enum(['on', '1', 'true'], { error: 'Tick the box, or leave it empty.' })
		.optional()
		.transform((v) => v !== undefined)
};

export type Plan = {
	startsAt: number;
	durationMinutes: number;
	intention: string | null;
	repeat: Repeat;
	/** "Our check-in": the plan opens into a check-in. Only a weekly plan can be one. */
	checkin?: boolean;
};

/**
 * The plan form (propose, suggest another time, change): a day and a time on the person's own
 * clock, in their zone. A day that does not exist, a time the clocks skip on a daylight-saving
 * night, or a time already past each get a plain message on the field to fix.
 */
export function planForm(timeZone: string, now = Date.now()) {
	return z.object(fields).transform((values, ctx): Plan => {
		const local = fromLocal(values.date, values.time, timeZone);
		if (!local.ok) {
			if (local.problem === 'no-such-day')
				ctx.addIssue({
					code: 'custom',
					path: ['date'],
					message: 'That day is not in the calendar.'
				});
			else
				ctx.addIssue({
					code: 'custom',
					path: ['time'],
					message: `The clocks skip ${values.time} that night in ${zoneLabel(timeZone)}. Try ${local.suggestion ?? 'an hour later'}.`
				});
			return z.NEVER;
		}
		if (local.instant < now - PAST_GRACE_MS) {
			ctx.addIssue({
				code: 'custom',
				path: ['time'],
				message: 'That time has already passed. Pick one still to come.'
			});
			return z.NEVER;
		}
		if (values.checkin && values.repeat !== 'weekly') {
			ctx.addIssue({
				code: 'custom',
				path: ['checkin'],
				message: 'A check-in is weekly: choose “Every week at this time” for it.'
			});
			return z.NEVER;
		}
		if (local.instant > now + PLAN_AHEAD_MS) {
			ctx.addIssue({
				code: 'custom',
				path: ['date'],
				message: 'Pick a day within the next year.'
			});
			return z.NEVER;
		}
		return {
			startsAt: local.instant,
			durationMinutes: values.duration,
			intention: values.intention,
			repeat: values.repeat,
			checkin: values.checkin
		};
	});
}

export const declineForm = z.object({
	note: text()
		.trim()
		.max(NOTE_MAX, `Keep the note under ${NOTE_MAX} characters.`)
		.optional()
		.transform((v) => (v ? v : null))
});

/** One week of a weekly series, named by its start instant. */
export const skipForm = z.object({
	occurrenceAt: z
		.string({ error: 'Choose a week.' })
		.regex(/^\d{1,15}$/, 'Choose a week.')
		.transform(Number)
});
