/**
 * Web Push from the attacker's side: a push endpoint is a URL a browser (or anyone) hands the
 * server, so it must never make the server reach itself or its neighbours; and one person's broken
 * subscription must never turn their partner's actions into errors.
 */
import { createECDH, randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { couple, type Person } from '../helpers/couple';
import { inspect } from '../helpers/database';
import { removeDb, startServer, type RunningServer } from '../helpers/server';

/** A listener that only counts connections: whatever speaks to it (http or TLS) is seen. */
type Trap = { server: TcpServer; port: number; connections: number };

async function trap(host: string): Promise<Trap | null> {
	const t: Trap = { server: createTcpServer(), port: 0, connections: 0 };
	t.server.on('connection', (socket) => {
		t.connections += 1;
		socket.destroy();
	});
	try {
		await new Promise<void>((done, fail) => {
			t.server.once('error', fail);
			t.server.listen(0, host, done);
		});
	} catch {
		return null; // no IPv6 loopback here
	}
	const address = t.server.address();
	t.port = typeof address === 'object' && address ? address.port : 0;
	return t;
}

let server: RunningServer;
let pushService: HttpServer;
let origin: string;
let v4: Trap;
let v6: Trap | null;
let redirectTarget: Trap;
const received: string[] = [];

beforeAll(async () => {
	v4 = (await trap('127.0.0.1'))!;
	v6 = await trap('::1');
	redirectTarget = (await trap('127.0.0.1'))!;
	// The allowed test push service: /redirect answers 303 elsewhere, /bounce 307 to its own /gone.
	pushService = createHttpServer((req, res) => {
		req.resume();
		req.on('end', () => {
			const path = req.url ?? '';
			received.push(path);
			if (path.startsWith('/redirect')) {
				res.writeHead(303, { location: `http://127.0.0.1:${redirectTarget.port}/admin` });
			} else if (path.startsWith('/bounce')) {
				res.writeHead(307, { location: `${origin}/gone${path}` });
			} else res.statusCode = path.startsWith('/gone') ? 410 : 201;
			res.end();
		});
	});
	await new Promise<void>((r) => pushService.listen(0, '127.0.0.1', r));
	const address = pushService.address();
	origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
	server = await startServer({ pushTestOrigin: origin });
});

afterAll(async () => {
	await server.stop();
	await removeDb(server.dbPath);
	for (const s of [pushService, v4.server, v6?.server, redirectTarget.server]) s?.close();
});

function validKeys() {
	const ecdh = createECDH('prime256v1');
	ecdh.generateKeys();
	return {
		p256dh: ecdh.getPublicKey().toString('base64url'),
		auth: randomBytes(16).toString('base64url')
	};
}

function offCurvePoint() {
	const point = Buffer.alloc(65, 7);
	point[0] = 0x04;
	return point.toString('base64url');
}

async function subscribe(who: Person, body: unknown) {
	return fetch(`${server.url}/settings/push`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie: who.cookie, origin: server.url },
		body: JSON.stringify(body)
	});
}

async function withDb<T>(work: (d: Awaited<ReturnType<typeof inspect>>) => Promise<T>) {
	const d = await inspect(server.dbPath);
	try {
		return await work(d);
	} finally {
		await d.close();
	}
}

async function userIdOf(who: Person): Promise<string> {
	const row = await withDb((d) =>
		d.get<{ id: string }>('select id from users where email = ?', who.email)
	);
	return row!.id;
}

async function subscriptionsOf(who: Person): Promise<string[]> {
	const userId = await userIdOf(who);
	const rows = await withDb((d) =>
		d.all<{ endpoint: string }>('select endpoint from push_subscriptions where user_id = ?', userId)
	);
	return rows.map((r) => r.endpoint);
}

/** Stores a subscription as old data could hold it: straight into the database, past every check. */
async function storeDirectly(
	who: Person,
	endpoint: string,
	keys: { p256dh: string; auth: string }
) {
	const userId = await userIdOf(who);
	await withDb((d) =>
		d.run(
			'insert into push_subscriptions (id, user_id, endpoint, p256dh, auth, created_at) values (?, ?, ?, ?, ?, ?)',
			crypto.randomUUID(),
			userId,
			endpoint,
			keys.p256dh,
			keys.auth,
			Date.now()
		)
	);
}

let n = 0;
const clientId = () => `push${Date.now()}${n++}safe`;

async function send(from: Person) {
	const result = await from.action('/cards/send', {
		clientId: clientId(),
		revealTogether: 'on',
		text: 'What made you smile today?',
		category: 'day-to-day',
		depth: 'light'
	});
	expect(result.body.type).toBe('redirect');
	const id = /\/cards\/([0-9a-f-]{36})/.exec(result.body.location ?? '')?.[1];
	expect(id).toBeDefined();
	return id!;
}

const settle = () => new Promise((r) => setTimeout(r, 300));

describe('push endpoints that point inside', () => {
	it('refuses loopback, private, metadata and unknown hosts at registration, and nothing is contacted', async () => {
		const { a, b } = await couple(server.url);
		const endpoints = [
			`https://127.0.0.1:${v4.port}/x`,
			`http://127.0.0.1:${v4.port}/x`,
			`https://localhost:${v4.port}/x`,
			'https://localhost/x',
			'https://10.0.0.1/x',
			'https://169.254.169.254/latest/meta-data',
			'https://[::1]/x',
			...(v6 ? [`https://[::1]:${v6.port}/x`] : []),
			'https://push.example.com/x',
			`https://user@fcm.googleapis.com/fcm/send/x`,
			'https://fcm.googleapis.com:8443/fcm/send/x'
		];
		for (const endpoint of endpoints) {
			const response = await subscribe(b, { endpoint, keys: validKeys() });
			expect(response.status, endpoint).toBe(400);
			expect(((await response.json()) as { message: string }).message).toBe(
				"That browser's push service is not one Hearth knows."
			);
		}
		expect(await subscriptionsOf(b)).toEqual([]);
		await send(a);
		await settle();
		expect(v4.connections).toBe(0);
		expect(v6?.connections ?? 0).toBe(0);
	});

	it('never connects to such an endpoint already stored, and keeps the row', async () => {
		const { a, b } = await couple(server.url);
		const stored = [
			`https://127.0.0.1:${v4.port}/old`,
			`http://127.0.0.1:${v4.port}/old`,
			`https://localhost:${v4.port}/old`,
			...(v6 ? [`https://[::1]:${v6.port}/old`, `http://[::1]:${v6.port}/old`] : [])
		];
		for (const endpoint of stored) await storeDirectly(b, endpoint, validKeys());
		await send(a);
		await settle();
		expect(v4.connections).toBe(0);
		expect(v6?.connections ?? 0).toBe(0);
		expect((await subscriptionsOf(b)).sort()).toEqual([...stored].sort());
	});

	it('does not follow a redirect, and a redirect never removes the subscription', async () => {
		const { a, b } = await couple(server.url);
		const redirecting = `${origin}/redirect/${crypto.randomUUID()}`;
		const bouncing = `${origin}/bounce/${crypto.randomUUID()}`;
		expect((await subscribe(b, { endpoint: redirecting, keys: validKeys() })).status).toBe(200);
		expect((await subscribe(b, { endpoint: bouncing, keys: validKeys() })).status).toBe(200);
		await send(a);
		await settle();
		expect(received).toContain(new URL(redirecting).pathname);
		expect(received).toContain(new URL(bouncing).pathname);
		expect(redirectTarget.connections).toBe(0);
		expect(received.some((path) => path.startsWith('/gone/bounce'))).toBe(false);
		expect((await subscriptionsOf(b)).sort()).toEqual([redirecting, bouncing].sort());
	});
});

describe('push keys', () => {
	it('refuses keys that cannot be encrypted to, at registration', async () => {
		const { b } = await couple(server.url);
		const endpoint = `${origin}/ok/${crypto.randomUUID()}`;
		const good = validKeys();
		for (const keys of [
			{ p256dh: offCurvePoint(), auth: good.auth }, // 65 bytes, 0x04, not on the curve
			{ p256dh: good.p256dh, auth: randomBytes(15).toString('base64url') },
			{ p256dh: good.p256dh, auth: randomBytes(17).toString('base64url') },
			{ p256dh: randomBytes(64).toString('base64url'), auth: good.auth },
			{ p256dh: `${good.p256dh}AAAA`, auth: good.auth }
		]) {
			const response = await subscribe(b, { endpoint, keys });
			expect(response.status).toBe(400);
			expect(((await response.json()) as { message: string }).message).toMatch(
				/keys were not understood/
			);
		}
		expect(await subscriptionsOf(b)).toEqual([]);
	});
});

describe('a notification that fails', () => {
	it("never fails the partner's card action, and the person's other devices still get it", async () => {
		const { a, b } = await couple(server.url);
		await storeDirectly(b, `${origin}/ok/${crypto.randomUUID()}`, {
			p256dh: offCurvePoint(),
			auth: randomBytes(16).toString('base64url')
		});
		await storeDirectly(b, `${origin}/ok/${crypto.randomUUID()}`, {
			p256dh: validKeys().p256dh,
			auth: randomBytes(15).toString('base64url')
		});
		const working = `${origin}/ok/${crypto.randomUUID()}`;
		expect((await subscribe(b, { endpoint: working, keys: validKeys() })).status).toBe(200);

		const id = await send(a); // notifies b: the action redirects to the card
		expect((await a.get(`/cards/${id}`)).status).toBe(200);
		expect(received).toContain(new URL(working).pathname);

		// b's card to a, answered by a: the answer notifies b, and succeeds
		const fromB = await send(b);
		const answered = await a.action(`/cards/${fromB}?/answer`, {
			clientId: clientId(),
			text: 'A walk in the rain.'
		});
		expect(answered.body.type).toBe('redirect');
		expect(await (await b.get(`/cards/${fromB}`)).text()).toContain('has answered');
		expect(server.output()).toContain('[push] not delivered');
		expect(server.output()).not.toContain(working);
	});
});
