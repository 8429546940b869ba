import { CONVERSATION_KIND_NAMES } from '$lib/conversation/kind';
import { z } from 'zod';
import { text } from './text';
import { ALL_FEELINGS, NEEDS } from '$lib/deck/feelings';
import { OPENING_LINES } from '$lib/deck/phrases';
import { cardIdSchema } from './deck';

export { cardIdSchema };

export const ANSWER_MAX = 5000;
export const REFLECTION_MAX = 2000;

/** Made by the browser for every intent, so a retry is applied at most once. */
export const clientIdSchema = z
	.string()
	.regex(/^[A-Za-z0-9_-]{8,64}$/, 'clientId must be 8–64 URL-safe characters');
export const conversationIdSchema = z.uuid();

const feelingsSet = new Set<string>(ALL_FEELINGS);
const needsSet = new Set<string>(NEEDS);

export const feelingsList = z
	.array(z.string().refine((f) => feelingsSet.has(f), 'unknown feeling'))
	.max(12)
	.default([]);
const needsList = z
	.array(z.string().refine((n) => needsSet.has(n), 'unknown need'))
	.max(8)
	.default([]);

const base = { conversationId: conversationIdSchema, clientId: clientIdSchema };
/** An intent's payload: the conversation, the client's id for it, and the intent's own fields. */
export const intent = <T extends z.ZodRawShape>(shape: T) =>
	z.object({ ...base, ...shape }).strict();

export const talkIntentSchemas = {
	'talk:opening': intent({
		line: z.string().refine((l) => OPENING_LINES.includes(l), 'choose one of the opening lines')
	}),
	'talk:deeper': intent({}),
	'talk:withdraw-deeper': intent({}),
	'talk:lighter': intent({}),
	'talk:draw': intent({ cardId: cardIdSchema.optional() }),
	'talk:go-first': intent({}),
	'talk:pass-floor': intent({}),
	'talk:answer': intent({
		text: text().trim().max(ANSWER_MAX).nullable().default(null),
		aloud: z.boolean(),
		feelings: feelingsList,
		needs: needsList
	}).refine((v) => v.aloud || (v.text ?? '').length > 0, {
		message: 'Write an answer, or say you shared it aloud.',
		path: ['text']
	}),
	'talk:reflect': intent({
		text: text().trim().min(1, 'Say back what you heard.').max(REFLECTION_MAX),
		feelings: feelingsList,
		needs: needsList
	}),
	'talk:confirm': intent({ heard: feelingsList.optional() }),
	'talk:not-quite': intent({
		clarification: text()
			.trim()
			.max(REFLECTION_MAX)
			.nullable()
			.default(null)
			.transform((v) => (v ? v : null)),
		heard: feelingsList.optional()
	}),
	'talk:ask-more': intent({}),
	'talk:add-more': intent({
		text: text()
			.trim()
			.max(ANSWER_MAX)
			.nullable()
			.default(null)
			.transform((v) => (v ? v : null))
	}),
	'talk:steer': intent({ mode: z.enum(['listen', 'thoughts']) }),
	'talk:share-thoughts': intent({
		text: text().trim().min(1, 'Write what you think.').max(REFLECTION_MAX)
	}),
	'talk:swap': intent({}),
	'talk:not-ready': intent({ scope: z.enum(['card', 'talk']) }),
	'talk:resume': intent({}),
	'talk:end': intent({})
} as const;

export const PRESENCE_STATES = ['here', 'away', 'writing', 'reflecting'] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number] | 'offline';

/** Catch-up on any conversation: the kind must match the conversation's, or it is "not found". */
export const conversationSyncSchema = z
	.object({
		conversationId: conversationIdSchema,
		kind: z.enum(CONVERSATION_KIND_NAMES),
		afterSeq: z.number().int().min(0).max(1e9)
	})
	.strict();

/** "I have read this far": what keeps a card someone watched arrive from showing as new. */
export const conversationReadSchema = z
	.object({
		conversationId: conversationIdSchema,
		kind: z.enum(CONVERSATION_KIND_NAMES),
		seq: z.number().int().min(1).max(1e9)
	})
	.strict();

/** "Not now — thank you for asking", to a talk the partner started: said once, kept nowhere. */
export const talkNotNowSchema = z.object({ conversationId: conversationIdSchema }).strict();

export const talkPresenceSchema = z
	.object({
		conversationId: conversationIdSchema,
		state: z.enum(PRESENCE_STATES),
		/** Asks the partner to say where they are too (sent on arrival). */
		hello: z.boolean().optional()
	})
	.strict();

/**
 * "My screen showed it up to here": a read receipt inside a live talk or a check-in, relayed, never
 * stored.
 */
export const talkSeenSchema = z
	.object({
		conversationId: conversationIdSchema,
		seq: z.number().int().min(1).max(1e9)
	})
	.strict();

export const talkStartSchema = z.object({ clientId: clientIdSchema }).strict();
