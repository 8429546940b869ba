import type { Server as HttpServer } from 'node:http';
import { closeDb, getDb } from './db';
import { checkPushConfig } from './push/policy';
import { vapidKeys } from './push/push';
import { attachRealtime, closeRealtime } from './realtime/server';
import { checkTestClockConfig } from './request';

/** What the production entry needs from inside the app bundle. Keep in step with src/entry/start.ts. */
export interface HearthRuntime {
	attachRealtime(httpServer: HttpServer): void;
	shutdown(): Promise<void>;
}

export const RUNTIME_KEY = Symbol.for('hearth.runtime');

export function registerRuntime() {
	checkPushConfig(); // a test-only push setting stops start-up unless explicitly allowed
	checkTestClockConfig(); // so does a clock a request could set, under NODE_ENV=production
	getDb(); // open and migrate now, so a broken database stops start-up rather than a request
	vapidKeys(); // generated at first start and kept with the data
	const runtime: HearthRuntime = {
		attachRealtime: (httpServer) => void attachRealtime(httpServer),
		async shutdown() {
			await closeRealtime();
			closeDb();
		}
	};
	(globalThis as Record<symbol, unknown>)[RUNTIME_KEY] = runtime;
}
