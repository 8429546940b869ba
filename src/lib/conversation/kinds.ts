import { cardKind } from './card/kind';
import { checkinKind } from './checkin/kind';
import { dailyKind } from './daily/kind';
import type { Kind, KindName } from './kind';
import { talkKind } from './talk/kind';

/** Every kind of conversation, by the name stored with each conversation. */
export const kinds: Record<KindName, Kind> = {
	live: talkKind as unknown as Kind,
	async: cardKind as unknown as Kind,
	daily: dailyKind as unknown as Kind,
	checkin: checkinKind as unknown as Kind
};

export const isKindName = (name: unknown): name is KindName =>
	typeof name === 'string' && Object.hasOwn(kinds, name);
