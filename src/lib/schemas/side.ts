import { z } from 'zod';
import { ACTIVITIES } from '$lib/deck/types';
import { SIDE_FEELINGS } from '$lib/conversation/side/types';
import { intent } from './talk';

const sideFeelings = new Set<string>(SIDE_FEELINGS);

/** Payloads of a talk side by side (one phone for both, nobody types: no free text at all). */
export const sideIntentSchemas = {
	'side:draw': intent({ speakerId: z.uuid().optional() }),
	'side:pass': intent({}),
	'side:shared': intent({}),
	'side:reflected': intent({
		feelings: z
			.array(z.string().refine((f) => sideFeelings.has(f), 'unknown feeling'))
			.max(SIDE_FEELINGS.length)
			.default([])
	}),
	'side:confirm': intent({}),
	'side:not-quite': intent({}),
	'side:ready': intent({ personId: z.uuid() }),
	'side:end': intent({})
} as const;

/** Starting one: what the two are doing, and the pace. */
export const sideStartSchema = z.object({
	activity: z.enum(ACTIVITIES, { error: 'Choose what you are doing together.' }),
	pace: z.enum(['free', 'walk'], { error: 'Choose a pace.' })
});
