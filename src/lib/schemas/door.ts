import { z } from 'zod';
import { DOOR_DEPTHS } from '$lib/conversation/door/types';
import { clientIdSchema, conversationIdSchema } from './talk';

/** "Leave the door open" (or update it): the depth is optional, and "" says none. */
export const openDoorForm = z.object({
	clientId: clientIdSchema,
	depth: z
		.enum(['', ...DOOR_DEPTHS], { error: 'Choose one of the options, or none.' })
		.optional()
		.transform((v) => (v ? v : null))
});

/** Closing a door: which one (the gate decides whether this person may). */
export const closeDoorForm = z.object({
	clientId: clientIdSchema,
	doorId: conversationIdSchema
});
