/**
 * Production entry: one HTTP server for SvelteKit's handler and Socket.io.
 * Compiled next to adapter-node's output (build/start.js) by `npm run build`.
 */
import compression from 'compression';
import {
	createServer,
	type IncomingMessage,
	type Server as HttpServer,
	type RequestListener,
	type ServerResponse
} from 'node:http';

interface HearthRuntime {
	attachRealtime(httpServer: HttpServer): void;
	shutdown(): Promise<void>;
}

// adapter-node assumes https when neither ORIGIN nor a protocol header says otherwise, which would
// refuse every form posted to a plain-http server. This server never speaks TLS itself, so a request
// is http unless a proxy in front says it was https. Must be set before the handler is imported.
const deriveProtocol = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (deriveProtocol) process.env.PROTOCOL_HEADER = 'x-forwarded-proto';

// Importing the handler runs SvelteKit's `init` hook, which migrates the database and registers
// the runtime below (see src/lib/server/runtime.ts).
const { handler } = (await import(new URL('./handler.js', import.meta.url).href)) as {
	handler: RequestListener;
};
const runtime = (globalThis as Record<symbol, unknown>)[Symbol.for('hearth.runtime')] as
	HearthRuntime | undefined;
if (!runtime) throw new Error('The app bundle did not register its runtime.');

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';

/**
 * gzip or brotli for what the app renders — pages (HTML) and their data (`__data.json`), JSON —
 * as the browser asks (`Accept-Encoding`). Scripts and styles under /_app/ are precompressed at
 * build time and served as such; Socket.io's path never reaches this listener (it answers first)
 * and is left alone here too. Cross-site requests get no compression: a page that mixes a secret
 * with something an attacker's request put in it would otherwise leak through its size (BREACH).
 */
const COMPRESSIBLE = /^(text\/html|application\/json|application\/manifest\+json)\b/;
const compress = compression({
	threshold: 1024,
	filter(req: IncomingMessage, res: ServerResponse) {
		if (req.url?.startsWith('/socket.io/')) return false;
		if (req.headers['sec-fetch-site'] === 'cross-site') return false;
		return COMPRESSIBLE.test(String(res.getHeader('content-type') ?? ''));
	}
});

const httpServer = createServer((req, res) => {
	if (deriveProtocol) req.headers['x-forwarded-proto'] ??= 'http';
	// The middleware's types are written for Express; it needs no more than Node's own objects.
	compress(req as never, res as never, () => handler(req, res));
});
// Socket.io attaches after the handler so its listener answers /socket.io/ before SvelteKit does.
runtime.attachRealtime(httpServer);

httpServer.listen(port, host, () => {
	const address = httpServer.address();
	const shown = typeof address === 'object' && address ? address.port : port;
	console.log(`Hearth is listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${shown}`);
});

let stopping = false;
async function stop(signal: string) {
	if (stopping) return;
	stopping = true;
	console.log(`${signal} received: closing connections and the database.`);
	const force = setTimeout(() => process.exit(1), 10_000);
	force.unref();
	httpServer.close();
	httpServer.closeIdleConnections();
	await runtime!.shutdown();
	process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
