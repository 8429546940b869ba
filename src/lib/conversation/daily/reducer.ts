import { applyCard, initialCardState, isRevealed, type CardState } from '../card/reducer';
import type { DailyEvent } from './types';
import { isSharedCardEvent } from './types';

/** A sent card's state (answers, reveal, reflections) and who it reached, and whether it rests. */
export interface DailyState extends CardState {
	/** The people it reached so far, in order. Nobody else sees any of it. */
	deliveredTo: string[];
	rested: boolean;
	/** Kept in step with the conversation row: a rested question is ended. */
	status: 'active' | 'ended';
}

export const initialDailyState = (): DailyState => ({
	...initialCardState(),
	deliveredTo: [],
	rested: false,
	status: 'active'
});

/** Pure and total. The card reducer does the answers and reflections; this adds the rest. */
export function applyDaily(state: DailyState, event: DailyEvent): DailyState {
	if (isSharedCardEvent(event)) return { ...state, ...applyCard(state, event) };
	const next = ((): DailyState => {
		switch (event.type) {
			case 'question.drawn':
				return {
					...state,
					participants: event.data.participants,
					card: event.data.card,
					senderId: null,
					recipientId: null,
					revealTogether: true,
					sentAt: event.at
				};
			case 'question.delivered':
				return state.deliveredTo.includes(event.data.to)
					? state
					: { ...state, deliveredTo: [...state.deliveredTo, event.data.to] };
			case 'question.rested':
				return { ...state, rested: true, status: 'ended' };
			default:
				return state;
		}
	})();
	return { ...next, lastSeq: event.seq, lastEventAt: event.at };
}

export { isRevealed };
