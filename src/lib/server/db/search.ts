import { sql } from 'drizzle-orm';
import { execute, rows } from './index';
import { dialect } from './target';

/** One row of the index: a person's words in one event, by part (their answer, or other words). */
export type IndexRow = {
	text: string;
	coupleId: string;
	conversationId: string;
	seq: number;
	actorId: string | null;
	part: 'answer' | 'other';
};

/**
 * Adds rows to the index (the same table and columns on both databases), in one statement with a
 * fixed shape whatever their number: the rows go as one JSON parameter (SQLite) or six arrays
 * (PostgreSQL), so nothing is built per row and the statement is prepared once.
 */
export async function writeSearchRows(list: IndexRow[]): Promise<void> {
	if (list.length === 0) return;
	const columns = sql`search_index (text, couple_id, conversation_id, seq, actor_id, part)`;
	if (dialect() === 'postgres') {
		// One parameter each (sql.param): a bare array would be spread into a list of parameters.
		const column = <K extends keyof IndexRow>(key: K) => sql.param(list.map((row) => row[key]));
		await execute(sql`insert into ${columns}
			select * from unnest(${column('text')}::text[], ${column('coupleId')}::text[],
				${column('conversationId')}::text[], ${column('seq')}::integer[],
				${column('actorId')}::text[], ${column('part')}::text[])`);
		return;
	}
	const json = JSON.stringify(
		list.map((r) => [r.text, r.coupleId, r.conversationId, r.seq, r.actorId, r.part])
	);
	await execute(sql`insert into ${columns}
		select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5
		from json_each(${json})`);
}

/** One indexed piece of words that matched, with the conversation it belongs to. */
export type SearchRow = {
	conversationId: string;
	seq: number;
	actorId: string | null;
	part: 'answer' | 'other';
	text: string;
	/** The words around the match, the matched words between \u0001 and \u0002. */
	snippet: string;
	kind: string;
	at: number;
};

/**
 * What a person typed, as search terms: letters and digits only (so nothing in it is query
 * syntax on either database), at most eight; every term must appear, the last as a prefix (it may
 * be half typed).
 */
export function searchTerms(input: string): string[] {
	return input
		.normalize('NFKC')
		.split(/[^\p{L}\p{N}]+/u)
		.filter(Boolean)
		.slice(0, 8);
}

/**
 * The newest indexed words of these couples that match every term, on either database: FTS5 on
 * SQLite (unicode61, accents removed), a `simple` tsvector with accents folded on PostgreSQL — no
 * stemming on either, so the same words find the same rows. Newest first (insertion order) lets
 * both stop after a page of hits instead of ranking every match.
 */
export async function searchWords(
	coupleIds: string[],
	input: string,
	limit: number
): Promise<SearchRow[]> {
	const terms = searchTerms(input);
	if (!terms.length || !coupleIds.length) return [];
	const couples = sql.join(
		coupleIds.map((id) => sql`${id}`),
		sql`, `
	);
	const columns = sql`s.conversation_id as "conversationId", s.seq, s.actor_id as "actorId", s.part,
		s.text, c.kind, c.last_event_at as "at"`;
	if (dialect() === 'postgres') {
		const query = terms.map((t, i) => `${t}${i === terms.length - 1 ? ':*' : ''}`).join(' & ');
		return rows<SearchRow>(sql`
			select ${columns},
				ts_headline('simple', s.text, q.query,
					'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxWords=14, MinWords=6, ShortWord=1')
					as snippet
			from search_index s
				join conversations c on c.id = s.conversation_id,
				to_tsquery('simple', hearth_unaccent(lower(${query}))) as q(query)
			where s.words @@ q.query and s.couple_id in (${couples})
			order by s.position desc
			limit ${limit}`);
	}
	const match = terms
		.map((t, i) => `"${t.replaceAll('"', '""')}"${i === terms.length - 1 ? '*' : ''}`)
		.join(' ');
	return rows<SearchRow>(sql`
		select ${columns},
			snippet(search_index, 0, char(1), char(2), '…', 14) as snippet
		from search_index s join conversations c on c.id = s.conversation_id
		where search_index match ${match} and s.couple_id in (${couples})
		order by s.rowid desc
		limit ${limit}`);
}
