import { getDb } from '../db';
import { forgetAllDecks } from '../deck/couple-decks';
import { forgetStates, PartialWrite } from './log';
import { deferIndexing, dropDeferredIndex, writeDeferredIndex } from './search-index';

/**
 * Group commit: the intents that arrive together are appended in ONE immediate transaction, and
 * all of them are acknowledged once that transaction has committed. One fsync for many events, and still no acknowledgement
 * before the event is durable.
 *
 * A transaction holds at most BATCH_LIMIT jobs, taken from the waiting conversations in turn, and
 * the event loop runs between transactions: a conversation with a long queue cannot hold the
 * process, and another couple's single intent waits for one small batch at most.
 */
type Job = {
	run: () => unknown;
	conversationId: string;
	resolve: (value: unknown) => void;
	reject: (error: unknown) => void;
};

export const BATCH_LIMIT = 256;

/** Waiting jobs by conversation, in arrival order; a Map keeps conversations in arrival order too. */
const waiting = new Map<string, Job[]>();
let scheduled = false;

export function inNextCommit<T>(conversationId: string, work: () => T): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const job = { run: work, conversationId, resolve: resolve as (v: unknown) => void, reject };
		const queue = waiting.get(conversationId);
		if (queue) queue.push(job);
		else waiting.set(conversationId, [job]);
		schedule();
	});
}

function schedule() {
	if (scheduled || waiting.size === 0) return;
	scheduled = true;
	setImmediate(flush);
}

/** Up to BATCH_LIMIT jobs, one from each waiting conversation in turn, in each one's own order. */
function takeBatch(): Job[] {
	const batch: Job[] = [];
	while (batch.length < BATCH_LIMIT && waiting.size > 0) {
		for (const [conversationId, queue] of waiting) {
			batch.push(queue.shift()!);
			// A conversation served goes to the back of the line (or leaves it when done).
			waiting.delete(conversationId);
			if (queue.length) waiting.set(conversationId, queue);
			if (batch.length === BATCH_LIMIT) break;
		}
	}
	return batch;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Runs a batch in one immediate transaction. First without a savepoint per job: a job the rules
 * refuse throws before it writes anything, so it needs no rollback. Only when a job fails after it
 * began writing (a PartialWrite) is the whole batch rolled back and run again with a savepoint per
 * job, so that one job's failure undoes only its own writes.
 */
function commit(jobs: Job[]): Outcome[] {
	const client = getDb().$client;
	const run = (guarded: boolean) => {
		const outcomes: Outcome[] = [];
		// Unguarded, the batch's search-index rows go in together at the end (one statement).
		if (!guarded) deferIndexing();
		client
			.transaction(() => {
				for (const job of jobs) {
					try {
						const value = guarded ? client.transaction(job.run)() : job.run();
						outcomes.push({ ok: true, value });
					} catch (error) {
						if (error instanceof PartialWrite && !guarded) throw error;
						outcomes.push({
							ok: false,
							error: error instanceof PartialWrite ? error.reason : error
						});
					}
				}
				if (!guarded) writeDeferredIndex();
			})
			.immediate();
		return outcomes;
	};
	try {
		return run(false);
	} catch (error) {
		dropDeferredIndex();
		forgetAllDecks();
		if (!(error instanceof PartialWrite)) throw error;
		forgetStates(jobs.map((j) => j.conversationId));
		return run(true);
	}
}

function flush() {
	scheduled = false;
	const jobs = takeBatch();
	schedule(); // what is left runs after the event loop had its turn
	if (jobs.length === 0) return;
	let outcomes: Outcome[];
	try {
		outcomes = commit(jobs);
	} catch (error) {
		// The commit itself failed: nothing of this batch is durable, so nothing is acknowledged,
		// and memoised states that ran ahead of the database are dropped.
		forgetStates(jobs.map((j) => j.conversationId));
		forgetAllDecks();
		for (const job of jobs) job.reject(error);
		return;
	}
	jobs.forEach((job, i) => {
		const outcome = outcomes[i]!;
		if (outcome.ok) job.resolve(outcome.value);
		else job.reject(outcome.error);
	});
}
