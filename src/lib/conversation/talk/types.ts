import type { CategoryId, Depth } from '$lib/deck/types';

/** A card as it travels in events: a copy, so history survives edits and deletions. */
export interface TalkCard {
	id: string;
	text: string;
	category: CategoryId;
	depth: Depth;
	followUp?: string;
	custom: boolean;
}

export interface Participant {
	id: string;
	name: string;
}

/** The event vocabulary of a conversation's log. `data` is shaped by `type`. */
export type TalkEventData =
	| {
			type: 'talk.started';
			data: {
				participants: Participant[];
				kind: 'live';
				/** Set when the talk was opened from a scheduled one. */
				scheduled?: { scheduleId: string; occurrenceAt: number; intention: string | null };
			};
	  }
	| { type: 'talk.opening'; data: { line: string } }
	| { type: 'depth.deeper'; data: Record<string, never> }
	/** The one who asked to go deeper takes the request back before the partner joined it. */
	| { type: 'depth.deeper-withdrawn'; data: Record<string, never> }
	| { type: 'depth.lighter'; data: { depth: Depth } }
	| { type: 'card.drawn'; data: { card: TalkCard; speakerId: string; exhausted: boolean } }
	| { type: 'floor.taken'; data: Record<string, never> }
	/** "Would you go first?": the speaker hands the floor to the partner; the card stays. */
	| { type: 'floor.passed'; data: Record<string, never> }
	| {
			type: 'answer.given';
			/** The speaker may name their own feelings and needs (absent in older events). */
			data: { text: string | null; aloud: boolean; feelings?: string[]; needs?: string[] };
	  }
	| { type: 'reflection.sent'; data: { text: string; feelings: string[]; needs: string[] } }
	/** `heard`: which of the guessed feelings the speaker said were theirs, one by one. */
	| { type: 'reflection.confirmed'; data: { heard?: string[] } }
	| { type: 'reflection.not-quite'; data: { clarification: string | null; heard?: string[] } }
	/**
	 * The listener asks "Is there more you'd like me to know?" — after their reflection, while it
	 * waits for the speaker's answer, or once it was confirmed.
	 */
	| { type: 'more.asked'; data: Record<string, never> }
	/** The speaker adds more (to be reflected back too), or says that's all for now (null). */
	| { type: 'more.added'; data: { text: string | null } }
	/** The speaker chooses: "Just listen", or "I'd like your thoughts". */
	| { type: 'steer.chosen'; data: { mode: 'listen' | 'thoughts' } }
	/** The listener's own view, only ever after the speaker asked for it. */
	| { type: 'thoughts.shared'; data: { text: string } }
	| { type: 'turn.swapped'; data: Record<string, never> }
	| { type: 'card.set-aside'; data: Record<string, never> }
	| { type: 'talk.paused'; data: Record<string, never> }
	| { type: 'talk.resumed'; data: Record<string, never> }
	| { type: 'talk.ended'; data: { reason: 'ended' | 'idle' } };

export type TalkEvent = TalkEventData & {
	seq: number;
	/** null for events the server makes by itself (closing an idle talk). */
	actorId: string | null;
	at: number;
};

/** What a person asks for. The server turns an allowed intent into exactly one event. */
export type TalkIntent =
	| { type: 'opening'; line: string }
	| { type: 'deeper' }
	| { type: 'withdraw-deeper' }
	| { type: 'lighter' }
	| { type: 'draw'; card: TalkCard; exhausted?: boolean }
	| { type: 'go-first' }
	| { type: 'pass-floor' }
	| { type: 'answer'; text: string | null; aloud: boolean; feelings?: string[]; needs?: string[] }
	| { type: 'reflect'; text: string; feelings: string[]; needs: string[] }
	| { type: 'confirm'; heard?: string[] }
	| { type: 'not-quite'; clarification: string | null; heard?: string[] }
	| { type: 'ask-more' }
	| { type: 'add-more'; text: string | null }
	| { type: 'steer'; mode: 'listen' | 'thoughts' }
	| { type: 'share-thoughts'; text: string }
	| { type: 'swap' }
	| { type: 'not-ready'; scope: 'card' | 'talk' }
	| { type: 'resume' }
	| { type: 'end' };
