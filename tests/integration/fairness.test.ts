/**
 * A noisy neighbour hurts no one: one socket bursting intents is slowed down at once and dropped
 * when it does not listen, another couple's intents are answered all along, a person cannot hold hundreds of sockets, and
 * the browser's own sync engine rides out being asked to slow down without losing or doubling a word.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryOutbox } from '../../src/lib/conversation/outbox';
import { ConversationSync, socketTransport } from '../../src/lib/conversation/sync';
import { talkKind } from '../../src/lib/conversation/talk/kind';
import { couple } from '../helpers/couple';
import { removeDb, startServer, type RunningServer } from '../helpers/server';
import { connectSocket, connected, request, type TestSocket } from '../helpers/socket';
import { clientId, startTalk, until } from '../helpers/talk';

let server: RunningServer;
const sockets: TestSocket[] = [];

beforeAll(async () => {
	server = await startServer();
});

afterAll(async () => {
	for (const socket of sockets) socket.close();
	await server.stop();
	await removeDb(server.dbPath);
});

async function open(cookie: string) {
	const socket = connectSocket(server.url, { cookie });
	sockets.push(socket);
	await connected(socket);
	return socket;
}

type Ack = { ok: boolean; error?: { code: string } };

describe('fairness', () => {
	it('a socket flooding 10,000 intents is slowed, then dropped; another couple is answered all along', async () => {
		const noisy = await couple(server.url);
		const quiet = await couple(server.url);
		const noisyTalk = await startTalk(server.url, noisy.a.cookie);
		const quietTalk = await startTalk(server.url, quiet.a.cookie);
		const noisySocket = await open(noisy.a.cookie);
		const quietSocket = await open(quiet.b.cookie);

		const noisyAcks: Ack[] = [];
		// A flood arrives as a network brings it: in chunks, without waiting for any answer. The other
		// couple, meanwhile, asks now and then as a person would.
		const quietAcks: Promise<Ack>[] = [];
		for (let i = 0; i < 10_000; i++) {
			if (noisySocket.connected)
				noisySocket.emit(
					i % 2 ? 'talk:lighter' : 'talk:deeper',
					{ conversationId: noisyTalk, clientId: clientId() },
					(ack: Ack) => {
						noisyAcks.push(ack);
					}
				);
			if (i % 500 === 250 && quietAcks.length < 5) {
				const n = quietAcks.length;
				quietAcks.push(
					request(quietSocket, n % 2 ? 'talk:lighter' : 'talk:deeper', {
						conversationId: quietTalk,
						clientId: clientId()
					}) as Promise<Ack>
				);
			}
			if (i % 250 === 249) await new Promise((r) => setTimeout(r, 1));
		}
		await until(() => !noisySocket.connected, 5000);
		const quietAnswers = await Promise.all(quietAcks);

		// Every quiet intent was answered by the rules themselves (applied, or "already so"), and
		// none was slowed down.
		const codes = quietAnswers.map((a) => a.error?.code ?? 'ok');
		expect(codes).toHaveLength(5);
		expect(codes[0]).toBe('ok');
		for (const code of codes) expect(['ok', 'conflict']).toContain(code);
		// The flood was told to slow down, ignored it, and was dropped: only a bucket's worth and a
		// hundred refusals were ever answered, and the socket is gone.
		const limited = noisyAcks.filter((a) => a.error?.code === 'rate_limited').length;
		expect(limited).toBe(100);
		expect(noisyAcks.length).toBeLessThan(200);
		expect(noisySocket.connected).toBe(false);
		expect(server.output()).not.toMatch(/unexpected error/);
	});

	it('a person may hold a handful of sockets, not hundreds', async () => {
		const { a } = await couple(server.url);
		const held: TestSocket[] = [];
		for (let i = 0; i < 16; i++) held.push(await open(a.cookie));
		const extra = connectSocket(server.url, { cookie: a.cookie });
		sockets.push(extra);
		await expect(connected(extra)).rejects.toThrow('too_many_connections');
		held[0]!.close();
		await new Promise((r) => setTimeout(r, 200));
		const again = await open(a.cookie);
		expect(again.connected).toBe(true);
		for (const socket of held) socket.close();
	});

	it('the sync engine waits when asked to slow down, and every intent is answered once', async () => {
		const { a } = await couple(server.url);
		const talk = await startTalk(server.url, a.cookie);
		const whoami = await open(a.cookie);
		const me = (await request<{ userId: string }>(whoami, 'session:whoami', {})) as {
			ok: true;
			data: { userId: string };
		};
		const socket = await open(a.cookie);
		const seenLimited: string[] = [];
		const answered = new Map<string, number>();
		const refusedCodes: string[] = [];
		const transport = socketTransport(socket as never);
		const engine = new ConversationSync(talkKind, talk, me.data.userId, [], memoryOutbox(), {
			acknowledged: (intent) =>
				answered.set(intent.payload.clientId, (answered.get(intent.payload.clientId) ?? 0) + 1),
			refused: (_message, code) => refusedCodes.push(code)
		});
		const detach = engine.attach({
			...transport,
			get connected() {
				return transport.connected;
			},
			request: async (name, payload) => {
				const answer = await transport.request(name, payload);
				if (!answer.ok && answer.error.code === 'rate_limited') seenLimited.push(name);
				return answer;
			}
		});
		const TOTAL = 60;
		for (let i = 0; i < TOTAL; i++) engine.send(i % 2 ? 'talk:lighter' : 'talk:deeper');
		await until(() => engine.pending.length === 0, 20_000);
		detach();
		expect(seenLimited.length).toBeGreaterThan(0); // it really was asked to slow down
		expect(refusedCodes).not.toContain('rate_limited'); // and the person never heard of it
		expect(answered.size + refusedCodes.length).toBe(TOTAL);
		expect([...answered.values()].every((n) => n === 1)).toBe(true);
	});
});
