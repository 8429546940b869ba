import type { Kind, LoggedEvent } from '$lib/conversation/kind';
import { prepared } from '../db';

/** Projection kept in step with the log, inside the append's transaction. */
export function indexEvent(
	kind: Pick<Kind, 'wordsOf'>,
	coupleId: string,
	conversationId: string,
	event: LoggedEvent
) {
	const insert = prepared('search-index-insert', (db) =>
		db.$client.prepare(
			'insert into search_index (text, couple_id, conversation_id, seq, actor_id, part) values (?, ?, ?, ?, ?, ?)'
		)
	);
	for (const { part, text } of kind.wordsOf(event)) {
		insert.run(text, coupleId, conversationId, event.seq, event.actorId, part);
	}
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
