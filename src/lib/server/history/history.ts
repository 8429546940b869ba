import { and, eq, inArray, sql } from 'drizzle-orm';
import type { KindName, LoggedEvent } from '$lib/conversation/kind';
import { isSignal, kinds, SIGNAL_KINDS } from '$lib/conversation/kinds';
import type { TranscriptLine } from '$lib/conversation/transcript';
import type { TalkCard } from '$lib/conversation/talk/types';
import type { CategoryId } from '$lib/deck/types';
import { getDb, rows as sqlRows } from '../db';
import { searchWords } from '../db/search';
import { jsonText } from '../db/sql';
import { coupleMembers, moments, privateNotes, users, type Conversation } from '../db/schema';
import { notFound } from '../errors';
import { forReading, forWriting } from '../conversations/gate';
import { eventAt } from '../conversations/log';
import { visibleEvents, wordsVisible } from '../conversations/visibility';

export const FORMER_PARTNER = 'Former partner';

/** Every couple this person is or was part of: history outlives a couple. */
export async function coupleIdsOf(userId: string): Promise<string[]> {
	const rows = await getDb()
		.select({ id: coupleMembers.coupleId })
		.from(coupleMembers)
		.where(eq(coupleMembers.userId, userId));
	return rows.map((r) => r.id);
}

/** Names as this viewer reads them: "You", the partner's current name, or "Former partner". */
export async function namesFor(
	viewerId: string,
	ids: (string | null)[]
): Promise<(id: string | null) => string> {
	const wanted = [...new Set(ids.filter((id): id is string => !!id && id !== viewerId))];
	const rows = wanted.length
		? await getDb()
				.select({ id: users.id, name: users.name })
				.from(users)
				.where(inArray(users.id, wanted))
		: [];
	const known = new Map(rows.map((r) => [r.id, r.name]));
	return (id) => (id === viewerId ? 'You' : id ? (known.get(id) ?? FORMER_PARTNER) : 'Hearth');
}

/** Everyone named in a conversation's events (participants and actors). */
function peopleIn(events: readonly LoggedEvent[]): (string | null)[] {
	const first = events[0]?.data as { participants?: { id: string }[] } | undefined;
	return [...(first?.participants ?? []).map((p) => p.id), ...events.map((e) => e.actorId)];
}

export async function conversationTranscript(
	viewerId: string,
	conversation: Conversation
): Promise<TranscriptLine[]> {
	const events = await visibleEvents(viewerId, conversation);
	return kinds[conversation.kind].transcript(events, await namesFor(viewerId, peopleIn(events)));
}

/** A conversation of the history, through the gate: a signal (an open door) is not one. */
function historyConversation(gated: Conversation): Conversation {
	if (isSignal(gated.kind)) throw notFound();
	return gated;
}

export async function readConversation(viewerId: string, conversationId: string) {
	const gated = await forReading(viewerId, conversationId);
	const conversation = historyConversation(gated.conversation);
	const writable = gated.writable;
	// Nothing of it is theirs to see yet (a question for today before their hour): not found.
	if ((await visibleEvents(viewerId, conversation)).length === 0) throw notFound();
	const lines = await conversationTranscript(viewerId, conversation);
	const marked = (
		await getDb()
			.select({ seq: moments.seq })
			.from(moments)
			.where(eq(moments.conversationId, conversationId))
	).map((m) => m.seq);
	const [note] = await getDb()
		.select({ text: privateNotes.text })
		.from(privateNotes)
		.where(and(eq(privateNotes.conversationId, conversationId), eq(privateNotes.userId, viewerId)))
		.limit(1);
	return { conversation, writable, lines, moments: marked, note: note?.text ?? '' };
}

/** Marks (or unmarks) a moment that mattered on one event; both partners see it. */
export async function toggleMoment(
	userId: string,
	conversationId: string,
	seq: number,
	now = Date.now()
): Promise<boolean> {
	const conversation = historyConversation(await forWriting(userId, conversationId));
	if (seq < 1 || seq > conversation.lastSeq) throw notFound();
	const db = getDb();
	const [existing] = await db
		.select()
		.from(moments)
		.where(and(eq(moments.conversationId, conversationId), eq(moments.seq, seq)))
		.limit(1);
	if (existing) {
		await db.delete(moments).where(eq(moments.id, existing.id));
		return false;
	}
	// A double tap: the second finds the first's moment (the unique key), and it stays marked.
	await db
		.insert(moments)
		.values({
			id: crypto.randomUUID(),
			coupleId: conversation.coupleId,
			conversationId,
			seq,
			userId,
			createdAt: now
		})
		.onConflictDoNothing();
	return true;
}

/** A private note on a conversation: only its writer ever reads it. Empty text removes it. */
export async function saveNote(
	userId: string,
	conversationId: string,
	text: string,
	now = Date.now()
): Promise<void> {
	// A private note is the writer's own, but it is still a change to shared history's margins:
	// only a member of the couple as it is now writes one.
	historyConversation(await forWriting(userId, conversationId));
	const db = getDb();
	if (!text) {
		await db
			.delete(privateNotes)
			.where(and(eq(privateNotes.userId, userId), eq(privateNotes.conversationId, conversationId)));
		return;
	}
	await db
		.insert(privateNotes)
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
		});
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
export async function timelineOf(
	userId: string,
	filters: TimelineFilters,
	cursor: Cursor | null,
	limit = 20
) {
	const couples = await coupleIdsOf(userId);
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
			and e.type in ('card.drawn', 'card.sent', 'question.drawn') and ${jsonText(sql`e.payload`, 'card', 'category')} = ${filters.category})`);
	}
	const payload = sql`e.payload`;
	const rows = await sqlRows<{
		id: string;
		kind: KindName;
		status: Conversation['status'];
		createdAt: number;
		lastEventAt: number;
		firstCard: string | null;
		cardCount: number;
		// true/false on PostgreSQL, 1/0 on SQLite
		hasMoment: boolean | number;
		hasSetAside: boolean | number;
		intention: string | null;
	}>(sql`
		select c.id, c.kind, c.status, c.created_at as "createdAt", c.last_event_at as "lastEventAt",
			(select ${jsonText(payload, 'card')} from events e where e.conversation_id = c.id
				and e.type in ('card.drawn', 'card.sent', 'question.drawn') order by e.seq limit 1) as "firstCard",
			(select count(*) from events e where e.conversation_id = c.id and e.type in ('card.drawn', 'card.sent', 'question.drawn'))
				- (select count(*) from events e where e.conversation_id = c.id and e.type = 'card.passed') as "cardCount",
			exists (select 1 from moments m where m.conversation_id = c.id) as "hasMoment",
			${mineResting} as "hasSetAside",
			(select ${jsonText(payload, 'scheduled', 'intention')} from events e where e.conversation_id = c.id and e.seq = 1) as intention
		from conversations c
		where ${sql.join(conditions, sql` and `)}
		order by c.last_event_at desc, c.id desc
		limit ${limit + 1}`);
	const items: TimelineItem[] = rows.slice(0, limit).map((r) => ({
		id: r.id,
		kind: r.kind,
		status: r.status,
		startedAt: Number(r.createdAt),
		lastEventAt: Number(r.lastEventAt),
		firstCard: r.firstCard ? (JSON.parse(r.firstCard) as TalkCard) : null,
		cardCount: Number(r.cardCount),
		hasMoment: Boolean(r.hasMoment),
		hasSetAside: Boolean(r.hasSetAside),
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
 * matched. Newest-first (insertion order) lets the index stop after a page of hits; ordering by
 * relevance would rank every match first, which grows with the history.
 */
export async function searchHistory(
	userId: string,
	query: string,
	limit = 20
): Promise<SearchHit[]> {
	const couples = await coupleIdsOf(userId);
	if (!couples.length) return [];
	// The full-text query itself is in ../db/search.ts (FTS5 on SQLite, a tsvector on PostgreSQL).
	const rows = await searchWords(couples, query, limit * 3);
	const hits: SearchHit[] = [];
	for (const row of rows) {
		// Words a reveal may still hide, and a question for today that has not reached this person
		// yet, pass through the one visibility rule.
		if ((row.part === 'answer' && row.actorId !== userId) || row.kind === 'daily') {
			const { conversation } = await forReading(userId, row.conversationId);
			const event = await eventAt(row.conversationId, row.seq);
			if (!event || !(await wordsVisible(userId, conversation, event, row.text))) continue;
		}
		hits.push({
			conversationId: row.conversationId,
			seq: Number(row.seq),
			kind: row.kind as KindName,
			at: Number(row.at),
			snippet: row.snippet
		});
		if (hits.length === limit) break;
	}
	return hits;
}
