import { isRevealed, reflectionPhase, type CardState } from './reducer';
import type { CardEventData, CardIntent } from './types';

export type CardDecision =
	| { ok: true; event: CardEventData }
	| { ok: false; code: 'conflict' | 'not_found'; message: string };

const refuse = (message: string): CardDecision => ({ ok: false, code: 'conflict', message });

/** The rules of an async card, shared by server and browser. */
export function decideCard(state: CardState, actorId: string, intent: CardIntent): CardDecision {
	if (!state.participants.some((p) => p.id === actorId)) {
		return { ok: false, code: 'not_found', message: 'We could not find that.' };
	}
	const partnerId = state.participants.find((p) => p.id !== actorId)!.id;
	switch (intent.type) {
		case 'answer':
			if (state.answers[actorId]) return refuse('You have already answered this card.');
			// An "I noticed…" card asks the partner; the one who noticed listens, and reflects back.
			if (state.noticed && actorId === state.senderId)
				return refuse('This card is for your partner to answer, whenever they like.');
			if (state.setAsideBy === actorId)
				return refuse('Bring the card back first, when you are ready.');
			// "Share mine now" means something only for the sender going first: the partner has not
			// answered yet. Anywhere else the answers are revealed together anyway, so it is left out.
			return {
				ok: true,
				event: {
					type: 'answer.given',
					data:
						intent.share && actorId === state.senderId && !state.answers[partnerId]
							? { text: intent.text, shared: true }
							: { text: intent.text }
				}
			};
		case 'not-ready':
			if (actorId !== state.recipientId)
				return refuse('Only the one who received the card sets it aside.');
			if (state.answers[actorId]) return refuse('You have already answered this card.');
			if (state.setAsideBy) return refuse('This card is already set aside.');
			return { ok: true, event: { type: 'card.set-aside', data: {} } };
		case 'bring-back':
			if (state.setAsideBy !== actorId)
				return refuse('Only the one who set it aside brings it back.');
			return { ok: true, event: { type: 'card.brought-back', data: {} } };
		case 'reflect':
			if (!isRevealed(state) || !state.answers[partnerId]?.text) {
				return refuse('You can reflect once you can both see the answers.');
			}
			if (reflectionPhase(state, partnerId) !== 'open')
				return refuse('Your reflection is waiting for an answer.');
			return {
				ok: true,
				event: {
					type: 'reflection.sent',
					data: {
						about: partnerId,
						text: intent.text,
						feelings: intent.feelings,
						needs: intent.needs
					}
				}
			};
		case 'confirm':
		case 'not-quite':
			if (reflectionPhase(state, actorId) !== 'confirming')
				return refuse('There is no reflection waiting for you.');
			return intent.type === 'confirm'
				? { ok: true, event: { type: 'reflection.confirmed', data: { about: actorId } } }
				: {
						ok: true,
						event: {
							type: 'reflection.not-quite',
							data: { about: actorId, clarification: intent.clarification }
						}
					};
		case 'appreciate':
			if (!isRevealed(state))
				return refuse('You can send an appreciation once the answers are shared.');
			return { ok: true, event: { type: 'appreciation.sent', data: { text: intent.text } } };
	}
}
