import { DEPTHS, type Depth } from '$lib/deck/types';
import { withReflection, withVerdict, type Reflection } from '../reflect';
import type { Participant, TalkCard, TalkEvent } from './types';

export type { Reflection };

export interface Turn {
	speakerId: string;
	listenerId: string;
	/**
	 * How the floor changed hands on this card, if it did: "I'll go first" (taken) or "Would you go
	 * first?" (passed). Once is enough: it is never offered straight back.
	 */
	floorMove: 'taken' | 'passed' | null;
	answer: { text: string | null; aloud: boolean; feelings: string[]; needs: string[] } | null;
	reflections: Reflection[];
	/** The listener asked "Is there more?" and the speaker has not said yet. */
	moreAsked: boolean;
	/** What the speaker added when asked. */
	additions: string[];
	/** Something was added that has not been reflected back yet. */
	unreflected: boolean;
	/** The speaker's choice: just listen, or the listener's thoughts welcome. */
	steer: 'listen' | 'thoughts' | null;
	/** The listener's view, shared only after the speaker asked for it. */
	thoughts: string | null;
}

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

/** A turn's speaker-voice fields, as a new turn starts. */
const FRESH_VOICE = {
	moreAsked: false,
	additions: [] as string[],
	unreflected: false,
	steer: null,
	thoughts: null
} as const;

export type Phase = 'answering' | 'adding' | 'reflecting' | 'confirming' | 'complete';

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

export function phaseOf(turn: Turn): Phase {
	if (!turn.answer) return 'answering';
	if (turn.moreAsked) return 'adding';
	const last = turn.reflections.at(-1);
	if (!last || last.verdict === 'not-quite' || turn.unreflected) return 'reflecting';
	return last.verdict === 'pending' ? 'confirming' : 'complete';
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

function updateTurn(state: TalkState, change: (turn: Turn) => Turn): TalkState {
	return updateRound(state, (round) => ({
		...round,
		turns: [...round.turns.slice(0, -1), change(round.turns.at(-1)!)]
	}));
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
				turns: [
					{
						speakerId,
						listenerId: otherParticipant(state, speakerId),
						floorMove: null,
						answer: null,
						reflections: [],
						...FRESH_VOICE
					}
				],
				setAside: false,
				setAsideBy: null,
				drawnAt: event.at
			};
			return { ...state, rounds: [...state.rounds, round], current: state.rounds.length };
		}
		case 'floor.taken':
			return updateTurn(state, (turn) => ({
				...turn,
				speakerId: actor,
				listenerId: otherParticipant(state, actor),
				floorMove: 'taken'
			}));
		case 'floor.passed':
			return updateTurn(state, (turn) => ({
				...turn,
				speakerId: otherParticipant(state, actor),
				listenerId: actor,
				floorMove: 'passed'
			}));
		case 'answer.given': {
			const { text, aloud, feelings = [], needs = [] } = event.data;
			return updateTurn(state, (turn) => ({
				...turn,
				answer: { text, aloud, feelings: [...feelings], needs: [...needs] }
			}));
		}
		case 'reflection.sent':
			return updateTurn(state, (turn) => ({
				...turn,
				reflections: withReflection(turn.reflections, event.data),
				unreflected: false
			}));
		case 'reflection.confirmed':
			return updateTurn(state, (turn) => ({
				...turn,
				reflections: withVerdict(turn.reflections, 'confirmed', null, event.data.heard)
			}));
		case 'reflection.not-quite':
			return updateTurn(state, (turn) => ({
				...turn,
				reflections: withVerdict(
					turn.reflections,
					'not-quite',
					event.data.clarification,
					event.data.heard
				)
			}));
		case 'more.asked':
			return updateTurn(state, (turn) => ({ ...turn, moreAsked: true }));
		case 'more.added': {
			const text = event.data.text;
			return updateTurn(state, (turn) => ({
				...turn,
				moreAsked: false,
				additions: text ? [...turn.additions, text] : turn.additions,
				unreflected: turn.unreflected || !!text
			}));
		}
		case 'steer.chosen':
			return updateTurn(state, (turn) => ({ ...turn, steer: event.data.mode }));
		case 'thoughts.shared':
			return updateTurn(state, (turn) => ({ ...turn, thoughts: event.data.text }));
		case 'turn.swapped':
			return updateRound(state, (round) => {
				const last = round.turns.at(-1)!;
				const turn: Turn = {
					speakerId: last.listenerId,
					listenerId: last.speakerId,
					floorMove: null,
					answer: null,
					reflections: [],
					...FRESH_VOICE
				};
				return { ...round, turns: [...round.turns, turn] };
			});
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
