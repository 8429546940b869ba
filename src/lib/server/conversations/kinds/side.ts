import { sideKind } from '$lib/conversation/side/kind';
import type { SideState } from '$lib/conversation/side/reducer';
import { drawRefusal } from '$lib/conversation/side/rules';
import type { SideEvent, SideIntent } from '$lib/conversation/side/types';
import { toEventCard } from '../../deck/catalog';
import { pickNextCard } from '../../deck/picker';
import { recordCardUse } from '../../deck/usage';
import { AppError } from '../../errors';
import type { ServerKind } from './contract';

/** A side-by-side intent as it arrives: a draw leaves the card to the picker. */
export type ClientSideIntent =
	Exclude<SideIntent, { type: 'draw' }> | { type: 'draw'; speakerId?: string };

export const sideBySide: ServerKind<SideState, SideEvent, ClientSideIntent, SideIntent> = {
	kind: sideKind,
	async resolve(intent, { state, actorId, coupleId }) {
		if (intent.type !== 'draw') return intent;
		const refusal = drawRefusal(state, actorId);
		if (refusal) throw new AppError('conflict', refusal);
		// Cards made for what they are doing, light ones first, then any light card; an activity
		// card comes round again only once every other light card was used too.
		const last = state.rounds.at(-1)?.card.id;
		const excludeIds = last ? [last] : [];
		const activity = state.activity;
		const candidates = [
			() => pickNextCard(coupleId, { depth: 'light', activity, excludeIds }),
			() => pickNextCard(coupleId, { depth: 'personal', activity, excludeIds }),
			() => pickNextCard(coupleId, { depth: 'light', excludeIds })
		];
		let picked: Awaited<ReturnType<typeof pickNextCard>> = null;
		for (const candidate of candidates) {
			const next = await candidate();
			if (next && !next.exhausted) {
				picked = next;
				break;
			}
			picked ??= next;
		}
		if (!picked) throw new AppError('conflict', 'Every light card is resting for now.');
		return {
			type: 'draw',
			card: toEventCard(picked.card),
			exhausted: picked.exhausted,
			...(intent.speakerId ? { speakerId: intent.speakerId } : {})
		};
	},
	async project({ coupleId, event }) {
		if (event.type === 'card.drawn') await recordCardUse(coupleId, event.data.card.id, event.at);
	}
};
