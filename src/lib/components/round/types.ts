import type { RoundEventType } from '$lib/conversation/round';

/**
 * What the round says that differs between the rooms it is used in: a talk answers a card, a
 * check-in says what is on one's mind. Everything else in the round is worded alike.
 */
export interface RoundWords {
	/** The answer field's label ("Your answer", or the check-in's own question). */
	answerLabel: string;
	answerPlaceholder: string;
	/** The primary button under the answer ("Share answer"). */
	share: string;
	/** The answer given aloud instead ("I've shared it aloud"). */
	shareAloud: string;
	/** What stands for an answer given aloud ("Shared aloud."). */
	aloud: string;
	/** What the listener reads while the partner writes, after the partner's name ("is answering"). */
	answering: string;
	/** The accessible name of the answer once it is on the table ("The answer"). */
	answerRegion: string;
	/** The quiet way out before the turn is heard ("Not ready yet for this card"). */
	notReady: string;
}

/**
 * The round's element ids, given by the room: each stays unique on its page, and the room scrolls
 * to the regions when the partner's words arrive.
 */
export interface RoundIds {
	/** The fields, each named by its label. */
	answerBox: string;
	moreBox: string;
	clarifyBox: string;
	thoughtsBox: string;
	/** The regions where the partner's words arrive. */
	answer: string;
	reflection: string;
	thoughts: string;
	steerLabel: string;
}

/** Acknowledged words: "sent", or "seen" once the partner's screen showed the newest of these. */
export type DeliveryOf = (...types: RoundEventType[]) => 'sent' | 'seen';

/** What the room needs to offer the way on once a turn is heard. */
export interface WayOn {
	speaking: boolean;
	/** Only the first turn may be swapped: the other one answers too. */
	canSwap: boolean;
	swap: () => void;
}
