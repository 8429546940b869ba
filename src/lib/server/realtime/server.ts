import type { Server as HttpServer } from 'node:http';
import { parse as parseCookies } from 'cookie';
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

const handlers: IntentHandlers = {
	'session:whoami': (_payload, socket) => ({ userId: socket.data.userId, name: socket.data.name }),
	...conversationHandlers,
	...sideHandlers,
	...checkinHandlers
};

/** Open sockets per person on this process, for the cap. */
const openSockets = new Map<string, number>();

const SWEEP_EVERY_MS = 10 * 60 * 1000;
let stopSweeper = () => {};

/** Attaches Socket.io to the app's HTTP server (once per process). */
export function attachRealtime(httpServer: HttpServer): HearthServer {
	const existing = getIo();
	if (existing) return existing;
	const io: HearthServer = new Server({
		serveClient: false,
		maxHttpBufferSize: 64 * 1024,
		allowRequest: (req, callback) => callback(null, isSameOrigin(req))
	});

	// The handshake is authenticated from the session cookie, never from a token in the URL.
	io.use((socket, next) => {
		const token = parseCookies(socket.request.headers.cookie ?? '')[SESSION_COOKIE];
		const result = token ? validateSessionToken(token) : null;
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
		next();
	});

	io.on('connection', (socket) => {
		const rooms = [userRoom(socket.data.userId), sessionRoom(socket.data.sessionId)];
		// The couple room is joined only through the access gate, from the database.
		const couple = activeCoupleOf(socket.data.userId);
		if (couple) rooms.push(coupleRoom(couple.id));
		socket.join(rooms);
		bindIntents(socket, handlers);
		socket.on('disconnect', () => {
			const left = (openSockets.get(socket.data.userId) ?? 1) - 1;
			if (left > 0) openSockets.set(socket.data.userId, left);
			else openSockets.delete(socket.data.userId);
			void announceDeparture(socket).catch(() => {});
		});
	});

	// Talks, talks side by side and check-ins idle for 24 hours close by themselves; the partners'
	// open pages hear it.
	const sweeper = setInterval(() => {
		closeIdleTalks();
		closeIdleSides();
		closeIdleCheckins();
	}, SWEEP_EVERY_MS);
	sweeper.unref();
	// Planned talks: "starts in 10 minutes" and "it's time" reach both partners' open pages.
	const reminders = setInterval(() => {
		try {
			sendDueReminders(Date.now());
		} catch (error) {
			console.error('[schedule] reminders not sent', error);
		}
	}, REMINDER_SWEEP_MS);
	reminders.unref();
	// A question for today reaches each partner at their own hour (only when both turned it on).
	const daily = setInterval(() => {
		try {
			deliverDueQuestions(Date.now());
		} catch (error) {
			console.error('questions for today: delivery stopped with an error', error);
		}
	}, DAILY_SWEEP_MS);
	daily.unref();
	// Notifications held through someone's quiet hours go out once those hours end.
	const released = setInterval(() => {
		releaseHeldPushes(Date.now()).catch((error) =>
			console.error('[push] held notifications not released', error)
		);
	}, RELEASE_SWEEP_MS);
	released.unref();
	stopSweeper = () => {
		clearInterval(sweeper);
		clearInterval(reminders);
		clearInterval(daily);
		clearInterval(released);
	};

	io.attach(httpServer);
	setIo(io);
	return io;
}

export async function closeRealtime(): Promise<void> {
	const io = getIo();
	if (!io) return;
	setIo(undefined);
	stopSweeper();
	io.disconnectSockets(true);
	await new Promise<void>((resolve) => io.close(() => resolve()));
}
