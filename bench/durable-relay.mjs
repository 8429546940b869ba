/**
 * The durable baseline: the bare relay of bench/baseline-server.mjs (same handshake, same wire
 * protocol, no cookie, no rules), except that every event is first appended to a SQLite file —
 * WAL, `synchronous = FULL`, a table shaped like Hearth's `events` (primary key conversation + seq,
 * a unique index on conversation + actor + client id) — and acknowledged and relayed only after
 * its transaction has committed. Group commit: the events that arrive within one turn of the event
 * loop share one immediate transaction (flushed by `setImmediate`, as the app does), so one fsync
 * covers them all. What is left between this and Hearth is the app's own work: the session, the
 * gate, the rules, the projections.
 *
 *   PORT=0 HOST=127.0.0.1 DATABASE_URL=relay.db node bench/durable-relay.mjs
 */
import { createServer } from 'node:http';
import Database from 'better-sqlite3';
import { Server } from 'socket.io';

const path = process.env.DATABASE_URL;
if (!path) throw new Error('DATABASE_URL: the SQLite file to append to');
const db = new Database(path);
db.pragma('journal_mode = WAL');
// FULL: an acknowledged event survives a crash of the process and of the machine.
db.pragma('synchronous = FULL');
db.exec(`create table if not exists events (
	conversation_id text not null,
	seq integer not null,
	type text not null,
	actor_id text,
	client_id text,
	payload text not null,
	created_at integer not null,
	primary key (conversation_id, seq)
);
create unique index if not exists events_client_id_unique on events (conversation_id, actor_id, client_id);`);

const insert = db.prepare(
	`insert into events (conversation_id, seq, type, actor_id, client_id, payload, created_at)
	values (?, ?, ?, ?, ?, ?, ?)`
);

/** @type {Map<string, number>} the last seq of each conversation, from the file at start-up */
const lastSeq = new Map(
	db
		.prepare('select conversation_id as id, max(seq) as seq from events group by conversation_id')
		.all()
		.map((/** @type {any} */ row) => [row.id, row.seq])
);

/**
 * @typedef {{
 *   conversationId: string, clientId: string | null, event: { seq: number, type: string, actorId: string, at: number, data: object },
 *   ack: (answer: unknown) => void, relay: () => void
 * }} Pending
 */

/** @type {Pending[]} */
let pending = [];
let scheduled = false;

const appendAll = db.transaction((/** @type {Pending[]} */ batch) => {
	for (const { conversationId, clientId, event } of batch)
		insert.run(
			conversationId,
			event.seq,
			event.type,
			event.actorId,
			clientId,
			JSON.stringify(event.data),
			event.at
		);
}).immediate;

function flush() {
	scheduled = false;
	const batch = pending;
	pending = [];
	try {
		appendAll(batch);
	} catch (error) {
		// Nothing of this batch is durable: nothing is acknowledged as stored.
		console.error(error);
		for (const p of batch) p.ack({ ok: false, error: { code: 'internal', message: 'internal' } });
		return;
	}
	for (const p of batch) {
		p.ack({ ok: true, data: { event: p.event, duplicate: false } });
		p.relay();
	}
}

const httpServer = createServer((_req, res) => {
	res.statusCode = 404;
	res.end();
});
const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 64 * 1024 });

io.use((socket, next) => {
	const { couple, user } = socket.handshake.auth ?? {};
	if (typeof couple !== 'string' || typeof user !== 'string')
		return next(new Error('unauthorized'));
	socket.data = { couple, user };
	next();
});

io.on('connection', (socket) => {
	const room = `couple:${socket.data.couple}`;
	socket.join(room);
	socket.onAny((name, payload, ack) => {
		if (typeof ack !== 'function') return;
		if (!payload || typeof payload !== 'object' || typeof payload.conversationId !== 'string') {
			ack({ ok: false, error: { code: 'invalid', message: 'invalid' } });
			return;
		}
		const { conversationId, clientId, ...data } = payload;
		const seq = (lastSeq.get(conversationId) ?? 0) + 1;
		lastSeq.set(conversationId, seq);
		const event = { seq, type: name, actorId: socket.data.user, at: Date.now(), data };
		pending.push({
			conversationId,
			clientId: typeof clientId === 'string' ? clientId : null,
			event,
			ack,
			relay: () => socket.to(room).emit('conversation:event', { conversationId, event })
		});
		if (!scheduled) {
			scheduled = true;
			setImmediate(flush);
		}
	});
});

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';
httpServer.listen(port, host, () => {
	const address = httpServer.address();
	const shown = typeof address === 'object' && address ? address.port : port;
	console.log(`Durable relay is listening on http://${host}:${shown}`);
});

const stop = () => {
	io.disconnectSockets(true);
	io.close(() => {
		db.close();
		process.exit(0);
	});
	setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
