import { dailyKind } from '$lib/conversation/daily/kind';
import type { DailyState } from '$lib/conversation/daily/reducer';
import type { DailyEvent, DailyIntent } from '$lib/conversation/daily/types';
import { recordCardUse } from '../../deck/usage';
import { markRead } from '../reads';
import type { ServerKind } from './contract';

export const dailyQuestions: ServerKind<DailyState, DailyEvent, DailyIntent, DailyIntent> = {
	kind: dailyKind,
	resolve: (intent) => intent,
	async project({ coupleId, conversationId, actorId, event }) {
		// The picker's "unused first" counts a question for today like any card drawn or sent.
		if (event.type === 'question.drawn')
			await recordCardUse(coupleId, event.data.card.id, event.at);
		if (actorId) await markRead(actorId, conversationId, event.seq);
	}
};
