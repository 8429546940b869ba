import type { Server as HttpServer } from 'node:http';
import { parse as parseCookies } from 'cookie';
import { createAdapter } from '@socket.io/postgres-adapter';
import { Server } from 'socket.io';
import { SESSION_COOKIE, validateSessionToken } from '../auth/session';
import { bindIntents, type IntentHandlers } from './handle';
import { activeCoupleOf } from '../couples/access';
import { closeIdleTalks } from '../talk/talks';
import { closeIdleSides } from '../talk/side';
import { closeIdleCheckins } from '../checkin/checkins';
import { REMINDER_SWEEP_MS, sendDueReminders } from '../schedule/reminders';
import { DAILY_SWEEP_MS, deliverDueQuestions } from '../daily/deliver';
import { releaseHeldPushes } from '../push/push';
import { RELEASE_SWEEP_MS } from '../push/quiet-hours';
import { coupleRoom, getIo, sessionRoom, setIo, userRoom, type HearthServer } from '../hub';
import { checkinHandlers } from './checkin-handlers';
import { announceDeparture, conversationHandlers } from './conversation-handlers';
import { sideHandlers } from './side-handlers';
import { MAX_SOCKETS_PER_USER } from './fairness';
import { isSameOrigin } from './origin';
import { runAlone } from '../db/locks';
import { databaseTarget } from '../db/target';
import { postgresPool } from '../db/postgres';

const handlers: IntentHandlers = {
	'session:whoami': (_payload, socket) => ({ userId: socket.data.userId, name: socket.data.name }),
	...conversationHandlers,
	...sideHandlers,
	...checkinHandlers
};

/** Open sockets per person on this process, for the cap. */
const openSockets = new Map<string, number>();

const SWEEP_EVERY_MS = 10 * 60 * 1000;
let stopSweeper: () => Promise<void> = async () => {};

/** Attaches Socket.io to the app's HTTP server (once per process). */
export function attachRealtime(httpServer: HttpServer): HearthServer {
	const existing = getIo();
	if (existing) return existing;
	const io: HearthServer = new Server({
		serveClient: false,
		maxHttpBufferSize: 64 * 1024,
		allowRequest: (req, callback) => callback(null, isSameOrigin(req))
	});

	// On PostgreSQL, several processes may serve Hearth: the adapter carries every room's packets
	// (and fetchSockets, disconnectSockets) between them through LISTEN/NOTIFY, on a pool of its own
	// — sharing the queries' pool would let busy appends starve the notifications.
	const target = databaseTarget();
	let adapterPool: ReturnType<typeof postgresPool> | null = null;
	if (target.dialect === 'postgres') {
		adapterPool = postgresPool(target.url, 4);
		io.adapter(createAdapter(adapterPool));
	}

	// The handshake is authenticated from the session cookie, never from a token in the URL.
	io.use(async (socket, next) => {
		const token = parseCookies(socket.request.headers.cookie ?? '')[SESSION_COOKIE];
		const result = token ? await validateSessionToken(token).catch(() => null) : null;
		if (!result) return next(new Error('unauthorized'));
		// A person has a few devices and tabs, not hundreds: past the cap, a socket is refused.
		const open = openSockets.get(result.user.id) ?? 0;
		if (open >= MAX_SOCKETS_PER_USER) return next(new Error('too_many_connections'));
		openSockets.set(result.user.id, open + 1);
		socket.data = {
			userId: result.user.id,
			sessionId: result.session.id,
			name: result.user.name,
			talks: []
		};
		// Rooms are joined before the connection is complete, so nothing sent to them is missed.
		// The couple room is joined only through the access gate, from the database.
		const rooms = [userRoom(result.user.id), sessionRoom(result.session.id)];
		try {
			const couple = await activeCoupleOf(result.user.id);
			if (couple) rooms.push(coupleRoom(couple.id));
		} catch (error) {
			if (open > 0) openSockets.set(result.user.id, open);
			else openSockets.delete(result.user.id);
			return next(error as Error);
		}
		await socket.join(rooms);
		next();
	});

	io.on('connection', (socket) => {
		bindIntents(socket, handlers);
		socket.on('disconnect', () => {
			const left = (openSockets.get(socket.data.userId) ?? 1) - 1;
			if (left > 0) openSockets.set(socket.data.userId, left);
			else openSockets.delete(socket.data.userId);
			void announceDeparture(socket).catch(() => {});
		});
	});

	// What must happen once however many processes serve Hearth runs under a lock of its name
	// (only one process at a time does each; on SQLite there is one process anyway).
	const every = (name: string, ms: number, job: () => Promise<unknown>) => {
		const timer = setInterval(() => {
			runAlone(name, async () => void (await job())).catch((error) =>
				console.error(`[${name}] stopped with an error`, error)
			);
		}, ms);
		timer.unref();
		return timer;
	};
	const timers = [
		// Talks, talks side by side and check-ins idle for 24 hours close by themselves; the
		// partners' open pages hear it.
		every('idle-conversations', SWEEP_EVERY_MS, async () => {
			await closeIdleTalks();
			await closeIdleSides();
			await closeIdleCheckins();
		}),
		// Planned talks: "starts in 10 minutes" and "it's time" reach both partners' open pages.
		every('plan-reminders', REMINDER_SWEEP_MS, () => sendDueReminders(Date.now())),
		// A question for today reaches each partner at their own hour (only when both turned it on).
		every('questions-for-today', DAILY_SWEEP_MS, () => deliverDueQuestions(Date.now())),
		// Notifications held through someone's quiet hours go out once those hours end.
		every('held-pushes', RELEASE_SWEEP_MS, () => releaseHeldPushes(Date.now()))
	];
	stopSweeper = async () => {
		for (const timer of timers) clearInterval(timer);
		await adapterPool?.end();
	};

	io.attach(httpServer);
	setIo(io, adapterPool !== null);
	return io;
}

export async function closeRealtime(): Promise<void> {
	const io = getIo();
	if (!io) return;
	setIo(undefined);
	io.disconnectSockets(true);
	await new Promise<void>((resolve) => io.close(() => resolve()));
	await stopSweeper();
}
