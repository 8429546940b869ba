import type { Socket } from 'socket.io';
import { z } from 'zod';
import { intents, isIntentName, type IntentResults } from '$lib/realtime/intents';
import type {
	Ack,
	ClientToServerEvents,
	IntentName,
	ServerToClientEvents,
	SocketData
} from '$lib/realtime/protocol';
import { AppError } from '../errors';
import { MAX_REFUSED_IN_A_ROW, MAX_UNACKNOWLEDGED, SLOW_DOWN, TokenBucket } from './fairness';

export type HearthSocket = Socket<ClientToServerEvents, ServerToClientEvents, object, SocketData>;

export type IntentHandler<K extends IntentName> = (
	payload: z.output<(typeof intents)[K]>,
	socket: HearthSocket
) => IntentResults[K] | Promise<IntentResults[K]>;

export type IntentHandlers = { [K in IntentName]: IntentHandler<K> };

function toAck(error: unknown): Ack<never> {
	if (error instanceof AppError)
		return { ok: false, error: { code: error.code, message: error.message } };
	console.error('[realtime] unexpected error', error);
	return {
		ok: false,
		error: { code: 'internal', message: 'Something went wrong on our side. Please try again.' }
	};
}

function describe(error: z.ZodError): string {
	const issue = error.issues[0];
	const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
	return `That request was not understood${where}: ${issue?.message ?? 'invalid'}`;
}

/**
 * Wires every intent handler to a socket through one dispatcher (one listener a socket, not one per
 * event name). Each event is validated with its shared schema and always answered through its
 * acknowledgement, whatever goes wrong; events without an ack are ignored.
 */
export function bindIntents(socket: HearthSocket, handlers: IntentHandlers) {
	const bucket = new TokenBucket();
	let unacknowledged = 0;
	let refusedInARow = 0;
	socket.onAny(async (name: unknown, ...args: unknown[]) => {
		const ack = args.at(-1);
		if (typeof ack !== 'function') return;
		if (!isIntentName(name)) {
			ack({
				ok: false,
				error: { code: 'unknown_event', message: 'That is not something Hearth understands.' }
			});
			return;
		}
		if (args.length !== 2) {
			ack({
				ok: false,
				error: { code: 'invalid', message: 'Something went wrong sending that. Please try again.' }
			});
			return;
		}
		// Asking faster than a person can is answered at once, before any work is done.
		if (unacknowledged >= MAX_UNACKNOWLEDGED || !bucket.take()) {
			ack(SLOW_DOWN);
			if (++refusedInARow >= MAX_REFUSED_IN_A_ROW) socket.disconnect(true);
			return;
		}
		refusedInARow = 0;
		const parsed = intents[name].safeParse(args[0]);
		if (!parsed.success) {
			ack({ ok: false, error: { code: 'invalid', message: describe(parsed.error) } });
			return;
		}
		const handler = handlers[name] as IntentHandler<IntentName>;
		unacknowledged += 1;
		try {
			ack({ ok: true, data: await handler(parsed.data as never, socket) });
		} catch (error) {
			ack(toAck(error));
		} finally {
			unacknowledged -= 1;
		}
	});
}
