/**
 * The contract every kind of conversation implements (a live talk, a sent card, kinds to come).
 * Isomorphic: the server enforces with it, the browser renders with it, history reads with it.
 * A conversation is an append-only log of events; a kind says what the events mean and who may
 * see and do what — the server core (gate, pipeline, visibility, publish) does the rest.
 */
import type { TranscriptLine } from './transcript';

/** Every kind's name, as stored with each conversation. */
export const KIND_NAMES = ['live', 'async', 'daily', 'side', 'door', 'checkin'] as const;
export type KindName = (typeof KIND_NAMES)[number];
/**
 * The kinds a browser may catch up on and history may list: every kind but a signal (the door),
 * which has no log to read back (`signal` on the kind; a unit test keeps the two in step).
 */
export const CONVERSATION_KIND_NAMES = ['live', 'async', 'daily', 'side', 'checkin'] as const;

/** One event of a conversation's log, as stored and as sent. */
export interface LoggedEvent {
	seq: number;
	type: string;
	/** null for events the server makes by itself (closing an idle talk). */
	actorId: string | null;
	at: number;
	data: unknown;
}

export type Decision<D> =
	{ ok: true; event: D } | { ok: false; code: 'conflict' | 'not_found'; message: string };

/** What a person wrote in an event: `answer` words may be withheld for a while (a reveal). */
export type Words = { part: 'answer' | 'other'; text: string }[];

/** Whose words a deletion removes: the person's, the cards and the plans they wrote. */
export type Erasure = {
	userId: string;
	/** The custom cards they wrote, and the "I noticed…" cards they composed. */
	cardIds: ReadonlySet<string>;
	planIds: ReadonlySet<string>;
	formerName: string;
};

export type Names = (id: string | null) => string;

export interface Kind<
	S extends { lastSeq: number } = { lastSeq: number },
	E extends LoggedEvent = LoggedEvent,
	I = unknown
> {
	name: KindName;
	/**
	 * A signal rather than a conversation (an open door): only the couple as it is now reads it —
	 * a former partner finds nothing, as another couple does — and history, search and export
	 * leave it out. Conversations (absent here) are history for good.
	 */
	signal?: true;
	initial(): S;
	/** Who takes part: the only people who may ever see any of it. */
	participantsOf(state: S): string[];
	/** Pure and total: never throws, whatever comes (the server checked each event with `decide`). */
	apply(state: S, event: E): S;
	/** May this person do this now? The one event it becomes, or a refusal. */
	decide(state: S, actorId: string, intent: I): Decision<Omit<E, 'seq' | 'actorId' | 'at'>>;
	/**
	 * What this viewer may see of one event, given the conversation's latest state: the event, a
	 * copy with words withheld, or null. Every read path and every publish passes through here.
	 */
	visibleTo(event: E, state: S, viewerId: string): E | null;
	/**
	 * Changes when events seen earlier become more visible (both answers of a card revealed): a
	 * browser holding the earlier copies reads the log again.
	 */
	revealKey(state: S): string;
	/** The words a person wrote in the event (used by search, export and deletion). */
	wordsOf(event: E): Words;
	/** The event's data with the erased person's words (and custom cards) removed. */
	scrub(event: E, erasure: Erasure): E['data'];
	/** The conversation as readable lines (events already passed through `visibleTo`). */
	transcript(events: readonly E[], names: Names): TranscriptLine[];
}

/**
 * What a browser needs of a kind to show a conversation: replaying its events, and knowing when to
 * read them again. The sync engine uses nothing else, so a page ships this and not the rules,
 * visibility, transcripts or erasure of the full `Kind` (the server's side of the contract).
 */
export type Replay<S extends { lastSeq: number }, E extends LoggedEvent> = Pick<
	Kind<S, E>,
	'name' | 'initial' | 'apply' | 'revealKey'
>;

export const nonEmpty = (v: unknown): string | null =>
	typeof v === 'string' && v.length > 0 ? v : null;

/** Participants renamed for an erasure: the person becomes "Former partner" in what others keep. */
export function renamedParticipants<P extends { id: string; name: string }>(
	participants: readonly P[],
	erasure: Erasure
): P[] {
	return participants.map((p) =>
		p.id === erasure.userId ? { ...p, name: erasure.formerName } : p
	);
}

/**
 * A conversation's opening event data for an erasure: the erased person renamed, and the intention
 * of a plan they wrote removed (a talk or a check-in opened from a weekly plan).
 */
export function scrubbedStart<
	D extends {
		participants: readonly { id: string; name: string }[];
		scheduled?: { scheduleId: string; intention: string | null };
	}
>(data: D, erasure: Erasure): D {
	const { scheduled } = data;
	return {
		...data,
		participants: renamedParticipants(data.participants, erasure),
		...(scheduled && erasure.planIds.has(scheduled.scheduleId)
			? { scheduled: { ...scheduled, intention: null } }
			: {})
	};
}

/** A card copy inside an event, with its text removed when the erased person wrote it. */
export function scrubbedCard<C extends { id: string; text: string; custom: boolean }>(
	card: C,
	erasure: Erasure
): C {
	return card.custom && erasure.cardIds.has(card.id)
		? { ...card, text: `A card ${erasure.formerName} wrote` }
		: card;
}
