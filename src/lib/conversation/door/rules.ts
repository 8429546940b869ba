import type { Decision } from '../kind';
import { isOpen, type DoorState } from './reducer';
import type { DoorEventData, DoorIntent } from './types';

export type DoorDecision = Decision<DoorEventData>;

const notFound = { ok: false, code: 'not_found', message: 'We could not find that.' } as const;
const refuse = (message: string): DoorDecision => ({ ok: false, code: 'conflict', message });

/**
 * Who may do what with an open door: only the two partners; only the one who opened it opens it
 * again (its depth is theirs to say); either of them closes it, without a reason; nothing once
 * it has closed, or faded after its week.
 */
export function decideDoor(state: DoorState, actorId: string, intent: DoorIntent): DoorDecision {
	if (!state.participants.some((p) => p.id === actorId)) return notFound;
	switch (intent.type) {
		case 'open':
			if (actorId !== state.openerId)
				return refuse('Only the one who left the door open changes it.');
			if (!isOpen(state, intent.now))
				return refuse('This door has closed. You can open a new one.');
			return { ok: true, event: { type: 'door.updated', data: { depth: intent.depth } } };
		case 'close':
			if (!isOpen(state, intent.now)) return refuse('This door has closed already.');
			return { ok: true, event: { type: 'door.closed', data: {} } };
		default:
			return notFound;
	}
}

/** Hearth marks a door that faded by itself (before its opener opens a new one); nothing else. */
export function fadeRefusal(state: DoorState, now: number): string | null {
	if (state.closed) return 'This door has closed already.';
	if (isOpen(state, now)) return 'This door is still open.';
	return null;
}
