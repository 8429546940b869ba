import { DEPTHS, type Depth } from '$lib/deck/types';
import {
	applyRoundEvent,
	freshTurn,
	isRoundEvent,
	phaseOf,
	type Phase,
	type Reflection,
	type Turn
} from '../round';
import type { Participant, TalkCard, TalkEvent } from './types';

// The round (floor, answer, reflect-back) is shared with other kinds; a talk holds one per card.
export type { Phase, Reflection, Turn };
export { phaseOf };

export interface Round {
	card: TalkCard;
	turns: Turn[];
	/** Whether someone was not ready for this card (it rests, set aside for them). */
	setAside: boolean;
	/**
	 * Who set it aside — known only to that person: the partner's copy of the event is anonymous
	 * (see the kind's `visibleTo`), so this is null on their screen.
	 */
	setAsideBy: string | null;
	drawnAt: number;
}

export interface TalkState {
	status: 'new' | 'active' | 'paused' | 'ended';
	participants: Participant[];
	startedBy: string | null;
	startedAt: number | null;
	endedAt: number | null;
	endReason: 'ended' | 'idle' | null;
	pausedBy: string | null;
	openingLine: string | null;
	scheduled: { scheduleId: string; occurrenceAt: number; intention: string | null } | null;
	depth: Depth;
	deeperVotes: string[];
	rounds: Round[];
	/** Index in `rounds` of the round in progress (or just completed); null between cards. */
	current: number | null;
	lastSeq: number;
	lastEventAt: number | null;
}

export const initialState = (): TalkState => ({
	status: 'new',
	participants: [],
	startedBy: null,
	startedAt: null,
	endedAt: null,
	endReason: null,
	pausedBy: null,
	openingLine: null,
	scheduled: null,
	depth: 'light',
	deeperVotes: [],
	rounds: [],
	current: null,
	lastSeq: 0,
	lastEventAt: null
});

export function otherParticipant(state: TalkState, userId: string): string {
	return state.participants.find((p) => p.id !== userId)?.id ?? '';
}

export function currentRound(state: TalkState): Round | null {
	return state.current === null ? null : (state.rounds[state.current] ?? null);
}

export function currentTurn(state: TalkState): Turn | null {
	return currentRound(state)?.turns.at(-1) ?? null;
}

/** The speaker of the next card: the floor alternates with each card; the drawer opens. */
export function nextSpeaker(state: TalkState, drawerId: string): string {
	const previous = state.rounds.at(-1);
	if (!previous) return drawerId;
	return otherParticipant(state, previous.turns[0]!.speakerId);
}

// Rounds are copied on write so a state object is never changed after it was returned:
// the browser renders from it, and replay(log) must equal the incremental state.
function updateRound(state: TalkState, change: (round: Round) => Round): TalkState {
	if (state.current === null) return state;
	const rounds = state.rounds.slice();
	rounds[state.current] = change(rounds[state.current]!);
	return { ...state, rounds };
}

/**
 * The one reducer, shared by server and browser. It trusts its input — the server checked every
 * event against `decide` before appending it — and it is total: it never throws, whatever comes.
 */
export function apply(state: TalkState, event: TalkEvent): TalkState {
	const next = applyEvent(state, event);
	return { ...next, lastSeq: event.seq, lastEventAt: event.at };
}

function applyEvent(state: TalkState, event: TalkEvent): TalkState {
	const actor = event.actorId ?? '';
	if (isRoundEvent(event)) {
		return updateRound(state, (round) => ({
			...round,
			turns: applyRoundEvent(round.turns, event, (id) => otherParticipant(state, id))
		}));
	}
	switch (event.type) {
		case 'talk.started':
			return {
				...state,
				status: 'active',
				participants: event.data.participants,
				startedBy: actor,
				startedAt: event.at,
				scheduled: event.data.scheduled ?? null
			};
		case 'talk.opening':
			return { ...state, openingLine: event.data.line };
		case 'depth.deeper': {
			const votes = state.deeperVotes.includes(actor)
				? state.deeperVotes
				: [...state.deeperVotes, actor];
			if (votes.length < 2) return { ...state, deeperVotes: votes };
			const index = Math.min(DEPTHS.indexOf(state.depth) + 1, DEPTHS.length - 1);
			return { ...state, depth: DEPTHS[index]!, deeperVotes: [] };
		}
		case 'depth.deeper-withdrawn':
			return { ...state, deeperVotes: state.deeperVotes.filter((id) => id !== actor) };
		case 'depth.lighter':
			return { ...state, depth: event.data.depth, deeperVotes: [] };
		case 'card.drawn': {
			const { card, speakerId } = event.data;
			const round: Round = {
				card,
				turns: [freshTurn(speakerId, otherParticipant(state, speakerId))],
				setAside: false,
				setAsideBy: null,
				drawnAt: event.at
			};
			return { ...state, rounds: [...state.rounds, round], current: state.rounds.length };
		}
		case 'card.set-aside': {
			const next = updateRound(state, (round) => ({
				...round,
				setAside: true,
				setAsideBy: event.actorId
			}));
			return { ...next, current: null };
		}
		case 'talk.paused':
			return { ...state, status: 'paused', pausedBy: actor };
		case 'talk.resumed':
			return { ...state, status: 'active', pausedBy: null };
		case 'talk.ended':
			return {
				...state,
				status: 'ended',
				endedAt: event.at,
				endReason: event.data.reason,
				current: null
			};
		default:
			return state;
	}
}

export function replay(events: readonly TalkEvent[], from: TalkState = initialState()): TalkState {
	return events.reduce(apply, from);
}
