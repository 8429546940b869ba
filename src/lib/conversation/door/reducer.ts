import type { Participant } from '../talk/types';
import { DOOR_OPEN_MS, type DoorDepth, type DoorEvent } from './types';

export interface DoorState {
	participants: Participant[];
	openerId: string | null;
	depth: DoorDepth | null;
	/** When it was last opened: the week is counted from here. */
	openedAt: number | null;
	/** Closed by a partner, or marked faded: it never opens again (a new door is a new one). */
	closed: boolean;
	/** Kept in step with the conversation row: a closed door is ended. */
	status: 'active' | 'ended';
	lastSeq: number;
	lastEventAt: number | null;
}

export const initialDoorState = (): DoorState => ({
	participants: [],
	openerId: null,
	depth: null,
	openedAt: null,
	closed: false,
	status: 'active',
	lastSeq: 0,
	lastEventAt: null
});

/** Pure and total: whatever comes, a state (the server checked each event with `decideDoor`). */
export function applyDoor(state: DoorState, event: DoorEvent): DoorState {
	const next = ((): DoorState => {
		switch (event.type) {
			case 'door.opened':
				return {
					...state,
					participants: event.data.participants,
					openerId: event.actorId,
					depth: event.data.depth,
					openedAt: event.at,
					closed: false,
					status: 'active'
				};
			case 'door.updated':
				return state.closed ? state : { ...state, depth: event.data.depth, openedAt: event.at };
			case 'door.closed':
			case 'door.faded':
				return { ...state, closed: true, status: 'ended' };
			default:
				return state;
		}
	})();
	return { ...next, lastSeq: event.seq, lastEventAt: event.at };
}

/** When it closes by itself (null for a door that was never opened). */
export const fadesAt = (state: DoorState): number | null =>
	state.openedAt === null ? null : state.openedAt + DOOR_OPEN_MS;

/** Open now: opened, not closed, and less than a week since it was (last) opened. */
export function isOpen(state: DoorState, now: number): boolean {
	const end = fadesAt(state);
	return !state.closed && end !== null && now < end;
}
