/**
 * A pace of one's own, between two real people.
 * - In process, on a real database: the server enforces the recipient's depth and waiting rules
 *   on the one write path for sending a card, and writes nothing when a card cannot go; quiet
 *   hours hold notifications on the one push path (with a real local push service and a clock the
 *   test sets), and release them, folded into one, when the hours end.
 * - Against the built server: the rules hold when the form is bypassed, the sender hears nothing
 *   but the kind sentence, and a card held in someone's quiet hours reaches them once they end.
 */
import { createECDH, randomBytes, type ECDH } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import ece from 'http_ece';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '$lib/server/auth/accounts';
import { NotSentNow, sendCard, type SendInput } from '$lib/server/cards/cards';
import { submitIntent } from '$lib/server/conversations/pipeline';
import { acceptInvite, createInvite } from '$lib/server/couples/invites';
import { getDb } from '$lib/server/db';
import { conversations, customCards, heldPushes, setAsides } from '$lib/server/db/schema';
import { setCardAside } from '$lib/server/deck/set-aside';
import { findCard } from '$lib/server/deck/catalog';
import { deleteAccount } from '$lib/server/history/account';
import { DEFAULT_PACE } from '$lib/server/pace/rules';
import { savePace } from '$lib/server/pace/settings';
import { releaseHeldPushes, saveSubscription, sendPush } from '$lib/server/push/push';
import { GATHERED } from '$lib/server/push/quiet-hours';
import { clockTime } from '$lib/time-of-day';
import { couple, type Person } from '../helpers/couple';
import { inspect } from '../helpers/database';
import { removeDb, startServer, type RunningServer } from '../helpers/server';

const LIGHT = 'day-small-smile';
const PERSONAL = 'us-felt-closest';
const LIVE_ONLY = 'repair-still-hurts';
const LONDON = 'Europe/London';
const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();

/** A local push service: it records what it gets, as a real one would receive it. */
type PushService = { server: Server; origin: string; received: { path: string; body: Buffer }[] };

async function pushService(): Promise<PushService> {
	const received: PushService['received'] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			received.push({ path: req.url ?? '', body: Buffer.concat(chunks) });
			res.statusCode = 201;
			res.end();
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	return {
		server,
		origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		received
	};
}

/** A device's keys, and a way to read what was pushed to it. */
function device(origin: string) {
	const ecdh: ECDH = createECDH('prime256v1');
	ecdh.generateKeys();
	const auth = randomBytes(16);
	const endpoint = `${origin}/ok/${crypto.randomUUID()}`;
	return {
		endpoint,
		keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
		read: (received: PushService['received']) =>
			received
				.filter((r) => endpoint.endsWith(r.path))
				.map((r) =>
					JSON.parse(
						ece
							.decrypt(r.body, { version: 'aes128gcm', privateKey: ecdh, authSecret: auth })
							.toString('utf8')
					)
				)
	};
}

let n = 0;
const clientId = () => `pace${Date.now()}${n++}abcdef`;

describe('in process', () => {
	let push: PushService;

	beforeAll(async () => {
		push = await pushService();
		process.env.PUSH_TEST_ENDPOINT_ORIGIN = push.origin;
		process.env.HEARTH_ALLOW_TEST_PUSH = '1';
	});
	afterAll(() => {
		delete process.env.PUSH_TEST_ENDPOINT_ORIGIN;
		delete process.env.HEARTH_ALLOW_TEST_PUSH;
		push.server.close();
	});

	async function pairInLondon() {
		const tag = crypto.randomUUID();
		const make = (name: string) =>
			createUser({
				name,
				email: `${name}-${tag}@example.com`,
				password: 'long enough pw',
				timeZone: LONDON
			});
		const alex = await make('Alex');
		const sam = await make('Sam');
		const { coupleId } = await acceptInvite((await createInvite(alex.id)).token, sam.id);
		return { alex, sam, coupleId };
	}

	const asyncCards = (coupleId: string) =>
		getDb()
			.select()
			.from(conversations)
			.where(and(eq(conversations.coupleId, coupleId), eq(conversations.kind, 'async')));
	const ownCards = (coupleId: string) =>
		getDb().select().from(customCards).where(eq(customCards.coupleId, coupleId));
	const send = (from: string, input: Partial<SendInput>) =>
		sendCard(from, {
			clientId: clientId(),
			note: null,
			firstAnswer: null,
			revealTogether: true,
			...input
		});
	const refusal = async (run: () => Promise<unknown>) => {
		try {
			await run();
		} catch (error) {
			if (error instanceof NotSentNow) return { reason: error.reason, message: error.message };
			throw error;
		}
		return null;
	};

	it('a card deeper than the partner would like is not sent, and nothing is written', async () => {
		const { alex, sam, coupleId } = await pairInLondon();
		await savePace(sam.id, { ...DEFAULT_PACE, deepestSent: 'light' });
		// Alex had set the personal card aside in a talk: a refused send must not bring it back.
		await setCardAside({
			coupleId,
			userId: alex.id,
			card: (await findCard(coupleId, PERSONAL))!,
			conversationId: null,
			at: 1
		});

		expect(await refusal(() => send(alex.id, { cardId: PERSONAL }))).toEqual({
			reason: 'depth',
			message: 'Sam would rather keep cards this deep for a talk together.'
		});
		const written = {
			text: 'What do you carry that I could help hold?',
			category: 'us-right-now' as const,
			depth: 'vulnerable' as const
		};
		expect((await refusal(() => send(alex.id, written)))?.reason).toBe('depth');
		expect(await asyncCards(coupleId)).toEqual([]);
		expect(await ownCards(coupleId)).toEqual([]);
		const resting = await getDb().select().from(setAsides).where(eq(setAsides.coupleId, coupleId));
		expect(resting.map((r) => r.broughtBackAt)).toEqual([null]);

		// Light goes, and Sam's pace is Sam's: Alex's own choice does not limit what Alex may send.
		expect((await send(alex.id, { cardId: LIGHT })).duplicate).toBe(false);
		expect(await refusal(() => send(sam.id, { cardId: 'us-more-of' }))).toBeNull();
		// A card kept for live talks is never sent, whatever the pace.
		expect((await refusal(() => send(sam.id, { cardId: LIVE_ONLY })))?.reason).toBe('live-only');
		expect(await asyncCards(coupleId)).toHaveLength(2);
	});

	it('cards wait up to the limit; a set-aside or an answer makes room; the other way is not limited', async () => {
		const { alex, sam, coupleId } = await pairInLondon();
		await savePace(sam.id, { ...DEFAULT_PACE, waitingLimit: 2 });
		const first = await send(alex.id, { cardId: LIGHT });
		const second = await send(alex.id, { cardId: PERSONAL });
		const full = await refusal(() => send(alex.id, { cardId: 'day-energy' }));
		expect(full).toEqual({
			reason: 'waiting',
			message:
				"Sam has a few cards waiting already — this one can wait with you until they've had time."
		});
		expect(full!.message).not.toMatch(/\d/);
		expect(await asyncCards(coupleId)).toHaveLength(2);
		// Sam's own cards to Alex are Alex's to wait on, not Sam's.
		await send(sam.id, { cardId: 'day-small-win' });
		await send(sam.id, { cardId: 'day-favourite-hour' });

		// "Not ready yet" is Sam's pace: a card set aside no longer waits on Alex's side.
		await submitIntent('async', sam.id, first.conversationId, clientId(), { type: 'not-ready' });
		const third = await send(alex.id, { cardId: 'day-energy' });
		expect((await refusal(() => send(alex.id, { cardId: 'day-tiny-ritual' })))?.reason).toBe(
			'waiting'
		);
		// Brought back, it waits again; answered, it does not.
		await submitIntent('async', sam.id, first.conversationId, clientId(), { type: 'bring-back' });
		await submitIntent('async', sam.id, second.conversationId, clientId(), {
			type: 'answer',
			text: 'Sunday morning.'
		});
		await submitIntent('async', sam.id, third.conversationId, clientId(), {
			type: 'answer',
			text: 'The walk.'
		});
		expect(await refusal(() => send(alex.id, { cardId: 'day-tiny-ritual' }))).toBeNull();
		expect((await refusal(() => send(alex.id, { cardId: 'day-small-win' })))?.reason).toBe(
			'waiting'
		);
		// A retried send (the same clientId) of a card that went is still that card, not a refusal.
		const id = clientId();
		await savePace(sam.id, DEFAULT_PACE);
		const once = await send(alex.id, { cardId: 'day-small-win', clientId: id });
		await savePace(sam.id, { ...DEFAULT_PACE, waitingLimit: 1 });
		expect(await send(alex.id, { cardId: 'day-small-win', clientId: id })).toEqual({
			...once,
			duplicate: true
		});
	});

	it('quiet hours hold a notification until they end; a reminder of a moment is not kept', async () => {
		const { alex, sam } = await pairInLondon();
		const phone = device(push.origin);
		await saveSubscription(sam.id, { endpoint: phone.endpoint, keys: phone.keys });
		await savePace(sam.id, { ...DEFAULT_PACE, quiet: { from: 22 * 60, until: 7 * 60 } });
		const card = { title: 'Hearth', body: 'Alex sent you a card', url: '/cards/1' };

		// Before the quiet hours: straight through.
		expect(await sendPush(sam.id, card, at('2031-05-06T21:30', LONDON))).toMatchObject({
			sent: 1,
			held: false
		});
		expect(phone.read(push.received)).toEqual([card]);

		// In them: nothing reaches the device.
		const night = at('2031-05-06T23:30', LONDON);
		expect(await sendPush(sam.id, card, night)).toEqual({ sent: 0, removed: 0, held: true });
		const reminder = {
			title: 'Hearth',
			body: 'Your talk starts in 10 minutes.',
			url: '/schedule/1',
			momentary: true as const
		};
		expect(await sendPush(sam.id, reminder, night)).toEqual({ sent: 0, removed: 0, held: false });
		// Alex has no quiet hours: Alex's notifications are not held by Sam's.
		expect((await sendPush(alex.id, card, night)).held).toBe(false);
		await releaseHeldPushes(at('2031-05-07T06:59', LONDON));
		expect(phone.read(push.received)).toHaveLength(1);

		// When the hours end, the held one arrives, once.
		expect(await releaseHeldPushes(at('2031-05-07T07:00', LONDON))).toEqual([
			{ userId: sam.id, message: card }
		]);
		await releaseHeldPushes(at('2031-05-07T07:01', LONDON));
		expect(phone.read(push.received)).toEqual([card, card]);
		expect(await getDb().select().from(heldPushes).where(eq(heldPushes.userId, sam.id))).toEqual(
			[]
		);
	});

	it('several held notifications come as one gentle one; the same one twice comes once', async () => {
		const { sam } = await pairInLondon();
		const phone = device(push.origin);
		await saveSubscription(sam.id, { endpoint: phone.endpoint, keys: phone.keys });
		await savePace(sam.id, { ...DEFAULT_PACE, quiet: { from: 22 * 60, until: 7 * 60 } });
		const night = at('2031-05-08T01:00', LONDON);
		const today = { title: 'Hearth', body: "Today's question is here", url: '/today/1' };
		await sendPush(sam.id, today, night);
		await sendPush(sam.id, today, night + 1000);
		await releaseHeldPushes(at('2031-05-08T08:00', LONDON));
		expect(phone.read(push.received)).toEqual([today]);

		await sendPush(sam.id, today, at('2031-05-08T23:00', LONDON));
		await sendPush(
			sam.id,
			{ title: 'Hearth', body: 'Alex answered a card', url: '/cards/2' },
			at('2031-05-08T23:10', LONDON)
		);
		await releaseHeldPushes(at('2031-05-09T07:00', LONDON));
		const gathered = phone.read(push.received).at(-1);
		expect(gathered).toEqual({ title: GATHERED.title, body: GATHERED.body, url: GATHERED.url });
		expect(JSON.stringify(gathered)).not.toMatch(/\d|Alex/);
	});

	it('a held notification naming someone who then deletes their account goes with them', async () => {
		const { alex, sam } = await pairInLondon();
		const phone = device(push.origin);
		await saveSubscription(sam.id, { endpoint: phone.endpoint, keys: phone.keys });
		await savePace(sam.id, { ...DEFAULT_PACE, quiet: { from: 22 * 60, until: 7 * 60 } });
		const card = { title: 'Hearth', body: 'Alex sent you a card', url: '/cards/3' };
		await sendPush(sam.id, card, at('2031-05-10T23:00', LONDON));
		const heldFor = () => getDb().select().from(heldPushes).where(eq(heldPushes.userId, sam.id));
		expect(await heldFor()).toHaveLength(1);
		await deleteAccount(alex.id);
		expect(await heldFor()).toEqual([]);
		await releaseHeldPushes(at('2031-05-11T07:00', LONDON));
		expect(phone.read(push.received)).toEqual([]);
	});

	it('with no device, nothing is held', async () => {
		const { sam } = await pairInLondon();
		await savePace(sam.id, { ...DEFAULT_PACE, quiet: { from: 22 * 60, until: 7 * 60 } });
		await sendPush(
			sam.id,
			{ title: 'Hearth', body: 'x', url: '/' },
			at('2031-05-06T23:00', LONDON)
		);
		expect(await getDb().select().from(heldPushes).where(eq(heldPushes.userId, sam.id))).toEqual(
			[]
		);
	});
});

describe('against the built server', () => {
	let server: RunningServer;
	let push: PushService;

	beforeAll(async () => {
		push = await pushService();
		server = await startServer({ pushTestOrigin: push.origin });
	});
	afterAll(async () => {
		await server?.stop();
		if (server) await removeDb(server.dbPath);
		push?.server.close();
	});

	const rows = async (query: string, ...params: unknown[]) => {
		const db = await inspect(server.dbPath);
		try {
			return await db.all(query, ...params);
		} finally {
			await db.close();
		}
	};
	const sentBy = (who: Person) =>
		rows(
			`select c.id from conversations c join users u on u.id = c.started_by
			 where u.email = ? and c.kind = 'async'`,
			who.email
		);
	const send = (from: Person, fields: Record<string, string>) =>
		from.action('/cards/send', { clientId: clientId(), revealTogether: 'on', ...fields });
	const messageOf = (result: { data: unknown }) =>
		(result.data as { errors?: { form?: string } }).errors?.form ?? '';

	it('the rules hold when the form is bypassed; the sender hears one kind sentence', async () => {
		const { a, b } = await couple(server.url);
		const saved = await b.action('/settings?/pace', {
			deepestSent: 'light',
			waitingLimit: '1',
			quietFrom: '22:00',
			quietUntil: '07:00'
		});
		expect(saved.body.type).toBe('success');

		for (const fields of [
			{ cardId: PERSONAL } as Record<string, string>,
			{ text: 'What do you wish I knew about you?', category: 'us-right-now', depth: 'personal' }
		]) {
			const refused = await send(a, fields);
			expect(refused.status).toBe(409);
			expect(messageOf(refused)).toBe(
				`${b.name} would rather keep cards this deep for a talk together.`
			);
			// What was written comes back; nothing of Sam's settings does.
			expect(JSON.stringify(refused.data)).not.toMatch(/waitingLimit|deepestSent|light/);
		}
		expect(await send(a, { cardId: LIVE_ONLY })).toMatchObject({ status: 409 });
		expect(await sentBy(a)).toEqual([]);
		expect(await rows('select id from custom_cards')).toEqual([]);

		expect((await send(a, { cardId: LIGHT })).body.type).toBe('redirect');
		const waiting = await send(a, { cardId: 'day-energy' });
		expect(waiting.status).toBe(409);
		expect(messageOf(waiting)).toBe(
			`${b.name} has a few cards waiting already — this one can wait with you until they've had time.`
		);
		expect(await sentBy(a)).toHaveLength(1);

		// "Keep it for a talk": a card written here joins the deck and waits for the talk page.
		const kept = await send(a, {
			text: 'What would you like more of from me?',
			category: 'us-right-now',
			depth: 'vulnerable',
			then: 'talk'
		});
		expect(kept.body.type).toBe('redirect');
		expect(kept.body.location).toMatch(/^\/talk\?card=custom%3A[0-9a-f-]{36}$/);
		expect(await sentBy(a)).toHaveLength(1);
		const talk = await (await a.get(kept.body.location!)).text();
		expect(talk).toContain('What would you like more of from me?');

		// The send page says it before a word is written, for a card from the deck.
		const page = await (await a.get(`/cards/send?card=${PERSONAL}`)).text();
		expect(page).toContain('data-testid="not-now"');
		expect(page).toContain(`/talk?card=${PERSONAL}`);
	});

	it('a card sent in the partner’s quiet hours reaches them when the hours end', async () => {
		const { a, b } = await couple(server.url);
		const phone = device(push.origin);
		const subscribed = await fetch(`${server.url}/settings/push`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie: b.cookie, origin: server.url },
			body: JSON.stringify({ endpoint: phone.endpoint, keys: phone.keys })
		});
		expect(subscribed.status).toBe(200);
		// Quiet hours around this very minute on Sam's clock (London), whatever the time now.
		const local = DateTime.now().setZone(LONDON);
		const minute = local.hour * 60 + local.minute;
		const quiet = {
			deepestSent: 'vulnerable',
			waitingLimit: 'none',
			quiet: 'on',
			quietFrom: clockTime(minute),
			quietUntil: clockTime((minute + 120) % (24 * 60))
		};
		expect((await b.action('/settings?/pace', quiet)).body.type).toBe('success');

		expect((await send(a, { cardId: LIGHT })).body.type).toBe('redirect');
		const held = () =>
			rows(
				`select h.body from held_pushes h join users u on u.id = h.user_id where u.email = ?`,
				b.email
			);
		expect(await held()).toEqual([{ body: `${a.name} sent you a card` }]);
		await new Promise((r) => setTimeout(r, 200));
		expect(phone.read(push.received)).toEqual([]);

		// Sam turns quiet hours off: what waited goes out at once, with no words of the card.
		expect((await b.action('/settings?/pace', { ...quiet, quiet: '' })).body.type).toBe('success');
		const start = Date.now();
		while (phone.read(push.received).length === 0 && Date.now() - start < 5000)
			await new Promise((r) => setTimeout(r, 25));
		expect(phone.read(push.received)).toEqual([
			{
				title: 'Hearth',
				body: `${a.name} sent you a card`,
				url: expect.stringMatching(/^\/cards\//)
			}
		]);
		expect(await held()).toEqual([]);
	});
});
