import type { Socket } from 'socket.io-client';
import type { IntentResults } from './intents';
import type {
	Ack,
	ClientToServerEvents,
	IntentName,
	IntentPayload,
	ServerToClientEvents
} from './protocol';

export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'signed-out';
type RealSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
/**
 * What pages use of the socket. socket.io-client is loaded only when a signed-in page first
 * connects (a dynamic import), so until it is there, this stand-in keeps listeners and emits and
 * hands them over: signed-out pages never download it.
 */
export type HearthClientSocket = Pick<RealSocket, 'on' | 'off' | 'emit' | 'timeout' | 'connected'>;

const ACK_TIMEOUT_MS = 10_000;
// Generic event names defeat Socket.io's per-event typing; the protocol types above still hold.
type LooseSocket = {
	timeout(ms: number): { emitWithAck(name: string, payload: unknown): Promise<unknown> };
};
type Listener = (...args: never[]) => void;
type Loose = {
	on(event: string, listener: Listener): unknown;
	off(event: string, listener: Listener): unknown;
	emit(event: string, ...args: unknown[]): unknown;
	timeout(ms: number): { emitWithAck(name: string, payload: unknown): Promise<unknown> };
	connected: boolean;
	connect(): unknown;
	disconnect(): unknown;
	io: { engine?: { close(): void } };
};

/** Stands in for the Socket.io socket while its library loads, then forwards everything to it. */
class LazySocket {
	#real: Loose | null = null;
	#closed = false;
	#listeners: [string, Listener][] = [];
	#queued: [string, unknown[]][] = [];
	readonly ready: Promise<Loose | null>;

	constructor(load: () => Promise<Loose>) {
		this.ready = load().then((real) => {
			if (this.#closed) {
				real.disconnect();
				return null;
			}
			for (const [event, listener] of this.#listeners) real.on(event, listener);
			for (const [event, args] of this.#queued) real.emit(event, ...args);
			this.#listeners = [];
			this.#queued = [];
			this.#real = real;
			return real;
		});
	}

	get connected(): boolean {
		return this.#real?.connected ?? false;
	}

	on(event: string, listener: Listener) {
		if (this.#real) this.#real.on(event, listener);
		else this.#listeners.push([event, listener]);
		return this;
	}

	off(event: string, listener: Listener) {
		if (this.#real) this.#real.off(event, listener);
		else this.#listeners = this.#listeners.filter(([e, l]) => e !== event || l !== listener);
		return this;
	}

	/** Like Socket.io while disconnected: an emit waits in a buffer until it can go. */
	emit(event: string, ...args: unknown[]) {
		if (this.#real) this.#real.emit(event, ...args);
		else this.#queued.push([event, args]);
		return true;
	}

	timeout(ms: number) {
		return {
			emitWithAck: async (name: string, payload: unknown): Promise<unknown> => {
				const real = this.#real ?? (await this.ready);
				if (!real) throw new Error('The connection was closed.');
				return real.timeout(ms).emitWithAck(name, payload);
			}
		};
	}

	connect() {
		this.#real?.connect();
	}

	disconnect() {
		this.#closed = true;
		this.#real?.disconnect();
	}

	/** Drops the transport so Socket.io reconnects at once (the network went away). */
	dropTransport() {
		if (this.#real?.connected) this.#real.io.engine?.close();
	}
}

/** The browser's one socket, with its status as reactive state for the connection indicator. */
class Connection {
	status = $state<ConnectionStatus>('idle');
	socket: LazySocket | null = null;
	#connectedOnce = false;

	connect(): HearthClientSocket {
		if (this.socket) return this.socket as unknown as HearthClientSocket;
		this.status = 'connecting';
		const socket = new LazySocket(async () => {
			// Loaded from the app's own cache after the first visit; if it cannot be fetched yet
			// (offline on a first visit), try again calmly until it can.
			for (;;) {
				try {
					const { io } = await import('socket.io-client');
					// The session cookie rides along with the handshake; WebSocket first, polling as a fallback.
					return io({ transports: ['websocket', 'polling'] }) as unknown as Loose;
				} catch {
					await new Promise((resume) => setTimeout(resume, 3000));
				}
			}
		});
		socket.on('connect', () => {
			this.#connectedOnce = true;
			this.status = 'connected';
		});
		socket.on('disconnect', ((reason: string) => {
			// The server only disconnects us on purpose when our session ended.
			this.status = reason === 'io server disconnect' ? 'signed-out' : 'reconnecting';
		}) as Listener);
		socket.on('connect_error', ((error: Error) => {
			if (error.message === 'unauthorized') {
				this.status = 'signed-out';
				socket.disconnect();
			} else {
				this.status = this.#connectedOnce ? 'reconnecting' : 'connecting';
			}
		}) as Listener);
		socket.on('session:ended', () => {
			this.status = 'signed-out';
		});
		// The browser knows a network is gone long before a heartbeat would: drop the transport
		// so Socket.io reconnects (and the talk resyncs) as soon as the network is back.
		window.addEventListener('offline', () => {
			if (this.socket === socket) socket.dropTransport();
		});
		window.addEventListener('online', () => {
			if (this.socket === socket && !socket.connected && this.status !== 'signed-out')
				socket.connect();
		});
		this.socket = socket;
		return socket as unknown as HearthClientSocket;
	}

	disconnect() {
		this.socket?.disconnect();
		this.socket = null;
		this.#connectedOnce = false;
		this.status = 'idle';
	}

	/** Sends an intent and resolves with its acknowledgement (a timeout counts as not acknowledged). */
	async request<K extends IntentName>(
		name: K,
		payload: IntentPayload<K>
	): Promise<Ack<IntentResults[K]>> {
		const socket = this.connect() as unknown as LooseSocket;
		try {
			return (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(name, payload)) as Ack<
				IntentResults[K]
			>;
		} catch {
			return { ok: false, error: { code: 'timeout', message: 'No answer yet. Trying again…' } };
		}
	}
}

export const connection = new Connection();
