import type { Replay } from '../kind';
import { applyCheckin, initialCheckinState, type CheckinState } from './reducer';
import type { CheckinEvent } from './types';

/** A check-in as a browser replays it (the whole kind, with its rules, is `checkinKind`). */
export const checkinReplay: Replay<CheckinState, CheckinEvent> = {
	name: 'checkin',
	initial: initialCheckinState,
	apply: applyCheckin,
	// A step done reveals what both wrote on it: a browser holding withheld copies reads again.
	revealKey: (state) => String(state.step)
};
