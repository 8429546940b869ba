import type { Decision } from '../kind';
import { decideRound, isRoundIntent } from '../round';
import { currentStep, hadTurn, type CheckinState } from './reducer';
import type { CheckinEventData, CheckinIntent } from './types';

export type CheckinDecision = Decision<CheckinEventData>;

const refuse = (message: string): CheckinDecision => ({ ok: false, code: 'conflict', message });
const accept = (event: CheckinEventData): CheckinDecision => ({ ok: true, event });

const MOVED_ON = 'You have both moved on from that step.';

/**
 * The rules of a check-in: may this person do this now? Pure and shared, so the server enforces
 * them and the browser shows only what makes sense. A step named in an intent must be the step in
 * progress, so a late tap never passes the next one.
 */
export function decideCheckin(
	state: CheckinState,
	actorId: string,
	intent: CheckinIntent
): CheckinDecision {
	if (!state.participants.some((p) => p.id === actorId)) {
		return { ok: false, code: 'not_found', message: 'We could not find that.' };
	}
	if (state.status === 'ended') return refuse('This check-in has ended.');
	if (state.status !== 'active') return refuse('This check-in has not started.');
	if (intent.type === 'end') return accept({ type: 'checkin.ended', data: { reason: 'ended' } });

	const step = currentStep(state);
	if (isRoundIntent(intent)) {
		if (step !== 'mind') return refuse('One thing on your mind comes a little later.');
		const decided = decideRound(state.mind, actorId, intent, 'question');
		return decided.ok ? accept(decided.event) : refuse(decided.message);
	}
	switch (intent.type) {
		case 'give':
		case 'pass': {
			if (intent.step !== step) return refuse(MOVED_ON);
			if (hadTurn(state, intent.step, actorId))
				return refuse('You have had your turn on this one.');
			// Both have had their turn once this one is in: the step is done, and revealed.
			const completes = state.participants.every(
				(p) => p.id === actorId || hadTurn(state, intent.step, p.id)
			);
			const done = completes ? { completes: true as const } : {};
			return intent.type === 'give'
				? accept({ type: 'entry.given', data: { step: intent.step, text: intent.text, ...done } })
				: accept({ type: 'entry.passed', data: { step: intent.step, ...done } });
		}
		case 'move-on':
			if (step !== 'mind') return refuse(MOVED_ON);
			return accept({ type: 'step.moved-on', data: { step: 'mind' } });
	}
}
