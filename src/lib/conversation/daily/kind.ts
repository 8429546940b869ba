import { cardKind } from '../card/kind';
import { decideCard } from '../card/rules';
import type { CardEvent } from '../card/types';
import { renamedParticipants, scrubbedCard, type Kind, type Names, type Words } from '../kind';
import type { TranscriptLine } from '../transcript';
import { type DailyState } from './reducer';
import { dailyReplay } from './replay';
import { isSharedCardEvent, type DailyEvent, type DailyIntent } from './types';

const notFound = { ok: false, code: 'not_found', message: 'We could not find that.' } as const;

/**
 * A question for today: the same card for both partners, each receiving it at their own hour.
 * Answers, the reveal and reflect-back are the sent card's own (its reducer, rules and visibility
 * are called, not copied). What this kind adds: nobody sees anything of it before it reached them,
 * and a question a newer one replaced rests (no more answers), without a word to anyone.
 */
export const dailyKind: Kind<DailyState, DailyEvent, DailyIntent> = {
	...dailyReplay,
	participantsOf: (state) => state.participants.map((p) => p.id),
	decide(state, actorId, intent) {
		if (!state.participants.some((p) => p.id === actorId)) return notFound;
		if (!state.deliveredTo.includes(actorId)) return notFound;
		switch (intent.type) {
			case 'answer':
				if (state.rested && !state.answers[actorId])
					return {
						ok: false,
						code: 'conflict',
						message: 'This question is resting now. There is a newer one for you.'
					};
				return decideCard(state, actorId, intent) as ReturnType<
					Kind<DailyState, DailyEvent>['decide']
				>;
			case 'reflect':
			case 'confirm':
			case 'not-quite':
			case 'appreciate':
				return decideCard(state, actorId, intent) as ReturnType<
					Kind<DailyState, DailyEvent>['decide']
				>;
			default:
				return notFound;
		}
	},
	visibleTo(event, state, viewerId) {
		// Before it reached them, a person sees nothing at all of it, not even that it exists.
		if (!state.deliveredTo.includes(viewerId)) return null;
		if (!state.participants.some((p) => p.id === viewerId)) return null;
		if (isSharedCardEvent(event))
			return cardKind.visibleTo(event as CardEvent, state, viewerId) as DailyEvent | null;
		return event;
	},
	wordsOf(event): Words {
		if (event.type === 'question.drawn') return [{ part: 'other', text: event.data.card.text }];
		if (isSharedCardEvent(event)) return cardKind.wordsOf(event as CardEvent);
		return [];
	},
	scrub(event, erasure) {
		if (event.type === 'question.drawn')
			return {
				participants: renamedParticipants(event.data.participants, erasure),
				card: scrubbedCard(event.data.card, erasure)
			};
		if (isSharedCardEvent(event)) return cardKind.scrub(event as CardEvent, erasure) as never;
		return event.data;
	},
	transcript: (events, names) => dailyTranscript(events, names)
};

function dailyTranscript(events: readonly DailyEvent[], names: Names): TranscriptLine[] {
	const lines: TranscriptLine[] = [];
	for (const event of events) {
		if (event.type === 'question.drawn') {
			lines.push({
				seq: event.seq,
				at: event.at,
				who: null,
				kind: 'card',
				card: event.data.card,
				text: 'A question for today'
			});
		} else if (isSharedCardEvent(event)) {
			lines.push(...cardKind.transcript([event as CardEvent], names));
		}
		// Deliveries and a quiet rest are not lines: nothing counts the days.
	}
	return lines;
}
