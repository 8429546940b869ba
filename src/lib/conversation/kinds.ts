import { cardKind } from './card/kind';
import { checkinKind } from './checkin/kind';
import { dailyKind } from './daily/kind';
import { doorKind } from './door/kind';
import type { Kind, KindName } from './kind';
import { sideKind } from './side/kind';
import { talkKind } from './talk/kind';

/** Every kind of conversation, by the name stored with each conversation. */
export const kinds: Record<KindName, Kind> = {
	live: talkKind as unknown as Kind,
	async: cardKind as unknown as Kind,
	daily: dailyKind as unknown as Kind,
	side: sideKind as unknown as Kind,
	door: doorKind as unknown as Kind,
	checkin: checkinKind as unknown as Kind
};

export const isKindName = (name: unknown): name is KindName =>
	typeof name === 'string' && Object.hasOwn(kinds, name);

/** A kind that is a signal, not a conversation: never in history, search or export. */
export const isSignal = (name: KindName): boolean => kinds[name].signal === true;

/** The names of the kinds that are signals (for the queries that leave them out). */
export const SIGNAL_KINDS: readonly KindName[] = (Object.keys(kinds) as KindName[]).filter(
	isSignal
);
