import type { CardEvent, CardEventData, CardIntent } from '../card/types';
import type { Participant, TalkCard } from '../talk/types';

/** The card events a question for today shares with a sent card: answers and reflect-back. */
export type SharedCardEventData = Extract<
	CardEventData,
	{
		type:
			| 'answer.given'
			| 'reflection.sent'
			| 'reflection.confirmed'
			| 'reflection.not-quite'
			| 'appreciation.sent';
	}
>;

/**
 * A question for today: a card the app sends to both partners, each at their own hour. Hearth
 * makes the first three events itself (actor null); the rest are the partners' own, as on a card.
 */
export type DailyEventData =
	| {
			type: 'question.drawn';
			data: { participants: Participant[]; card: TalkCard };
	  }
	/** It reached this person, at their hour. Only they see that it did. */
	| { type: 'question.delivered'; data: { to: string } }
	/** A newer question replaced this unanswered one: it rests, quietly, with what was said. */
	| { type: 'question.rested'; data: Record<string, never> }
	| SharedCardEventData;

export type DailyEvent = DailyEventData & { seq: number; actorId: string | null; at: number };

/** What a person may do on a question for today ("Not today" is private and not an event). */
export type DailyIntent = Extract<
	CardIntent,
	{ type: 'answer' | 'reflect' | 'confirm' | 'not-quite' | 'appreciate' }
>;

export const isSharedCardEvent = (
	e: DailyEvent
): e is Extract<DailyEvent, { type: SharedCardEventData['type'] }> & CardEvent =>
	e.type !== 'question.drawn' && e.type !== 'question.delivered' && e.type !== 'question.rested';
