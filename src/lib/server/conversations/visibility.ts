import type { Kind, LoggedEvent } from '$lib/conversation/kind';
import { kinds } from '$lib/conversation/kinds';
import type { Conversation } from '../db/schema';
import { loadEvents, stateOf } from './log';

/**
 * The one visibility rule on the server: every read path (socket catch-up, page data, timeline,
 * transcripts, search, exports) and every publish passes each event through its kind's
 * `visibleTo`, judged against the conversation's latest state.
 */
export async function visibleEvents<E extends LoggedEvent = LoggedEvent>(
	viewerId: string,
	conversation: Conversation,
	afterSeq = 0
): Promise<E[]> {
	const kind = kinds[conversation.kind] as Kind<{ lastSeq: number }, E>;
	const state = await stateOf(kind, conversation);
	return (await loadEvents<E>(conversation.id, afterSeq)).flatMap((event) => {
		const seen = kind.visibleTo(event, state, viewerId);
		return seen ? [seen] : [];
	});
}

/** The state as this viewer may know it: built from the events they may see, and only those. */
export async function visibleState<S extends { lastSeq: number }>(
	viewerId: string,
	conversation: Conversation
): Promise<S> {
	const kind = kinds[conversation.kind] as unknown as Kind<S>;
	return (await visibleEvents(viewerId, conversation)).reduce(kind.apply, kind.initial());
}

/** Each participant's copy of one event (absent for those who may not see it). */
export async function copiesFor(
	conversation: Conversation,
	event: LoggedEvent
): Promise<{ viewerId: string; event: LoggedEvent }[]> {
	const kind = kinds[conversation.kind];
	const state = await stateOf(kind, conversation, { newerIsFine: true });
	return kind.participantsOf(state).flatMap((viewerId) => {
		const seen = kind.visibleTo(event, state, viewerId);
		return seen ? [{ viewerId, event: seen }] : [];
	});
}

/** Whether this viewer may see these words of an event now (a search hit, a quoted answer). */
export async function wordsVisible(
	viewerId: string,
	conversation: Conversation,
	event: LoggedEvent,
	text: string
): Promise<boolean> {
	const kind = kinds[conversation.kind];
	const seen = kind.visibleTo(event, await stateOf(kind, conversation), viewerId);
	return !!seen && kind.wordsOf(seen).some((w) => w.text === text);
}
