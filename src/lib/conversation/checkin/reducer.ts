import { applyRoundEvent, freshTurn, isRoundEvent, type Turn } from '../round';
import type { Participant } from '../talk/types';
import {
	CHECKIN_STEPS,
	type CheckinEvent,
	type CheckinStep,
	type EntryStep,
	type ScheduledCheckin
} from './types';

/** One person's own entry on a step, as this viewer may know it. */
export interface Entry {
	step: EntryStep;
	by: string;
	/** null while withheld (the partner's, before the step is done) or after an erasure. */
	text: string | null;
	withheld: boolean;
	erased: boolean;
	seq: number;
	at: number;
}

export interface CheckinState {
	status: 'new' | 'active' | 'ended';
	participants: Participant[];
	startedBy: string | null;
	startedAt: number | null;
	endedAt: number | null;
	/** 'complete': all four steps are done (the last entry ends it). */
	endReason: 'complete' | 'ended' | 'idle' | null;
	scheduled: ScheduledCheckin | null;
	/** Index in CHECKIN_STEPS of the step in progress; CHECKIN_STEPS.length once all are done. */
	step: number;
	entries: Entry[];
	/**
	 * "Not this week" on an entry, as far as this viewer knows: on the server every one; in a
	 * browser only one's own (the partner's copy is anonymous and leaves nothing here).
	 */
	passed: { step: EntryStep; by: string }[];
	/** The round of "one thing on my mind", from the moment that step begins. */
	mind: Turn[] | null;
	lastSeq: number;
	lastEventAt: number | null;
}

export const initialCheckinState = (): CheckinState => ({
	status: 'new',
	participants: [],
	startedBy: null,
	startedAt: null,
	endedAt: null,
	endReason: null,
	scheduled: null,
	step: 0,
	entries: [],
	passed: [],
	mind: null,
	lastSeq: 0,
	lastEventAt: null
});

/** The step in progress, or null once all are done. */
export function currentStep(state: CheckinState): CheckinStep | null {
	return CHECKIN_STEPS[state.step] ?? null;
}

export function otherParticipant(state: CheckinState, userId: string): string {
	return state.participants.find((p) => p.id !== userId)?.id ?? '';
}

/** Whether this step is behind them: both have had their turn (or it was moved on from). */
export function stepDone(state: CheckinState, step: CheckinStep): boolean {
	return CHECKIN_STEPS.indexOf(step) < state.step;
}

/** Whether this person has had their turn on an entry step (an entry, or "Not this week"). */
export function hadTurn(state: CheckinState, step: EntryStep, userId: string): boolean {
	return (
		state.entries.some((e) => e.step === step && e.by === userId) ||
		state.passed.some((p) => p.step === step && p.by === userId)
	);
}

/** The current turn of "one thing on my mind", if that step has begun. */
export function mindTurn(state: CheckinState): Turn | null {
	return state.mind?.at(-1) ?? null;
}

/** On to the next step; "one thing on my mind" opens with the one who began the check-in. */
function advance(state: CheckinState, at: number): CheckinState {
	const step = state.step + 1;
	const next: CheckinState = { ...state, step };
	if (CHECKIN_STEPS[step] === 'mind') {
		const opener = state.startedBy ?? state.participants[0]?.id ?? '';
		next.mind = [freshTurn(opener, otherParticipant(state, opener))];
	}
	if (step >= CHECKIN_STEPS.length && state.status !== 'ended') {
		return { ...next, status: 'ended', endedAt: at, endReason: 'complete' };
	}
	return next;
}

/**
 * The one reducer, shared by server and browser. It trusts its input (the server checked every
 * event with `decide`) and it is total: it never throws, whatever comes. States are copied on
 * write, never changed once returned.
 */
export function applyCheckin(state: CheckinState, event: CheckinEvent): CheckinState {
	const next = applyEvent(state, event);
	return { ...next, lastSeq: event.seq, lastEventAt: event.at };
}

function applyEvent(state: CheckinState, event: CheckinEvent): CheckinState {
	const step = currentStep(state);
	if (isRoundEvent(event)) {
		if (step !== 'mind' || !state.mind) return state;
		return {
			...state,
			mind: applyRoundEvent(state.mind, event, (id) => otherParticipant(state, id))
		};
	}
	switch (event.type) {
		case 'checkin.started':
			return {
				...state,
				status: 'active',
				participants: event.data.participants,
				startedBy: event.actorId,
				startedAt: event.at,
				scheduled: event.data.scheduled ?? null
			};
		case 'entry.given': {
			const { data } = event;
			if (data.step !== step) return state;
			const entry: Entry = {
				step: data.step,
				by: event.actorId ?? '',
				text: data.text,
				withheld: !!data.withheld,
				erased: !!data.erased,
				seq: event.seq,
				at: event.at
			};
			const next = { ...state, entries: [...state.entries, entry] };
			return data.completes ? advance(next, event.at) : next;
		}
		case 'entry.passed': {
			if (event.data.step !== step) return state;
			// The partner's copy names nobody: it moves the step on when it completes it, no more.
			const next = event.actorId
				? { ...state, passed: [...state.passed, { step: event.data.step, by: event.actorId }] }
				: state;
			return event.data.completes ? advance(next, event.at) : next;
		}
		case 'step.moved-on':
			return step === 'mind' ? advance(state, event.at) : state;
		case 'checkin.ended':
			if (state.status === 'ended') return state;
			return { ...state, status: 'ended', endedAt: event.at, endReason: event.data.reason };
		default:
			return state;
	}
}

export function replayCheckin(
	events: readonly CheckinEvent[],
	from: CheckinState = initialCheckinState()
): CheckinState {
	return events.reduce(applyCheckin, from);
}
