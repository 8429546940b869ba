import { sql } from 'drizzle-orm';
import { execute, rows } from './index';
import { conversations, events } from './schema';
import { dialect } from './target';

type NewEvent = typeof events.$inferInsert & { seq: number; createdAt: number };
type Move = Pick<
	typeof conversations.$inferSelect,
	'lastSeq' | 'lastEventAt' | 'status' | 'endedAt'
>;

/**
 * Writes an event and moves its conversation's row on to it, inside the caller's transaction.
 * False, with nothing written, when the event's keys were taken (a retried client id): a clash
 * that does not fail the statement, so a PostgreSQL transaction stays usable. On PostgreSQL it is
 * one statement (a data-modifying CTE), one round trip on the hot path instead of two; SQLite,
 * in the process, runs the two statements. Plain SQL, not the query builders: this runs for every
 * event, and building a query costs more than SQLite takes to run it.
 */
export async function appendRow(event: NewEvent, move: Move): Promise<boolean> {
	if (dialect() === 'postgres') {
		const done = await rows(sql`
			with inserted as (
				insert into events (conversation_id, seq, type, actor_id, client_id, payload, created_at)
				values (${event.conversationId}, ${event.seq}, ${event.type}, ${event.actorId},
					${event.clientId}, ${event.payload}, ${event.createdAt})
				on conflict do nothing
				returning 1
			)
			update conversations
			set last_seq = ${move.lastSeq}, last_event_at = ${move.lastEventAt},
				status = ${move.status}, ended_at = ${move.endedAt}
			where id = ${event.conversationId} and exists (select 1 from inserted)
			returning 1`);
		return done.length > 0;
	}
	const inserted = await rows(sql`
		insert into events (conversation_id, seq, type, actor_id, client_id, payload, created_at)
		values (${event.conversationId}, ${event.seq}, ${event.type}, ${event.actorId},
			${event.clientId}, ${event.payload}, ${event.createdAt})
		on conflict do nothing
		returning 1`);
	if (inserted.length === 0) return false;
	await execute(sql`
		update conversations
		set last_seq = ${move.lastSeq}, last_event_at = ${move.lastEventAt}, status = ${move.status},
			ended_at = ${move.endedAt}
		where id = ${event.conversationId}`);
	return true;
}
