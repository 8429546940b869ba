import type { KindName, LoggedEvent } from '$lib/conversation/kind';
import { sentCards } from './card';
import { checkins } from './checkin';
import type { ServerKind } from './contract';
import { dailyQuestions } from './daily';
import { sideBySide } from './side';
import { openDoors } from './door';
import { liveTalks } from './talk';

/** Every kind's server plug-in, by the kind's name. */
export const serverKinds = {
	live: liveTalks,
	async: sentCards,
	daily: dailyQuestions,
	side: sideBySide,
	door: openDoors,
	checkin: checkins
} satisfies Record<KindName, unknown>;

export type AnyServerKind = ServerKind<{ lastSeq: number }, LoggedEvent, unknown, unknown>;
export type { ClientTalkIntent } from './talk';
export type { ClientSideIntent } from './side';
