import { getDb } from '../db';
import { forgetStates } from './log';

/**
 * Group commit: the intents that arrive within one tick of the event loop are appended in ONE
 * immediate transaction (each in its own savepoint, so a refused intent rolls back alone), and all
 * of them are acknowledged once that transaction has committed. One fsync for many events, and
 * still no acknowledgement before the event is durable.
 */
type Job = {
	run: () => unknown;
	conversationId: string;
	resolve: (value: unknown) => void;
	reject: (error: unknown) => void;
};

const queue: Job[] = [];
let scheduled = false;

export function inNextCommit<T>(conversationId: string, work: () => T): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		queue.push({ run: work, conversationId, resolve: resolve as (v: unknown) => void, reject });
		if (!scheduled) {
			scheduled = true;
			setImmediate(flush);
		}
	});
}

function flush() {
	scheduled = false;
	const jobs = queue.splice(0);
	if (jobs.length === 0) return;
	const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
	try {
		getDb()
			.$client.transaction(() => {
				for (const job of jobs) {
					try {
						outcomes.push({ ok: true, value: job.run() });
					} catch (error) {
						outcomes.push({ ok: false, error });
					}
				}
			})
			.immediate();
	} catch (error) {
		// The commit itself failed: nothing of this batch is durable, so nothing is acknowledged,
		// and memoised states that ran ahead of the database are dropped.
		forgetStates(jobs.map((j) => j.conversationId));
		for (const job of jobs) job.reject(error);
		return;
	}
	jobs.forEach((job, i) => {
		const outcome = outcomes[i]!;
		if (outcome.ok) job.resolve(outcome.value);
		else job.reject(outcome.error);
	});
}
