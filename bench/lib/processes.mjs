/**
 * Child processes of the benchmark: the app server, the bare and the durable relay and the load
 * generators each get their own process (and event loop), started through a shell that raises the
 * open-file limit first (`ulimit -n`), then `exec`s node so the pid we hold is node's own.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = resolve(import.meta.dirname, '../..');
const PROBE = pathToFileURL(resolve(ROOT, 'bench/probe.mjs')).href;

/** The open-file limit asked of every child; the shell falls back to the hard limit if refused. */
export const NOFILE = 65536;

/**
 * @param {string[]} args node arguments
 * @param {{ env?: Record<string, string | undefined>, nofile?: number, cwd?: string }} [options]
 *   env: added to this process's environment; a name set to undefined is left out
 */
export function spawnNode(args, options = {}) {
	const nofile = options.nofile ?? NOFILE;
	const script = `ulimit -n ${nofile} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$@"`;
	return spawn('/bin/sh', ['-c', script, 'sh', process.execPath, ...args], {
		cwd: options.cwd ?? ROOT,
		env: { ...process.env, ...options.env },
		stdio: ['ignore', 'pipe', 'pipe', 'ipc']
	});
}

/** Reads a limit or a status line of a process from /proc (Linux only; null elsewhere). */
export function procValue(pid, file, label) {
	try {
		const text = readFileSync(`/proc/${pid}/${file}`, 'utf8');
		const line = text.split('\n').find((l) => l.startsWith(label));
		return line ?? null;
	} catch {
		return null;
	}
}

/** VmRSS of a process in bytes, read from /proc/<pid>/status. */
export function vmRss(pid) {
	const line = procValue(pid, 'status', 'VmRSS:');
	const kb = line ? Number(/(\d+)/.exec(line)?.[1]) : NaN;
	return Number.isFinite(kb) ? kb * 1024 : null;
}

/** The soft open-file limit a process actually got. */
export function openFileLimit(pid) {
	const line = procValue(pid, 'limits', 'Max open files');
	const soft = line ? Number(/Max open files\s+(\d+)/.exec(line)?.[1]) : NaN;
	return Number.isFinite(soft) ? soft : null;
}

/** How many file descriptors a process has open now. */
export function openFileCount(pid) {
	try {
		return readdirSync(`/proc/${pid}/fd`).length;
	} catch {
		return null;
	}
}

/** Request/response over a child's IPC channel: messages carry an `id`, answers echo it. */
export function rpc(child) {
	let next = 1;
	/** @type {Map<number, { resolve: (v: any) => void, reject: (e: Error) => void }>} */
	const waiting = new Map();
	child.on('message', (message) => {
		const entry = waiting.get(message?.id);
		if (!entry) return;
		waiting.delete(message.id);
		if (message.ok === false) entry.reject(new Error(message.error));
		else entry.resolve(message.result);
	});
	child.once('exit', (code, signal) => {
		for (const entry of waiting.values())
			entry.reject(new Error(`child exited (${code ?? signal}) before answering`));
		waiting.clear();
	});
	/** @param {string} cmd @param {Record<string, unknown>} [fields] */
	return (cmd, fields = {}) =>
		new Promise((resolvePromise, reject) => {
			const id = next++;
			waiting.set(id, { resolve: resolvePromise, reject });
			child.send({ id, cmd, ...fields });
		});
}

/**
 * Starts a server script with the memory/CPU probe preloaded, waits for its "listening on" line.
 * @param {'app' | 'baseline' | 'durable'} kind the app, the bare relay or the durable relay
 * @param {{ dbPath?: string, env?: Record<string, string>, appDir?: string, defaultFairness?: boolean }} options
 *   dbPath: the app's database, or the durable relay's own file
 *   appDir: the root of another checkout whose build/ to run (default: this one)
 *   defaultFairness: the app's own per-socket limits, not raised (nor taken from this environment)
 */
export async function startServer(kind, options = {}) {
	const script = {
		app: 'build/start.js',
		baseline: 'bench/baseline-server.mjs',
		durable: 'bench/durable-relay.mjs'
	}[kind];
	const child = spawnNode(['--expose-gc', '--import', PROBE, script], {
		cwd: kind === 'app' && options.appDir ? options.appDir : ROOT,
		env: {
			PORT: '0',
			HOST: '127.0.0.1',
			NODE_ENV: 'production',
			...(kind === 'app'
				? {
						DATABASE_URL: options.dbPath,
						SIGNUP_LIMIT_PER_HOUR: '1000000',
						LOGIN_LIMIT_PER_HOUR: '1000000',
						// The benchmark measures the hot path, not the per-socket limit (the burst part does,
						// with the app's defaults).
						INTENTS_PER_SECOND: options.defaultFairness ? undefined : '1000000',
						INTENT_BURST: options.defaultFairness ? undefined : '1000000'
					}
				: kind === 'durable'
					? { DATABASE_URL: options.dbPath }
					: {}),
			...options.env
		}
	});
	let log = '';
	const exited = new Promise((done) => child.once('exit', (code, signal) => done(code ?? signal)));
	const port = await new Promise((done, fail) => {
		const timer = setTimeout(() => fail(new Error(`${kind} did not start:\n${log}`)), 30_000);
		const onData = (chunk) => {
			log += chunk.toString();
			const match = /listening on http:\/\/[^:]+:(\d+)/.exec(log);
			if (match) {
				clearTimeout(timer);
				done(Number(match[1]));
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', (chunk) => (log += chunk.toString()));
		child.once('exit', (code) => {
			clearTimeout(timer);
			fail(new Error(`${kind} exited with ${code}:\n${log}`));
		});
	});
	const call = rpc(child);
	return {
		kind,
		port,
		url: `http://127.0.0.1:${port}`,
		pid: /** @type {number} */ (child.pid),
		child,
		call,
		log: () => log,
		/** Heap and RSS after forced GC (inside the server), plus VmRSS from /proc. */
		async memory() {
			const inside = await call('probe:memory');
			return { ...inside, vmRss: vmRss(child.pid) };
		},
		async cpu() {
			return /** @type {{ user: number, system: number }} */ (await call('probe:cpu'));
		},
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return exited;
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
			const result = await exited;
			clearTimeout(timer);
			return result;
		}
	};
}

/** @param {number} ms */
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
