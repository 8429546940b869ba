import { z } from 'zod';
import { WAITING_LIMITS } from '$lib/limits';
import { minuteOfDay } from '$lib/time-of-day';
import { depthSchema } from './deck';

const checkbox = z
	.union([z.literal('on'), z.literal('true'), z.literal('false'), z.literal('')])
	.optional()
	.transform((v) => v === 'on' || v === 'true');

/** A time field's "22:30" as minutes after midnight; null when empty or not a time. */
const timeOfDay = z
	.string()
	.optional()
	.transform((text) => (text === undefined ? null : minuteOfDay(text)));

const BEGIN = 'Please choose when quiet hours begin, as a time like 22:30.';
const END = 'Please choose when quiet hours end, as a time like 07:00.';

/**
 * "Your pace" in settings: the deepest card one is happy to receive as a sent card, how many sent
 * cards may wait for one's answer at once ("none" is no limit), and quiet hours for notifications
 * on one's own clock.
 */
export const paceForm = z
	.object({
		deepestSent: depthSchema,
		waitingLimit: z.enum(['none', ...WAITING_LIMITS.map(String)] as [string, ...string[]], {
			error: 'Please choose how many cards may wait.'
		}),
		quiet: checkbox,
		quietFrom: timeOfDay,
		quietUntil: timeOfDay
	})
	.superRefine((v, ctx) => {
		if (!v.quiet) return;
		// Only when they are on: times left half-typed in a switched-off section refuse nothing.
		if (v.quietFrom === null) ctx.addIssue({ code: 'custom', path: ['quietFrom'], message: BEGIN });
		if (v.quietUntil === null) ctx.addIssue({ code: 'custom', path: ['quietUntil'], message: END });
		else if (v.quietFrom === v.quietUntil)
			ctx.addIssue({
				code: 'custom',
				path: ['quietUntil'],
				message: 'Choose an end that is not the same time as the start.'
			});
	})
	.transform((v) => ({
		deepestSent: v.deepestSent,
		waitingLimit: v.waitingLimit === 'none' ? null : Number(v.waitingLimit),
		quiet: v.quiet ? { from: v.quietFrom!, until: v.quietUntil! } : null
	}));
