/**
 * The baseline: a bare Socket.io relay with the same wire protocol as Hearth's talk events, and
 * nothing else — no cookie, no database, no rules. Each socket says who it is in the handshake's
 * `auth` and joins its couple's room; every event with an acknowledgement gets the next seq of its
 * conversation (in memory), is acknowledged `{ ok: true, data: { event, duplicate: false } }` and is
 * relayed to the rest of the room as `conversation:event`, exactly like the app does after its commit.
 *
 *   PORT=0 HOST=127.0.0.1 node bench/baseline-server.mjs
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const httpServer = createServer((_req, res) => {
	res.statusCode = 404;
	res.end();
});
const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 64 * 1024 });

/** @type {Map<string, number>} */
const lastSeq = new Map();

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
		const { conversationId, clientId: _clientId, ...data } = payload;
		const seq = (lastSeq.get(conversationId) ?? 0) + 1;
		lastSeq.set(conversationId, seq);
		const event = { seq, type: name, actorId: socket.data.user, at: Date.now(), data };
		ack({ ok: true, data: { event, duplicate: false } });
		socket.to(room).emit('conversation:event', { conversationId, event });
	});
});

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';
httpServer.listen(port, host, () => {
	const address = httpServer.address();
	const shown = typeof address === 'object' && address ? address.port : port;
	console.log(`Baseline relay is listening on http://${host}:${shown}`);
});

const stop = () => {
	io.disconnectSockets(true);
	io.close(() => process.exit(0));
	setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
