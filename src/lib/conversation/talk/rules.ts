import { DEPTHS } from '$lib/deck/types';
import { decideRound, isRoundIntent } from '../round';
import { currentRound, currentTurn, nextSpeaker, phaseOf, type TalkState } from './reducer';
import type { TalkEventData, TalkIntent } from './types';

export type Decision =
	| { ok: true; event: TalkEventData }
	| { ok: false; code: 'conflict' | 'not_found'; message: string };

/** A pause belongs to the one who asked for it: nothing the partner does can end it for them. */
const PAUSED = 'This talk is resting for now. It picks up again when the one who paused is ready.';

const refuse = (message: string): Decision => ({ ok: false, code: 'conflict', message });
const accept = (event: TalkEventData): Decision => ({ ok: true, event });

/** Whether a card may be drawn now (checked before the server spends a pick on it). */
export function drawRefusal(state: TalkState, actorId: string): string | null {
	const common = commonRefusal(state, actorId);
	if (common) return common;
	const turn = currentTurn(state);
	if (turn && phaseOf(turn) !== 'complete') {
		return 'One card at a time — this one is still open.';
	}
	return null;
}

function commonRefusal(state: TalkState, actorId: string): string | null {
	if (!state.participants.some((p) => p.id === actorId)) return 'You are not part of this talk.';
	if (state.status === 'ended') return 'This talk has ended.';
	if (state.status === 'paused') return PAUSED;
	if (state.status !== 'active') return 'This talk has not started.';
	return null;
}

/**
 * The rules of a talk: may this person do this now? Pure and shared, so the server enforces it
 * and the browser can show only what makes sense.
 */
export function decide(state: TalkState, actorId: string, intent: TalkIntent): Decision {
	if (!state.participants.some((p) => p.id === actorId)) {
		return { ok: false, code: 'not_found', message: 'We could not find that.' };
	}
	if (state.status === 'ended') return refuse('This talk has ended.');

	if (state.status === 'paused' && state.pausedBy !== actorId) return refuse(PAUSED);
	if (intent.type === 'end') return accept({ type: 'talk.ended', data: { reason: 'ended' } });
	if (intent.type === 'resume') {
		return state.status === 'paused'
			? accept({ type: 'talk.resumed', data: {} })
			: refuse('This talk is already going.');
	}
	if (state.status === 'paused') return refuse('Pick the talk up again first, when you are ready.');
	if (intent.type === 'not-ready' && intent.scope === 'talk') {
		return accept({ type: 'talk.paused', data: {} });
	}

	const round = currentRound(state);
	const turn = currentTurn(state);
	const phase = turn ? phaseOf(turn) : null;

	// The floor, the answer and the reflect-back loop: the shared round's rules, on this card.
	if (isRoundIntent(intent)) {
		const decided = decideRound(round?.turns ?? null, actorId, intent);
		return decided.ok ? accept(decided.event) : refuse(decided.message);
	}

	switch (intent.type) {
		case 'opening':
			return state.rounds.length === 0
				? accept({ type: 'talk.opening', data: { line: intent.line } })
				: refuse('The talk is already under way.');
		case 'deeper':
			if (state.depth === DEPTHS.at(-1)) return refuse('You are already at the deepest cards.');
			if (state.deeperVotes.includes(actorId)) return refuse('You already asked to go deeper.');
			return accept({ type: 'depth.deeper', data: {} });
		case 'withdraw-deeper':
			// Only one's own request, and only while it still waits for the partner.
			return state.deeperVotes.includes(actorId)
				? accept({ type: 'depth.deeper-withdrawn', data: {} })
				: refuse('There is no request of yours to go deeper just now.');
		case 'lighter': {
			const index = DEPTHS.indexOf(state.depth);
			if (index === 0) return refuse('You are already at the lightest cards.');
			return accept({ type: 'depth.lighter', data: { depth: DEPTHS[index - 1]! } });
		}
		case 'draw': {
			const refusal = drawRefusal(state, actorId);
			if (refusal) return refuse(refusal);
			if (DEPTHS.indexOf(intent.card.depth) > DEPTHS.indexOf(state.depth)) {
				return refuse(
					'That card is deeper than where you both are. Tap "Go deeper" together first.'
				);
			}
			return accept({
				type: 'card.drawn',
				data: {
					card: intent.card,
					speakerId: nextSpeaker(state, actorId),
					exhausted: !!intent.exhausted
				}
			});
		}
		case 'not-ready':
			if (!round || phase === 'complete') return refuse('There is no card on the table.');
			return accept({ type: 'card.set-aside', data: {} });
	}
}
