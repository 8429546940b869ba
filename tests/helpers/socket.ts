import { io, type Socket } from 'socket.io-client';

export type TestSocket = Socket;

/** A real socket.io client as a browser would open it: the session cookie and an Origin header. */
export function connectSocket(
	baseUrl: string,
	options: { cookie?: string; origin?: string | null; autoConnect?: boolean } = {}
): TestSocket {
	const headers: Record<string, string> = {};
	if (options.cookie) headers.cookie = options.cookie;
	if (options.origin !== null) headers.origin = options.origin ?? baseUrl;
	return io(baseUrl, {
		transports: ['websocket'],
		extraHeaders: headers,
		reconnection: false,
		forceNew: true,
		autoConnect: options.autoConnect ?? true
	});
}

/** Resolves on connect, rejects with the server's reason on connect_error. */
export function connected(socket: TestSocket): Promise<void> {
	if (socket.connected) return Promise.resolve();
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve());
		socket.once('connect_error', (error) => reject(error));
	});
}

export function nextEvent<T = unknown>(
	socket: TestSocket,
	event: string,
	timeoutMs = 5000
): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`no "${event}" within ${timeoutMs} ms`)),
			timeoutMs
		);
		socket.once(event, (payload: T) => {
			clearTimeout(timer);
			resolve(payload);
		});
	});
}

export async function request<T = unknown>(socket: TestSocket, event: string, payload: unknown) {
	return (await socket.timeout(5000).emitWithAck(event, payload)) as
		{ ok: true; data: T } | { ok: false; error: { code: string; message: string } };
}
