import { talkKind } from '$lib/conversation/talk/kind';
import type { TalkState } from '$lib/conversation/talk/reducer';
import { drawRefusal } from '$lib/conversation/talk/rules';
import type { TalkCard, TalkEvent, TalkIntent } from '$lib/conversation/talk/types';
import { toEventCard } from '../../deck/catalog';
import { pickNextCard } from '../../deck/picker';
import { bringBack, openSetAsideFor, setCardAside, usableCard } from '../../deck/set-aside';
import { recordCardUse } from '../../deck/usage';
import { AppError } from '../../errors';
import type { ServerKind } from './contract';

/** A talk intent as it arrives from a client (a draw names a card, or leaves it to the picker). */
export type ClientTalkIntent =
	Exclude<TalkIntent, { type: 'draw' }> | { type: 'draw'; cardId?: string };

export const liveTalks: ServerKind<TalkState, TalkEvent, ClientTalkIntent, TalkIntent> = {
	kind: talkKind,
	async resolve(intent, { state, actorId, coupleId }) {
		if (intent.type !== 'draw') return intent;
		const refusal = drawRefusal(state, actorId);
		if (refusal) throw new AppError('conflict', refusal);
		if (intent.cardId) {
			return {
				type: 'draw',
				card: toEventCard(await usableCard(coupleId, actorId, intent.cardId))
			};
		}
		const picked = await pickNextCard(coupleId, { depth: state.depth });
		if (!picked)
			throw new AppError(
				'conflict',
				'Every card at this depth is resting for now. Try another depth.'
			);
		return { type: 'draw', card: toEventCard(picked.card), exhausted: picked.exhausted };
	},
	async project({ coupleId, conversationId, actorId, before, event }) {
		if (event.type === 'card.drawn') {
			await recordCardUse(coupleId, event.data.card.id, event.at);
			const resting = await openSetAsideFor(coupleId, event.data.card.id);
			// The owner drawing their own set-aside card is bringing it back.
			if (resting && resting.userId === actorId) await bringBack(actorId, resting.id, event.at);
		}
		if (event.type === 'card.set-aside' && before.current !== null && actorId) {
			const card: TalkCard = before.rounds[before.current]!.card;
			await setCardAside({
				coupleId,
				userId: actorId,
				card: { ...card, authorId: null },
				conversationId,
				at: event.at
			});
		}
	}
};
