import { error } from '@sveltejs/kit';
import { CUSTOM_CARD_PREFIX } from '$lib/schemas/deck';
import type { CoupleView } from '$lib/server/couples/access';
import type { DeckCard } from '$lib/server/deck/catalog';
import { AppError } from '$lib/server/errors';

/** What a deck page shows of a card: no author ids, a kind label for the couple's own cards. */
export type CardSummary = {
	id: string;
	text: string;
	followUp: string | null;
	category: DeckCard['category'];
	depth: DeckCard['depth'];
	/** "Yours" / "Written by Sam" for custom cards, null for built-ins. */
	label: string | null;
	/** The uuid used by /deck/custom/[id], for custom cards. */
	customId: string | null;
	/** Best asked face to face: offered for a talk, never for sending. */
	liveOnly: boolean;
};

export function summary(card: DeckCard, viewerId: string, couple: CoupleView | null): CardSummary {
	let label: string | null = null;
	if (card.custom) {
		if (card.authorId === viewerId) label = 'Yours';
		else if (couple && card.authorId === couple.partner.id)
			label = `Written by ${couple.partner.name}`;
		else label = 'Written in your space';
	}
	return {
		id: card.id,
		text: card.text,
		followUp: card.followUp ?? null,
		category: card.category,
		depth: card.depth,
		label,
		customId: card.custom ? card.id.slice(CUSTOM_CARD_PREFIX.length) : null,
		liveOnly: card.liveOnly === true
	};
}

/** Runs a deck operation; "not found" (another couple's card, an ended space) becomes a 404. */
export async function orNotFound<T>(run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (caught) {
		if (caught instanceof AppError && caught.code === 'not_found')
			error(404, 'We could not find that card.');
		throw caught;
	}
}
