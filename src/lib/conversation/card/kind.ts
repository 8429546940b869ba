import {
	nonEmpty,
	renamedParticipants,
	scrubbedCard,
	type Kind,
	type Names,
	type Words
} from '../kind';
import { reflectionLine, type TranscriptLine } from '../transcript';
import { isRevealed, type CardState } from './reducer';
import { cardReplay } from './replay';
import { decideCard } from './rules';
import type { CardEvent, CardIntent } from './types';

/**
 * A card sent to the partner, answered when they are ready. Until both answers are revealed, a
 * person's answer is theirs alone: the partner sees that it exists, never its words — unless the
 * sender went first and chose "share mine now", a gift the partner may read at once.
 * "Not ready yet" is the recipient's alone: the partner's copy of a set-aside or a bring-back says
 * nothing (no actor; the reducer and the transcript pass over it), so it leaves no trace there.
 */
export const cardKind: Kind<CardState, CardEvent, CardIntent> = {
	...cardReplay,
	participantsOf: (state) => state.participants.map((p) => p.id),
	decide: decideCard,
	visibleTo(event, state, viewerId) {
		if (!state.participants.some((p) => p.id === viewerId)) return null;
		if (event.actorId === viewerId) return event;
		if (event.type === 'card.set-aside' || event.type === 'card.brought-back')
			return { ...event, actorId: null };
		if (isRevealed(state)) return event;
		// A gift is readable at once; any other answer keeps its words until the reveal.
		if (event.type === 'answer.given' && !event.data.shared)
			return { ...event, data: { ...event.data, text: null } };
		// Going first as a gift: "share mine now" is readable by the partner at once.
		if (event.type === 'card.sent' && event.data.firstAnswer !== null && !event.data.shareFirst)
			return { ...event, data: { ...event.data, firstAnswer: null, firstAnswerHidden: true } };
		return event;
	},
	wordsOf(event): Words {
		const words: Words = [];
		const add = (part: 'answer' | 'other', text: unknown) => {
			const t = nonEmpty(text);
			if (t) words.push({ part, text: t });
		};
		switch (event.type) {
			case 'card.sent':
				add('other', [event.data.card.text, event.data.note].filter(Boolean).join(' '));
				add('answer', event.data.firstAnswer);
				break;
			case 'answer.given':
				add('answer', event.data.text);
				break;
			case 'reflection.sent':
			case 'appreciation.sent':
				add('other', event.data.text);
				break;
			case 'reflection.not-quite':
				add('other', event.data.clarification);
				break;
		}
		return words;
	},
	scrub(event, erasure) {
		const mine = event.actorId === erasure.userId;
		switch (event.type) {
			case 'card.sent': {
				const data = {
					...event.data,
					participants: renamedParticipants(event.data.participants, erasure),
					card: scrubbedCard(event.data.card, erasure)
				};
				if (!mine) return data;
				// A first answer's words go; that there was one stays, and says why it is empty. What
				// they noticed goes with the rest of their words; the card's text goes above, as a card
				// they wrote (an "I noticed…" card's id is in the erasure's cards).
				return data.firstAnswer !== null || data.firstAnswerHidden
					? {
							...data,
							note: null,
							firstAnswer: null,
							firstAnswerErased: true as const,
							noticed: undefined
						}
					: { ...data, note: null, firstAnswer: null, noticed: undefined };
			}
			case 'answer.given':
				return mine ? { text: null, erased: true as const } : event.data;
			case 'reflection.sent':
				return mine ? { ...event.data, text: '', feelings: [], needs: [] } : event.data;
			case 'reflection.not-quite':
				return mine ? { ...event.data, clarification: null } : event.data;
			case 'appreciation.sent':
				return mine ? { text: '' } : event.data;
			default:
				return event.data;
		}
	},
	transcript: (events, names) => cardTranscript(events, names)
};

function cardTranscript(events: readonly CardEvent[], names: Names): TranscriptLine[] {
	const lines: TranscriptLine[] = [];
	for (const event of events) {
		const who = names(event.actorId);
		const base = { seq: event.seq, at: event.at, who };
		switch (event.type) {
			case 'card.sent':
				lines.push({
					...base,
					kind: 'card',
					card: event.data.card,
					text: `${who} sent this card`,
					quote: event.data.note
				});
				if (
					event.data.firstAnswer !== null ||
					event.data.firstAnswerHidden ||
					event.data.firstAnswerErased
				) {
					lines.push({
						...base,
						kind: 'answer',
						text: event.data.firstAnswerErased
							? `${who} went first. Their words were removed when they left Hearth.`
							: event.data.firstAnswer === null
								? `${who} went first (you'll see it once you've answered too)`
								: `${who} went first`,
						quote: event.data.firstAnswer
					});
				}
				break;
			case 'answer.given':
				lines.push({
					...base,
					kind: 'answer',
					text: event.data.erased
						? `${who} answered. Their words were removed when they left Hearth.`
						: event.data.text === null
							? `${who} answered (you'll see it once you've answered too)`
							: `${who} answered`,
					quote: event.data.text
				});
				break;
			// A partner's copy has no actor: their "not yet" is theirs, and no line shows it.
			case 'card.set-aside':
				if (event.actorId !== null)
					lines.push({ ...base, kind: 'set-aside', text: `${who} set this card aside for now` });
				break;
			case 'card.brought-back':
				if (event.actorId !== null)
					lines.push({ ...base, kind: 'brought-back', text: `${who} brought it back` });
				break;
			case 'reflection.sent':
			case 'reflection.confirmed':
			case 'reflection.not-quite':
				lines.push(reflectionLine(event, base));
				break;
			case 'appreciation.sent':
				lines.push({
					...base,
					kind: 'appreciation',
					text: `${who} said thank you`,
					quote: event.data.text
				});
				break;
		}
	}
	return lines;
}
