import { z } from 'zod';

const KEYS_MESSAGE = "That device's notification keys were not understood.";

/**
 * A browser's PushSubscription.toJSON(): the shape only. The server then checks that the endpoint
 * is on a push service it knows and that the keys are usable (src/lib/server/push/policy.ts).
 */
export const pushSubscriptionSchema = z.object({
	endpoint: z.url({ error: 'That subscription was not understood.' }).max(1000),
	keys: z.object(
		{
			// 65 bytes (an uncompressed P-256 point) and 16 bytes, base64url, padded or not
			p256dh: z.string().regex(/^[A-Za-z0-9_-]{87}=?$/, KEYS_MESSAGE),
			auth: z.string().regex(/^[A-Za-z0-9_-]{22}(==)?$/, KEYS_MESSAGE)
		},
		{ error: KEYS_MESSAGE }
	)
});

export const pushUnsubscribeSchema = z.object({ endpoint: z.url().max(1000) });
