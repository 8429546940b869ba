/**
 * Preloaded into the servers under test (`node --expose-gc --import bench/probe.mjs <server>`), so
 * the benchmark can ask for memory after a forced GC, CPU time, event-loop delay and a CPU profile
 * over the IPC channel without changing the server's code. Inert when there is no IPC channel.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
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
