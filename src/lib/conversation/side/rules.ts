import type { Decision } from '../kind';
import { currentRound, mayDraw, nextSpeaker, type SideState } from './reducer';
import type { SideEventData, SideIntent } from './types';

const notFound = { ok: false, code: 'not_found', message: 'We could not find that talk.' } as const;
const conflict = (message: string) => ({ ok: false, code: 'conflict', message }) as const;
const ok = (event: SideEventData) => ({ ok: true, event }) as const;

/**
 * Who may do what, in which state. On one phone both people tap, so any participant's account
 * may record any step; what the step means (who answered, who reflected) comes from the round.
 */
export function decideSide(
	state: SideState,
	actorId: string,
	intent: SideIntent
): Decision<SideEventData> {
	const isParticipant = (id: string) => state.participants.some((p) => p.id === id);
	if (!isParticipant(actorId)) return notFound;
	if (state.status === 'ended') return conflict('This talk has ended.');
	const round = currentRound(state);
	switch (intent.type) {
		case 'draw': {
			if (!mayDraw(state))
				return conflict(
					round && round.phase !== 'heard'
						? 'One card at a time — this one is still open.'
						: 'The next card comes when you are both ready.'
				);
			const speakerId = intent.speakerId ?? nextSpeaker(state, actorId);
			if (!isParticipant(speakerId)) return conflict('Choose which of you answers.');
			return ok({
				type: 'card.drawn',
				data: { card: intent.card, speakerId, exhausted: intent.exhausted ?? false }
			});
		}
		case 'pass':
			if (round?.phase !== 'sharing') return conflict('This card is already under way.');
			return ok({ type: 'card.passed', data: {} });
		case 'shared':
			if (round?.phase !== 'sharing') return conflict('There is no card waiting for an answer.');
			return ok({ type: 'answer.shared', data: {} });
		case 'reflected':
			if (round?.phase !== 'reflecting') return conflict('There is nothing to reflect back yet.');
			return ok({ type: 'reflection.spoken', data: { feelings: [...new Set(intent.feelings)] } });
		case 'confirm':
		case 'not-quite':
			if (round?.phase !== 'confirming') return conflict('There is no reflection to answer yet.');
			return ok(
				intent.type === 'confirm'
					? { type: 'reflection.confirmed', data: {} }
					: { type: 'reflection.not-quite', data: {} }
			);
		case 'ready':
			if (state.pace !== 'walk' || (round && round.phase !== 'heard'))
				return conflict('There is nothing to be ready for just now.');
			if (!isParticipant(intent.personId)) return notFound;
			if (state.ready.includes(intent.personId)) return conflict('Already ready.');
			return ok({ type: 'ready', data: { personId: intent.personId } });
		case 'end':
			return ok({ type: 'side.ended', data: { reason: 'ended' } });
		default:
			return notFound;
	}
}

/** Why a draw cannot come now (for the server, before it picks a card), or null. */
export function drawRefusal(state: SideState, actorId: string): string | null {
	const decision = decideSide(state, actorId, {
		type: 'draw',
		card: { id: '', text: '', category: 'day-to-day', depth: 'light', custom: false }
	});
	return decision.ok ? null : decision.message;
}
