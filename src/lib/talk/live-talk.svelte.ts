import type { TalkIntentName } from '$lib/realtime/intents';
import type { HearthClientSocket } from '$lib/realtime/connection.svelte';
import type { Ack } from '$lib/realtime/protocol';
import type { PresenceState } from '$lib/schemas/talk';
import { apply, initialState, replay, type TalkState } from './reducer';
import { loadOutbox, newClientId, saveOutbox, type PendingIntent } from './outbox';
import type { TalkEvent } from './types';

const ACK_TIMEOUT_MS = 8000;

type IntentAck = Ack<{ event: TalkEvent; duplicate: boolean }>;

/**
 * The browser's view of one talk. Events are applied strictly in sequence order; a gap, a
 * reconnect or a refused intent triggers a sync from the last seq held. Intents wait in an outbox
 * (local storage) until acknowledged and are re-sent with the same id after reconnecting.
 */
export class LiveTalk {
	state = $state.raw<TalkState>(initialState());
	pending = $state.raw<PendingIntent[]>([]);
	partnerPresence = $state<PresenceState>('offline');
	/** A gentle line about the last thing that did not go through, if any. */
	notice = $state<string | null>(null);
	/** The newest partner event, for the live region. */
	lastPartnerEvent = $state.raw<TalkEvent | null>(null);

	#socket: HearthClientSocket | null = null;
	#myPresence: PresenceState = 'here';
	#syncing: Promise<void> | null = null;
	#flushing = false;

	constructor(
		readonly conversationId: string,
		readonly userId: string,
		events: TalkEvent[]
	) {
		this.state = replay(events);
		if (typeof localStorage !== 'undefined') this.pending = loadOutbox(conversationId);
	}

	/** Connects this talk to the socket; returns a function that detaches it. */
	attach(socket: HearthClientSocket): () => void {
		this.#socket = socket;
		const onEvent = (info: { conversationId: string; event: TalkEvent }) => {
			if (info.conversationId === this.conversationId) this.receive(info.event);
		};
		const onPresence = (info: {
			conversationId: string;
			userId: string;
			state: PresenceState;
			hello?: boolean;
		}) => {
			if (info.conversationId !== this.conversationId || info.userId === this.userId) return;
			this.partnerPresence = info.state;
			if (info.hello) this.#announce(false);
		};
		const onConnect = () => void this.#resume();
		socket.on('talk:event', onEvent);
		socket.on('talk:presence', onPresence);
		socket.on('connect', onConnect);
		if (socket.connected) void this.#resume();
		return () => {
			socket.off('talk:event', onEvent);
			socket.off('talk:presence', onPresence);
			socket.off('connect', onConnect);
			this.#socket = null;
		};
	}

	receive(event: TalkEvent) {
		if (event.seq <= this.state.lastSeq) return;
		if (event.seq !== this.state.lastSeq + 1) {
			void this.sync(); // a gap: fetch what is missing, in order
			return;
		}
		this.state = apply(this.state, event);
		if (event.actorId && event.actorId !== this.userId) this.lastPartnerEvent = event;
	}

	/** Asks the server for every event after the last one held. */
	sync(): Promise<void> {
		const socket = this.#socket;
		if (!socket?.connected) return Promise.resolve();
		this.#syncing ??= (async () => {
			try {
				const answer = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('talk:sync', {
					conversationId: this.conversationId,
					afterSeq: this.state.lastSeq
				})) as Ack<{
					events: TalkEvent[];
				}>;
				if (answer.ok) for (const event of answer.data.events) this.receive(event);
			} catch {
				// No answer: the next reconnect syncs again.
			} finally {
				this.#syncing = null;
			}
		})();
		return this.#syncing;
	}

	async #resume() {
		await this.sync();
		this.#announce(true);
		await this.#flush();
	}

	/** Sends an intent; it stays in the outbox until the server has acknowledged it. */
	send(name: TalkIntentName, fields: Record<string, unknown> = {}) {
		const intent: PendingIntent = {
			name,
			payload: { conversationId: this.conversationId, clientId: newClientId(), ...fields }
		};
		this.notice = null;
		this.#setPending([...this.pending, intent]);
		void this.#flush();
	}

	async #flush() {
		if (this.#flushing) return;
		this.#flushing = true;
		try {
			while (this.pending.length && this.#socket?.connected) {
				const intent = this.pending[0]!;
				let answer: IntentAck;
				try {
					answer = (await (this.#socket as unknown as LooseSocket)
						.timeout(ACK_TIMEOUT_MS)
						.emitWithAck(intent.name, intent.payload)) as IntentAck;
				} catch {
					return; // not acknowledged: kept, and sent again (same id) after reconnecting
				}
				this.#setPending(this.pending.filter((p) => p !== intent));
				if (answer.ok) this.receive(answer.data.event);
				else {
					// Refused (the partner got there first, or the moment passed): show the truth.
					this.notice = answer.error.message;
					await this.sync();
				}
			}
		} finally {
			this.#flushing = false;
		}
	}

	#setPending(pending: PendingIntent[]) {
		this.pending = pending;
		saveOutbox(this.conversationId, pending);
	}

	/** Tells the partner where this person is (here, away, writing, reflecting). */
	setPresence(state: PresenceState) {
		if (state === this.#myPresence) return;
		this.#myPresence = state;
		this.#announce(false);
	}

	#announce(hello: boolean) {
		this.#socket?.emit(
			'talk:presence',
			{
				conversationId: this.conversationId,
				state: this.#myPresence === 'offline' ? 'here' : this.#myPresence,
				hello
			},
			() => {}
		);
	}

	isPending(name: TalkIntentName) {
		return this.pending.some((p) => p.name === name);
	}
}

type LooseSocket = {
	timeout(ms: number): { emitWithAck(name: string, payload: unknown): Promise<unknown> };
};
