import { createECDH, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { DateTime } from 'luxon';
import ece from 'http_ece';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { couple, type Person } from '../helpers/couple';
import { inspect } from '../helpers/database';
import { removeDb, startServer, type RunningServer } from '../helpers/server';
import { connectSocket, connected, nextEvent } from '../helpers/socket';

let server: RunningServer;
let pushService: Server;
let pushUrl: string;
const received: { path: string; body: Buffer; headers: Record<string, unknown> }[] = [];

beforeAll(async () => {
	// A local push service: it records what it gets; /gone answers 410 like a real one would.
	pushService = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			received.push({ path: req.url ?? '', body: Buffer.concat(chunks), headers: req.headers });
			res.statusCode = req.url?.startsWith('/gone') ? 410 : 201;
			res.end();
		});
	});
	await new Promise<void>((r) => pushService.listen(0, '127.0.0.1', r));
	const address = pushService.address();
	pushUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
	server = await startServer({ pushTestOrigin: pushUrl });
});

afterAll(async () => {
	await server.stop();
	await removeDb(server.dbPath);
	pushService.close();
});

async function waitFor<T>(find: () => T | undefined, timeoutMs = 5000): Promise<T> {
	const start = Date.now();
	for (;;) {
		const found = find();
		if (found) return found;
		if (Date.now() - start > timeoutMs) throw new Error('not delivered in time');
		await new Promise((r) => setTimeout(r, 25));
	}
}

let n = 0;
const clientId = () => `send${Date.now()}${n++}abc`;

async function send(from: Person, fields: Record<string, string>) {
	const result = await from.action('/cards/send', {
		clientId: clientId(),
		revealTogether: 'on',
		...fields
	});
	const location = result.body.location ?? '';
	const id = /\/cards\/([0-9a-f-]{36})/.exec(location)?.[1];
	if (!id) throw new Error(`send failed: ${JSON.stringify(result)}`);
	return id;
}

const page = async (who: Person, id: string) => (await who.get(`/cards/${id}`)).text();
const act = (who: Person, id: string, name: string, fields: Record<string, string> = {}) =>
	who.action(`/cards/${id}?/${name}`, { clientId: clientId(), ...fields });

describe('async cards', () => {
	it('reveal together: neither sees the other answer before both answered, both see both after', async () => {
		const { a, b } = await couple(server.url);
		const id = await send(a, {
			text: 'What felt like home this week?',
			category: 'day-to-day',
			depth: 'light',
			firstAnswer: 'ALEX-SECRET-ANSWER'
		});
		expect(await page(b, id)).not.toContain('ALEX-SECRET-ANSWER');
		expect(await page(b, id)).toContain('has answered');
		// Post/Redirect/Get: back to the card itself, so a reload reads it and never posts again.
		expect((await act(b, id, 'answer', { text: 'SAM-ANSWER' })).body).toMatchObject({
			type: 'redirect',
			status: 303,
			location: `/cards/${id}`
		});
		for (const who of [a, b]) {
			const html = await page(who, id);
			expect(html).toContain('ALEX-SECRET-ANSWER');
			expect(html).toContain('SAM-ANSWER');
		}
	});

	it('when the sender answers later, their answer stays hidden until the recipient answered too', async () => {
		const { a, b } = await couple(server.url);
		const id = await send(a, {
			text: 'What do you need more of?',
			category: 'feelings-and-needs',
			depth: 'personal'
		});
		await act(b, id, 'answer', { text: 'SAM-FIRST' });
		expect(await page(a, id)).not.toContain('SAM-FIRST');
		await act(a, id, 'answer', { text: 'ALEX-SECOND' });
		expect(await page(a, id)).toContain('SAM-FIRST');
		expect(await page(b, id)).toContain('ALEX-SECOND');
	});

	it('a send retried with the same clientId creates one card', async () => {
		const { a } = await couple(server.url);
		const fields = {
			clientId: 'retry-me-please-123',
			text: 'What made you laugh today?',
			category: 'play',
			depth: 'light',
			revealTogether: 'on'
		};
		const first = await a.action('/cards/send', fields);
		const again = await a.action('/cards/send', fields);
		expect(again.body.location).toBe(first.body.location);
		const db = await inspect(server.dbPath);
		const id = /\/cards\/([0-9a-f-]{36})/.exec(first.body.location!)![1];
		const count = await db.get<{ n: number }>(
			"select count(*) as n from events where conversation_id = ? and type = 'card.sent'",
			id
		);
		await db.close();
		expect(Number(count!.n)).toBe(1);
	});

	it('Not ready yet belongs to the recipient: the sender sees no trace, no "new", no notice', async () => {
		const { a, b } = await couple(server.url);
		const id = await send(a, {
			text: 'What are you carrying right now?',
			category: 'feelings-and-needs',
			depth: 'vulnerable'
		});
		const socket = connectSocket(server.url, { cookie: a.cookie });
		await connected(socket);
		const heard: string[] = [];
		socket.on('cards:changed', (info: { kind: string }) => heard.push(info.kind));
		const before = await (await a.get('/cards')).text();
		expect(before).not.toContain('data-testid="unread-badge"');

		expect((await act(b, id, 'notReady')).body.type).toBe('redirect');
		const senderPage = await page(a, id);
		expect(senderPage).toContain('What are you carrying right now?');
		expect(senderPage).not.toMatch(/set (this|it) aside|not ready/i);
		const inbox = await (await a.get('/cards')).text();
		expect(inbox).not.toContain('data-testid="unread-badge"');
		expect(inbox).not.toMatch(/>New</);
		expect(inbox).not.toMatch(/set this aside/i);
		const transcript = await (await a.get(`/history/${id}`)).text();
		expect(transcript).not.toMatch(/set (this card )?aside|brought it back/i);
		const timeline = await (await a.get('/history?setAside=1')).text();
		expect(timeline).not.toContain(`/history/${id}`);
		expect((await act(a, id, 'bringBack')).status).toBe(409);

		// Only the recipient's own screens keep it: the group, the tag, the filter.
		expect(await (await b.get('/cards')).text()).toContain('Set aside for later');
		expect(await (await b.get('/history?setAside=1')).text()).toContain(`/history/${id}`);
		expect((await act(b, id, 'bringBack')).body.type).toBe('redirect');
		expect(await (await a.get('/cards')).text()).not.toContain('data-testid="unread-badge"');
		expect(await (await b.get('/history?setAside=1')).text()).not.toContain(`/history/${id}`);
		expect((await act(b, id, 'answer', { text: 'Now I can.' })).body.type).toBe('redirect');
		// The answer is news, and the only news the sender heard.
		expect(await (await a.get('/cards')).text()).toContain('data-testid="unread-badge"');
		await waitFor(() => (heard.length ? heard : undefined));
		expect(heard).toEqual(['answered']);
		socket.close();
	});

	it('the sender hears live when the partner answers', async () => {
		const { a, b } = await couple(server.url);
		const id = await send(a, {
			text: 'What was the best part of today?',
			category: 'day-to-day',
			depth: 'light'
		});
		const socket = connectSocket(server.url, { cookie: a.cookie });
		await connected(socket);
		const heard = nextEvent<{ conversationId: string; kind: string; byName: string }>(
			socket,
			'cards:changed'
		);
		await act(b, id, 'answer', { text: 'Lunch.' });
		expect(await heard).toEqual({ conversationId: id, kind: 'answered', byName: b.name });
		socket.close();
	});
});

function subscriptionFor(path: string) {
	const ecdh = createECDH('prime256v1');
	ecdh.generateKeys();
	const auth = randomBytes(16);
	return {
		ecdh,
		auth,
		json: {
			endpoint: `${pushUrl}${path}`,
			keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') }
		}
	};
}

async function subscribe(who: Person, body: unknown) {
	return fetch(`${server.url}/settings/push`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie: who.cookie, origin: server.url },
		body: JSON.stringify(body)
	});
}

describe('web push', () => {
	it('delivers an encrypted push that says who and what kind, never the card or the note', async () => {
		const { a, b } = await couple(server.url);
		const sub = subscriptionFor(`/ok/${crypto.randomUUID()}`);
		expect((await subscribe(b, sub.json)).status).toBe(200);
		await send(a, {
			text: 'PRIVATE-CARD-TEXT?',
			category: 'day-to-day',
			depth: 'light',
			note: 'PRIVATE-NOTE'
		});
		const delivery = received.find((r) => sub.json.endpoint.endsWith(r.path));
		expect(delivery).toBeDefined();
		expect(delivery!.headers['content-encoding']).toBe('aes128gcm');
		expect(String(delivery!.headers.authorization)).toMatch(/^vapid t=/);
		const plain = ece.decrypt(delivery!.body, {
			version: 'aes128gcm',
			privateKey: sub.ecdh,
			authSecret: sub.auth
		});
		const message = JSON.parse(plain.toString('utf8'));
		expect(message).toMatchObject({ title: 'Hearth', body: `${a.name} sent you a card` });
		expect(plain.toString('utf8')).not.toContain('PRIVATE');
	});

	it('removes a subscription the push service reports gone (410)', async () => {
		const { a, b } = await couple(server.url);
		const sub = subscriptionFor(`/gone/${crypto.randomUUID()}`);
		await subscribe(b, sub.json);
		const count = async () => {
			const db = await inspect(server.dbPath);
			const row = await db.get<{ n: number }>(
				'select count(*) as n from push_subscriptions where endpoint = ?',
				sub.json.endpoint
			);
			await db.close();
			return Number(row!.n);
		};
		expect(await count()).toBe(1);
		await send(a, { text: 'What did you notice today?', category: 'day-to-day', depth: 'light' });
		expect(await count()).toBe(0);
	});

	it('reminds an absent partner of a planned talk by push, without the intention', async () => {
		const { a, b } = await couple(server.url);
		const sub = subscriptionFor(`/ok/${crypto.randomUUID()}`);
		await subscribe(b, sub.json);
		const soon = DateTime.now().setZone('Europe/London').plus({ minutes: 5 });
		const proposed = await a.action('/schedule/new', {
			date: soon.toFormat('yyyy-MM-dd'),
			time: soon.toFormat('HH:mm'),
			duration: '30',
			intention: 'PRIVATE-INTENTION',
			repeat: 'none'
		});
		const id = /\/schedule\/([0-9a-f-]{36})/.exec(proposed.body.location ?? '')![1]!;
		await b.action(`/schedule/${id}?/accept`, {}); // agreed 5 minutes ahead: "soon" is due at once
		const delivery = await waitFor(() => received.find((r) => sub.json.endpoint.endsWith(r.path)));
		const plain = ece.decrypt(delivery.body, {
			version: 'aes128gcm',
			privateKey: sub.ecdh,
			authSecret: sub.auth
		});
		expect(JSON.parse(plain.toString('utf8'))).toEqual({
			title: 'Hearth',
			body: 'Your talk starts in 10 minutes.',
			url: `/schedule/${id}`
		});
		expect(plain.toString('utf8')).not.toContain('PRIVATE');
	});

	it('refuses malformed subscriptions with a clear error', async () => {
		const { a } = await couple(server.url);
		for (const body of [
			{},
			{ endpoint: 'not a url' },
			{ endpoint: 'ftp://x', keys: { p256dh: 'a', auth: 'b' } }
		]) {
			const response = await subscribe(a, body);
			expect(response.status).toBe(400);
		}
		const anonymous = await fetch(`${server.url}/settings/push`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: server.url },
			body: JSON.stringify(subscriptionFor('/x').json)
		});
		expect(anonymous.status).toBe(401);
	});
});
