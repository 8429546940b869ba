import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replay } from '../../src/lib/conversation/talk/reducer';
import { couple } from '../helpers/couple';
import { removeDb, startServer, type RunningServer } from '../helpers/server';
import { connectSocket, connected, nextEvent, request } from '../helpers/socket';
import { clientId, startTalk, TalkClient, until } from '../helpers/talk';

let server: RunningServer;

beforeAll(async () => {
	server = await startServer();
});
afterAll(async () => {
	await server?.stop();
	if (server) await removeDb(server.dbPath);
});

async function talkingCouple() {
	const { a, b } = await couple(server.url);
	const id = await startTalk(server.url, a.cookie);
	const alex = new TalkClient(server.url, a.cookie, id);
	const sam = new TalkClient(server.url, b.cookie, id);
	await Promise.all([alex.connect(), sam.connect()]);
	return { a, b, id, alex, sam };
}

describe('a live talk between two real clients', () => {
	it('the partner is invited live when a talk starts', async () => {
		const { a, b } = await couple(server.url);
		const samSocket = connectSocket(server.url, { cookie: b.cookie });
		await connected(samSocket);
		const invited = nextEvent<{ conversationId: string; byName: string }>(
			samSocket,
			'talk:invited'
		);
		const id = await startTalk(server.url, a.cookie);
		expect(await invited).toEqual({ conversationId: id, byName: a.name });
		// one live talk a couple: starting again returns the same talk
		expect(await startTalk(server.url, b.cookie)).toBe(id);
		samSocket.close();
	});

	it('a full round with one "Not quite" loop, seen identically by both', async () => {
		const { alex, sam, a } = await talkingCouple();
		const drawn = await alex.send('talk:draw');
		expect(drawn.ok).toBe(true);
		await until(() => sam.state.current !== null);
		const round = sam.state.rounds[0]!;
		expect(round.card.depth).toBe('light');
		// the one who drew opens the floor
		expect(round.turns[0]!.speakerId).toBe(
			alex.state.participants.find((p) => p.name === a.name)!.id
		);
		const speaker = round.turns[0]!.speakerId === alex.state.participants[0]!.id ? alex : sam;
		const listener = speaker === alex ? sam : alex;

		// Only the speaker answers; only the listener reflects; only the speaker confirms.
		expect(await listener.send('talk:answer', { text: 'me first', aloud: false })).toMatchObject({
			ok: false,
			error: { code: 'conflict' }
		});
		expect(
			(
				await speaker.send('talk:answer', {
					text: 'The walk by the river, because we talked.',
					aloud: false
				})
			).ok
		).toBe(true);
		expect(await speaker.send('talk:reflect', { text: 'x', feelings: [] })).toMatchObject({
			ok: false,
			error: { code: 'conflict' }
		});
		expect(
			(await listener.send('talk:reflect', { text: 'You liked the walk.', feelings: ['glad'] })).ok
		).toBe(true);
		expect(
			(
				await speaker.send('talk:not-quite', {
					clarification: 'It was the talking, more than the walk.'
				})
			).ok
		).toBe(true);
		expect(
			(
				await listener.send('talk:reflect', {
					text: 'What mattered was that we talked.',
					feelings: ['glad', 'close']
				})
			).ok
		).toBe(true);
		expect(await listener.send('talk:confirm')).toMatchObject({
			ok: false,
			error: { code: 'conflict' }
		});
		expect((await speaker.send('talk:confirm')).ok).toBe(true);

		await until(() => alex.state.lastSeq === sam.state.lastSeq && alex.state.lastSeq === 7);
		expect(alex.state).toEqual(sam.state);
		const turn = alex.state.rounds[0]!.turns[0]!;
		expect(turn.reflections.map((r) => r.verdict)).toEqual(['not-quite', 'confirmed']);
		expect(turn.reflections[0]!.clarification).toBe('It was the talking, more than the walk.');
		expect(turn.reflections[1]!.feelings).toEqual(['glad', 'close']);
	});

	it('conflicting draws at the same moment: exactly one applies, the other gets conflict', async () => {
		const { alex, sam } = await talkingCouple();
		const [one, two] = await Promise.all([alex.send('talk:draw'), sam.send('talk:draw')]);
		const oks = [one, two].filter((r) => r.ok);
		const conflicts = [one, two].filter((r) => !r.ok);
		expect(oks).toHaveLength(1);
		expect(conflicts).toHaveLength(1);
		expect(conflicts[0]).toMatchObject({ ok: false, error: { code: 'conflict' } });
		await Promise.all([alex.sync(), sam.sync()]);
		expect(alex.state.rounds).toHaveLength(1);
		expect(sam.state).toEqual(alex.state);
	});

	it('an intent retried with the same id is applied once', async () => {
		const { alex } = await talkingCouple();
		const id = clientId();
		const first = await alex.send('talk:deeper', {}, id);
		const again = await alex.send('talk:deeper', {}, id);
		expect(first.ok && again.ok).toBe(true);
		if (first.ok && again.ok) {
			expect(again.data.duplicate).toBe(true);
			expect(again.data.event.seq).toBe(first.data.event.seq);
		}
		const { events } = await alex.sync().then(() => ({ events: alex.seen }));
		expect(events.filter((e) => e.type === 'depth.deeper')).toHaveLength(1);
	});

	it('"Go deeper" moves the depth only when both asked; either alone goes lighter', async () => {
		const { alex, sam } = await talkingCouple();
		await alex.send('talk:deeper');
		await until(() => sam.state.deeperVotes.length === 1);
		expect(sam.state.depth).toBe('light');
		await sam.send('talk:deeper');
		await until(() => alex.state.depth === 'personal');
		const drawn = await alex.send('talk:draw');
		expect(
			drawn.ok && drawn.data.event.type === 'card.drawn' && drawn.data.event.data.card.depth
		).toBe('personal');
		await sam.send('talk:not-ready', { scope: 'card' });
		await sam.send('talk:lighter');
		await until(() => alex.state.depth === 'light');
	});

	it('"Not ready yet" on a card sets it aside for that person and ends the round; on the talk it pauses', async () => {
		const { alex, sam } = await talkingCouple();
		await alex.send('talk:draw');
		const notReady = await sam.send('talk:not-ready', { scope: 'card' });
		expect(notReady.ok).toBe(true);
		await until(() => alex.state.current === null && alex.state.rounds.length === 1);
		// The card rests for both; only Sam's own copy says whose "not yet" it was.
		expect(alex.state.rounds[0]).toMatchObject({ setAside: true, setAsideBy: null });
		expect(sam.state.rounds[0]!.setAsideBy).toBe(
			sam.state.participants.find((p) => p.name.startsWith('Sam'))!.id
		);
		expect((await alex.send('talk:draw')).ok).toBe(true);

		expect((await alex.send('talk:not-ready', { scope: 'talk' })).ok).toBe(true);
		await until(() => sam.state.status === 'paused');
		// Alex's pause is Alex's: Sam can neither pick it up again nor end it for them.
		for (const name of ['talk:draw', 'talk:resume', 'talk:end'])
			expect(await sam.send(name)).toMatchObject({ ok: false, error: { code: 'conflict' } });
		expect(sam.state.status).toBe('paused');
		expect((await alex.send('talk:resume')).ok).toBe(true);
		await until(() => sam.state.status === 'active');
		expect((await sam.send('talk:end')).ok).toBe(true);
		await until(() => alex.state.status === 'ended');
		expect(await alex.send('talk:draw')).toMatchObject({ ok: false, error: { code: 'conflict' } });
	});

	it('a client dropped mid-round misses nothing when it reconnects', async () => {
		const { alex, sam } = await talkingCouple();
		await alex.send('talk:draw');
		await until(() => sam.state.current !== null);
		sam.close();
		const speaker =
			alex.state.rounds[0]!.turns[0]!.speakerId === alex.state.participants[0]!.id ? alex : null;
		if (speaker) await alex.send('talk:answer', { text: 'said while Sam was away', aloud: false });
		else
			await alex
				.send('talk:go-first')
				.then(() => alex.send('talk:answer', { text: 'said while Sam was away', aloud: false }));
		await alex.send('talk:deeper');
		await sam.connect();
		expect(sam.state).toEqual(alex.state);
		expect(sam.state.rounds[0]!.turns[0]!.answer?.text).toBe('said while Sam was away');
	});

	it('the log replays to the same state the clients built incrementally', async () => {
		const { alex, sam } = await talkingCouple();
		await alex.send('talk:opening', {
			line: (await import('../../src/lib/deck/phrases')).OPENING_LINES[0]
		});
		await alex.send('talk:draw');
		await sam.send('talk:not-ready', { scope: 'card' });
		await until(() => alex.state.lastSeq === sam.state.lastSeq && alex.state.lastSeq === 4);
		const fresh = await sam.sync();
		expect(fresh.lastSeq).toBe(4);
		expect(replay(alex.seen)).toEqual(alex.state);
		const seqs = alex.seen.map((e) => e.seq);
		expect(seqs).toEqual([1, 2, 3, 4]);
	});
});

describe('bad input to talk events', () => {
	it('answers malformed payloads with typed errors and keeps serving', async () => {
		const { alex, a } = await talkingCouple();
		const socket = alex.socket;
		const cases: [string, unknown][] = [
			['talk:draw', { conversationId: 'nope', clientId: clientId() }],
			['talk:draw', { conversationId: alex.conversationId }],
			[
				'talk:answer',
				{
					conversationId: alex.conversationId,
					clientId: clientId(),
					text: 'x'.repeat(6000),
					aloud: false
				}
			],
			[
				'talk:reflect',
				{
					conversationId: alex.conversationId,
					clientId: clientId(),
					text: 'ok',
					feelings: ['not-a-feeling']
				}
			],
			[
				'talk:not-ready',
				{ conversationId: alex.conversationId, clientId: clientId(), scope: 'forever' }
			],
			['conversation:sync', { conversationId: alex.conversationId, kind: 'live', afterSeq: -1 }],
			[
				'talk:draw',
				{ conversationId: alex.conversationId, clientId: clientId(), cardId: '../../etc/passwd' }
			]
		];
		for (const [name, payload] of cases) {
			const answer = await request(socket, name, payload);
			expect(answer).toMatchObject({ ok: false, error: { code: 'invalid' } });
		}
		const unknownCard = await alex.send('talk:draw', { cardId: 'no-such-card' });
		expect(unknownCard).toMatchObject({ ok: false, error: { code: 'not_found' } });
		expect((await alex.send('talk:draw')).ok).toBe(true);
		void a;
	});
});
