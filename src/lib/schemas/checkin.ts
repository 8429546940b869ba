import { z } from 'zod';
import { ENTRY_STEPS } from '$lib/conversation/checkin/types';
import { CHECKIN_ENTRY_MAX } from '$lib/limits';
import { clientIdSchema, conversationIdSchema, talkIntentSchemas } from './talk';
import { text } from './text';

export { CHECKIN_ENTRY_MAX };

const intent = <T extends z.ZodRawShape>(shape: T) =>
	z.object({ conversationId: conversationIdSchema, clientId: clientIdSchema, ...shape }).strict();

/**
 * A check-in's intents. "One thing on my mind" is the shared round: its payloads are the live
 * talk's own schemas (the same fields, the same limits).
 */
export const checkinIntentSchemas = {
	'checkin:give': intent({
		step: z.enum(ENTRY_STEPS),
		text: text()
			.trim()
			.min(1, 'Write a few words — or choose “Not this week”.')
			.max(CHECKIN_ENTRY_MAX, `Keep it under ${CHECKIN_ENTRY_MAX} characters.`)
	}),
	'checkin:pass': intent({ step: z.enum(ENTRY_STEPS) }),
	'checkin:move-on': intent({}),
	'checkin:go-first': talkIntentSchemas['talk:go-first'],
	'checkin:pass-floor': talkIntentSchemas['talk:pass-floor'],
	'checkin:answer': talkIntentSchemas['talk:answer'],
	'checkin:reflect': talkIntentSchemas['talk:reflect'],
	'checkin:confirm': talkIntentSchemas['talk:confirm'],
	'checkin:not-quite': talkIntentSchemas['talk:not-quite'],
	'checkin:ask-more': talkIntentSchemas['talk:ask-more'],
	'checkin:add-more': talkIntentSchemas['talk:add-more'],
	'checkin:steer': talkIntentSchemas['talk:steer'],
	'checkin:share-thoughts': talkIntentSchemas['talk:share-thoughts'],
	'checkin:swap': talkIntentSchemas['talk:swap'],
	'checkin:end': intent({})
} as const;
