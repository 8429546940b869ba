import type { Replay } from '../kind';
import { applyCard, initialCardState, isRevealed, type CardState } from './reducer';
import type { CardEvent } from './types';

/** A sent card as a browser replays it (the whole kind, with its rules, is `cardKind`). */
export const cardReplay: Replay<CardState, CardEvent> = {
	name: 'async',
	initial: initialCardState,
	apply: applyCard,
	revealKey: (state) => (isRevealed(state) ? 'revealed' : 'hidden')
};
