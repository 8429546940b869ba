import type { Activity } from '$lib/deck/types';
import type { Participant, TalkCard } from '../talk/types';

export { ACTIVITIES, type Activity } from '$lib/deck/types';

export const ACTIVITY_LABELS: Record<Activity, string> = {
	cooking: 'while cooking',
	walking: 'on a walk',
	driving: 'in the car',
	anything: 'side by side'
};

/**
 * "free": a next card whenever they like. "walk": the next card is offered only once both have
 * said they are ready — nobody is hurried along by the other's pace.
 */
export const PACES = ['free', 'walk'] as const;
export type Pace = (typeof PACES)[number];

/**
 * Side by side: one phone for both, nobody types. The card is read aloud, the speaker answers
 * aloud, the listener says back what they heard aloud (and may tap a few feelings), and the
 * speaker says whether that's it. The log keeps the cards and the confirmations — no words.
 */
export type SideEventData =
	| {
			type: 'side.started';
			data: { participants: Participant[]; activity: Activity; pace: Pace };
	  }
	| { type: 'card.drawn'; data: { card: TalkCard; speakerId: string; exhausted: boolean } }
	/** "Another card": the card goes back without a word; nothing keeps it. */
	| { type: 'card.passed'; data: Record<string, never> }
	| { type: 'answer.shared'; data: Record<string, never> }
	/** The listener said back aloud what they heard; the feelings are the ones they guessed. */
	| { type: 'reflection.spoken'; data: { feelings: string[] } }
	| { type: 'reflection.confirmed'; data: Record<string, never> }
	| { type: 'reflection.not-quite'; data: Record<string, never> }
	/** Walk pace: this person is ready for the next card (tapped on the one phone). */
	| { type: 'ready'; data: { personId: string } }
	| { type: 'side.ended'; data: { reason: 'ended' | 'idle' } };

export type SideEvent = SideEventData & { seq: number; actorId: string | null; at: number };

export type SideIntent =
	| { type: 'draw'; card: TalkCard; exhausted?: boolean; speakerId?: string }
	| { type: 'pass' }
	| { type: 'shared' }
	| { type: 'reflected'; feelings: string[] }
	| { type: 'confirm' }
	| { type: 'not-quite' }
	| { type: 'ready'; personId: string }
	| { type: 'end' };

/** The few feelings offered as large chips: glanceable, one tap each, from the feelings list. */
export const SIDE_FEELINGS = [
	'glad',
	'grateful',
	'calm',
	'hopeful',
	'tired',
	'worried',
	'sad',
	'frustrated',
	'lonely',
	'proud'
] as const;
