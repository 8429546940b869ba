import type { Kind, LoggedEvent } from '$lib/conversation/kind';
import { AsyncLocalStorage } from 'node:async_hooks';
import { writeSearchRows, type IndexRow } from '../db/search';

/**
 * Rows waiting for the end of a group-commit batch. Bound to the batch's own async call chain: a
 * write elsewhere in the process at the same time (another transaction) writes its rows itself.
 */
const deferred = new AsyncLocalStorage<IndexRow[]>();

/**
 * Projection kept in step with the log, inside the append's transaction. Within a group-commit
 * batch the rows wait and are written together, in one statement, just before the batch commits.
 */
export async function indexEvent(
	kind: Pick<Kind, 'wordsOf'>,
	coupleId: string,
	conversationId: string,
	event: LoggedEvent
) {
	const rows = kind.wordsOf(event).map(({ part, text }): IndexRow => ({
		text,
		coupleId,
		conversationId,
		seq: event.seq,
		actorId: event.actorId,
		part
	}));
	const waiting = deferred.getStore();
	if (waiting) waiting.push(...rows);
	else await writeSearchRows(rows);
}

/** Runs a group-commit batch whose index rows wait, and are written by `writeDeferredIndex`. */
export function deferringIndex<T>(batch: () => Promise<T>): Promise<T> {
	return deferred.run([], batch);
}

/** Writes the rows that waited (inside the batch's transaction, before it commits). */
export async function writeDeferredIndex() {
	const rows = deferred.getStore() ?? [];
	await writeSearchRows(rows.splice(0));
}
