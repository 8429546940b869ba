import { z } from 'zod';
import {
	talkIntentSchemas,
	talkPresenceSchema,
	talkSeenSchema,
	talkStartSchema,
	conversationReadSchema,
	talkNotNowSchema,
	conversationSyncSchema
} from '$lib/schemas/talk';
import { checkinIntentSchemas } from '$lib/schemas/checkin';
import type { CheckinEvent } from '$lib/conversation/checkin/types';
import type { LoggedEvent } from '$lib/conversation/kind';
import type { TalkEvent } from '$lib/conversation/talk/types';
import type { SideEvent } from '$lib/conversation/side/types';
import { sideIntentSchemas } from '$lib/schemas/side';

/** Payload schemas of every client→server event, checked at the server edge whatever the types say. */
export const intents = {
	'session:whoami': z.object({}).strict(),
	'talk:start': talkStartSchema,
	'conversation:sync': conversationSyncSchema,
	'conversation:read': conversationReadSchema,
	'talk:presence': talkPresenceSchema,
	'talk:seen': talkSeenSchema,
	'talk:not-now': talkNotNowSchema,
	...talkIntentSchemas,
	...sideIntentSchemas,
	...checkinIntentSchemas
} as const;

export type TalkIntentName = keyof typeof talkIntentSchemas;
export type SideIntentName = keyof typeof sideIntentSchemas;
export type CheckinIntentName = keyof typeof checkinIntentSchemas;

/** What an applied talk intent acknowledges: the event it became (the same one on a retry). */
export type TalkIntentResult = { event: TalkEvent; duplicate: boolean };
export type SideIntentResult = { event: SideEvent; duplicate: boolean };
export type CheckinIntentResult = { event: CheckinEvent; duplicate: boolean };

/** What each event acknowledges with on success. */
export type IntentResults = {
	'session:whoami': { userId: string; name: string };
	'talk:start': { conversationId: string };
	'conversation:sync': { events: LoggedEvent[]; lastSeq: number };
	'conversation:read': { read: number };
	'talk:presence': { delivered: boolean };
	'talk:seen': { delivered: boolean };
	'talk:not-now': { delivered: boolean };
} & { [K in TalkIntentName]: TalkIntentResult } & { [K in SideIntentName]: SideIntentResult } & {
	[K in CheckinIntentName]: CheckinIntentResult;
};

export function isIntentName(name: unknown): name is keyof typeof intents {
	return typeof name === 'string' && Object.hasOwn(intents, name);
}
