import { DEPTHS } from '$lib/deck/types';
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
		case 'go-first':
			if (!turn || !round || phase !== 'answering' || round.turns.length > 1) {
				return refuse('The floor can be taken only before anyone has answered this card.');
			}
			if (turn.speakerId === actorId) return refuse('You already hold the floor.');
			if (turn.floorMove) return refuse('The floor has already changed hands on this card.');
			return accept({ type: 'floor.taken', data: {} });
		case 'pass-floor':
			if (!turn || !round || phase !== 'answering' || round.turns.length > 1) {
				return refuse('The floor can be passed only before anyone has answered this card.');
			}
			if (turn.speakerId !== actorId) return refuse('Only the one holding the floor passes it.');
			if (turn.floorMove) return refuse('The floor has already changed hands on this card.');
			return accept({ type: 'floor.passed', data: {} });
		case 'answer':
			if (!turn || phase !== 'answering') return refuse('There is no card waiting for an answer.');
			if (turn.speakerId !== actorId)
				return refuse('Only the one holding the floor answers this card.');
			return accept({
				type: 'answer.given',
				data: {
					text: intent.text,
					aloud: intent.aloud,
					...(intent.feelings?.length ? { feelings: intent.feelings } : {}),
					...(intent.needs?.length ? { needs: intent.needs } : {})
				}
			});
		case 'reflect':
			if (!turn || phase !== 'reflecting')
				return refuse('There is nothing to reflect back right now.');
			if (turn.listenerId !== actorId) return refuse('Only the listener reflects back.');
			return accept({
				type: 'reflection.sent',
				data: { text: intent.text, feelings: intent.feelings, needs: intent.needs }
			});
		case 'confirm':
		case 'not-quite':
			if (!turn || phase !== 'confirming') return refuse('There is no reflection waiting for you.');
			if (turn.speakerId !== actorId)
				return refuse('Only the speaker says whether it was heard right.');
			{
				// Which guessed feelings were theirs: only ever some of the ones guessed (and nothing
				// to say when none were guessed).
				const guessed = turn.reflections.at(-1)?.feelings ?? [];
				const heard =
					intent.heard && guessed.length
						? { heard: guessed.filter((f) => intent.heard!.includes(f)) }
						: {};
				return intent.type === 'confirm'
					? accept({ type: 'reflection.confirmed', data: heard })
					: accept({
							type: 'reflection.not-quite',
							data: { clarification: intent.clarification, ...heard }
						});
			}
		case 'ask-more':
			// "Did I get that? Is there more?": right after a reflection, while the speaker reads it,
			// or once it was confirmed. What is added is reflected back too; "that's all" goes back
			// to the reflection waiting for its answer.
			if (!turn || (phase !== 'confirming' && phase !== 'complete'))
				return refuse('Ask once what was said has been reflected back.');
			if (turn.listenerId !== actorId) return refuse('The listener asks whether there is more.');
			if (turn.steer) return refuse('This turn has moved on.');
			return accept({ type: 'more.asked', data: {} });
		case 'add-more':
			if (!turn || phase !== 'adding') return refuse('Nobody asked for more just now.');
			if (turn.speakerId !== actorId) return refuse('Only the speaker adds more.');
			return accept({ type: 'more.added', data: { text: intent.text } });
		case 'steer':
			if (!turn || phase !== 'complete') return refuse('Choose once you have been heard.');
			if (turn.speakerId !== actorId) return refuse('The speaker chooses this.');
			if (turn.steer) return refuse('You have already chosen.');
			return accept({ type: 'steer.chosen', data: { mode: intent.mode } });
		case 'share-thoughts':
			if (!turn || phase !== 'complete' || turn.steer !== 'thoughts')
				return refuse('Share your thoughts once you have been asked for them.');
			if (turn.listenerId !== actorId) return refuse('The listener shares their thoughts.');
			if (turn.thoughts !== null) return refuse('You have already shared your thoughts.');
			return accept({ type: 'thoughts.shared', data: { text: intent.text } });
		case 'swap':
			if (!round || phase !== 'complete') return refuse('Finish this turn first.');
			if (round.turns.length > 1) return refuse('You have both answered this card.');
			return accept({ type: 'turn.swapped', data: {} });
		case 'not-ready':
			if (!round || phase === 'complete') return refuse('There is no card on the table.');
			return accept({ type: 'card.set-aside', data: {} });
	}
}
