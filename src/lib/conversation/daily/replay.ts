import type { Replay } from '../kind';
import { applyDaily, initialDailyState, isRevealed, type DailyState } from './reducer';
import type { DailyEvent } from './types';

/** A question for today as a browser replays it (the whole kind is `dailyKind`). */
export const dailyReplay: Replay<DailyState, DailyEvent> = {
	name: 'daily',
	initial: initialDailyState,
	apply: applyDaily,
	revealKey: (state) => (isRevealed(state) ? 'revealed' : 'hidden')
};
