import { checkinKind } from '$lib/conversation/checkin/kind';
import type { CheckinState } from '$lib/conversation/checkin/reducer';
import type { CheckinEvent, CheckinIntent } from '$lib/conversation/checkin/types';
import type { ServerKind } from './contract';

/**
 * A check-in draws no card and sets none aside: its intents need nothing resolved, and it keeps no
 * projection of its own (the search index, written by the core, is all).
 */
export const checkins: ServerKind<CheckinState, CheckinEvent, CheckinIntent, CheckinIntent> = {
	kind: checkinKind,
	resolve: (intent) => intent,
	project() {}
};
