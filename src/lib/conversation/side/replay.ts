import type { Replay } from '../kind';
import { applySide, initialSideState, type SideState } from './reducer';
import type { SideEvent } from './types';

/** A talk side by side as a browser replays it (the whole kind is `sideKind`). */
export const sideReplay: Replay<SideState, SideEvent> = {
	name: 'side',
	initial: initialSideState,
	apply: applySide,
	// Both see everything as it happens: nothing is revealed later.
	revealKey: () => ''
};
