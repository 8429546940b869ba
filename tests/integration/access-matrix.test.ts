/**
 * The access matrix: a third person, in a couple of their own, tries every route and socket event
 * against another couple's ids. Every attempt is denied and nothing of that couple is in the answer.
 * Each feature adds its routes and events here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { couple, invite, person, type Person } from '../helpers/couple';
import { inspect, onPostgres } from '../helpers/database';
import { removeDb, startServer, type RunningServer } from '../helpers/server';
import { connectSocket, connected, nextEvent, request, type TestSocket } from '../helpers/socket';
import { clientId, startTalk } from '../helpers/talk';

let server: RunningServer;
let a: Person;
let b: Person;
let eve: Person;
let eveSocket: TestSocket;
const eveHeard: unknown[] = [];
let openInvite: { token: string; inviteId: string };
let talkId: string;

beforeAll(async () => {
	server = await startServer();
	({ a, b } = await couple(server.url, ['Alexandra', 'Samwise']));
	const other = await couple(server.url, ['Eve', 'Mallory']);
	eve = other.a;
	eveSocket = connectSocket(server.url, { cookie: eve.cookie });
	await connected(eveSocket);
	eveSocket.onAny((...args) => eveHeard.push(args));
	talkId = await startTalk(server.url, a.cookie);
	// An open invite of someone outside Eve's couple.
	const loner = await person(server.url, 'Lonely');
	openInvite = await invite(loner);
});

afterAll(async () => {
	eveSocket.close();
	await server.stop();
	await removeDb(server.dbPath);
});

function expectNothingOf(text: string) {
	for (const secret of [a.name, b.name, a.email, b.email, 'Lonely'])
		expect(text).not.toContain(secret);
}

describe('access matrix: routes', () => {
	it("revoking another person's invite is not found and changes nothing", async () => {
		const result = await eve.action('/?/revoke', { inviteId: openInvite.inviteId });
		expect(result.status).toBe(404);
		expectNothingOf(JSON.stringify(result));
		const joiner = await person(server.url, 'Joiner');
		expect((await joiner.action(`/join/${openInvite.token}`, {})).body.type).toBe('redirect');
	});

	it('a used invite says nothing of the couple it made', async () => {
		const fresh = await person(server.url, 'Fresh');
		const { token } = await invite(fresh);
		await (await person(server.url, 'Partner')).action(`/join/${token}`, {});
		const page = await (await eve.get(`/join/${token}`)).text();
		expect(page).toContain('already been used');
		expect(page).not.toContain('Fresh');
		const signedOut = await fetch(`${server.url}/join/${token}`).then((r) => r.text());
		expect(signedOut).not.toContain('Fresh');
	});

	it('pages show only the caller’s own couple', async () => {
		for (const path of ['/', '/settings', '/settings/leave', '/talk', '/cards', '/history']) {
			const response = await eve.get(path);
			expectNothingOf(await response.text());
		}
	});
});

describe('access matrix: talks', () => {
	it("another couple's talk page is not found, like a talk that does not exist", async () => {
		const theirs = await eve.get(`/talk/${talkId}`);
		const nobodys = await eve.get(`/talk/${crypto.randomUUID()}`);
		expect(theirs.status).toBe(404);
		expect(nobodys.status).toBe(404);
		const text = await theirs.text();
		expectNothingOf(text);
		expect(text).not.toContain(talkId);
	});

	it('every talk event with their conversation id is not found, and nothing is appended', async () => {
		const events: [string, Record<string, unknown>][] = [
			['conversation:sync', { conversationId: talkId, kind: 'live', afterSeq: 0 }],
			['talk:presence', { conversationId: talkId, state: 'here', hello: true }],
			['talk:seen', { conversationId: talkId, seq: 1 }],
			[
				'talk:opening',
				{
					conversationId: talkId,
					clientId: clientId(),
					line: (await import('../../src/lib/deck/phrases')).OPENING_LINES[0]
				}
			],
			['talk:deeper', { conversationId: talkId, clientId: clientId() }],
			['talk:withdraw-deeper', { conversationId: talkId, clientId: clientId() }],
			['talk:lighter', { conversationId: talkId, clientId: clientId() }],
			['talk:draw', { conversationId: talkId, clientId: clientId() }],
			['talk:go-first', { conversationId: talkId, clientId: clientId() }],
			['talk:answer', { conversationId: talkId, clientId: clientId(), text: 'hi', aloud: false }],
			['talk:reflect', { conversationId: talkId, clientId: clientId(), text: 'hi', feelings: [] }],
			['talk:confirm', { conversationId: talkId, clientId: clientId() }],
			['talk:not-quite', { conversationId: talkId, clientId: clientId(), clarification: null }],
			['talk:swap', { conversationId: talkId, clientId: clientId() }],
			['talk:not-ready', { conversationId: talkId, clientId: clientId(), scope: 'talk' }],
			['talk:resume', { conversationId: talkId, clientId: clientId() }],
			['talk:end', { conversationId: talkId, clientId: clientId() }]
		];
		for (const [name, payload] of events) {
			const answer = await request(eveSocket, name, payload);
			expect(answer, name).toEqual({
				ok: false,
				error: { code: 'not_found', message: 'We could not find that.' }
			});
		}
		const own = await request<{ events: unknown[] }>(
			await (async () => {
				const s = connectSocket(server.url, { cookie: a.cookie });
				await connected(s);
				return s;
			})(),
			'conversation:sync',
			{ conversationId: talkId, kind: 'live', afterSeq: 0 }
		);
		expect(own.ok && own.data.events).toHaveLength(1); // only talk.started
	});
});

describe('access matrix: check-ins', () => {
	it("another couple's check-in is not found on every page and event, and nothing is appended", async () => {
		const started = await a.action('/talk?/checkin', {});
		const id = /\/checkin\/([0-9a-f-]{36})/.exec(started.body.location ?? '')![1]!;
		const aSocket = connectSocket(server.url, { cookie: a.cookie });
		await connected(aSocket);
		const given = await request(aSocket, 'checkin:give', {
			conversationId: id,
			clientId: clientId(),
			step: 'appreciation',
			text: 'Only for Samwise: the soup'
		});
		expect(given.ok).toBe(true);

		for (const path of [`/checkin/${id}`, `/checkin/${id}/__data.json`, `/history/${id}`]) {
			const page = await eve.get(path);
			const text = await page.text();
			if (path.endsWith('__data.json')) expect(text).toContain('"status":404');
			else expect(page.status, path).toBe(404);
			expectNothingOf(text);
			expect(text).not.toContain('the soup');
		}
		const base = { conversationId: id };
		const events: [string, Record<string, unknown>][] = [
			['conversation:sync', { ...base, kind: 'checkin', afterSeq: 0 }],
			['conversation:read', { ...base, kind: 'checkin', seq: 1 }],
			['talk:not-now', base],
			['checkin:give', { ...base, clientId: clientId(), step: 'appreciation', text: 'intrusion' }],
			['checkin:pass', { ...base, clientId: clientId(), step: 'appreciation' }],
			['checkin:move-on', { ...base, clientId: clientId() }],
			['checkin:go-first', { ...base, clientId: clientId() }],
			['checkin:pass-floor', { ...base, clientId: clientId() }],
			['checkin:answer', { ...base, clientId: clientId(), text: 'intrusion', aloud: false }],
			['checkin:reflect', { ...base, clientId: clientId(), text: 'intrusion', feelings: [] }],
			['checkin:confirm', { ...base, clientId: clientId() }],
			['checkin:not-quite', { ...base, clientId: clientId(), clarification: null }],
			['checkin:ask-more', { ...base, clientId: clientId() }],
			['checkin:add-more', { ...base, clientId: clientId(), text: 'intrusion' }],
			['checkin:steer', { ...base, clientId: clientId(), mode: 'listen' }],
			['checkin:share-thoughts', { ...base, clientId: clientId(), text: 'intrusion' }],
			['checkin:swap', { ...base, clientId: clientId() }],
			['checkin:end', { ...base, clientId: clientId() }]
		];
		for (const [name, payload] of events) {
			const answer = await request(eveSocket, name, payload);
			expect(answer.ok ? 'ok' : answer.error.code, name).toBe('not_found');
			expectNothingOf(JSON.stringify(answer));
		}
		// A check-in id is no way into the talk's events either (the kind must match).
		const asTalk = await request(eveSocket, 'talk:answer', {
			...base,
			clientId: clientId(),
			text: 'x',
			aloud: false
		});
		expect(asTalk.ok ? 'ok' : asTalk.error.code).toBe('not_found');
		const own = await request<{ events: { type: string }[] }>(aSocket, 'conversation:sync', {
			...base,
			kind: 'checkin',
			afterSeq: 0
		});
		expect(own.ok && own.data.events.map((e) => e.type)).toEqual([
			'checkin.started',
			'entry.given'
		]);
		// Eve's own Talk page offers her own check-in, and says nothing of theirs.
		const talkPage = await (await eve.get('/talk')).text();
		expect(talkPage).not.toContain(id);
		expectNothingOf(talkPage);
		aSocket.close();
	});
});

describe('access matrix: async cards', () => {
	it("another couple's card is not found on every route, and nothing is appended", async () => {
		const sent = await a.action('/cards/send', {
			clientId: 'matrix-card-0001',
			text: 'A question only for Samwise?',
			category: 'day-to-day',
			depth: 'light',
			revealTogether: 'on',
			note: 'note for Samwise'
		});
		const id = /\/cards\/([0-9a-f-]{36})/.exec(sent.body.location ?? '')![1]!;
		const page = await eve.get(`/cards/${id}`);
		expect(page.status).toBe(404);
		const text = await page.text();
		expectNothingOf(text);
		expect(text).not.toContain('only for Samwise');
		for (const name of [
			'answer',
			'notReady',
			'bringBack',
			'reflect',
			'confirm',
			'notQuite',
			'appreciate'
		]) {
			const result = await eve.action(`/cards/${id}?/${name}`, {
				clientId: `matrix-${name}-x1`,
				text: 'intrusion'
			});
			expect(result.status, name).toBe(404);
			expectNothingOf(JSON.stringify(result));
		}
		for (const [name, payload] of [
			['conversation:sync', { conversationId: id, kind: 'async', afterSeq: 0 }],
			['conversation:read', { conversationId: id, kind: 'async', seq: 1 }]
		] as const) {
			const answer = await request(eveSocket, name, payload);
			expect(answer.ok ? 'ok' : answer.error.code, name).toBe('not_found');
			expectNothingOf(JSON.stringify(answer));
		}
		// The page's data endpoint answers with the same "not found", and nothing of the card.
		const data = await (await eve.get(`/cards/${id}/__data.json`)).text();
		expect(data).toContain('"status":404');
		expect(data).not.toContain('only for Samwise');
		const inbox = await (await eve.get('/cards')).text();
		expect(inbox).not.toContain('only for Samwise');
		const own = await (await b.get(`/cards/${id}`)).text();
		expect(own).not.toContain('intrusion');
	});
});

describe('access matrix: history', () => {
	it("another couple's conversation is not found in history, search or export", async () => {
		const page = await eve.get(`/history/${talkId}`);
		expect(page.status).toBe(404);
		expectNothingOf(await page.text());
		for (const [name, fields] of [
			['moment', { seq: '1' }],
			['note', { note: 'intrusion' }]
		] as const) {
			const result = await eve.action(`/history/${talkId}?/${name}`, fields);
			expect(result.status, name).toBe(404);
		}
		const search = await (await eve.get(`/history?q=${encodeURIComponent('Samwise')}`)).text();
		expect(search).toContain('Nothing found');
		expectNothingOf(await (await eve.get('/history')).text());
		expectNothingOf(await (await eve.get('/settings/export.json')).text());
		expectNothingOf(await (await eve.get('/settings/export.md')).text());
		const anonymous = await fetch(`${server.url}/settings/export.json`);
		expect(anonymous.status).toBe(401);
		const bringBack = await eve.action('/history?/bringBack', { setAsideId: crypto.randomUUID() });
		expect(bringBack.status).toBe(404);
	});
});

describe('access matrix: a pace of one’s own', () => {
	const paceRows = async () => {
		const db = await inspect(server.dbPath);
		try {
			return await db.all<{ email: string; deepest: string }>(
				'select u.email, p.deepest_sent as deepest from pace_settings p join users u on u.id = p.user_id'
			);
		} finally {
			await db.close();
		}
	};
	const pace = (fields: Record<string, string> = {}) => ({
		deepestSent: 'light',
		waitingLimit: '1',
		quiet: 'on',
		quietFrom: '22:00',
		quietUntil: '07:00',
		...fields
	});
	/** Whether the pace's depth choice shows this value chosen. */
	const selected = (html: string, value: string) =>
		new RegExp(`<option value="${value}"[^>]*selected`).test(
			/<select[^>]*id="pace-depth"[\s\S]*?<\/select>/.exec(html)?.[0] ?? ''
		);

	it('is written only by its owner, and read by nobody else', async () => {
		const ids = await (async () => {
			const db = await inspect(server.dbPath);
			try {
				return Object.fromEntries(
					(await db.all<{ id: string; email: string }>('select id, email from users')).map((r) => [
						r.email,
						r.id
					])
				);
			} finally {
				await db.close();
			}
		})();
		// Eve names Samwise in every way a form could: only Eve's own pace changes.
		const result = await eve.action(
			'/settings?/pace',
			pace({ userId: ids[b.email]!, user: ids[b.email]!, id: ids[b.email]! })
		);
		expect(result.body.type).toBe('success');
		expect(await paceRows()).toEqual([{ email: eve.email, deepest: 'light' }]);
		// Samwise chooses; Alexandra's pages still show her own pace, never his.
		expect((await b.action('/settings?/pace', pace({ waitingLimit: 'none' }))).body.type).toBe(
			'success'
		);
		const mine = await (await a.get('/settings')).text();
		expect(selected(mine, 'vulnerable')).toBe(true);
		expect(selected(mine, 'light')).toBe(false);
		expect(selected(await (await b.get('/settings')).text(), 'light')).toBe(true);
		// On the send page she meets the rule for the card in hand, and nothing of his settings.
		const light = await (await a.get('/cards/send?card=day-small-smile')).text();
		expect(light).not.toContain('data-testid="not-now"');
		const deep = await (await a.get('/cards/send?card=us-felt-closest')).text();
		expect(deep).toContain(`${b.name} would rather keep cards this deep for a talk together.`);
		for (const text of [light, deep, await (await a.get('/cards/send/__data.json')).text()])
			expect(text).not.toMatch(/waitingLimit|quietFrom|quietUntil|deepestSent/);
		// Eve's pace is hers: it never limits what Alexandra sends Samwise.
		expect(
			(
				await a.action('/cards/send', {
					clientId: 'matrix-pace-0001',
					cardId: 'day-small-smile',
					revealTogether: 'on'
				})
			).body.type
		).toBe('redirect');
	});
});

/** Every row of every table, counted: what "nothing was stored" means. */
async function rowCounts(dbPath: string) {
	const db = await inspect(dbPath);
	try {
		const tables = await db.all<{ name: string }>(
			onPostgres()
				? "select quote_ident(n.nspname) || '.' || quote_ident(c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'r' and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')"
				: "select '\"' || name || '\"' as name from sqlite_master where type = 'table' and name not like 'sqlite_%'"
		);
		const counts: Record<string, number> = {};
		for (const { name } of tables)
			counts[name] = Number((await db.get<{ n: number }>(`select count(*) as n from ${name}`))!.n);
		return counts;
	} finally {
		await db.close();
	}
}

describe('access matrix: "seen" in a live talk', () => {
	it('reaches the partner only, is stored nowhere, and never goes past what exists', async () => {
		const aSocket = connectSocket(server.url, { cookie: a.cookie });
		const bSocket = connectSocket(server.url, { cookie: b.cookie });
		await Promise.all([connected(aSocket), connected(bSocket)]);
		const whoB = await request<{ userId: string }>(bSocket, 'session:whoami', {});
		const before = eveHeard.length;
		const rowsBefore = await rowCounts(server.dbPath);

		const heard = nextEvent(aSocket, 'talk:seen');
		const sent = await request(bSocket, 'talk:seen', { conversationId: talkId, seq: 1 });
		expect(sent).toEqual({ ok: true, data: { delivered: true } });
		expect(await heard).toEqual({
			conversationId: talkId,
			userId: whoB.ok && whoB.data.userId,
			seq: 1
		});
		// A seq the talk has not reached is not relayed (nothing to have seen).
		const beyond = await request(bSocket, 'talk:seen', { conversationId: talkId, seq: 99 });
		expect(beyond).toEqual({ ok: true, data: { delivered: false } });
		// Anything but a number in range is refused at the edge.
		const odd = await request(bSocket, 'talk:seen', { conversationId: talkId, seq: 0 });
		expect(odd.ok).toBe(false);

		await new Promise((r) => setTimeout(r, 300));
		expect(eveHeard.slice(before)).toEqual([]);
		expect(await rowCounts(server.dbPath)).toEqual(rowsBefore);
		aSocket.close();
		bSocket.close();
	});
});

describe('access matrix: socket events', () => {
	it('another couple’s live events never reach a third person', async () => {
		const before = eveHeard.length;
		const aSocket = connectSocket(server.url, { cookie: a.cookie });
		await connected(aSocket);
		await b.action('/settings/leave', {});
		await new Promise((r) => setTimeout(r, 300));
		expect(eveHeard.slice(before)).toEqual([]);
		aSocket.close();
	});
});
