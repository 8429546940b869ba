/**
 * A talk side by side against the built server: one phone for both (Alex's account taps every
 * step), Sam's own device following live; the kind's rules at the socket edge; and nobody else —
 * another couple, or Sam once Sam has left — able to read or change any of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SideEvent } from '../../src/lib/conversation/side/types';
import { couple, type Person } from '../helpers/couple';
import { removeDb, startServer, type RunningServer } from '../helpers/server';
import { connectSocket, connected, request, type TestSocket } from '../helpers/socket';
import { clientId } from '../helpers/talk';

let server: RunningServer;
let a: Person;
let b: Person;
let eve: Person;
const sockets: TestSocket[] = [];

async function socketOf(person: Person) {
	const socket = connectSocket(server.url, { cookie: person.cookie });
	await connected(socket);
	sockets.push(socket);
	return socket;
}

/** Starts one from the Talk page's form, as a person would; returns its id. */
async function startSide(person: Person, fields = { activity: 'walking', pace: 'free' }) {
	const result = await person.action('/talk?/side', fields);
	expect(result.body.type).toBe('redirect');
	const id = /\/talk\/side\/([0-9a-f-]{36})$/.exec(String(result.body.location))?.[1];
	expect(id).toBeTruthy();
	return id!;
}

beforeAll(async () => {
	server = await startServer();
	({ a, b } = await couple(server.url, ['Alexandra', 'Samwise']));
	eve = (await couple(server.url, ['Eve', 'Mallory'])).a;
});

afterAll(async () => {
	for (const socket of sockets) socket.close();
	await server.stop();
	await removeDb(server.dbPath);
});

describe('a talk side by side', () => {
	it('runs draw → shared aloud → said back → "Yes, that\'s it" on one phone, and the partner follows live', async () => {
		const id = await startSide(a);
		// A second start (a double tap, or the partner) opens the same one.
		expect(await startSide(b)).toBe(id);
		const phone = await socketOf(a);
		const partner = await socketOf(b);
		const arrived: SideEvent[] = [];
		partner.on('conversation:event', (info: { conversationId: string; event: SideEvent }) => {
			if (info.conversationId === id) arrived.push(info.event);
		});
		const who = await request<{ userId: string }>(partner, 'session:whoami', {});
		const samId = who.ok ? who.data.userId : '';

		const tap = async (name: string, fields: Record<string, unknown> = {}) => {
			const answer = await request<{ event: SideEvent }>(phone, name, {
				conversationId: id,
				clientId: clientId(),
				...fields
			});
			if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
			return answer.data.event;
		};
		// Sam answers first, chosen on the phone.
		const drawn = await tap('side:draw', { speakerId: samId });
		expect(drawn.type).toBe('card.drawn');
		if (drawn.type !== 'card.drawn') return;
		expect(drawn.data.speakerId).toBe(samId);
		expect(drawn.data.card.category).toBe('side-by-side');
		// Nobody types: words are refused at the edge.
		const typed = await request(phone, 'side:shared', {
			conversationId: id,
			clientId: clientId(),
			text: 'a secret'
		});
		expect(typed.ok).toBe(false);
		await tap('side:shared');
		// Only the few large feelings are offered.
		const odd = await request(phone, 'side:reflected', {
			conversationId: id,
			clientId: clientId(),
			feelings: ['betrayed']
		});
		expect(odd.ok).toBe(false);
		await tap('side:reflected', { feelings: ['calm', 'hopeful'] });
		await tap('side:not-quite');
		await tap('side:reflected', { feelings: ['tired'] });
		await tap('side:confirm');
		// The next card goes to the other one: Alex.
		const next = await tap('side:draw');
		expect(next.type === 'card.drawn' && next.data.speakerId !== samId).toBe(true);
		expect(next.type === 'card.drawn' && next.data.card.id !== drawn.data.card.id).toBe(true);
		// "Another card" leaves no trace, and the same person keeps the turn.
		await tap('side:pass');
		const again = await tap('side:draw');
		expect(again.type === 'card.drawn' && again.data.speakerId !== samId).toBe(true);
		await tap('side:end');

		await expect.poll(() => arrived.length).toBe(10);
		expect(arrived.map((e) => e.seq)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);

		// History: the heard card and its confirmation, the feelings; no passed card, no words.
		const page = await (await b.get(`/history/${id}`)).text();
		expect(page).toContain('A talk side by side');
		expect(page).toContain(drawn.data.card.text);
		expect(page).toContain('You shared it aloud'); // Sam reads it: Sam answered
		expect(page).toContain('Yes, that');
		expect(page).toContain('tired');
		if (next.type === 'card.drawn') expect(page).not.toContain(next.data.card.text);
		const timeline = await (await b.get('/history?kind=side')).text();
		expect(timeline).toContain('Side by side');
	});

	it("at a walk's pace the next card waits until both are ready", async () => {
		const id = await startSide(a, { activity: 'driving', pace: 'walk' });
		const phone = await socketOf(a);
		const send = (name: string, fields: Record<string, unknown> = {}) =>
			request<{ event: SideEvent }>(phone, name, {
				conversationId: id,
				clientId: clientId(),
				...fields
			});
		const early = await send('side:draw');
		expect(early).toEqual({
			ok: false,
			error: { code: 'conflict', message: 'The next card comes when you are both ready.' }
		});
		const partner = await socketOf(b);
		const who = await request<{ userId: string }>(partner, 'session:whoami', {});
		const me = await request<{ userId: string }>(phone, 'session:whoami', {});
		expect((await send('side:ready', { personId: me.ok && me.data.userId })).ok).toBe(true);
		expect((await send('side:draw')).ok).toBe(false);
		expect((await send('side:ready', { personId: who.ok && who.data.userId })).ok).toBe(true);
		const drawn = await send('side:draw');
		expect(drawn.ok && drawn.data.event.type).toBe('card.drawn');
		expect((await send('side:end')).ok).toBe(true);
	});

	it('another couple, and a partner who has left, can neither read nor change it', async () => {
		const id = await startSide(a, { activity: 'cooking', pace: 'free' });
		const eveSocket = await socketOf(eve);
		const names = [
			'side:draw',
			'side:pass',
			'side:shared',
			'side:reflected',
			'side:confirm',
			'side:not-quite',
			'side:end'
		];
		for (const name of names) {
			const answer = await request(eveSocket, name, { conversationId: id, clientId: clientId() });
			expect(answer, name).toEqual({
				ok: false,
				error: { code: 'not_found', message: 'We could not find that.' }
			});
		}
		const sync = await request(eveSocket, 'conversation:sync', {
			conversationId: id,
			kind: 'side',
			afterSeq: 0
		});
		expect(sync.ok).toBe(false);
		const page = await eve.get(`/talk/side/${id}`);
		expect(page.status).toBe(404);
		expect(await page.text()).not.toContain('Alexandra');
		expect((await eve.get(`/history/${id}`)).status).toBe(404);
		// Kind confusion: the id as a live talk is not found either.
		const asLive = await request(eveSocket, 'conversation:sync', {
			conversationId: id,
			kind: 'live',
			afterSeq: 0
		});
		expect(asLive.ok).toBe(false);

		await b.action('/settings/leave', {});
		const former = await socketOf(b);
		const denied = await request(former, 'side:draw', { conversationId: id, clientId: clientId() });
		expect(denied.ok).toBe(false);
		// What was shared stays readable to them, like any conversation they took part in.
		const kept = await request<{ events: SideEvent[] }>(former, 'conversation:sync', {
			conversationId: id,
			kind: 'side',
			afterSeq: 0
		});
		expect(kept.ok && kept.data.events[0]!.type).toBe('side.started');
	});
});
