import { z } from 'zod';
import { WEEKDAYS } from '$lib/limits';
import { depthSchema } from './deck';

export { WEEKDAYS };

const checkbox = z
	.union([z.literal('on'), z.literal('true'), z.literal('false'), z.literal('')])
	.optional()
	.transform((v) => v === 'on' || v === 'true');

/**
 * "A question for today" in settings: on or off, the hour on one's own clock, the days (a box a
 * day, so "every day", "weekdays" and "a few days a week" are all one form) and the deepest depth.
 */
export const dailyChoiceForm = z
	.object({
		enabled: checkbox,
		hour: z.coerce
			.number({ error: 'Please choose an hour.' })
			.int('Please choose an hour.')
			.min(0, 'Please choose an hour.')
			.max(23, 'Please choose an hour.'),
		depth: depthSchema,
		day1: checkbox,
		day2: checkbox,
		day3: checkbox,
		day4: checkbox,
		day5: checkbox,
		day6: checkbox,
		day7: checkbox
	})
	.transform((v) => ({
		enabled: v.enabled,
		hour: v.hour,
		depth: v.depth,
		days: WEEKDAYS.filter((d) => v[`day${d.iso}`])
			.map((d) => d.iso)
			.join('')
	}))
	.superRefine((v, ctx) => {
		if (v.enabled && v.days === '')
			ctx.addIssue({ code: 'custom', path: ['days'], message: 'Choose at least one day.' });
	});
