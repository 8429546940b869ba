import { withReflection, withVerdict, type Reflection } from '../reflect';
import type { NoticedParts } from '$lib/deck/noticed';
import type { Participant, TalkCard } from '$lib/conversation/talk/types';
import type { CardEvent } from './types';

export interface CardState {
	participants: Participant[];
	senderId: string | null;
	recipientId: string | null;
	card: TalkCard | null;
	/** An "I noticed…" card's parts: the partner answers, the sender listens. */
	noticed: NoticedParts | null;
	note: string | null;
	revealTogether: boolean;
	/** The sender went first and shared it at once (a gift, not a trade). */
	firstShared: boolean;
	sentAt: number | null;
	/**
	 * Each person's answer; text null means it is hidden from this viewer until the reveal, or,
	 * with `erased`, that its words were removed when its writer left Hearth.
	 */
	answers: Record<string, { text: string | null; at: number; erased?: true }>;
	setAsideBy: string | null;
	/** Reflections on each person's answer, keyed by whose answer they reflect. */
	reflections: Record<string, Reflection[]>;
	appreciations: { by: string; text: string; at: number }[];
	lastSeq: number;
	lastEventAt: number | null;
}

export const initialCardState = (): CardState => ({
	participants: [],
	senderId: null,
	recipientId: null,
	card: null,
	noticed: null,
	note: null,
	revealTogether: true,
	firstShared: false,
	sentAt: null,
	answers: {},
	setAsideBy: null,
	reflections: {},
	appreciations: [],
	lastSeq: 0,
	lastEventAt: null
});

function withReflections(
	state: CardState,
	about: string,
	change: (list: Reflection[]) => Reflection[]
): CardState {
	return {
		...state,
		reflections: { ...state.reflections, [about]: change(state.reflections[about] ?? []) }
	};
}

/** Pure and total, like the talk reducer; the server checked every event with `decideCard`. */
export function applyCard(state: CardState, event: CardEvent): CardState {
	const actor = event.actorId ?? '';
	const next = ((): CardState => {
		switch (event.type) {
			case 'card.sent': {
				const { participants, card, note, revealTogether, firstAnswer } = event.data;
				const recipient = participants.find((p) => p.id !== actor)?.id ?? null;
				return {
					...state,
					participants,
					senderId: actor,
					recipientId: recipient,
					card,
					noticed: event.data.noticed ?? null,
					note,
					revealTogether,
					firstShared: firstAnswer !== null && !!event.data.shareFirst,
					sentAt: event.at,
					answers: event.data.firstAnswerErased
						? { [actor]: { text: null, at: event.at, erased: true } }
						: firstAnswer !== null || event.data.firstAnswerHidden
							? { [actor]: { text: firstAnswer, at: event.at } }
							: {}
				};
			}
			case 'answer.given': {
				const answer = { text: event.data.text, at: event.at };
				return {
					...state,
					// The sender's later answer, shared as a gift, reads like going first with it.
					firstShared: state.firstShared || (!!event.data.shared && actor === state.senderId),
					answers: {
						...state.answers,
						[actor]: event.data.erased ? { ...answer, erased: true } : answer
					}
				};
			}
			// Without an actor (the partner's copy), a set-aside changes nothing they can see.
			case 'card.set-aside':
				return event.actorId === null ? state : { ...state, setAsideBy: actor };
			case 'card.brought-back':
				return event.actorId === null ? state : { ...state, setAsideBy: null };
			case 'reflection.sent':
				return withReflections(state, event.data.about, (list) => withReflection(list, event.data));
			case 'reflection.confirmed':
				return withReflections(state, event.data.about, (list) => withVerdict(list, 'confirmed'));
			case 'reflection.not-quite':
				return withReflections(state, event.data.about, (list) =>
					withVerdict(list, 'not-quite', event.data.clarification)
				);
			case 'appreciation.sent':
				return {
					...state,
					appreciations: [
						...state.appreciations,
						{ by: actor, text: event.data.text, at: event.at }
					]
				};
			default:
				return state;
		}
	})();
	return { ...next, lastSeq: event.seq, lastEventAt: event.at };
}

/** Both have answered (or the sender chose not to wait): answers are shown to both. */
export function isRevealed(state: CardState): boolean {
	const both =
		state.participants.length === 2 && state.participants.every((p) => state.answers[p.id]);
	if (both) return true;
	return !state.revealTogether && !!state.recipientId && !!state.answers[state.recipientId];
}

/** Where a reflection on `about`'s answer stands: who acts next, if anyone. */
export function reflectionPhase(
	state: CardState,
	about: string
): 'open' | 'confirming' | 'confirmed' {
	const last = state.reflections[about]?.at(-1);
	if (!last || last.verdict === 'not-quite') return 'open';
	return last.verdict === 'pending' ? 'confirming' : 'confirmed';
}
