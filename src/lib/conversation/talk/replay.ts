import type { Replay } from '../kind';
import { apply, initialState, type TalkState } from './reducer';
import type { TalkEvent } from './types';

/** A live talk as a browser replays it (the whole kind, with its rules, is `talkKind`). */
export const talkReplay: Replay<TalkState, TalkEvent> = {
	name: 'live',
	initial: initialState,
	apply,
	// Everything in a talk is seen as it is said: nothing is revealed later.
	revealKey: () => ''
};
