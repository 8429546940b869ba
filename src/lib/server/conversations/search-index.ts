import type { Kind, LoggedEvent } from '$lib/conversation/kind';
import { getDb } from '../db';

type IndexRow = [
	text: string,
	coupleId: string,
	conversationId: string,
	seq: number,
	actorId: string | null,
	part: string
];

/** Rows waiting for the end of a group-commit batch; null when each row is written at once. */
let deferred: IndexRow[] | null = null;

/**
 * Projection kept in step with the log, inside the append's transaction. Within a group-commit
 * batch the rows wait and are written together, in one statement, just before the batch commits.
 */
export function indexEvent(
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
	if (deferred) deferred.push(...rows);
	else if (rows.length) insertRows(rows);
}

const CHUNK = 100;

function insertRows(rows: IndexRow[]) {
	const client = getDb().$client;
	for (let i = 0; i < rows.length; i += CHUNK) {
		const chunk = rows.slice(i, i + CHUNK);
		// The connection keeps compiled statements by their text, so each chunk size compiles once.
		client
			.prepare(
				`insert into search_index (text, couple_id, conversation_id, seq, actor_id, part) values ${chunk
					.map(() => '(?, ?, ?, ?, ?, ?)')
					.join(', ')}`
			)
			.run(chunk.flat());
	}
}

/** From here until `writeDeferredIndex` or `dropDeferredIndex`, index rows wait. */
export function deferIndexing() {
	deferred = [];
}

/** Writes the rows that waited (inside the batch's transaction, before it commits). */
export function writeDeferredIndex() {
	const rows = deferred ?? [];
	deferred = null;
	if (rows.length) insertRows(rows);
}

/** The batch is being rolled back: what waited is forgotten with it. */
export function dropDeferredIndex() {
	deferred = null;
}

/** Turns what a person typed into a safe FTS5 query: every word must appear (prefix match on the last). */
export function ftsQuery(input: string): string | null {
	const terms = input
		.normalize('NFKC')
		.split(/[^\p{L}\p{N}]+/u)
		.filter(Boolean)
		.slice(0, 8);
	if (!terms.length) return null;
	return terms
		.map((t, i) => `"${t.replaceAll('"', '""')}"${i === terms.length - 1 ? '*' : ''}`)
		.join(' ');
}
