import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { couple, type Person } from '../helpers/couple';
import { inspect } from '../helpers/database';
import { HttpClient } from '../helpers/http';
import { removeDb, startServer, tempDbPath, type RunningServer } from '../helpers/server';
import { connectSocket, connected, nextEvent, request } from '../helpers/socket';
import { clientId, startTalk, TalkClient, until } from '../helpers/talk';

/**
 * Hearth on several processes: two built servers on one PostgreSQL database, each partner on a
 * different one. What one process writes and publishes, the other's sockets receive (Socket.io's
 * PostgreSQL adapter); what both write to one conversation lands in one gapless log.
 */
const dbPath = tempDbPath('two-process');
let one: RunningServer;
let two: RunningServer;

beforeAll(async () => {
	one = await startServer({ dbPath });
	two = await startServer({ dbPath });
});

afterAll(async () => {
	await Promise.allSettled([one?.stop(), two?.stop()]);
	await removeDb(dbPath);
});

/** The same person, signed in on the other process (sessions live in the shared database). */
function on(server: RunningServer, who: Person): Person {
	const client = Object.assign(new HttpClient(server.url), { name: who.name, email: who.email });
	client.cookie = who.cookie;
	return client;
}

async function seqs(conversationId: string) {
	const db = await inspect(dbPath);
	try {
		return (
			await db.all<{ seq: number }>(
				'select seq from events where conversation_id = ? order by seq',
				conversationId
			)
		).map((r) => r.seq);
	} finally {
		await db.close();
	}
}

describe('two processes, one database', () => {
	it('a whole talk round with Alex on one process and Sam on the other', async () => {
		const { a, b } = await couple(one.url);
		const id = await startTalk(one.url, a.cookie);
		const alex = new TalkClient(one.url, a.cookie, id);
		const sam = new TalkClient(two.url, b.cookie, id);
		await Promise.all([alex.connect(), sam.connect()]);

		expect((await alex.send('talk:draw')).ok).toBe(true);
		await until(() => sam.state.lastSeq === alex.state.lastSeq);
		const me = alex.state.participants.find((p) => p.name === a.name)!.id;
		const speaker = alex.state.rounds[0]!.turns[0]!.speakerId === me ? alex : sam;
		const listener = speaker === alex ? sam : alex;
		expect(
			(await speaker.send('talk:answer', { text: 'Across two servers', aloud: false })).ok
		).toBe(true);
		expect(
			(await listener.send('talk:reflect', { text: 'You said: across two servers', feelings: [] }))
				.ok
		).toBe(true);
		expect((await speaker.send('talk:confirm')).ok).toBe(true);
		await until(() => alex.state.lastSeq === sam.state.lastSeq && alex.state.lastSeq >= 5);

		// Each saw the other's events live, from the other process, and both hold the same talk.
		expect(alex.state).toEqual(sam.state);
		expect(alex.state.rounds[0]!.turns[0]!.reflections[0]!.verdict).toBe('confirmed');
		expect(await seqs(id)).toEqual([1, 2, 3, 4, 5]);
		alex.close();
		sam.close();
	});

	it('a sent card is revealed together when the answers come through different processes', async () => {
		const { a, b } = await couple(one.url);
		const sam = on(two, b);
		const sent = await a.action('/cards/send', {
			clientId: clientId(),
			revealTogether: 'on',
			text: 'What felt like home this week?',
			category: 'day-to-day',
			depth: 'light',
			firstAnswer: 'ALEX-ON-ONE'
		});
		const id = /\/cards\/([0-9a-f-]{36})/.exec(sent.body.location ?? '')![1]!;
		expect(await (await sam.get(`/cards/${id}`)).text()).not.toContain('ALEX-ON-ONE');
		await sam.action(`/cards/${id}?/answer`, { clientId: clientId(), text: 'SAM-ON-TWO' });
		for (const who of [a, sam, on(two, a), on(one, b)]) {
			const html = await (await who.get(`/cards/${id}`)).text();
			expect(html).toContain('ALEX-ON-ONE');
			expect(html).toContain('SAM-ON-TWO');
		}
	});

	it('conflicting draws from the two processes: exactly one applies', async () => {
		for (let round = 0; round < 5; round++) {
			const { a, b } = await couple(one.url);
			const id = await startTalk(one.url, a.cookie);
			const alex = new TalkClient(one.url, a.cookie, id);
			const sam = new TalkClient(two.url, b.cookie, id);
			await Promise.all([alex.connect(), sam.connect()]);
			const answers = await Promise.all([alex.send('talk:draw'), sam.send('talk:draw')]);
			expect(answers.filter((x) => x.ok)).toHaveLength(1);
			expect(answers.find((x) => !x.ok)).toMatchObject({ ok: false, error: { code: 'conflict' } });
			expect(await seqs(id)).toEqual([1, 2]);
			alex.close();
			sam.close();
		}
	});

	it('a client id retried through the other process is applied once', async () => {
		const { a, b } = await couple(one.url);
		const id = await startTalk(one.url, a.cookie);
		const onOne = new TalkClient(one.url, b.cookie, id);
		const onTwo = new TalkClient(two.url, b.cookie, id);
		await Promise.all([onOne.connect(), onTwo.connect()]);
		const retried = clientId();
		const answers = await Promise.all([
			onOne.send('talk:deeper', {}, retried),
			...Array.from({ length: 20 }, (_, i) =>
				(i % 2 ? onOne : onTwo).send('talk:deeper', {}, retried)
			)
		]);
		expect(answers.every((x) => x.ok)).toBe(true);
		const events = new Set(answers.map((x) => (x.ok ? x.data.event.seq : 0)));
		expect([...events]).toEqual([2]);
		expect(answers.filter((x) => x.ok && !x.data.duplicate)).toHaveLength(1);
		expect(await seqs(id)).toEqual([1, 2]);
		onOne.close();
		onTwo.close();
	});

	it('presence: the room hears a partner on the other process arrive and leave', async () => {
		const { a, b } = await couple(one.url);
		const id = await startTalk(one.url, a.cookie);
		const alexSocket = connectSocket(one.url, { cookie: a.cookie });
		const samSocket = connectSocket(two.url, { cookie: b.cookie });
		await Promise.all([connected(alexSocket), connected(samSocket)]);
		const heard = nextEvent<{ userId: string; state: string }>(alexSocket, 'talk:presence');
		const answer = await request(samSocket, 'talk:presence', {
			conversationId: id,
			state: 'here'
		});
		expect(answer.ok).toBe(true);
		expect(await heard).toMatchObject({ state: 'here' });
		const offline = nextEvent<{ state: string }>(alexSocket, 'talk:presence');
		samSocket.close();
		expect(await offline).toMatchObject({ state: 'offline' });
		alexSocket.close();
	});

	it('log-in back-off is counted in the database: failures on one process hold on the other', async () => {
		const { a } = await couple(one.url);
		const guess = async (server: RunningServer) =>
			(await new HttpClient(server.url).login(a.email, 'not the password')).status;
		// Five wrong guesses are free, spread over both processes; the sixth starts a back-off…
		const outcomes = [];
		for (let i = 0; i < 6; i++) outcomes.push(await guess(i % 2 ? two : one));
		expect(outcomes).toEqual([400, 400, 400, 400, 400, 400]);
		// …that the other process keeps too: counted per process, each would allow five more.
		expect(await guess(two)).toBe(429);
		expect(await guess(one)).toBe(429);
	});

	it('one process SIGKILLed mid-talk and restarted: nothing acknowledged is lost', async () => {
		const { a, b } = await couple(one.url);
		const id = await startTalk(one.url, a.cookie);
		const alex = new TalkClient(one.url, a.cookie, id);
		const sam = new TalkClient(two.url, b.cookie, id);
		await Promise.all([alex.connect(), sam.connect()]);
		const acknowledged: number[] = [];
		const sends = Array.from({ length: 30 }, (_, i) =>
			(i % 2 ? alex : sam)
				.send(i % 4 < 2 ? 'talk:deeper' : 'talk:withdraw-deeper')
				.then((x) => x.ok && acknowledged.push(x.data.event.seq))
				.catch(() => {})
		);
		await new Promise((r) => setTimeout(r, 30));
		const port = one.port;
		await one.kill();
		await Promise.all(sends);
		one = await startServer({ dbPath, port });
		alex.close();
		await alex.connect();
		await until(() => alex.state.lastSeq === sam.state.lastSeq);
		const stored = await seqs(id);
		// A gapless log that holds every acknowledged event.
		expect(stored).toEqual(stored.map((_, i) => i + 1));
		for (const seq of acknowledged) expect(stored).toContain(seq);
		alex.close();
		sam.close();
	});

	it('logout on one process disconnects that session’s sockets on the other', async () => {
		const { a } = await couple(one.url);
		const socket = connectSocket(two.url, { cookie: a.cookie });
		await connected(socket);
		const ended = nextEvent<{ reason: string }>(socket, 'session:ended');
		const gone = nextEvent<string>(socket, 'disconnect');
		await a.action('/logout', {});
		expect(await ended).toEqual({ reason: 'logout' });
		expect(await gone).toBe('io server disconnect');
	});
});
