import type { KindName } from './kind';

/** What each kind of conversation is called on screen and in exports. */
export const KIND_LABELS: Record<KindName, { one: string; short: string }> = {
	live: { one: 'A talk', short: 'Talk' },
	async: { one: 'A card', short: 'Card' },
	daily: { one: 'A question for today', short: 'A question for today' },
	checkin: { one: 'A check-in', short: 'Check-in' }
};
