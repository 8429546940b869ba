import { renamedParticipants, type Kind } from '../kind';
import { applyDoor, initialDoorState, type DoorState } from './reducer';
import { decideDoor } from './rules';
import type { DoorEvent, DoorIntent } from './types';

/**
 * An open door, as a kind: a signal rather than a conversation. Both partners see all of it (it
 * holds no words, only whether and how deep); nobody else sees anything. Being a `signal`, the
 * core keeps it to the couple as it is now — a former partner finds nothing — and history,
 * search and export leave it out: it is never something kept or counted.
 */
export const doorKind: Kind<DoorState, DoorEvent, DoorIntent> = {
	name: 'door',
	signal: true,
	initial: initialDoorState,
	participantsOf: (state) => state.participants.map((p) => p.id),
	apply: applyDoor,
	decide: decideDoor,
	visibleTo: (event, state, viewerId) =>
		state.participants.some((p) => p.id === viewerId) ? event : null,
	// Nothing in it is ever withheld, so nothing becomes more visible later.
	revealKey: () => '',
	wordsOf: () => [],
	scrub(event, erasure) {
		if (event.type === 'door.opened')
			return { ...event.data, participants: renamedParticipants(event.data.participants, erasure) };
		return event.data;
	},
	// Not a conversation to read back: it has no lines.
	transcript: () => []
};
