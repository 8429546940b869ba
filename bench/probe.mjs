/**
 * Preloaded into the servers under test (`node --expose-gc --import bench/probe.mjs <server>`), so
 * the benchmark can ask for memory after a forced GC, CPU time, event-loop delay and a CPU profile
 * over the IPC channel without changing the server's code. Inert when there is no IPC channel.
 *
 * It also counts the SQL statements a server runs (`probe:sql-start`, `probe:sql-read`,
 * `probe:sql-stop`): while counting it wraps better-sqlite3's
 * `Statement.prototype.run/get/all/iterate` (which every query goes through, Drizzle's and the
 * transactions' BEGIN, COMMIT, SAVEPOINT and RELEASE included) and `Database.prototype.exec`,
 * resolved from the server's working directory so that it is the very module the server loaded.
 * A server that never asks loads nothing; `probe:sql-stop` puts the originals back.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** @type {Session | null} */
let session = null;
/** @type {ReturnType<typeof monitorEventLoopDelay> | null} */
let loop = null;

/** @param {string} method @param {object} [params] */
function post(method, params) {
	return new Promise((resolve, reject) =>
		session?.post(method, params, (error, result) => (error ? reject(error) : resolve(result)))
	);
}

/**
 * Statements run since the last read, by statement object (a lookup by identity: reading a
 * statement's SQL text on every call would cost the server more than the count is worth), and
 * `exec` calls by their SQL. The originals, to put back when counting stops.
 */
const sql = {
	total: 0,
	/** @type {Map<object, number>} */ byStatement: new Map(),
	/** @type {Map<string, number>} */ byExec: new Map(),
	/** @type {null | (() => void)} */ uninstall: null
};

function countStatements() {
	if (sql.uninstall) return;
	const require = createRequire(join(process.cwd(), 'package.json'));
	const Database = require('better-sqlite3');
	const scratch = new Database(':memory:');
	const Statement = Object.getPrototypeOf(scratch.prepare('select 1'));
	scratch.close();
	const originals = ['run', 'get', 'all', 'iterate'].map((method) => {
		const original = Statement[method];
		Statement[method] = function (/** @type {unknown[]} */ ...args) {
			sql.total++;
			sql.byStatement.set(this, (sql.byStatement.get(this) ?? 0) + 1);
			return original.apply(this, args);
		};
		return /** @type {const} */ ([method, original]);
	});
	const exec = Database.prototype.exec;
	Database.prototype.exec = function (/** @type {string} */ source) {
		sql.total++;
		sql.byExec.set(source, (sql.byExec.get(source) ?? 0) + 1);
		return exec.call(this, source);
	};
	sql.uninstall = () => {
		for (const [method, original] of originals) Statement[method] = original;
		Database.prototype.exec = exec;
		sql.uninstall = null;
	};
}

/** The counts since the last read, by SQL text (whitespace folded); then from zero again. */
function readStatements() {
	const fold = (/** @type {string} */ s) => s.replace(/\s+/g, ' ').trim();
	/** @type {Record<string, number>} */
	const bySource = {};
	const add = (/** @type {string} */ source, /** @type {number} */ n) =>
		(bySource[fold(source)] = (bySource[fold(source)] ?? 0) + n);
	for (const [statement, n] of sql.byStatement) add(/** @type {any} */ (statement).source, n);
	for (const [source, n] of sql.byExec) add(source, n);
	const counts = { total: sql.total, bySource };
	sql.total = 0;
	sql.byStatement.clear();
	sql.byExec.clear();
	return counts;
}

const handlers = {
	'probe:memory': () => {
		const gc = /** @type {(() => void) | undefined} */ (globalThis.gc);
		for (let i = 0; i < 3; i++) gc?.();
		return { gc: typeof gc === 'function', ...process.memoryUsage() };
	},
	'probe:cpu': () => process.cpuUsage(),
	/** How late the event loop ran its turns (ms), from loop-start to loop-stop. */
	'probe:loop-start': () => {
		loop?.disable();
		loop = monitorEventLoopDelay({ resolution: 1 });
		loop.enable();
		return true;
	},
	'probe:loop-stop': () => {
		if (!loop) return null;
		loop.disable();
		const ms = (/** @type {number} */ ns) => Math.round(ns / 1e4) / 100;
		const delay = { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) };
		loop = null;
		return delay;
	},
	/** Starts (or restarts) counting SQL statements. */
	'probe:sql-start': () => {
		countStatements();
		readStatements();
		return true;
	},
	/** The statements run since the last start or read (then counts again from zero). */
	'probe:sql-read': () => readStatements(),
	/** The statements since the last read; the server's own methods are put back. */
	'probe:sql-stop': () => {
		const counts = readStatements();
		sql.uninstall?.();
		return counts;
	},
	'probe:profile-start': async () => {
		session = new Session();
		session.connect();
		await post('Profiler.enable');
		await post('Profiler.setSamplingInterval', { interval: 250 });
		await post('Profiler.start');
		return true;
	},
	/** @param {{ path: string }} message */
	'probe:profile-stop': async (message) => {
		const { profile } = /** @type {{ profile: object }} */ (await post('Profiler.stop'));
		session?.disconnect();
		session = null;
		writeFileSync(message.path, JSON.stringify(profile));
		return message.path;
	}
};

if (process.send) {
	process.on('message', async (/** @type {any} */ message) => {
		const handler = handlers[/** @type {keyof typeof handlers} */ (message?.cmd)];
		if (!handler) return;
		try {
			process.send?.({ id: message.id, ok: true, result: await handler(message) });
		} catch (error) {
			process.send?.({ id: message.id, ok: false, error: String(error) });
		}
	});
	// The channel must not keep a server alive that would otherwise exit.
	process.channel?.unref();
}
