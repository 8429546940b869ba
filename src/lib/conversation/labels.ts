import type { KindName } from './kind';

/** What each kind of conversation is called on screen: as a title, and as a short tag. */
export const KIND_LABELS: Record<KindName, { title: string; tag: string }> = {
	live: { title: 'A talk', tag: 'Talk' },
	async: { title: 'A card', tag: 'Card' },
	daily: { title: 'A question for today', tag: 'A question for today' },
	side: { title: 'A talk side by side', tag: 'Side by side' },
	// A signal, never listed in history; named here for completeness.
	door: { title: 'An open door', tag: 'Open door' },
	checkin: { title: 'A check-in', tag: 'Check-in' }
};
