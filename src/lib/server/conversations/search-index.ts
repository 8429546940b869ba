import type { Kind, LoggedEvent } from '$lib/conversation/kind';
import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'drizzle-orm';
import { execute } from '../db';

type IndexRow = [
	text: string,
	coupleId: string,
	conversationId: string,
	seq: number,
	actorId: string | null,
	part: string
];

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
	const rows = kind
		.wordsOf(event)
		.map(({ part, text }): IndexRow => [
			text,
			coupleId,
			conversationId,
			event.seq,
			event.actorId,
			part
		]);
	const waiting = deferred.getStore();
	if (waiting) waiting.push(...rows);
	else if (rows.length) await insertRows(rows);
}

const CHUNK = 100;

async function insertRows(rows: IndexRow[]) {
	// The same table and columns on both databases (an FTS5 table, or a table with a generated
	// tsvector): only the search itself differs (../db/search.ts).
	for (let i = 0; i < rows.length; i += CHUNK) {
		const values = rows
			.slice(i, i + CHUNK)
			.map(
				([text, coupleId, conversationId, seq, actorId, part]) =>
					sql`(${text}, ${coupleId}, ${conversationId}, ${seq}, ${actorId}, ${part})`
			);
		await execute(
			sql`insert into search_index (text, couple_id, conversation_id, seq, actor_id, part) values ${sql.join(values, sql`, `)}`
		);
	}
}

/** Runs a group-commit batch whose index rows wait, and are written by `writeDeferredIndex`. */
export function deferringIndex<T>(batch: () => Promise<T>): Promise<T> {
	return deferred.run([], batch);
}

/** Writes the rows that waited (inside the batch's transaction, before it commits). */
export async function writeDeferredIndex() {
	const rows = deferred.getStore() ?? [];
	const taken = rows.splice(0);
	if (taken.length) await insertRows(taken);
}
