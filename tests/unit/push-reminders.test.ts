import { createECDH, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pair } from '../helpers/domain';
import { getDb } from '$lib/server/db';
import { pushSubscriptions } from '$lib/server/db/schema';
import { sendDueReminders } from '$lib/server/schedule/reminders';
import { actOnSchedule, proposeTalk } from '$lib/server/schedule/schedules';

let pushService: Server;
let origin: string;
const received: string[] = [];

beforeAll(async () => {
	pushService = createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			received.push(req.url ?? '');
			res.statusCode = 201;
			res.end();
		});
	});
	await new Promise<void>((r) => pushService.listen(0, '127.0.0.1', r));
	const address = pushService.address();
	origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
	process.env.PUSH_TEST_ENDPOINT_ORIGIN = origin;
	process.env.HEARTH_ALLOW_TEST_PUSH = '1';
});

afterAll(() => {
	delete process.env.PUSH_TEST_ENDPOINT_ORIGIN;
	delete process.env.HEARTH_ALLOW_TEST_PUSH;
	pushService.close();
});

function keys() {
	const ecdh = createECDH('prime256v1');
	ecdh.generateKeys();
	return {
		p256dh: ecdh.getPublicKey().toString('base64url'),
		auth: randomBytes(16).toString('base64url')
	};
}

function offCurve() {
	const point = Buffer.alloc(65, 7);
	point[0] = 0x04;
	return point.toString('base64url');
}

/** Written straight into the database, as rows stored before registration was checked could be. */
async function store(userId: string, endpoint: string, k: { p256dh: string; auth: string }) {
	await getDb()
		.insert(pushSubscriptions)
		.values({ id: crypto.randomUUID(), userId, endpoint, ...k, createdAt: Date.now() });
}

async function waitFor(check: () => boolean, timeoutMs = 5000) {
	const start = Date.now();
	while (!check()) {
		if (Date.now() - start > timeoutMs) throw new Error('not delivered in time');
		await new Promise((r) => setTimeout(r, 25));
	}
}

describe('reminder pushes', () => {
	it('go on to every other device and person when one subscription is broken', async () => {
		const now = Date.now();
		const first = await pair(['Alex', 'Sam']);
		const second = await pair(['Kim', 'Noor']);
		const good: string[] = [];
		for (const [i, person] of [first.a, first.b, second.a, second.b].entries()) {
			// each person's broken device comes first: an off-curve key, then a 15-byte auth
			await store(person.id, `${origin}/broken/${crypto.randomUUID()}`, {
				p256dh: i % 2 ? keys().p256dh : offCurve(),
				auth: i % 2 ? randomBytes(15).toString('base64url') : keys().auth
			});
			// and an endpoint that may never be contacted
			await store(person.id, `http://127.0.0.1:1/refused/${crypto.randomUUID()}`, keys());
			const endpoint = `${origin}/ok/${crypto.randomUUID()}`;
			await store(person.id, endpoint, keys());
			good.push(new URL(endpoint).pathname);
		}
		for (const { a, b } of [first, second]) {
			const plan = await proposeTalk(
				a.id,
				{ startsAt: now + 5 * 60_000, durationMinutes: 30, intention: null, repeat: 'none' },
				now
			);
			await actOnSchedule(b.id, plan.id, { type: 'accept' }, now);
		}

		const sent = await sendDueReminders(now);
		expect(sent.map((r) => r.coupleId).sort()).toEqual([first.coupleId, second.coupleId].sort());
		await waitFor(() => good.every((path) => received.includes(path)));
		expect(received.filter((path) => path.startsWith('/broken'))).toEqual([]);
	});
});
