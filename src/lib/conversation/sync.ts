/**
 * The browser's sync engine for one conversation, in plain TypeScript: the socket and the storage
 * are handed in, so tests drive the very code the browser runs.
 *
 * - Events are applied strictly in sequence order; a gap asks the server for what is missing.
 * - Every (re)connect catches up from the last seq held, then re-sends the outbox.
 * - Intents wait in the outbox (kept in storage) until acknowledged and are re-sent with the same
 *   client id, so the server applies each at most once.
 * - An intent that has never been put on the wire can still be withdrawn (to be changed and sent
 *   again, or not at all); once sent, it can only be re-sent (the server may already hold it).
 * - When earlier events become more visible (a card's answers revealed), the log is read again.
 */
import type { KindName, LoggedEvent, Replay } from './kind';
import type { OutboxStorage, PendingIntent } from './outbox';
import { newClientId } from './outbox';

export type SyncAck =
	{ ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };

/** What the engine needs of a socket. `request` resolves with a timeout error when unanswered. */
export interface SyncTransport {
	readonly connected: boolean;
	request(name: string, payload: unknown): Promise<SyncAck>;
	on(event: 'conversation:event', listener: (info: EventNotice) => void): void;
	on(event: 'connect', listener: () => void): void;
	off(event: 'conversation:event', listener: (info: EventNotice) => void): void;
	off(event: 'connect', listener: () => void): void;
}

export type EventNotice = { conversationId: string; event: LoggedEvent };

export interface SyncHooks<E> {
	/** The state or the outbox changed. */
	changed?: () => void;
	/** The server refused an intent (the partner got there first…): a calm line to show. */
	refused?: (message: string, code: string) => void;
	/** An event was applied (in seq order). */
	applied?: (event: E) => void;
	/** The server acknowledged one of this device's intents with its event. */
	acknowledged?: (intent: PendingIntent, event: E, duplicate: boolean) => void;
	/** Caught up after a (re)connect: the place to announce presence. */
	resumed?: () => void;
}

const TIMEOUT = 'timeout';
/** How long to wait before re-sending an intent the server asked us to slow down for. */
const RATE_LIMIT_PAUSE_MS = 1000;

export class ConversationSync<S extends { lastSeq: number }, E extends LoggedEvent> {
	state: S;
	pending: PendingIntent[];

	#transport: SyncTransport | null = null;
	#syncing: Promise<void> | null = null;
	#flushing = false;
	#retryTimer: ReturnType<typeof setTimeout> | null = null;

	constructor(
		readonly kind: Replay<S, E>,
		readonly conversationId: string,
		readonly userId: string,
		events: readonly E[],
		readonly storage: OutboxStorage,
		readonly hooks: SyncHooks<E> = {}
	) {
		this.state = events.reduce(kind.apply, kind.initial());
		this.pending = storage.load(conversationId);
	}

	get kindName(): KindName {
		return this.kind.name;
	}

	/** Connects to a transport; returns a function that detaches from it. */
	attach(transport: SyncTransport): () => void {
		this.#transport = transport;
		const onEvent = (info: EventNotice) => {
			if (info.conversationId === this.conversationId) this.receive(info.event as E);
		};
		const onConnect = () => void this.resume();
		transport.on('conversation:event', onEvent);
		transport.on('connect', onConnect);
		if (transport.connected) void this.resume();
		return () => {
			transport.off('conversation:event', onEvent);
			transport.off('connect', onConnect);
			if (this.#retryTimer) clearTimeout(this.#retryTimer);
			this.#retryTimer = null;
			this.#transport = null;
		};
	}

	receive(event: E) {
		if (event.seq <= this.state.lastSeq) return;
		if (event.seq !== this.state.lastSeq + 1) {
			void this.sync(); // a gap: fetch what is missing, in order
			return;
		}
		const before = this.kind.revealKey(this.state);
		this.state = this.kind.apply(this.state, event);
		this.hooks.changed?.();
		this.hooks.applied?.(event);
		if (this.kind.revealKey(this.state) !== before) void this.sync(true);
	}

	/** Asks the server for every event after the last one held (or the whole log again). */
	sync(fromStart = false): Promise<void> {
		const transport = this.#transport;
		if (!transport?.connected) return Promise.resolve();
		const run = async () => {
			const answer = await transport.request('conversation:sync', {
				conversationId: this.conversationId,
				kind: this.kind.name,
				afterSeq: fromStart ? 0 : this.state.lastSeq
			});
			if (!answer.ok) return; // no answer: the next reconnect syncs again
			const { events } = answer.data as { events: E[] };
			if (this.#transport !== transport) return; // detached meanwhile
			if (fromStart) {
				this.state = events.reduce(this.kind.apply, this.kind.initial());
				this.hooks.changed?.();
			} else for (const event of events) this.receive(event);
		};
		// A full re-read waits for a catch-up under way, then runs on its own.
		if (fromStart) return (this.#syncing ?? Promise.resolve()).then(run);
		this.#syncing ??= run().finally(() => (this.#syncing = null));
		return this.#syncing;
	}

	async resume() {
		await this.sync();
		this.hooks.resumed?.();
		await this.flush();
	}

	/**
	 * Sends an intent; it stays in the outbox until the server has acknowledged it. Returns its
	 * client id, by which it can be withdrawn while it still waits.
	 */
	send(name: string, fields: Record<string, unknown> = {}): string {
		const clientId = newClientId();
		const intent: PendingIntent = {
			name,
			payload: { conversationId: this.conversationId, clientId, ...fields }
		};
		this.#setPending([...this.pending, intent]);
		void this.flush();
		return clientId;
	}

	/** Whether this intent still waits in the outbox and has never been put on the wire. */
	canRevise(clientId: string): boolean {
		const intent = this.pending.find((p) => p.payload.clientId === clientId);
		return !!intent && !intent.sent;
	}

	/**
	 * Takes back an intent that has not been sent yet. Returns it, or null when it is no longer
	 * the device's to take back (sent, or already acknowledged).
	 */
	withdraw(clientId: string): PendingIntent | null {
		if (!this.canRevise(clientId)) return null;
		const intent = this.pending.find((p) => p.payload.clientId === clientId)!;
		this.#setPending(this.pending.filter((p) => p !== intent));
		return intent;
	}

	async flush() {
		if (this.#flushing) return;
		this.#flushing = true;
		try {
			const transport = this.#transport;
			while (this.pending.length && transport?.connected && this.#transport === transport) {
				let intent = this.pending[0]!;
				if (!intent.sent) {
					// Marked (and stored) before it goes: from now on the server may hold it.
					intent = { ...intent, sent: true };
					this.#setPending([intent, ...this.pending.slice(1)]);
				}
				const answer = await transport.request(intent.name, intent.payload);
				// Detached meanwhile (the page went away): its successor owns the outbox now.
				if (this.#transport !== transport) return;
				if (!answer.ok && answer.error.code === TIMEOUT) return; // kept; re-sent on reconnect
				if (!answer.ok && answer.error.code === 'rate_limited') {
					// Asked to slow down: keep it, and send it again (same id) in a moment.
					this.#retryTimer ??= setTimeout(() => {
						this.#retryTimer = null;
						void this.flush();
					}, RATE_LIMIT_PAUSE_MS);
					return;
				}
				const clientId = intent.payload.clientId;
				this.#setPending(this.pending.filter((p) => p.payload.clientId !== clientId));
				if (answer.ok) {
					const { event, duplicate } = answer.data as { event: E; duplicate: boolean };
					this.hooks.acknowledged?.(intent, event, duplicate);
					this.receive(event);
				} else {
					// Refused (the partner got there first, or the moment passed): show the truth.
					this.hooks.refused?.(answer.error.message, answer.error.code);
					await this.sync();
				}
			}
		} finally {
			this.#flushing = false;
		}
	}

	isPending(name: string) {
		return this.pending.some((p) => p.name === name);
	}

	#setPending(pending: PendingIntent[]) {
		this.pending = pending;
		this.storage.save(this.conversationId, pending);
		this.hooks.changed?.();
	}
}

/** A Socket.io client socket as the engine's transport (the browser's, or a test's). */
export function socketTransport(
	socket: {
		readonly connected: boolean;
		timeout(ms: number): { emitWithAck(name: string, payload: unknown): Promise<unknown> };
		on(event: string, listener: (...args: never[]) => void): unknown;
		off(event: string, listener: (...args: never[]) => void): unknown;
	},
	ackTimeoutMs = 8000
): SyncTransport {
	return {
		get connected() {
			return socket.connected;
		},
		async request(name, payload) {
			try {
				return (await socket.timeout(ackTimeoutMs).emitWithAck(name, payload)) as SyncAck;
			} catch {
				return { ok: false, error: { code: TIMEOUT, message: 'No answer yet.' } };
			}
		},
		on: (event: string, listener: (...args: never[]) => void) => void socket.on(event, listener),
		off: (event: string, listener: (...args: never[]) => void) => void socket.off(event, listener)
	} as SyncTransport;
}
