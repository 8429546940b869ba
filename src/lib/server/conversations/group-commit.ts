import { dialect, transaction } from '../db';
import { lockRows } from '../db/locks';
import { forgetAllDecks } from '../deck/couple-decks';
import { AppError } from '../errors';
import { forgetStates, PartialWrite } from './log';
import { deferringIndex, writeDeferredIndex } from './search-index';

/**
 * Group commit: the intents that arrive together are appended in ONE transaction, and all of them
 * are acknowledged once that transaction has committed. One flush to disk for many events, and
 * still no acknowledgement before the event is durable.
 *
 * Batches in flight at once: one on SQLite (one writer; what arrives meanwhile waits for the next,
 * so batches grow with the load), a few on PostgreSQL, each on its own connection, for different
 * conversations — there a batch waits on network round trips, not on the disk, and a conversation
 * is only ever in one batch at a time, so its events keep their order. A transaction holds at
 * most BATCH_LIMIT jobs, taken from the waiting
 * conversations in turn: a conversation with a long queue cannot hold the process, and another
 * couple's single intent waits for one small batch at most. The batch's conversation rows are
 * locked first, in id order, so that several processes on one PostgreSQL database append to a
 * conversation one after another and never deadlock (on SQLite the transaction's write lock
 * already does it).
 */
type Job = {
	run: () => unknown;
	conversationId: string;
	resolve: (value: unknown) => void;
	reject: (error: unknown) => void;
};

export const BATCH_LIMIT = 256;
const BATCHES_IN_FLIGHT = dialect() === 'postgres' ? 4 : 1;

/** Waiting jobs by conversation, in arrival order; a Map keeps conversations in arrival order too. */
const waiting = new Map<string, Job[]>();
/** Conversations with jobs in a batch in flight: their next jobs wait for it. */
const busy = new Set<string>();
let scheduled = false;
let inFlight = 0;

export function inNextCommit<T>(conversationId: string, work: () => T | Promise<T>): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const job = { run: work, conversationId, resolve: resolve as (v: unknown) => void, reject };
		const queue = waiting.get(conversationId);
		if (queue) queue.push(job);
		else waiting.set(conversationId, [job]);
		schedule();
	});
}

function schedule() {
	if (scheduled || inFlight >= BATCHES_IN_FLIGHT || waiting.size === 0) return;
	scheduled = true;
	setImmediate(() => void flush());
}

/**
 * Up to BATCH_LIMIT jobs, one from each waiting conversation in turn, in each one's own order —
 * of the conversations not in a batch in flight.
 */
function takeBatch(): Job[] {
	const batch: Job[] = [];
	for (let took = true; took && batch.length < BATCH_LIMIT;) {
		took = false;
		for (const [conversationId, queue] of waiting) {
			if (busy.has(conversationId)) continue;
			took = true;
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

/** The batch must run again, each job in a savepoint of its own. */
class RunGuarded extends Error {}

/**
 * Runs a batch in one transaction. First without a savepoint per job: a job the rules refuse
 * throws an AppError before it writes anything, so it needs no rollback. Any other failure — a job
 * that broke off after it began writing (a PartialWrite), or a failed statement, which on
 * PostgreSQL spoils the whole transaction — rolls the batch back and runs it again with a
 * savepoint per job, so that one job's failure undoes only its own writes.
 */
async function commit(jobs: Job[]): Promise<Outcome[]> {
	const ids = [...new Set(jobs.map((j) => j.conversationId))].sort();
	const run = (guarded: boolean) =>
		deferringIndex(async () => {
			const outcomes: Outcome[] = [];
			await transaction(async () => {
				await lockRows('conversations', ids);
				for (const job of jobs) {
					try {
						const value = guarded ? await transaction(async () => job.run()) : await job.run();
						outcomes.push({ ok: true, value });
					} catch (error) {
						if (!guarded && !(error instanceof AppError)) throw new RunGuarded();
						outcomes.push({
							ok: false,
							error: error instanceof PartialWrite ? error.reason : error
						});
					}
				}
				// The batch's search-index rows go in together at the end (one statement).
				await writeDeferredIndex();
			});
			return outcomes;
		});
	try {
		return await run(false);
	} catch (error) {
		forgetAllDecks();
		if (!(error instanceof RunGuarded)) throw error;
		forgetStates(ids);
		return run(true);
	}
}

async function flush() {
	scheduled = false;
	const jobs = takeBatch();
	if (jobs.length === 0) return;
	const ids = new Set(jobs.map((j) => j.conversationId));
	for (const id of ids) busy.add(id);
	inFlight++;
	schedule(); // another batch may start beside this one (PostgreSQL)
	let outcomes: Outcome[];
	try {
		outcomes = await commit(jobs);
	} catch (error) {
		// The commit itself failed: nothing of this batch is durable, so nothing is acknowledged,
		// and memoised states that ran ahead of the database are dropped.
		forgetStates(jobs.map((j) => j.conversationId));
		forgetAllDecks();
		for (const job of jobs) job.reject(error);
		return;
	} finally {
		for (const id of ids) busy.delete(id);
		inFlight--;
		schedule(); // what arrived meanwhile is the next batch
	}
	jobs.forEach((job, i) => {
		const outcome = outcomes[i]!;
		if (outcome.ok) job.resolve(outcome.value);
		else job.reject(outcome.error);
	});
}
