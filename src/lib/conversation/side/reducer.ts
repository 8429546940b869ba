import type { Participant, TalkCard } from '../talk/types';
import type { Activity, Pace, SideEvent } from './types';

export interface SideRound {
	card: TalkCard;
	speakerId: string;
	listenerId: string;
	/** sharing → reflecting → confirming → heard; "not quite" goes back to reflecting. */
	phase: 'sharing' | 'reflecting' | 'confirming' | 'heard';
	/** The feelings the listener guessed in their latest reflection. */
	feelings: string[];
}

export interface SideState {
	lastSeq: number;
	lastEventAt: number | null;
	participants: Participant[];
	activity: Activity;
	pace: Pace;
	status: 'active' | 'ended';
	/** Rounds that stayed: a card passed with "Another card" leaves none. */
	rounds: SideRound[];
	/** The round in play (the last one), or null before the first card and after a pass. */
	current: number | null;
	/** Walk pace: who has said they are ready for the next card since the last draw. */
	ready: string[];
	/** Who answers the next card, once drawn: set by a pass (the same person keeps the turn). */
	nextSpeakerId: string | null;
}

export const initialSideState = (): SideState => ({
	lastSeq: 0,
	lastEventAt: null,
	participants: [],
	activity: 'anything',
	pace: 'free',
	status: 'active',
	rounds: [],
	current: null,
	ready: [],
	nextSpeakerId: null
});

export function currentRound(state: SideState): SideRound | null {
	return state.current === null ? null : (state.rounds[state.current] ?? null);
}

/** Between cards: nothing drawn yet, the last card passed, or the last one heard. */
export function betweenCards(state: SideState): boolean {
	const round = currentRound(state);
	return state.status === 'active' && (round === null || round.phase === 'heard');
}

/** Whether a card may be drawn now: between cards and, at a walk's pace, both ready (or just passed). */
export function mayDraw(state: SideState): boolean {
	if (!betweenCards(state)) return false;
	if (state.pace === 'free' || state.nextSpeakerId !== null) return true;
	return state.participants.every((p) => state.ready.includes(p.id));
}

/** Who answers the next card unless chosen: the same one after a pass, else the last listener. */
export function nextSpeaker(state: SideState, fallback: string): string {
	if (state.nextSpeakerId) return state.nextSpeakerId;
	const last = state.rounds.at(-1);
	return last ? last.listenerId : fallback;
}

const otherThan = (state: SideState, id: string) =>
	state.participants.find((p) => p.id !== id)?.id ?? id;

function withRound(state: SideState, change: Partial<SideRound>): SideState {
	const index = state.current;
	if (index === null || !state.rounds[index]) return state;
	const rounds = state.rounds.slice();
	rounds[index] = { ...rounds[index]!, ...change };
	return { ...state, rounds };
}

/** Pure and total: an event that does not fit the state changes nothing but the position. */
export function applySide(state: SideState, event: SideEvent): SideState {
	const next = ((): SideState => {
		switch (event.type) {
			case 'side.started':
				return {
					...state,
					participants: event.data.participants,
					activity: event.data.activity,
					pace: event.data.pace
				};
			case 'card.drawn': {
				const { card, speakerId } = event.data;
				const round: SideRound = {
					card,
					speakerId,
					listenerId: otherThan(state, speakerId),
					phase: 'sharing',
					feelings: []
				};
				return {
					...state,
					rounds: [...state.rounds, round],
					current: state.rounds.length,
					ready: [],
					nextSpeakerId: null
				};
			}
			case 'card.passed': {
				const round = currentRound(state);
				if (!round || round.phase !== 'sharing') return state;
				return {
					...state,
					rounds: state.rounds.slice(0, -1),
					current: null,
					nextSpeakerId: round.speakerId
				};
			}
			case 'answer.shared':
				return currentRound(state)?.phase === 'sharing'
					? withRound(state, { phase: 'reflecting' })
					: state;
			case 'reflection.spoken':
				return currentRound(state)?.phase === 'reflecting'
					? withRound(state, { phase: 'confirming', feelings: [...event.data.feelings] })
					: state;
			case 'reflection.confirmed':
				return currentRound(state)?.phase === 'confirming'
					? withRound(state, { phase: 'heard' })
					: state;
			case 'reflection.not-quite':
				return currentRound(state)?.phase === 'confirming'
					? withRound(state, { phase: 'reflecting' })
					: state;
			case 'ready':
				return state.ready.includes(event.data.personId)
					? state
					: { ...state, ready: [...state.ready, event.data.personId] };
			case 'side.ended':
				return { ...state, status: 'ended' };
			default:
				return state;
		}
	})();
	return { ...next, lastSeq: event.seq, lastEventAt: event.at };
}
