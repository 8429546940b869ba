import { z } from 'zod';
import { text } from './text';
import { ALL_FEELINGS, NEEDS } from '$lib/deck/feelings';
import { CARD_TEXT_MAX, CARD_TEXT_MIN, cardIdSchema, categorySchema, depthSchema } from './deck';
import { ANSWER_MAX, REFLECTION_MAX, clientIdSchema } from './talk';
import {
	NOTICED_FEELINGS_MAX,
	NOTICED_INVITATION_MAX,
	NOTICED_OBSERVATION_MAX,
	NOTICED_OBSERVATION_MIN
} from '$lib/limits';

export const NOTE_MAX = 280;
export const APPRECIATION_MAX = 280;

const optionalText = (max: number, label: string) =>
	text()
		.trim()
		.max(max, `Keep ${label} under ${max} characters.`)
		.optional()
		.transform((v) => (v ? v : null));

const checkbox = z
	.union([z.literal('on'), z.literal('true'), z.literal('false'), z.literal('')])
	.optional()
	.transform((v) => v === 'on' || v === 'true');

/** Sending a card: a card from the deck (cardId) or one written here (text, category, depth). */
export const sendCardForm = z
	.object({
		clientId: clientIdSchema,
		cardId: cardIdSchema.optional().or(z.literal('').transform(() => undefined)),
		text: text()
			.trim()
			.max(CARD_TEXT_MAX, `Keep the card under ${CARD_TEXT_MAX} characters.`)
			.optional(),
		category: categorySchema.optional(),
		depth: depthSchema.optional(),
		note: optionalText(NOTE_MAX, 'the note'),
		firstAnswer: optionalText(ANSWER_MAX, 'your answer'),
		shareFirst: checkbox,
		revealTogether: checkbox,
		/** Not sent: "Keep it for a talk" (talk) or "Keep it in our deck for later" (deck). */
		then: z.enum(['talk', 'deck']).optional()
	})
	.superRefine((v, ctx) => {
		if (v.cardId) return;
		if (!v.text || v.text.length < CARD_TEXT_MIN) {
			ctx.addIssue({
				code: 'custom',
				path: ['text'],
				message: 'Pick a card from the deck, or write one (at least 5 characters).'
			});
		}
		if (!v.category)
			ctx.addIssue({ code: 'custom', path: ['category'], message: 'Please choose a category.' });
		if (!v.depth)
			ctx.addIssue({
				code: 'custom',
				path: ['depth'],
				message: 'Please choose how deep the card goes.'
			});
	});

const feelingsField = z
	.string()
	.optional()
	.transform((v) => (v ? v.split(',').filter(Boolean) : []))
	.pipe(z.array(z.enum(ALL_FEELINGS as unknown as [string, ...string[]])).max(12));
const needsField = z
	.string()
	.optional()
	.transform((v) => (v ? v.split(',').filter(Boolean) : []))
	.pipe(z.array(z.enum(NEEDS as unknown as [string, ...string[]])).max(8));

export const cardActionForms = {
	answer: z.object({
		clientId: clientIdSchema,
		text: text().trim().min(1, 'Write your answer when you are ready.').max(ANSWER_MAX),
		/** "Share mine now", offered to the sender answering before their partner. */
		share: checkbox
	}),
	notReady: z.object({ clientId: clientIdSchema }),
	bringBack: z.object({ clientId: clientIdSchema }),
	reflect: z.object({
		clientId: clientIdSchema,
		text: text().trim().min(1, 'Say back what you heard.').max(REFLECTION_MAX),
		feelings: feelingsField,
		needs: needsField
	}),
	confirm: z.object({ clientId: clientIdSchema }),
	notQuite: z.object({
		clientId: clientIdSchema,
		clarification: optionalText(REFLECTION_MAX, 'the clarification')
	}),
	appreciate: z.object({
		clientId: clientIdSchema,
		text: text().trim().min(1, 'Write a few words of appreciation.').max(APPRECIATION_MAX)
	})
} as const;

/**
 * An "I noticed…" card: what I noticed, a gentle guess at the feeling (from the vocabulary, a few
 * at most, or none), and an invitation. The feelings arrive as one comma-separated field (the
 * action joins the ticked boxes, so the form works without JavaScript too).
 */
export const noticedCardForm = z.object({
	clientId: clientIdSchema,
	observation: text({ error: 'Say what you noticed, in a sentence or two.' })
		.trim()
		.min(NOTICED_OBSERVATION_MIN, 'Say what you noticed, in a sentence or two.')
		.max(NOTICED_OBSERVATION_MAX, `Keep it under ${NOTICED_OBSERVATION_MAX} characters.`),
	feelings: z
		.string()
		.optional()
		.transform((v) => (v ? [...new Set(v.split(',').filter(Boolean))] : []))
		.pipe(
			z
				.array(z.enum(ALL_FEELINGS as unknown as [string, ...string[]]), {
					error: 'Choose feelings from the list.'
				})
				.max(
					NOTICED_FEELINGS_MAX,
					`A gentle guess is enough: choose up to ${NOTICED_FEELINGS_MAX} feelings.`
				)
		),
	invitation: text({ error: 'Add a few words of invitation.' })
		.trim()
		.min(1, 'Add a few words of invitation — the one we suggested is fine.')
		.max(NOTICED_INVITATION_MAX, `Keep it under ${NOTICED_INVITATION_MAX} characters.`)
});
