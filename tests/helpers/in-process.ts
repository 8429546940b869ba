import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { createSession } from '../../src/lib/server/auth/session';
import { attachRealtime, closeRealtime } from '../../src/lib/server/realtime/server';
import { connectSocket, connected, type TestSocket } from './socket';

/**
 * Socket.io in this process, on a random port and the tests' own database, for tests that move
 * the domain's clock (reminders, questions for today, doors); and people's open pages on it.
 * Called at the top of a file or a describe: it starts and stops the server itself.
 */
export function realtimeInProcess() {
	let http: HttpServer | null = null;
	let url = '';
	const sockets: TestSocket[] = [];

	beforeAll(async () => {
		const server = createServer();
		http = server;
		attachRealtime(server);
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		for (const socket of sockets) socket.close();
		await closeRealtime();
		await new Promise((resolve) => http?.close(resolve));
	});

	/** A person's open page: a socket signed in as them. */
	async function open(userId: string) {
		const socket = connectSocket(url, {
			cookie: `hearth_session=${(await createSession(userId)).token}`
		});
		sockets.push(socket);
		await connected(socket);
		return socket;
	}

	return {
		/** A person's open page, and everything its socket hears, in order. */
		async listen(userId: string) {
			const socket = await open(userId);
			const heard: { name: string; info: unknown }[] = [];
			socket.onAny((name: string, info: unknown) => heard.push({ name, info }));
			return { socket, heard };
		},
		/** A person's open page, and what it hears of one event, in order. */
		async hears<T>(userId: string, name: string) {
			const socket = await open(userId);
			const heard: T[] = [];
			socket.on(name, (info: T) => heard.push(info));
			return heard;
		}
	};
}
