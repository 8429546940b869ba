import { z } from 'zod';
import { WAITING_LIMITS } from '$lib/limits';
import { depthSchema } from './deck';

const checkbox = z
	.union([z.literal('on'), z.literal('true'), z.literal('false'), z.literal('')])
	.optional()
	.transform((v) => v === 'on' || v === 'true');

const hour = (message: string) =>
	z.coerce.number({ error: message }).int(message).min(0, message).max(23, message);

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
		quietFrom: hour('Please choose when quiet hours begin.').optional(),
		quietUntil: hour('Please choose when quiet hours end.').optional()
	})
	.superRefine((v, ctx) => {
		if (!v.quiet) return;
		if (v.quietFrom === undefined)
			ctx.addIssue({
				code: 'custom',
				path: ['quietFrom'],
				message: 'Please choose when quiet hours begin.'
			});
		if (v.quietUntil === undefined)
			ctx.addIssue({
				code: 'custom',
				path: ['quietUntil'],
				message: 'Please choose when quiet hours end.'
			});
		else if (v.quietFrom === v.quietUntil)
			ctx.addIssue({
				code: 'custom',
				path: ['quietUntil'],
				message: 'Choose an end that is not the same hour as the start.'
			});
	})
	.transform((v) => ({
		deepestSent: v.deepestSent,
		waitingLimit: v.waitingLimit === 'none' ? null : Number(v.waitingLimit),
		quiet: v.quiet ? { from: v.quietFrom!, until: v.quietUntil! } : null
	}));
