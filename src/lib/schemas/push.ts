import { z } from 'zod';

const allowHttp = () => process.env.PUSH_ALLOW_HTTP_ENDPOINTS === '1';

/** A browser's PushSubscription.toJSON(). Endpoints must be https (a local push service may be http when allowed). */
export const pushSubscriptionSchema = z.object({
	endpoint: z
		.url()
		.max(1000)
		.refine(
			(u) => u.startsWith('https://') || (allowHttp() && u.startsWith('http://')),
			'A push endpoint must use https.'
		),
	keys: z.object({
		p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}={0,2}$/),
		auth: z.string().regex(/^[A-Za-z0-9_-]{16,30}={0,2}$/)
	})
});

export const pushUnsubscribeSchema = z.object({ endpoint: z.url().max(1000) });
