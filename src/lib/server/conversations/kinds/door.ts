import { doorKind } from '$lib/conversation/door/kind';
import type { DoorState } from '$lib/conversation/door/reducer';
import type { ClientDoorIntent, DoorEvent, DoorIntent } from '$lib/conversation/door/types';
import type { ServerKind } from './contract';

/**
 * An open door on the server: the intent is judged by the server's clock (a door fades after its
 * week), and nothing is projected — no read marks, no badge, no use of a card: nothing counts it.
 */
export const openDoors: ServerKind<DoorState, DoorEvent, ClientDoorIntent, DoorIntent> = {
	kind: doorKind,
	resolve: (intent, { now }) => ({ ...intent, now }),
	project: () => {}
};
