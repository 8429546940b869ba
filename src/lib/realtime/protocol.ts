/**
 * The socket protocol, defined once for server and browser. Every client→server event takes a
 * payload (validated on the server with the schema in ./intents) and an acknowledgement callback.
 */
import type { z } from 'zod';
import type { PresenceState } from '$lib/schemas/talk';
import type { LoggedEvent } from '$lib/conversation/kind';
import type { intents, IntentResults } from './intents';

/** What the partner hears of a card. A set-aside or a bring-back is never among them. */
export type CardNotice =
	'sent' | 'answered' | 'revealed' | 'reflected' | 'confirmed' | 'not-quite' | 'appreciated';

export type ErrorCode =
	| 'invalid'
	| 'unauthorized'
	| 'not_found'
	| 'conflict'
	| 'rate_limited'
	| 'unknown_event'
	| 'internal'
	| 'timeout';

export type AckError = { code: ErrorCode; message: string };
export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };
export type AckFn<T> = (response: Ack<T>) => void;

export type IntentName = keyof typeof intents;
export type IntentPayload<K extends IntentName> = z.input<(typeof intents)[K]>;

export type ClientToServerEvents = {
	[K in IntentName]: (payload: IntentPayload<K>, ack: AckFn<IntentResults[K]>) => void;
};

export interface ServerToClientEvents {
	/** Sent just before the server disconnects a socket whose session ended (logout). */
	'session:ended': (info: { reason: 'logout' | 'logout-all' | 'password-changed' }) => void;
	/** The couple this person belongs to changed: a partner joined, or someone left the space. */
	'couple:changed': (info: { change: 'joined' | 'left'; partnerName: string }) => void;
	/** An event of one of this person's conversations (after it was committed), as they may see it. */
	'conversation:event': (info: { conversationId: string; event: LoggedEvent }) => void;
	/** A scheduled talk was proposed, answered, changed or cancelled by the partner. */
	'schedule:changed': (info: { scheduleId: string; change: string; byName: string }) => void;
	/** A scheduled talk starts in 10 minutes ('soon') or now ('start'). */
	'schedule:reminder': (info: {
		scheduleId: string;
		occurrenceAt: number;
		kind: 'soon' | 'start';
		intention: string | null;
		/** The plan opens into the check-in. */
		checkin?: true;
	}) => void;
	/** Something happened on an async card: the partner sent, answered, set aside, reflected… */
	'cards:changed': (info: {
		conversationId: string;
		kind: CardNotice;
		byName: string;
		/** Where it is read (a question for today lives at /today/…); /cards/… when absent. */
		href?: string;
	}) => void;
	/** Today's question reached this person (at their own hour): a calm notice, never the words. */
	'daily:arrived': (info: { conversationId: string }) => void;
	/** The partner started a live talk (or, with `kind`, your check-in). */
	'talk:invited': (info: { conversationId: string; byName: string; kind?: 'checkin' }) => void;
	/** The partner answered that invitation "Not now — thank you for asking". */
	'talk:not-now': (info: { conversationId: string; byName: string }) => void;
	/** Where the partner is in a talk: here, away (tab hidden), writing, reflecting or offline. */
	'talk:presence': (info: {
		conversationId: string;
		userId: string;
		state: PresenceState;
		hello?: boolean;
	}) => void;
	/** The partner's screen showed this live talk up to `seq` (never stored; never for a sent card). */
	'talk:seen': (info: { conversationId: string; userId: string; seq: number }) => void;
}

export interface SocketData {
	userId: string;
	sessionId: string;
	name: string;
	/** Talks this socket announced presence in, to say "offline" when it goes. */
	talks: string[];
}
