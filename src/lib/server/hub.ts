import type { Server } from 'socket.io';
import type {
	ClientToServerEvents,
	ServerToClientEvents,
	SocketData
} from '$lib/realtime/protocol';

/** What one process asks the others (on PostgreSQL, through the adapter). */
interface BetweenProcesses {
	'sockets:end': (info: { room: string; reason: SessionEndReason }) => void;
}

type SessionEndReason = 'logout' | 'logout-all' | 'password-changed';

export type HearthServer = Server<
	ClientToServerEvents,
	ServerToClientEvents,
	BetweenProcesses,
	SocketData
>;

/**
 * The ground floor of realtime: the process's Socket.io server, its rooms, and plain sends to them.
 * It knows no domain; pages and domains tell people things through it, and only the socket layer
 * (src/lib/server/realtime) binds what clients ask for.
 */

// The one Socket.io server of this process, shared with pages and form actions through globalThis
// so Vite's dev reloads and the production bundle see the same instance.
const KEY = Symbol.for('hearth.io');
const CLUSTERED = Symbol.for('hearth.io.clustered');
type Holder = { [KEY]?: HearthServer; [CLUSTERED]?: boolean };

/** `clustered`: other processes share the rooms through an adapter (PostgreSQL). */
export function setIo(io: HearthServer | undefined, clustered = false) {
	const holder = globalThis as Holder;
	holder[KEY] = io;
	holder[CLUSTERED] = clustered;
	// Another process ending sockets: this one ends its own in that room.
	io?.on('sockets:end', ({ room, reason }) => endHere(io, room, reason));
}

export function getIo(): HearthServer | undefined {
	return (globalThis as Holder)[KEY];
}

export const userRoom = (userId: string) => `user:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
export const coupleRoom = (coupleId: string) => `couple:${coupleId}`;

/** Both partners' open sockets join (or leave) their couple's room, and each hears what changed. */
export function announceCoupleFormed(
	coupleId: string,
	members: { id: string; name: string }[]
): void {
	const io = getIo();
	if (!io) return;
	for (const member of members) {
		io.in(userRoom(member.id)).socketsJoin(coupleRoom(coupleId));
		const partner = members.find((m) => m.id !== member.id);
		io.to(userRoom(member.id)).emit('couple:changed', {
			change: 'joined',
			partnerName: partner?.name ?? ''
		});
	}
}

export function announceCoupleEnded(
	coupleId: string,
	leaver: { id: string; name: string },
	partnerId: string
) {
	const io = getIo();
	if (!io) return;
	io.to(userRoom(partnerId)).emit('couple:changed', { change: 'left', partnerName: leaver.name });
	io.to(userRoom(leaver.id)).emit('couple:changed', { change: 'left', partnerName: leaver.name });
	io.in(coupleRoom(coupleId)).socketsLeave(coupleRoom(coupleId));
}

/**
 * "Your session ended", then the socket closed, on this process's sockets in the room: in this
 * order, which an emit and a disconnect sent separately through the adapter would not keep.
 */
function endHere(io: HearthServer, room: string, reason: SessionEndReason) {
	io.to(room).local.emit('session:ended', { reason });
	io.in(room).local.disconnectSockets(true);
}

/** Ends the sockets in a room on every process: here at once, and each other process its own. */
function endSockets(room: string, reason: SessionEndReason) {
	const io = getIo();
	if (!io) return;
	endHere(io, room, reason);
	if ((globalThis as Holder)[CLUSTERED]) io.serverSideEmit('sockets:end', { room, reason });
}

export function endSessionSockets(sessionId: string, reason: 'logout') {
	endSockets(sessionRoom(sessionId), reason);
}

export function endUserSockets(userId: string, reason: 'logout-all' | 'password-changed') {
	endSockets(userRoom(userId), reason);
}

/** The partner hears, on any page, that a talk started ("Sam started a talk — join?"). */
export function announceTalkStarted(
	coupleId: string,
	conversationId: string,
	starterId: string,
	starterName: string,
	kind: 'live' | 'checkin' = 'live'
) {
	const io = getIo();
	if (!io) return;
	io.to(coupleRoom(coupleId))
		.except(userRoom(starterId))
		.emit(
			'talk:invited',
			kind === 'checkin'
				? { conversationId, byName: starterName, kind }
				: { conversationId, byName: starterName }
		);
}

/** One server-to-client event to every open page of these people (but one socket, if named). */
export function sendToUsers<K extends keyof ServerToClientEvents>(
	userIds: readonly string[],
	event: K,
	payload: Parameters<ServerToClientEvents[K]>[0],
	exceptSocketId?: string
) {
	const io = getIo();
	if (!io || userIds.length === 0) return;
	const rooms = userIds.map(userRoom);
	const target = exceptSocketId ? io.to(rooms).except(exceptSocketId) : io.to(rooms);
	(target.emit as (name: K, payload: unknown) => void)(event, payload);
}

/** One server-to-client event to every open page of one person. */
export function sendToUser<K extends keyof ServerToClientEvents>(
	userId: string,
	event: K,
	payload: Parameters<ServerToClientEvents[K]>[0],
	exceptSocketId?: string
) {
	sendToUsers([userId], event, payload, exceptSocketId);
}

/** A planned talk was proposed, answered, changed or cancelled: the partner hears it on any page. */
export function announceSchedule(
	coupleId: string,
	exceptUserId: string,
	info: { scheduleId: string; change: string; byName: string }
) {
	getIo()?.to(coupleRoom(coupleId)).except(userRoom(exceptUserId)).emit('schedule:changed', info);
}

/** A planned talk starts in 10 minutes, or now: both partners hear it. */
export function announceScheduleReminder(
	coupleId: string,
	info: {
		scheduleId: string;
		occurrenceAt: number;
		kind: 'soon' | 'start';
		intention: string | null;
		checkin?: true;
	}
) {
	getIo()?.to(coupleRoom(coupleId)).emit('schedule:reminder', info);
}

/** The partner's open pages hear about an async card at once (toast, badge, refreshed inbox). */
export function announceCardChange(
	partnerId: string,
	info: {
		conversationId: string;
		kind: import('$lib/realtime/protocol').CardNotice;
		byName: string;
		href?: string;
	}
) {
	getIo()?.to(userRoom(partnerId)).emit('cards:changed', info);
}

/** Whether a person has any page open right now (else a push notification is the way to reach them). */
export async function isOnline(userId: string): Promise<boolean> {
	const io = getIo();
	if (!io) return false;
	// Across processes this asks every other one; if one does not answer in time (it just died),
	// the person counts as away: a notification too many beats one that never comes.
	const sockets = await io
		.in(userRoom(userId))
		.fetchSockets()
		.catch(() => []);
	return sockets.length > 0;
}
