import type { CategoryId, Depth } from '$lib/deck/types';
import type { RoundEventData, RoundIntent } from '../round';

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
	/** The floor, the answer and the reflect-back loop: the shared round's events. */
	| RoundEventData
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
	| RoundIntent
	| { type: 'not-ready'; scope: 'card' | 'talk' }
	| { type: 'resume' }
	| { type: 'end' };
