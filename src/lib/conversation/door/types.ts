import type { Participant } from '../talk/types';

/** How deep the opener thinks it might go: said only if they want to say it. */
export const DOOR_DEPTHS = ['light', 'on-my-mind'] as const;
export type DoorDepth = (typeof DOOR_DEPTHS)[number];

/** A door stays open for a week from the moment it was (last) opened, then closes by itself. */
export const DOOR_OPEN_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * An open door: "I might like to talk sometime this week." A quiet signal from one partner to the
 * other — nothing is asked, nothing is counted, and it closes by itself after a week.
 */
export type DoorEventData =
	/** The first event: who may ever see it, and the depth, if the opener said one. */
	| { type: 'door.opened'; data: { participants: Participant[]; depth: DoorDepth | null } }
	/** Opened again while open: the depth as it is now, and the week starts again from here. */
	| { type: 'door.updated'; data: { depth: DoorDepth | null } }
	/** Either partner closed it, without a reason. */
	| { type: 'door.closed'; data: Record<string, never> }
	/**
	 * Hearth's own (no actor): a door that had faded by itself is marked closed when its opener
	 * opens a new one, so a person has at most one door that is not closed.
	 */
	| { type: 'door.faded'; data: Record<string, never> };

export type DoorEvent = DoorEventData & { seq: number; actorId: string | null; at: number };

/** What a person asks of a door that exists (the first opening makes the conversation itself). */
export type ClientDoorIntent = { type: 'open'; depth: DoorDepth | null } | { type: 'close' };

/** The intent as the rules see it: with the server's clock, since a door fades with time. */
export type DoorIntent = ClientDoorIntent & { now: number };
