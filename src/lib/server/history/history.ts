import { and, eq, inArray, sql } from 'drizzle-orm';
import type { KindName, LoggedEvent } from '$lib/conversation/kind';
import { isSignal, kinds, SIGNAL_KINDS } from '$lib/conversation/kinds';
import type { TranscriptLine } from '$lib/conversation/transcript';
import type { TalkCard } from '$lib/conversation/talk/types';
import type { CategoryId } from '$lib/deck/types';
import { getDb } from '../db';
import { coupleMembers, moments, privateNotes, users, type Conversation } from '../db/schema';
import { notFound } from '../errors';
import { forReading, forWriting } from '../conversations/gate';
import { eventAt } from '../conversations/log';
import { ftsQuery } from '../conversations/search-index';
import { visibleEvents, wordsVisible } from '../conversations/visibility';

export const FORMER_PARTNER = 'Former partner';

/** Every couple this person is or was part of: history outlives a couple. */
export function coupleIdsOf(userId: string): string[] {
	return getDb()
		.select({ id: coupleMembers.coupleId })
		.from(coupleMembers)
		.where(eq(coupleMembers.userId, userId))
		.all()
		.map((r) => r.id);
}

/** Names as this viewer reads them: "You", the partner's current name, or "Former partner". */
export function namesFor(viewerId: string, ids: (string | null)[]): (id: string | null) => string {
	const wanted = [...new Set(ids.filter((id): id is string => !!id && id !== viewerId))];
	const rows = wanted.length
		? getDb()
				.select({ id: users.id, name: users.name })
				.from(users)
				.where(inArray(users.id, wanted))
				.all()
		: [];
	const known = new Map(rows.map((r) => [r.id, r.name]));
	return (id) => (id === viewerId ? 'You' : id ? (known.get(id) ?? FORMER_PARTNER) : 'Hearth');
}

/** Everyone named in a conversation's events (participants and actors). */
function peopleIn(events: readonly LoggedEvent[]): (string | null)[] {
	const first = events[0]?.data as { participants?: { id: string }[] } | undefined;
	return [...(first?.participants ?? []).map((p) => p.id), ...events.map((e) => e.actorId)];
}

export function conversationTranscript(
	viewerId: string,
	conversation: Conversation
): TranscriptLine[] {
	const events = visibleEvents(viewerId, conversation);
	return kinds[conversation.kind].transcript(events, namesFor(viewerId, peopleIn(events)));
}

/** A conversation of the history, through the gate: a signal (an open door) is not one. */
function historyConversation(gated: Conversation): Conversation {
	if (isSignal(gated.kind)) throw notFound();
	return gated;
}

export function readConversation(viewerId: string, conversationId: string) {
	const gated = forReading(viewerId, conversationId);
	const conversation = historyConversation(gated.conversation);
	const writable = gated.writable;
	// Nothing of it is theirs to see yet (a question for today before their hour): not found.
	if (visibleEvents(viewerId, conversation).length === 0) throw notFound();
	const lines = conversationTranscript(viewerId, conversation);
	const marked = getDb()
		.select({ seq: moments.seq })
		.from(moments)
		.where(eq(moments.conversationId, conversationId))
		.all()
		.map((m) => m.seq);
	const note = getDb()
		.select({ text: privateNotes.text })
		.from(privateNotes)
		.where(and(eq(privateNotes.conversationId, conversationId), eq(privateNotes.userId, viewerId)))
		.get();
	return { conversation, writable, lines, moments: marked, note: note?.text ?? '' };
}

/** Marks (or unmarks) a moment that mattered on one event; both partners see it. */
export function toggleMoment(
	userId: string,
	conversationId: string,
	seq: number,
	now = Date.now()
): boolean {
	const conversation = historyConversation(forWriting(userId, conversationId));
	if (seq < 1 || seq > conversation.lastSeq) throw notFound();
	const db = getDb();
	const existing = db
		.select()
		.from(moments)
		.where(and(eq(moments.conversationId, conversationId), eq(moments.seq, seq)))
		.get();
	if (existing) {
		db.delete(moments).where(eq(moments.id, existing.id)).run();
		return false;
	}
	db.insert(moments)
		.values({
			id: crypto.randomUUID(),
			coupleId: conversation.coupleId,
			conversationId,
			seq,
			userId,
			createdAt: now
		})
		.run();
	return true;
}

/** A private note on a conversation: only its writer ever reads it. Empty text removes it. */
export function saveNote(userId: string, conversationId: string, text: string, now = Date.now()) {
	// A private note is the writer's own, but it is still a change to shared history's margins:
	// only a member of the couple as it is now writes one.
	historyConversation(forWriting(userId, conversationId));
	const db = getDb();
	if (!text) {
		db.delete(privateNotes)
			.where(and(eq(privateNotes.userId, userId), eq(privateNotes.conversationId, conversationId)))
			.run();
		return;
	}
	db.insert(privateNotes)
		.values({
			id: crypto.randomUUID(),
			userId,
			conversationId,
			text,
			createdAt: now,
			updatedAt: now
		})
		.onConflictDoUpdate({
			target: [privateNotes.userId, privateNotes.conversationId],
			set: { text, updatedAt: now }
		})
		.run();
}

export type TimelineFilters = {
	kind?: KindName;
	category?: CategoryId;
	moments?: boolean;
	setAside?: boolean;
};
export type Cursor = { at: number; id: string };
export type TimelineItem = {
	id: string;
	kind: KindName;
	status: Conversation['status'];
	startedAt: number;
	lastEventAt: number;
	firstCard: TalkCard | null;
	cardCount: number;
	hasMoment: boolean;
	hasSetAside: boolean;
	intention: string | null;
};

/**
 * A page of the timeline, newest first. Keyset pagination on (last_event_at, id) over the
 * couple index keeps a page's cost tied to its size, not to the history's.
 */
export function timelineOf(
	userId: string,
	filters: TimelineFilters,
	cursor: Cursor | null,
	limit = 20
) {
	const couples = coupleIdsOf(userId);
	if (!couples.length) return { items: [] as TimelineItem[], next: null as Cursor | null };
	const conditions = [
		sql`c.couple_id in (${sql.join(
			couples.map((id) => sql`${id}`),
			sql`, `
		)})`
	];
	if (filters.kind) conditions.push(sql`c.kind = ${filters.kind}`);
	// A signal (an open door) is not a conversation to look back on, and nothing counts it.
	for (const signal of SIGNAL_KINDS) conditions.push(sql`c.kind <> ${signal}`);
	// A question for today is in a person's history once it reached them, not before.
	conditions.push(sql`(c.kind <> 'daily' or exists (select 1 from daily_deliveries d
		where d.conversation_id = c.id and d.user_id = ${userId}))`);
	if (cursor)
		conditions.push(
			sql`(c.last_event_at < ${cursor.at} or (c.last_event_at = ${cursor.at} and c.id < ${cursor.id}))`
		);
	if (filters.moments)
		conditions.push(sql`exists (select 1 from moments m where m.conversation_id = c.id)`);
	// "Set aside" is the viewer's own, and only while it rests: never a partner's "not yet".
	const mineResting = sql`exists (select 1 from set_asides s where s.conversation_id = c.id
		and s.user_id = ${userId} and s.brought_back_at is null)`;
	if (filters.setAside) conditions.push(mineResting);
	if (filters.category) {
		conditions.push(sql`exists (select 1 from events e where e.conversation_id = c.id
			and e.type in ('card.drawn', 'card.sent', 'question.drawn') and json_extract(e.payload, '$.card.category') = ${filters.category})`);
	}
	const rows = getDb().all<{
		id: string;
		kind: KindName;
		status: Conversation['status'];
		created_at: number;
		last_event_at: number;
		first_card: string | null;
		card_count: number;
		has_moment: number;
		has_set_aside: number;
		intention: string | null;
	}>(sql`
		select c.id, c.kind, c.status, c.created_at, c.last_event_at,
			(select json_extract(e.payload, '$.card') from events e where e.conversation_id = c.id
				and e.type in ('card.drawn', 'card.sent', 'question.drawn') order by e.seq limit 1) as first_card,
			(select count(*) from events e where e.conversation_id = c.id and e.type in ('card.drawn', 'card.sent', 'question.drawn'))
				- (select count(*) from events e where e.conversation_id = c.id and e.type = 'card.passed') as card_count,
			exists (select 1 from moments m where m.conversation_id = c.id) as has_moment,
			${mineResting} as has_set_aside,
			(select json_extract(e.payload, '$.scheduled.intention') from events e where e.conversation_id = c.id and e.seq = 1) as intention
		from conversations c
		where ${sql.join(conditions, sql` and `)}
		order by c.last_event_at desc, c.id desc
		limit ${limit + 1}`);
	const items: TimelineItem[] = rows.slice(0, limit).map((r) => ({
		id: r.id,
		kind: r.kind,
		status: r.status,
		startedAt: r.created_at,
		lastEventAt: r.last_event_at,
		firstCard: r.first_card ? (JSON.parse(r.first_card) as TalkCard) : null,
		cardCount: r.card_count,
		hasMoment: !!r.has_moment,
		hasSetAside: !!r.has_set_aside,
		intention: r.intention
	}));
	const last = items.at(-1);
	return {
		items,
		next: rows.length > limit && last ? { at: last.lastEventAt, id: last.id } : null
	};
}

export type SearchHit = {
	conversationId: string;
	seq: number;
	kind: KindName;
	at: number;
	snippet: string;
};

/**
 * Full-text search over the couple's words, newest first; answers the reveal still hides are never
 * matched. Newest-first (rowid order) lets FTS5 stop after a page of hits; ordering by relevance
 * would rank every match first, which grows with the history.
 */
export function searchHistory(userId: string, query: string, limit = 20): SearchHit[] {
	const match = ftsQuery(query);
	const couples = coupleIdsOf(userId);
	if (!match || !couples.length) return [];
	const rows = getDb().all<{
		conversation_id: string;
		seq: number;
		actor_id: string | null;
		part: string;
		text: string;
		snippet: string;
		kind: KindName;
		last_seq: number;
		at: number;
	}>(sql`
		select s.conversation_id, s.seq, s.actor_id, s.part, s.text,
			snippet(search_index, 0, char(1), char(2), '…', 14) as snippet,
			c.kind, c.last_seq, c.last_event_at as at
		from search_index s join conversations c on c.id = s.conversation_id
		where search_index match ${match}
			and s.couple_id in (${sql.join(
				couples.map((id) => sql`${id}`),
				sql`, `
			)})
		order by s.rowid desc
		limit ${limit * 3}`);
	const hits: SearchHit[] = [];
	for (const row of rows) {
		// Words a reveal may still hide, and a question for today that has not reached this person
		// yet, pass through the one visibility rule.
		if ((row.part === 'answer' && row.actor_id !== userId) || row.kind === 'daily') {
			const { conversation } = forReading(userId, row.conversation_id);
			const event = eventAt(row.conversation_id, row.seq);
			if (!event || !wordsVisible(userId, conversation, event, row.text)) continue;
		}
		hits.push({
			conversationId: row.conversation_id,
			seq: row.seq,
			kind: row.kind,
			at: row.at,
			snippet: row.snippet
		});
		if (hits.length === limit) break;
	}
	return hits;
}
