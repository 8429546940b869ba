import type { CategoryId, Depth } from './types';

/**
 * An "I noticed…" card: a card of one's own, composed from three parts, after the advice to say
 * what you notice and to invite rather than demand — what I noticed, a gentle guess at the
 * feeling, an invitation — and "no need to answer now", always.
 */
export type NoticedParts = {
	/** "I noticed you've been quiet since your call with your mum." */
	observation: string;
	/** A gentle guess, from the feelings vocabulary ("I wonder if you're feeling…"); may be none. */
	feelings: string[];
	/** "Would you like to tell me about it, now or later?" */
	invitation: string;
};

export const NOTICED_INVITATION = 'Would you like to tell me about it, now or later?';

/** Shown with every "I noticed…" card on the partner's side: it is built in, never left out. */
export const NO_NEED_TO_ANSWER_NOW = 'No need to answer now.';

/** Where such a card sits in the deck's terms (history's filters, the card's look). */
export const NOTICED_CATEGORY: CategoryId = 'feelings-and-needs';
export const NOTICED_DEPTH: Depth = 'personal';

/** The card id an "I noticed…" card travels with: it is never in the deck, to draw or send again. */
export const NOTICED_CARD_PREFIX = 'noticed:';
export const isNoticedCardId = (id: string) => id.startsWith(NOTICED_CARD_PREFIX);

/** "worried", "worried or tired", "worried, tired or low". */
export function feelingsPhrase(feelings: readonly string[]): string {
	if (feelings.length <= 1) return feelings[0] ?? '';
	return `${feelings.slice(0, -1).join(', ')} or ${feelings.at(-1)}`;
}

/** The guess as the card says it, or null when no feeling was chosen. */
export function feelingGuess(feelings: readonly string[]): string | null {
	return feelings.length ? `I wonder if you're feeling ${feelingsPhrase(feelings)}.` : null;
}

/**
 * The card's text as one paragraph — what lists, history, search and export show. The card page
 * shows the parts on their own lines.
 */
export function noticedText(parts: NoticedParts): string {
	return [parts.observation, feelingGuess(parts.feelings), parts.invitation]
		.filter((p): p is string => !!p)
		.join(' ');
}
