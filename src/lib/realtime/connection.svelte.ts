import { io, type Socket } from 'socket.io-client';
import type { IntentResults } from './intents';
import type {
	Ack,
	ClientToServerEvents,
	IntentName,
	IntentPayload,
	ServerToClientEvents
} from './protocol';

export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'signed-out';
export type HearthClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ACK_TIMEOUT_MS = 10_000;
// Generic event names defeat Socket.io's per-event typing; the protocol types above still hold.
type LooseSocket = {
	timeout(ms: number): { emitWithAck(name: string, payload: unknown): Promise<unknown> };
};

/** The browser's one socket, with its status as reactive state for the connection indicator. */
class Connection {
	status = $state<ConnectionStatus>('idle');
	socket: HearthClientSocket | null = null;
	#connectedOnce = false;

	connect(): HearthClientSocket {
		if (this.socket) return this.socket;
		this.status = 'connecting';
		// The session cookie rides along with the handshake; WebSocket first, polling as a fallback.
		const socket: HearthClientSocket = io({ transports: ['websocket', 'polling'] });
		socket.on('connect', () => {
			this.#connectedOnce = true;
			this.status = 'connected';
		});
		socket.on('disconnect', (reason) => {
			// The server only disconnects us on purpose when our session ended.
			this.status = reason === 'io server disconnect' ? 'signed-out' : 'reconnecting';
		});
		socket.on('connect_error', (error) => {
			if (error.message === 'unauthorized') {
				this.status = 'signed-out';
				socket.disconnect();
			} else {
				this.status = this.#connectedOnce ? 'reconnecting' : 'connecting';
			}
		});
		socket.on('session:ended', () => {
			this.status = 'signed-out';
		});
		// The browser knows a network is gone long before a heartbeat would: drop the transport
		// so Socket.io reconnects (and the talk resyncs) as soon as the network is back.
		window.addEventListener('offline', () => {
			if (this.socket === socket && socket.connected) socket.io.engine?.close();
		});
		window.addEventListener('online', () => {
			if (this.socket === socket && !socket.connected && this.status !== 'signed-out')
				socket.connect();
		});
		this.socket = socket;
		return socket;
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
