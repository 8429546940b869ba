/**
 * The fault suite: 50 couples in live talks, each client sending 5 intents a second, while faults
 * are injected — transports dropped, clients destroyed and recreated from their stored position
 * (a page reload), and the server SIGKILLed and restarted on the same database file three times.
 *
 * Each client is the browser's own sync engine (src/lib/conversation/sync.ts) on a real socket:
 * intents wait in an outbox ("local storage") until acknowledged and are re-sent with the same
 * clientId after reconnecting; events are applied in seq order; a gap or a (re)connect asks
 * `conversation:sync` for what is missing. No periodic sync: a client learns only through the
 * protocol's own paths.
 *
 * It passes only if every acknowledged event is stored exactly once (with the seq it was
 * acknowledged with), each conversation's seqs have no gap, every client ends having seen every
 * event of its conversation (identical to the stored rows), no server error was logged, and
 * the database's own integrity check is ok (SQLite's integrity_check; on PostgreSQL, amcheck over
 * every table and index).
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryOutbox } from '../../src/lib/conversation/outbox';
import { ConversationSync, socketTransport } from '../../src/lib/conversation/sync';
import { talkKind } from '../../src/lib/conversation/talk/kind';
import {
	currentRound,
	currentTurn,
	phaseOf,
	type TalkState
} from '../../src/lib/conversation/talk/reducer';
import type { TalkEvent } from '../../src/lib/conversation/talk/types';
import { couple } from '../helpers/couple';
import { inspect, integrityOf } from '../helpers/database';
import { removeDb, startServer, tempDbPath, type RunningServer } from '../helpers/server';
import { mulberry32 } from '../../src/lib/server/deck/picker';
import { startTalk } from '../helpers/talk';

const COUPLES = 50;
const PER_CLIENT_PER_SECOND = 5;
const LOAD_MS = 24_000;
const KILLS_AT_MS = [5_000, 11_000, 17_000];
const DROP_EVERY_MS = 600;
const RELOAD_EVERY_MS = 900;
const ACK_TIMEOUT_MS = 4_000;
const SETTLE_MS = 25_000;

// The suite's choices are seeded (the picker's own PRNG); only the machine's timing varies.
const seeded = mulberry32;
const random = seeded(20_240_601);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Acked = {
	conversationId: string;
	actorId: string;
	clientId: string;
	seq: number;
	type: string;
	duplicate: boolean;
};

/** What a browser keeps across a reload: what it had seen, and its unacknowledged intents. */
type Stored = { seen: TalkEvent[]; outbox: ReturnType<typeof memoryOutbox> };

const acked: Acked[] = [];
const refused = new Map<string, number>();
const counts = { drops: 0, reloads: 0, kills: 0, connects: 0, retries: 0, duplicates: 0 };

class FaultClient {
	socket: Socket;
	engine: ConversationSync<TalkState, TalkEvent>;
	destroyed = false;
	#detach: () => void;

	constructor(
		readonly url: () => string,
		readonly cookie: string,
		readonly userId: string,
		readonly conversationId: string,
		readonly stored: Stored
	) {
		this.socket = io(url(), {
			transports: ['websocket'],
			forceNew: true,
			reconnectionDelay: 100,
			reconnectionDelayMax: 400,
			extraHeaders: { cookie, origin: url() }
		});
		this.socket.on('connect', () => counts.connects++);
		// The browser's own engine, seeded with what this device had seen (as a reloaded page is
		// seeded with the events its load returned) and the outbox it kept in storage.
		this.engine = new ConversationSync(
			talkKind,
			conversationId,
			userId,
			stored.seen,
			stored.outbox,
			{
				applied: (event) => stored.seen.push(event),
				acknowledged: (intent, event, duplicate) => {
					if (duplicate) counts.duplicates++;
					acked.push({
						conversationId,
						actorId: userId,
						clientId: intent.payload.clientId,
						seq: event.seq,
						type: event.type,
						duplicate
					});
				},
				refused: (_message, code) => refused.set(code, (refused.get(code) ?? 0) + 1)
			}
		);
		const transport = socketTransport(this.socket as never, ACK_TIMEOUT_MS);
		this.#detach = this.engine.attach({
			...transport,
			get connected() {
				return transport.connected;
			},
			request: async (name, payload) => {
				const answer = await transport.request(name, payload);
				if (!answer.ok && answer.error.code === 'timeout') counts.retries++;
				return answer;
			}
		});
	}

	get connected() {
		return this.socket.connected;
	}

	get state() {
		return this.engine.state;
	}

	send(name: string, fields: Record<string, unknown> = {}) {
		this.engine.send(name, fields);
	}

	/** One tick of a person at 5 intents a second: what makes sense now, given what they see. */
	tick() {
		if (this.destroyed || !this.socket.connected) return;
		if (this.engine.pending.length) {
			void this.engine.flush(); // a retry after an ack that never came
			return;
		}
		const state = this.engine.state;
		const me = this.userId;
		// Only the one who paused picks the talk up again; the partner waits.
		if (state.status === 'paused')
			return state.pausedBy === me ? this.send('talk:resume') : undefined;
		if (state.status !== 'active') return;
		const round = currentRound(state);
		const turn = currentTurn(state);
		const phase = turn ? phaseOf(turn) : null;
		const drawer = state.participants[state.rounds.length % 2]?.id;
		if ((!round || phase === 'complete') && drawer === me) return this.send('talk:draw');
		if (turn && phase === 'answering' && turn.speakerId === me)
			return this.send('talk:answer', {
				text: `Answer ${state.lastSeq}: ${'what stayed with me this week was the quiet evening. '.repeat(5)}`,
				aloud: random() < 0.1
			});
		if (turn && phase === 'reflecting' && turn.listenerId === me)
			return this.send('talk:reflect', {
				text: `What I heard (${state.lastSeq}): the quiet evening mattered to you.`,
				feelings: [pick(['glad', 'calm', 'tender', 'hopeful'])],
				needs: random() < 0.5 ? [pick(['rest', 'closeness', 'to be heard'])] : []
			});
		if (turn && phase === 'confirming' && turn.speakerId === me)
			return random() < 0.8
				? this.send('talk:confirm')
				: this.send('talk:not-quite', { clarification: 'More the quiet than the evening.' });
		// Not this person's move: the things either partner may do at any moment.
		const roll = random();
		if (roll < 0.03) return this.send('talk:not-ready', { scope: 'talk' });
		if (roll < 0.1 && round && phase !== 'complete')
			return this.send('talk:not-ready', { scope: 'card' });
		if (state.depth !== 'light') return this.send('talk:lighter');
		if (!state.deeperVotes.includes(me)) return this.send('talk:deeper');
		// Asked to go deeper already: this tick asks for nothing.
	}

	destroy() {
		this.destroyed = true;
		this.#detach();
		this.socket.removeAllListeners();
		this.socket.disconnect();
	}
}

const servers: RunningServer[] = [];
const dbPath = tempDbPath('fault-suite');

afterAll(async () => {
	for (const server of servers) await server.stop();
	await removeDb(dbPath);
});

describe('fault suite: drops, reloads and SIGKILLs under load', () => {
	it(
		'every acknowledged event stored exactly once, no gap, every client sees everything',
		{ timeout: 120_000 },
		async () => {
			let server = await startServer({ dbPath });
			servers.push(server);
			const port = server.port;
			const url = () => server.url;
			let serverLog = '';

			// 50 couples made the way people do it (signup, invite, join), each in a live talk.
			const made: Awaited<ReturnType<typeof couple>>[] = [];
			for (let i = 0; i < COUPLES; i += 10) {
				made.push(
					...(await Promise.all(
						Array.from({ length: Math.min(10, COUPLES - i) }, () => couple(server.url))
					))
				);
			}
			const whoami = async (cookie: string) => {
				const socket = io(server.url, {
					transports: ['websocket'],
					forceNew: true,
					reconnection: false,
					extraHeaders: { cookie, origin: server.url }
				});
				const answer = (await socket.timeout(5000).emitWithAck('session:whoami', {})) as {
					ok: true;
					data: { userId: string };
				};
				socket.close();
				return answer.data.userId;
			};
			const clients: FaultClient[] = [];
			const conversations: string[] = [];
			await Promise.all(
				made.map(async ({ a, b }) => {
					const conversationId = await startTalk(server.url, a.cookie);
					conversations.push(conversationId);
					for (const person of [a, b]) {
						const userId = await whoami(person.cookie);
						const stored: Stored = { seen: [], outbox: memoryOutbox() };
						clients.push(new FaultClient(url, person.cookie, userId, conversationId, stored));
					}
				})
			);
			const replace = (index: number) => {
				const old = clients[index]!;
				old.destroy();
				clients[index] = new FaultClient(
					url,
					old.cookie,
					old.userId,
					old.conversationId,
					old.stored
				);
			};

			// ── load, with faults ────────────────────────────────────────────────────────────
			const started = Date.now();
			const tickers = clients.map((_, index) => {
				const every = 1000 / PER_CLIENT_PER_SECOND;
				let timer: NodeJS.Timeout;
				const loop = () => {
					clients[index]!.tick();
					timer = setTimeout(loop, every * (0.5 + random()));
				};
				timer = setTimeout(loop, random() * every);
				return () => clearTimeout(timer);
			});
			const drops = setInterval(() => {
				const client = pick(clients);
				if (!client.connected) return;
				counts.drops++;
				const engine = client.socket.io.engine as unknown as {
					close(): void;
					transport?: { ws?: { _socket?: { destroy(): void } } };
				};
				// Half the time a clean close of the transport, half the time the TCP socket dies.
				const raw = engine.transport?.ws?._socket;
				if (raw && random() < 0.5) raw.destroy();
				else engine.close();
			}, DROP_EVERY_MS);
			const reloads = setInterval(() => {
				counts.reloads++;
				replace(Math.floor(random() * clients.length));
			}, RELOAD_EVERY_MS);

			const aliveAtKill: boolean[] = [];
			for (const at of KILLS_AT_MS) {
				await sleep(Math.max(0, started + at - Date.now()));
				aliveAtKill.push(server.process.exitCode === null && server.process.signalCode === null);
				serverLog += server.output();
				await server.kill();
				counts.kills++;
				server = await startServer({ dbPath, port });
				servers.push(server);
			}
			await sleep(Math.max(0, started + LOAD_MS - Date.now()));
			for (const stop of tickers) stop();
			clearInterval(drops);
			clearInterval(reloads);

			// ── settle: every outbox empties, every client catches up by the protocol alone ────
			const reader = await inspect(dbPath);
			const lastSeqOf = async (conversationId: string) =>
				(await reader.get<{ lastSeq: number }>(
					'select last_seq as "lastSeq" from conversations where id = ?',
					conversationId
				))!.lastSeq;
			const settledBy = Date.now() + SETTLE_MS;
			const behind = async () => {
				const late: FaultClient[] = [];
				for (const c of clients)
					if (
						!c.connected ||
						c.engine.pending.length > 0 ||
						c.engine.state.lastSeq !== (await lastSeqOf(c.conversationId))
					)
						late.push(c);
				return late;
			};
			while ((await behind()).length && Date.now() < settledBy) {
				for (const client of clients) if (client.engine.pending.length) void client.engine.flush();
				await sleep(100);
			}
			const stragglers = (await behind()).map((c) => ({
				conversationId: c.conversationId,
				connected: c.connected,
				outbox: c.engine.pending.length,
				lastSeq: c.engine.state.lastSeq
			}));
			await reader.close();
			for (const client of clients) client.destroy();
			serverLog += server.output();
			await server.stop();

			// ── what is stored ───────────────────────────────────────────────────────────────
			type Row = {
				seq: number;
				type: string;
				actorId: string | null;
				clientId: string | null;
				payload: string;
				at: number;
			};
			const db = await inspect(dbPath);
			const integrity = await integrityOf(db);
			const rowsOf = (conversationId: string) =>
				db.all<Row>(
					'select seq, type, actor_id as "actorId", client_id as "clientId", payload, created_at as at from events where conversation_id = ? order by seq',
					conversationId
				);
			const lastSeqStored = async (conversationId: string) =>
				(await db.get<{ lastSeq: number }>(
					'select last_seq as "lastSeq" from conversations where id = ?',
					conversationId
				))!.lastSeq;
			const doubled = (await db.get<{ n: number }>(
				'select count(*) as n from (select 1 from events where client_id is not null group by conversation_id, actor_id, client_id having count(*) > 1) as twice'
			))!;
			const rows = new Map<string, Row[]>();
			const lastSeqs = new Map<string, number>();
			for (const id of conversations) {
				rows.set(id, await rowsOf(id));
				lastSeqs.set(id, await lastSeqStored(id));
			}
			await db.close();

			const total = [...rows.values()].reduce((s, r) => s + r.length, 0);
			console.log(
				`fault suite: ${acked.length} acknowledgements (${counts.duplicates} duplicates of a retried intent), ` +
					`${total} events stored in ${conversations.length} talks; ${counts.kills} SIGKILLs, ${counts.drops} transport drops, ` +
					`${counts.reloads} reloads, ${counts.connects} connects, ${counts.retries} unacknowledged sends retried; ` +
					`refused: ${JSON.stringify(Object.fromEntries(refused))}`
			);

			// The load was real: thousands of events went through, retries and faults included.
			expect(counts.kills).toBe(3);
			expect(aliveAtKill).toEqual([true, true, true]); // it never fell over by itself
			expect(acked.length).toBeGreaterThan(1000);
			expect(stragglers).toEqual([]);
			expect(integrity).toBe('ok');
			expect(serverLog).not.toMatch(/unexpected error/);

			// Each conversation: seqs 1..n without a gap, and lastSeq agrees.
			for (const [id, list] of rows) {
				expect(list.map((r) => r.seq)).toEqual(list.map((_, i) => i + 1));
				expect(lastSeqs.get(id)).toBe(list.length);
			}
			// Every acknowledged event is stored exactly once, with the seq and type it was acknowledged
			// with; a retried intent acknowledged twice names the same event both times.
			expect(doubled.n).toBe(0);
			for (const ack of acked) {
				const matches = rows
					.get(ack.conversationId)!
					.filter((r) => r.actorId === ack.actorId && r.clientId === ack.clientId);
				expect(matches, JSON.stringify(ack)).toHaveLength(1);
				expect({ seq: matches[0]!.seq, type: matches[0]!.type }).toEqual({
					seq: ack.seq,
					type: ack.type
				});
			}
			// And nothing was stored that nobody asked for: each stored intent (all but the talks'
			// opening events) was acknowledged to the client that sent it — its outbox kept it until then.
			const ackedKeys = new Set(acked.map((a) => `${a.conversationId} ${a.actorId} ${a.clientId}`));
			const unacknowledged = [...rows].flatMap(([id, list]) =>
				list
					.filter((r) => r.type !== 'talk.started')
					.filter((r) => !ackedKeys.has(`${id} ${r.actorId} ${r.clientId}`))
					.map((r) => ({ conversationId: id, seq: r.seq, type: r.type }))
			);
			expect(unacknowledged).toEqual([]);
			// Every client ends having seen every event of its conversation, exactly as stored — but
			// for a partner's set-aside, whose copy does not say who set it aside.
			for (const client of clients) {
				const stored = rows.get(client.conversationId)!.map((r) => ({
					seq: r.seq,
					type: r.type,
					actorId: r.type === 'card.set-aside' && r.actorId !== client.userId ? null : r.actorId,
					at: r.at,
					data: JSON.parse(r.payload)
				}));
				expect(client.stored.seen).toEqual(stored);
			}
		}
	);
});
