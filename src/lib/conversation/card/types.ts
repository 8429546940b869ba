import type { NoticedParts } from '$lib/deck/noticed';
import type { Participant, TalkCard } from '$lib/conversation/talk/types';

/** The event vocabulary of an async card: a conversation at a slower pace. */
export type CardEventData =
	| {
			type: 'card.sent';
			data: {
				participants: Participant[];
				card: TalkCard;
				note: string | null;
				revealTogether: boolean;
				/** The sender's own answer when they chose "I'll go first". */
				firstAnswer: string | null;
				/**
				 * "Share mine now": the first answer is a gift the partner may read at once, whatever
				 * they do. Without it (and in older events) it waits for the partner's own answer.
				 */
				shareFirst?: boolean;
				/** In a copy for the partner before the reveal: there is a first answer, words withheld. */
				firstAnswerHidden?: true;
				/** The sender went first, and their words were removed when they left Hearth. */
				firstAnswerErased?: true;
				/**
				 * An "I noticed…" card: the parts its sender composed (the card's text joins them). The
				 * partner reads them as they read a card's question, at once; the sender listens.
				 */
				noticed?: NoticedParts;
			};
	  }
	/** `erased`: the words were removed when their writer deleted their account. */
	/** `shared`: the sender's own answer given after sending, as a gift ("Share mine now"). */
	| { type: 'answer.given'; data: { text: string | null; erased?: true; shared?: true } }
	| { type: 'card.set-aside'; data: Record<string, never> }
	| { type: 'card.brought-back'; data: Record<string, never> }
	| {
			type: 'reflection.sent';
			data: { about: string; text: string; feelings: string[]; needs: string[] };
	  }
	| { type: 'reflection.confirmed'; data: { about: string } }
	| { type: 'reflection.not-quite'; data: { about: string; clarification: string | null } }
	| { type: 'appreciation.sent'; data: { text: string } };

export type CardEvent = CardEventData & { seq: number; actorId: string | null; at: number };

export type CardIntent =
	/** `share`: the sender, answering before the partner, lets them read it at once. */
	| { type: 'answer'; text: string; share?: boolean }
	| { type: 'not-ready' }
	| { type: 'bring-back' }
	| { type: 'reflect'; text: string; feelings: string[]; needs: string[] }
	| { type: 'confirm' }
	| { type: 'not-quite'; clarification: string | null }
	| { type: 'appreciate'; text: string };
