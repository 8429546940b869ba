import { z } from 'zod';
import { line, text } from './text';
import { CATEGORIES, DEPTHS, type CategoryId, type Depth } from '$lib/deck/types';

import { CARD_TEXT_MAX, CARD_TEXT_MIN, DECK_QUERY_MAX } from '$lib/limits';

// Shared with the pages (input constraints) through the zod-free $lib/limits.
export { CARD_TEXT_MAX, CARD_TEXT_MIN, DECK_QUERY_MAX };
export const CUSTOM_CARD_PREFIX = 'custom:';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';

/** A custom card's own id (the uuid part of `custom:<uuid>`). */
export const customCardIdSchema = z.string().regex(new RegExp(`^${UUID}$`));

/** A card id as history and links carry it: `custom:<uuid>` or a built-in slug. */
export const cardIdSchema = z
	.string()
	.max(100)
	.regex(new RegExp(`^(?:${CUSTOM_CARD_PREFIX}${UUID}|${SLUG})$`), 'That is not a card.');

export const categorySchema = z.enum(CATEGORIES, { error: 'Please choose a category.' });
export const depthSchema = z.enum(DEPTHS, { error: 'Please choose how deep the card goes.' });

export const customCardForm = z.object({
	text: text({ error: 'Please write your question.' })
		.trim()
		.min(CARD_TEXT_MIN, {
			error: (issue) =>
				issue.input === ''
					? 'Please write your question.'
					: `A card needs at least ${CARD_TEXT_MIN} characters.`
		})
		.max(CARD_TEXT_MAX, `Keep it to ${CARD_TEXT_MAX} characters, so it fits on a card.`),
	category: categorySchema,
	depth: depthSchema
});

export type CustomCardInput = z.output<typeof customCardForm>;

/** The deck's URL parameters. An empty value means "any". */
export const deckQuery = z.object({
	category: categorySchema.optional(),
	depth: depthSchema.optional(),
	q: line()
		.trim()
		.max(DECK_QUERY_MAX, `Searches can be up to ${DECK_QUERY_MAX} characters.`)
		.optional(),
	/** How many pages of results are shown ("Show more cards"). */
	page: z.coerce.number().int().min(1).max(100).optional()
});

export type DeckFilters = { category?: CategoryId; depth?: Depth; q?: string; page: number };

const PARAM_MESSAGES: Record<string, string> = {
	category: 'We don’t know that category, so we’re showing all categories.',
	depth: 'We don’t know that depth, so we’re showing every depth.',
	q: `Searches can be up to ${DECK_QUERY_MAX} characters, so we’re showing cards without it.`
};

/**
 * Reads the deck's filters from the URL. Each parameter is checked on its own: an invalid one is
 * ignored (never a crash) and explained in `problems`, the others still apply.
 */
export function parseDeckQuery(params: URLSearchParams): {
	filters: DeckFilters;
	problems: string[];
} {
	const filters: DeckFilters = { page: 1 };
	const problems: string[] = [];
	for (const key of ['category', 'depth', 'q', 'page'] as const) {
		const raw = params.get(key);
		if (raw === null || raw.trim() === '') continue;
		const result = deckQuery.shape[key].safeParse(raw);
		if (!result.success || result.data === undefined) {
			if (PARAM_MESSAGES[key]) problems.push(PARAM_MESSAGES[key]);
			continue;
		}
		Object.assign(filters, { [key]: result.data });
	}
	return { filters, problems };
}
