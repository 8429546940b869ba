import { error, json } from '@sveltejs/kit';
import { pushSubscriptionSchema, pushUnsubscribeSchema } from '$lib/schemas/push';
import { removeSubscription, saveSubscription } from '$lib/server/push/push';
import { subscriptionProblem } from '$lib/server/push/policy';
import type { RequestHandler } from './$types';

async function body(request: Request): Promise<unknown> {
	try {
		return await request.json();
	} catch {
		error(400, { message: 'That request was not understood.' });
	}
}

/**
 * Registers this device for notifications (a browser PushSubscription as JSON). Only endpoints on
 * the browsers' real push services and keys a payload can be encrypted to are kept.
 */
export const POST: RequestHandler = async ({ locals, request }) => {
	if (!locals.user) error(401, { message: 'Please log in first.' });
	const parsed = pushSubscriptionSchema.safeParse(await body(request));
	if (!parsed.success)
		error(400, {
			message: parsed.error.issues[0]?.message ?? 'That subscription was not understood.'
		});
	const problem = subscriptionProblem(parsed.data);
	if (problem) error(400, { message: problem });
	await saveSubscription(locals.user.id, parsed.data);
	return json({ ok: true });
};

export const DELETE: RequestHandler = async ({ locals, request }) => {
	if (!locals.user) error(401, { message: 'Please log in first.' });
	const parsed = pushUnsubscribeSchema.safeParse(await body(request));
	if (!parsed.success) error(400, { message: 'That request was not understood.' });
	await removeSubscription(locals.user.id, parsed.data.endpoint);
	return json({ ok: true });
};
