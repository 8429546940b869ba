import { cardKind } from '$lib/conversation/card/kind';
import type { CardState } from '$lib/conversation/card/reducer';
import type { CardEvent, CardIntent } from '$lib/conversation/card/types';
import { bringBack, openSetAsideFor, setCardAside } from '../../deck/set-aside';
import { recordCardUse } from '../../deck/usage';
import { markRead, notNewsTo } from '../reads';
import type { ServerKind } from './contract';

export const sentCards: ServerKind<CardState, CardEvent, CardIntent, CardIntent> = {
	kind: cardKind,
	resolve: (intent) => intent,
	async project({ coupleId, conversationId, actorId, before, event }) {
		// An "I noticed…" card is not in the deck: there is no use of it for the picker to weigh.
		if (event.type === 'card.sent' && !event.data.noticed)
			await recordCardUse(coupleId, event.data.card.id, event.at);
		if (event.type === 'card.set-aside' && before.card && actorId) {
			await setCardAside({
				coupleId,
				userId: actorId,
				card: { ...before.card, authorId: null },
				conversationId,
				at: event.at
			});
		}
		if (event.type === 'card.brought-back' && before.card && actorId) {
			const resting = await openSetAsideFor(coupleId, before.card.id);
			if (resting && resting.userId === actorId) await bringBack(actorId, resting.id, event.at);
		}
		// What a person did themselves is never news to them; a set-aside or a bring-back is never
		// news to the partner either (no "new", no badge: "not yet" belongs to the one who said it).
		if (actorId) await markRead(actorId, conversationId, event.seq);
		if (event.type === 'card.set-aside' || event.type === 'card.brought-back') {
			for (const p of before.participants)
				if (p.id !== actorId) await notNewsTo(p.id, conversationId, before.lastSeq, event.seq);
		}
	}
};
