/**
 * The conversation core against the built server: one gate, one visibility rule and one publish
 * path for every kind. Each case here was once a leak on one path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENING_LINES } from '../../src/lib/deck/phrases';
import { couple, type Person } from '../helpers/couple';
import { inspect } from '../helpers/database';
import { removeDb, startServer, type RunningServer } from '../helpers/server';
import { connectSocket, connected, request, type TestSocket } from '../helpers/socket';
import { clientId, startTalk } from '../helpers/talk';

let server: RunningServer;

beforeAll(async () => {
	server = await startServer();
});

afterAll(async () => {
	await server.stop();
	await removeDb(server.dbPath);
});

const TALK_INTENTS: [string, Record<string, unknown>][] = [
	['talk:opening', { line: OPENING_LINES[0] }],
	['talk:deeper', {}],
	['talk:lighter', {}],
	['talk:draw', {}],
	['talk:go-first', {}],
	['talk:answer', { text: 'intrusion', aloud: false }],
	['talk:reflect', { text: 'intrusion', feelings: [], needs: [] }],
	['talk:confirm', {}],
	['talk:not-quite', { clarification: null }],
	['talk:swap', {}],
	['talk:not-ready', { scope: 'talk' }],
	['talk:resume', {}],
	['talk:end', {}],
	['talk:presence', { state: 'here', hello: true }]
];
const CARD_ACTIONS = [
	'answer',
	'notReady',
	'bringBack',
	'reflect',
	'confirm',
	'notQuite',
	'appreciate'
];

/** A socket intent's payload: presence is not an intent to append, so it carries no client id. */
const payload = (name: string, conversationId: string, fields: Record<string, unknown>) =>
	name === 'talk:presence'
		? { conversationId, ...fields }
		: { conversationId, clientId: clientId(), ...fields };

async function eventCount(conversationId: string): Promise<number> {
	const db = await inspect(server.dbPath);
	const row = (await db.get<{ n: number }>(
		'select count(*) as n from events where conversation_id = ?',
		conversationId
	))!;
	await db.close();
	return row.n;
}

async function sendCard(from: Person, fields: Record<string, string>) {
	const result = await from.action('/cards/send', {
		clientId: clientId(),
		text: 'What felt like home this week?',
		category: 'day-to-day',
		depth: 'light',
		revealTogether: 'on',
		...fields
	});
	return /\/cards\/([0-9a-f-]{36})/.exec(result.body.location ?? '')![1]!;
}

async function socketOf(who: Person): Promise<TestSocket> {
	const socket = connectSocket(server.url, { cookie: who.cookie });
	await connected(socket);
	return socket;
}

describe('a partner cannot read an unrevealed answer on any path', () => {
	it('catch-up, page data and published events all withhold it', async () => {
		const { a, b } = await couple(server.url);
		const bSocket = await socketOf(b);
		const heard: unknown[] = [];
		bSocket.on('conversation:event', (info) => heard.push(info));
		const id = await sendCard(a, { firstAnswer: 'ALEX-FIRST-WORDS' });
		await a.action(`/cards/${id}?/appreciate`, { clientId: clientId(), text: 'x' }); // refused
		// Catch-up as the card's own kind: the answer's existence, never its words.
		const sync = await request<{ events: { data: Record<string, unknown> }[] }>(
			bSocket,
			'conversation:sync',
			{ conversationId: id, kind: 'async', afterSeq: 0 }
		);
		expect(sync.ok).toBe(true);
		expect(JSON.stringify(sync)).not.toContain('ALEX-FIRST-WORDS');
		// The page and its data endpoint.
		expect(await (await b.get(`/cards/${id}`)).text()).not.toContain('ALEX-FIRST-WORDS');
		expect(await (await b.get(`/cards/${id}/__data.json`)).text()).not.toContain(
			'ALEX-FIRST-WORDS'
		);
		// Alex answers again on another card without going first; Sam's socket hears it, wordless.
		const second = await sendCard(a, {});
		await a.action(`/cards/${second}?/answer`, { clientId: clientId(), text: 'ALEX-LATER' });
		await new Promise((r) => setTimeout(r, 300));
		expect(heard.length).toBeGreaterThan(0);
		expect(JSON.stringify(heard)).not.toContain('ALEX-LATER');
		expect(JSON.stringify(heard)).not.toContain('ALEX-FIRST-WORDS');
		// Sam answers: the reveal reaches Sam's catch-up.
		await b.action(`/cards/${second}?/answer`, { clientId: clientId(), text: 'SAM-NOW' });
		const after = await request(bSocket, 'conversation:sync', {
			conversationId: second,
			kind: 'async',
			afterSeq: 0
		});
		expect(JSON.stringify(after)).toContain('ALEX-LATER');
		bSocket.close();
	});
});

describe('kind confusion: one kind’s intents and reads against another kind’s id', () => {
	it('answers "not found", appends nothing, and both kinds keep working', async () => {
		const { a, b } = await couple(server.url);
		const cardId = await sendCard(a, { firstAnswer: 'CARD-SECRET' });
		const talkId = await startTalk(server.url, a.cookie);
		const before = { card: await eventCount(cardId), talk: await eventCount(talkId) };
		for (const who of [a, b]) {
			const socket = await socketOf(who);
			for (const [name, fields] of TALK_INTENTS) {
				const answer = await request(socket, name, payload(name, cardId, fields));
				expect(answer.ok, name).toBe(false);
				if (!answer.ok) expect(answer.error.code, name).toBe('not_found');
			}
			for (const [id, kind] of [
				[cardId, 'live'],
				[talkId, 'async']
			]) {
				const sync = await request(socket, 'conversation:sync', {
					conversationId: id,
					kind,
					afterSeq: 0
				});
				expect(sync.ok ? 'ok' : sync.error.code).toBe('not_found');
				expect(JSON.stringify(sync)).not.toContain('CARD-SECRET');
			}
			socket.close();
			// Pages and actions of one kind on the other's id.
			expect((await who.get(`/talk/${cardId}`)).status).toBe(404);
			expect((await who.get(`/cards/${talkId}`)).status).toBe(404);
			for (const name of CARD_ACTIONS) {
				const result = await who.action(`/cards/${talkId}?/${name}`, {
					clientId: clientId(),
					text: 'intrusion'
				});
				expect(result.status, name).toBe(404);
			}
		}
		expect({ card: await eventCount(cardId), talk: await eventCount(talkId) }).toEqual(before);
		// Nothing was poisoned: both kinds' pages still answer for both partners.
		for (const who of [a, b]) {
			expect((await who.get('/cards')).status).toBe(200);
			expect((await who.get(`/cards/${cardId}`)).status).toBe(200);
			expect((await who.get(`/talk/${talkId}`)).status).toBe(200);
			expect((await who.get(`/history/${cardId}`)).status).toBe(200);
		}
		expect(
			(await b.action(`/cards/${cardId}?/answer`, { clientId: clientId(), text: 'ok' })).body.type
		).toBe('redirect');
	});
});

describe('former partners', () => {
	it('read the history they kept and can write nothing to it', async () => {
		const { a, b } = await couple(server.url);
		const cardId = await sendCard(a, { firstAnswer: 'KEPT-WORDS' });
		await b.action(`/cards/${cardId}?/answer`, { clientId: clientId(), text: 'SAM-KEPT' });
		const talkId = await startTalk(server.url, a.cookie);
		await a.action('/settings/leave', {});
		const before = { card: await eventCount(cardId), talk: await eventCount(talkId) };
		for (const who of [a, b]) {
			// Reading: history, transcript, export.
			expect(await (await who.get(`/history/${cardId}`)).text()).toContain('KEPT-WORDS');
			expect(await (await who.get('/settings/export.json')).text()).toContain('SAM-KEPT');
			// Writing: moments, notes, card actions, talk intents.
			for (const [name, fields] of [
				['moment', { seq: '1' }],
				['note', { note: 'a note after leaving' }]
			] as const) {
				const result = await who.action(`/history/${cardId}?/${name}`, fields);
				expect(result.status, name).toBeGreaterThanOrEqual(400);
			}
			for (const name of CARD_ACTIONS) {
				const result = await who.action(`/cards/${cardId}?/${name}`, {
					clientId: clientId(),
					text: 'after leaving'
				});
				expect(result.status, name).toBeGreaterThanOrEqual(400);
			}
			const socket = await socketOf(who);
			for (const [name, fields] of TALK_INTENTS) {
				const answer = await request(socket, name, payload(name, talkId, fields));
				expect(answer.ok, name).toBe(false);
			}
			socket.close();
		}
		const reader = await inspect(server.dbPath);
		const marks = (await reader.get<{ n: number }>('select count(*) as n from moments'))!;
		const notes = (await reader.get<{ n: number }>('select count(*) as n from private_notes'))!;
		await reader.close();
		expect(marks.n).toBe(0);
		expect(notes.n).toBe(0);
		expect({ card: await eventCount(cardId), talk: await eventCount(talkId) }).toEqual(before);
	});
});

describe('sent cards are live', () => {
	it('the partner’s open card hears each event through the stream, and catches up after a drop', async () => {
		const { a, b } = await couple(server.url);
		const id = await sendCard(a, {});
		const bSocket = await socketOf(b);
		const heard: { conversationId: string; event: { seq: number; type: string } }[] = [];
		bSocket.on('conversation:event', (info) => heard.push(info));
		await a.action(`/cards/${id}?/answer`, { clientId: clientId(), text: 'Mine' });
		for (let i = 0; i < 50 && !heard.length; i++) await new Promise((r) => setTimeout(r, 20));
		expect(heard.map((h) => [h.conversationId, h.event.seq, h.event.type])).toEqual([
			[id, 2, 'answer.given']
		]);
		// Seen while open: Sam's read mark follows (never past the log's end), so it is not "new".
		const read = await request<{ read: number }>(bSocket, 'conversation:read', {
			conversationId: id,
			kind: 'async',
			seq: 99
		});
		expect(read.ok && read.data.read).toBe(2);
		expect(await (await b.get('/cards')).text()).not.toMatch(/class="new[ "]/);
		bSocket.close();
		// Missed while away: the catch-up brings it, in order.
		await b.action(`/cards/${id}?/answer`, { clientId: clientId(), text: 'Yours' });
		const back = await socketOf(b);
		const sync = await request<{ events: { seq: number }[] }>(back, 'conversation:sync', {
			conversationId: id,
			kind: 'async',
			afterSeq: 2
		});
		expect(sync.ok && sync.data.events.map((e) => e.seq)).toEqual([3]);
		back.close();
	});
});
