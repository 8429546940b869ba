import { prepared } from '../db';

type Indexable = { type: string; seq: number; actorId: string | null; data: unknown };
export type IndexedPart = 'answer' | 'other';

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** The words an event carries, split into answers (which a reveal may hide) and the rest. */
export function wordsOf(event: Indexable): { part: IndexedPart; text: string }[] {
	const d = event.data as Record<string, unknown>;
	const rows: { part: IndexedPart; text: string }[] = [];
	if (event.type === 'answer.given') {
		const text = str(d.text);
		if (text) rows.push({ part: 'answer', text });
		return rows;
	}
	const other = [
		str((d.card as { text?: unknown } | undefined)?.text),
		str(d.note),
		str(d.text),
		str(d.clarification)
	]
		.filter((p): p is string => p !== null)
		.join(' ');
	if (other) rows.push({ part: 'other', text: other });
	const first = str(d.firstAnswer);
	if (first) rows.push({ part: 'answer', text: first });
	return rows;
}

/** Projection kept in step with the log, inside the append's transaction. */
export function indexEvent(coupleId: string, conversationId: string, event: Indexable) {
	const insert = prepared('search-index-insert', (db) =>
		db.$client.prepare(
			'insert into search_index (text, couple_id, conversation_id, seq, actor_id, part) values (?, ?, ?, ?, ?, ?)'
		)
	);
	for (const { part, text } of wordsOf(event)) {
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
