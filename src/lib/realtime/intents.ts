import { z } from 'zod';

/** Payload schemas of every client→server event, checked at the server edge whatever the types say. */
export const intents = {
	'session:whoami': z.object({}).strict()
} as const;

/** What each event acknowledges with on success. */
export interface IntentResults {
	'session:whoami': { userId: string; name: string };
}

export function isIntentName(name: unknown): name is keyof typeof intents {
	return typeof name === 'string' && Object.hasOwn(intents, name);
}
