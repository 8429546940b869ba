import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { and, eq } from 'drizzle-orm';
import webpush from 'web-push';
import { getDb } from '../db';
import { appSecrets, pushSubscriptions } from '../db/schema';
import { RefusedAddressError, resolvePublicAddress } from './address';
import { endpointProblem, subscriptionProblem, testPushOrigin, UNKNOWN_SERVICE } from './policy';
import { claimReleased, hold, isQuietFor } from './quiet-hours';
import { isOnline } from '../hub';

/** What a push says: who and what kind — never a card's text or an answer. */
export type PushMessage = {
	title: string;
	body: string;
	url: string;
	/**
	 * About a moment that will have passed when quiet hours end ("Your talk starts in 10 minutes"):
	 * during quiet hours it is not sent at all rather than held.
	 */
	momentary?: true;
};

const VAPID_KEY = 'vapid';

/** VAPID keys: generated at first start and kept with the data, so subscriptions survive restarts. */
export async function vapidKeys(): Promise<{ publicKey: string; privateKey: string }> {
	const db = getDb();
	const stored = () => db.select().from(appSecrets).where(eq(appSecrets.key, VAPID_KEY)).limit(1);
	const [found] = await stored();
	if (found) return JSON.parse(found.value);
	const keys = webpush.generateVAPIDKeys();
	await db
		.insert(appSecrets)
		.values({ key: VAPID_KEY, value: JSON.stringify(keys) })
		.onConflictDoNothing();
	const [kept] = await stored();
	return JSON.parse(kept!.value);
}

export async function saveSubscription(
	userId: string,
	subscription: { endpoint: string; keys: { p256dh: string; auth: string } }
): Promise<void> {
	await getDb()
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
		});
}

export async function removeSubscription(userId: string, endpoint: string): Promise<void> {
	await getDb()
		.delete(pushSubscriptions)
		.where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint)));
}

export async function subscriptionCount(userId: string): Promise<number> {
	return (
		await getDb().select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId))
	).length;
}

/** How long one delivery may take, connection included. */
const DELIVERY_TIMEOUT_MS = 10_000;

type RequestDetails = ReturnType<typeof webpush.generateRequestDetails>;

/**
 * Posts one encrypted push and answers the push service's status. The endpoint's host is resolved
 * and every address checked (src/lib/server/push/address.ts), and the request goes to exactly the
 * checked address, with the host name kept for TLS and the Host header. Redirects are never
 * followed: the status of a 3xx is returned like any other.
 */
async function post(details: RequestDetails): Promise<number> {
	const url = new URL(details.endpoint);
	const hostname = url.hostname.replace(/^\[|\]$/g, '');
	const isTest = testPushOrigin() === url.origin;
	if (!isTest && endpointProblem(details.endpoint))
		throw new Error('endpoint not on a known push service');
	const target = isTest
		? { address: hostname, family: undefined }
		: await resolvePublicAddress(hostname);
	const secure = url.protocol === 'https:';
	const body = details.body ? Buffer.from(details.body as Buffer) : null;
	return new Promise<number>((resolve, reject) => {
		const request = (secure ? httpsRequest : httpRequest)(
			{
				method: details.method,
				host: target.address,
				family: target.family,
				port: url.port || (secure ? 443 : 80),
				path: `${url.pathname}${url.search}`,
				headers: { ...(details.headers as Record<string, string>), host: url.host },
				...(secure && !isTest ? { servername: hostname } : {}),
				agent: false,
				signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS)
			},
			(response) => {
				response.resume(); // the body is not needed; only the status
				resolve(response.statusCode ?? 0);
			}
		);
		request.on('error', reject);
		request.end(body ?? undefined);
	});
}

/** What went wrong, for the log: a kind, never an endpoint, a key or a message's words. */
function reason(error: unknown): string {
	if (error instanceof RefusedAddressError) return 'address not public';
	const e = error as { code?: unknown; name?: unknown };
	if (typeof e?.code === 'string') return e.code;
	return typeof e?.name === 'string' ? e.name : 'unknown error';
}

/**
 * The one way a notification reaches a person: during their quiet hours it is held until the hours
 * end (or, for a moment that will have passed, not sent); otherwise it goes to every device now.
 * Never throws, like delivery itself.
 */
export async function sendPush(
	userId: string,
	message: PushMessage,
	now = Date.now()
): Promise<{ sent: number; removed: number; held: boolean }> {
	try {
		if (await isQuietFor(userId, now)) {
			if (!message.momentary) await hold(userId, message, now);
			return { sent: 0, removed: 0, held: !message.momentary };
		}
	} catch (error) {
		console.error('[push] not held', { user: userId, reason: reason(error) });
		return { sent: 0, removed: 0, held: false };
	}
	return { ...(await deliver(userId, message)), held: false };
}

/**
 * Sends what was held for each person whose quiet hours have ended — unless they are in Hearth
 * right now, where their open pages already show what is new. Runs every 30 seconds from the
 * realtime server, and right after someone changes their quiet hours.
 */
export async function releaseHeldPushes(now = Date.now()) {
	const released = await claimReleased(now);
	for (const { userId, message } of released) {
		if (await isOnline(userId).catch(() => false)) continue;
		await deliver(userId, message);
	}
	return released;
}

/**
 * Sends to every device of a person. The payload is encrypted by web-push (aes128gcm) and posted
 * to the push service; a subscription the push service itself reports gone (404/410) is removed.
 * Never throws: each device's failure is logged and the others are still tried, so a notification
 * can never fail the action that caused it nor stop a loop that sends many.
 */
async function deliver(
	userId: string,
	message: PushMessage
): Promise<{ sent: number; removed: number }> {
	let sent = 0;
	let removed = 0;
	try {
		const subscriptions = await getDb()
			.select()
			.from(pushSubscriptions)
			.where(eq(pushSubscriptions.userId, userId));
		if (subscriptions.length === 0) return { sent: 0, removed: 0 };
		const { publicKey, privateKey } = await vapidKeys();
		await Promise.all(
			subscriptions.map(async (sub) => {
				try {
					const subscription = {
						endpoint: sub.endpoint,
						keys: { p256dh: sub.p256dh, auth: sub.auth }
					};
					// Rows stored before registration was checked may hold anything.
					const problem = subscriptionProblem(subscription);
					if (problem) {
						console.error('[push] not delivered', {
							subscription: sub.id,
							reason: problem === UNKNOWN_SERVICE ? 'endpoint not allowed' : 'unusable keys'
						});
						return;
					}
					const payload = { title: message.title, body: message.body, url: message.url };
					const details = webpush.generateRequestDetails(subscription, JSON.stringify(payload), {
						vapidDetails: {
							subject: process.env.PUSH_CONTACT ?? 'mailto:privacy@hearth.invalid',
							publicKey,
							privateKey
						},
						TTL: 24 * 60 * 60,
						contentEncoding: 'aes128gcm'
					});
					const status = await post(details);
					if (status === 404 || status === 410) {
						await getDb().delete(pushSubscriptions).where(eq(pushSubscriptions.id, sub.id));
						removed += 1;
					} else if (status >= 200 && status < 300) sent += 1;
					else console.error('[push] not delivered', { subscription: sub.id, status });
				} catch (error) {
					console.error('[push] not delivered', { subscription: sub.id, reason: reason(error) });
				}
			})
		);
	} catch (error) {
		console.error('[push] not delivered', { user: userId, reason: reason(error) });
	}
	return { sent, removed };
}
