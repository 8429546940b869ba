import type { Server as HttpServer } from 'node:http';
import { closeDb, openDatabase } from './db';
import { published } from './conversations/publish';
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

export async function registerRuntime() {
	checkPushConfig(); // a test-only push setting stops start-up unless explicitly allowed
	checkTestClockConfig(); // so does a clock a request could set, under NODE_ENV=production
	await openDatabase(); // open and migrate now, so a broken database stops start-up, not a request
	await vapidKeys(); // generated at the first start of the first process, kept in the database
	const runtime: HearthRuntime = {
		attachRealtime: (httpServer) => void attachRealtime(httpServer),
		async shutdown() {
			await closeRealtime();
			await published();
			await closeDb();
		}
	};
	(globalThis as Record<symbol, unknown>)[RUNTIME_KEY] = runtime;
}
