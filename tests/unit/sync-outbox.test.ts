/**
 * The browser's sync engine, on a transport the test controls: what waits in the outbox can be
 * withdrawn until it is put on the wire, and never after.
 */
import { describe, expect, it } from 'vitest';
import { memoryOutbox } from '../../src/lib/conversation/outbox';
import {
	ConversationSync,
	type SyncAck,
	type SyncTransport
} from '../../src/lib/conversation/sync';
import { talkKind } from '../../src/lib/conversation/talk/kind';
import type { TalkEvent } from '../../src/lib/conversation/talk/types';

const CONVERSATION = '00000000-0000-4000-8000-000000000001';
const ME = 'u-me';

const started: TalkEvent = {
	seq: 1,
	actorId: ME,
	at: 1,
	type: 'talk.started',
	data: {
		participants: [
			{ id: ME, name: 'Alex' },
			{ id: 'u-partner', name: 'Sam' }
		],
		kind: 'live'
	}
};

/** A server in memory: each intent becomes the next event; `hold` keeps answers back. */
class FakeServer implements SyncTransport {
	connected = false;
	received: { name: string; payload: Record<string, unknown> }[] = [];
	lastSeq = 1;
	held: (() => void)[] = [];
	hold = false;
	#connect = new Set<() => void>();

	request(name: string, payload: unknown): Promise<SyncAck> {
		if (name === 'conversation:sync') return Promise.resolve({ ok: true, data: { events: [] } });
		this.received.push({ name, payload: payload as Record<string, unknown> });
		const answer = (): SyncAck => {
			this.lastSeq += 1;
			const event: TalkEvent = {
				seq: this.lastSeq,
				actorId: ME,
				at: this.lastSeq,
				type: 'talk.opening',
				data: { line: String((payload as { line?: string }).line ?? '') }
			};
			return { ok: true, data: { event, duplicate: false } };
		};
		if (!this.hold) return Promise.resolve(answer());
		return new Promise((resolve) => this.held.push(() => resolve(answer())));
	}
	on(event: string, listener: (...args: never[]) => void) {
		if (event === 'connect') this.#connect.add(listener as () => void);
	}
	off(event: string, listener: (...args: never[]) => void) {
		if (event === 'connect') this.#connect.delete(listener as () => void);
	}
	goOnline() {
		this.connected = true;
		for (const listener of this.#connect) listener();
	}
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function device(outbox = memoryOutbox()) {
	const server = new FakeServer();
	const engine = new ConversationSync(talkKind, CONVERSATION, ME, [started], outbox);
	engine.attach(server);
	return { server, engine, outbox };
}

describe('sync engine: the outbox while offline', () => {
	it('keeps what was sent offline, in order, and in storage, until it goes', async () => {
		const { server, engine, outbox } = device();
		const first = engine.send('talk:opening', { line: 'one' });
		const second = engine.send('talk:opening', { line: 'two' });
		expect(engine.pending.map((p) => p.payload.clientId)).toEqual([first, second]);
		expect(outbox.saved.get(CONVERSATION)).toHaveLength(2);
		expect(engine.canRevise(first)).toBe(true);

		server.goOnline();
		await settle();
		await settle();
		expect(server.received.map((r) => r.payload.line)).toEqual(['one', 'two']);
		expect(engine.pending).toEqual([]);
		expect(engine.state.lastSeq).toBe(3);
	});

	it('withdraws an intent never sent: it never reaches the server, even after a reload', async () => {
		const outbox = memoryOutbox();
		const { engine } = device(outbox);
		const kept = engine.send('talk:opening', { line: 'kept' });
		const taken = engine.send('talk:opening', { line: 'taken back' });
		expect(engine.withdraw(taken)?.payload.line).toBe('taken back');
		expect(engine.withdraw(taken)).toBeNull(); // once is all
		expect(engine.pending.map((p) => p.payload.clientId)).toEqual([kept]);

		// A reload: a new engine on the same stored outbox.
		const server = new FakeServer();
		const reloaded = new ConversationSync(talkKind, CONVERSATION, ME, [started], outbox);
		reloaded.attach(server);
		server.goOnline();
		await settle();
		await settle();
		expect(server.received.map((r) => r.payload.line)).toEqual(['kept']);
	});

	it('once on the wire, an intent can no longer be withdrawn, only re-sent', async () => {
		const outbox = memoryOutbox();
		const { server, engine } = device(outbox);
		server.hold = true;
		server.goOnline();
		const id = engine.send('talk:opening', { line: 'on its way' });
		await settle();
		expect(server.received).toHaveLength(1);
		expect(engine.canRevise(id)).toBe(false);
		expect(engine.withdraw(id)).toBeNull();
		// What was stored says so too, so a reload does not offer to take it back either.
		expect(outbox.saved.get(CONVERSATION)?.[0]?.sent).toBe(true);
		const reloaded = new ConversationSync(talkKind, CONVERSATION, ME, [started], outbox);
		expect(reloaded.canRevise(id)).toBe(false);

		server.held.shift()!();
		await settle();
		expect(engine.pending).toEqual([]);
		expect(engine.canRevise(id)).toBe(false);
	});
});
