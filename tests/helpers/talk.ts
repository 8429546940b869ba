import type { TalkEvent } from '../../src/lib/conversation/talk/types';
import { apply, initialState, type TalkState } from '../../src/lib/conversation/talk/reducer';
import { connectSocket, connected, request, type TestSocket } from './socket';

let counter = 0;
export const clientId = () =>
	`c${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/**
 * A partner's device in a talk, as the browser does it: applies events in seq order, notices
 * gaps, and on every (re)connect asks for what it missed since the last seq it holds.
 */
export class TalkClient {
	socket!: TestSocket;
	state: TalkState = initialState();
	seen: TalkEvent[] = [];
	gapsNoticed = 0;

	constructor(
		readonly baseUrl: string,
		readonly cookie: string,
		readonly conversationId: string
	) {}

	async connect() {
		this.socket = connectSocket(this.baseUrl, { cookie: this.cookie });
		this.socket.on('conversation:event', (info: { conversationId: string; event: TalkEvent }) => {
			if (info.conversationId === this.conversationId) this.receive(info.event);
		});
		await connected(this.socket);
		await this.sync();
	}

	receive(event: TalkEvent) {
		if (event.seq <= this.state.lastSeq) return;
		if (event.seq !== this.state.lastSeq + 1) {
			this.gapsNoticed += 1;
			// A catch-up that the connection's end cuts off is made again on the next connect.
			this.sync().catch(() => {});
			return;
		}
		this.state = apply(this.state, event);
		this.seen.push(event);
	}

	async sync() {
		const answer = await request<{ events: TalkEvent[]; lastSeq: number }>(
			this.socket,
			'conversation:sync',
			{
				conversationId: this.conversationId,
				kind: 'live',
				afterSeq: this.state.lastSeq
			}
		);
		if (!answer.ok) throw new Error(`sync failed: ${answer.error.message}`);
		for (const event of answer.data.events) this.receive(event);
		return answer.data;
	}

	async send(name: string, fields: Record<string, unknown> = {}, id = clientId()) {
		const answer = await request<{ event: TalkEvent; duplicate: boolean }>(this.socket, name, {
			conversationId: this.conversationId,
			clientId: id,
			...fields
		});
		if (answer.ok) this.receive(answer.data.event);
		return answer;
	}

	close() {
		this.socket?.close();
	}
}

export async function startTalk(baseUrl: string, cookie: string) {
	const socket = connectSocket(baseUrl, { cookie });
	await connected(socket);
	const answer = await request<{ conversationId: string }>(socket, 'talk:start', {
		clientId: clientId()
	});
	socket.close();
	if (!answer.ok) throw new Error(answer.error.message);
	return answer.data.conversationId;
}

export async function until(check: () => boolean, timeoutMs = 5000) {
	const start = Date.now();
	while (!check()) {
		if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
		await new Promise((r) => setTimeout(r, 20));
	}
}
