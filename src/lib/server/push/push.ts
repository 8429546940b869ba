import { and, eq } from 'drizzle-orm';
import webpush from 'web-push';
import { getDb } from '../db';
import { appSecrets, pushSubscriptions } from '../db/schema';

/** What a push says: who and what kind — never a card's text or an answer. */
export type PushMessage = { title: string; body: string; url: string };

const VAPID_KEY = 'vapid';

/** VAPID keys: generated at first start and kept with the data, so subscriptions survive restarts. */
export function vapidKeys(): { publicKey: string; privateKey: string } {
	const db = getDb();
	const stored = db.select().from(appSecrets).where(eq(appSecrets.key, VAPID_KEY)).get();
	if (stored) return JSON.parse(stored.value);
	const keys = webpush.generateVAPIDKeys();
	db.insert(appSecrets)
		.values({ key: VAPID_KEY, value: JSON.stringify(keys) })
		.onConflictDoNothing()
		.run();
	return JSON.parse(db.select().from(appSecrets).where(eq(appSecrets.key, VAPID_KEY)).get()!.value);
}

export function saveSubscription(
	userId: string,
	subscription: { endpoint: string; keys: { p256dh: string; auth: string } }
) {
	getDb()
		.insert(pushSubscriptions)
		.values({
			id: crypto.randomUUID(),
			userId,
			endpoint: subscription.endpoint,
			p256dh: subscription.keys.p256dh,
			auth: subscription.keys.auth,
			createdAt: Date.now()
		})
		.onConflictDoUpdate({
			target: pushSubscriptions.endpoint,
			set: { userId, p256dh: subscription.keys.p256dh, auth: subscription.keys.auth }
		})
		.run();
}

export function removeSubscription(userId: string, endpoint: string) {
	getDb()
		.delete(pushSubscriptions)
		.where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint)))
		.run();
}

export function subscriptionCount(userId: string): number {
	return getDb().select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId)).all()
		.length;
}

/**
 * Sends to every device of a person. The payload is encrypted by web-push (aes128gcm) and posted
 * with fetch; a subscription the push service reports gone (404/410) is removed.
 */
export async function sendPush(
	userId: string,
	message: PushMessage
): Promise<{ sent: number; removed: number }> {
	const subscriptions = getDb()
		.select()
		.from(pushSubscriptions)
		.where(eq(pushSubscriptions.userId, userId))
		.all();
	if (subscriptions.length === 0) return { sent: 0, removed: 0 };
	const { publicKey, privateKey } = vapidKeys();
	let sent = 0;
	let removed = 0;
	await Promise.all(
		subscriptions.map(async (sub) => {
			const details = webpush.generateRequestDetails(
				{ endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
				JSON.stringify(message),
				{
					vapidDetails: {
						subject: process.env.PUSH_CONTACT ?? 'mailto:privacy@hearth.invalid',
						publicKey,
						privateKey
					},
					TTL: 24 * 60 * 60,
					contentEncoding: 'aes128gcm'
				}
			);
			try {
				const response = await fetch(details.endpoint, {
					method: details.method,
					headers: details.headers as Record<string, string>,
					body: details.body ? new Uint8Array(details.body as Buffer) : null,
					signal: AbortSignal.timeout(10_000)
				});
				if (response.status === 404 || response.status === 410) {
					getDb().delete(pushSubscriptions).where(eq(pushSubscriptions.id, sub.id)).run();
					removed += 1;
				} else if (response.ok) sent += 1;
			} catch (error) {
				console.warn('[push] delivery failed', (error as Error).message);
			}
		})
	);
	return { sent, removed };
}
