import type { KindName, LoggedEvent } from '$lib/conversation/kind';
import type { Conversation } from '../db/schema';
import { AppError } from '../errors';
import { forWriting } from './gate';
import { inNextCommit } from './group-commit';
import { serverKinds, type AnyServerKind } from './kinds';
import { appendEvent, type Appended } from './log';
import { publish } from './publish';
import { indexEvent } from './search-index';

type Draft = { type: string; data: unknown };

/**
 * Appends one event with its projections (the search index, and the kind's own), in the append's
 * transaction. `plan` sees the current state and returns the event, or throws an AppError.
 */
export function record(
	kindName: KindName,
	conversationId: string,
	actorId: string | null,
	clientId: string | null,
	plan: (state: { lastSeq: number }, coupleId: string) => Draft | Promise<Draft>,
	now = Date.now(),
	known?: Conversation
): Promise<Appended> {
	const plugin = serverKinds[kindName] as unknown as AnyServerKind;
	return appendEvent(
		plugin.kind,
		conversationId,
		actorId,
		clientId,
		async (state, conversation) => ({
			event: (await plan(state, conversation.coupleId)) as never,
			onCommit: async (event: LoggedEvent) => {
				await plugin.project({
					coupleId: conversation.coupleId,
					conversationId,
					actorId,
					before: state,
					event
				});
				await indexEvent(plugin.kind, conversation.coupleId, conversationId, event);
			}
		}),
		now,
		known
	);
}

/**
 * The one way a person changes a conversation, from a socket or a form alike:
 * gate → resolve and decide → append with projections (group commit) → publish.
 */
export async function submitIntent(
	kindName: KindName,
	userId: string,
	conversationId: string,
	clientId: string,
	intent: unknown,
	options: { now?: number; exceptSocketId?: string } = {}
): Promise<Appended> {
	const now = options.now ?? Date.now();
	const appended = await inNextCommit(conversationId, async () => {
		const conversation = await forWriting(userId, conversationId, kindName);
		const plugin = serverKinds[kindName] as unknown as AnyServerKind;
		return record(
			kindName,
			conversationId,
			userId,
			clientId,
			async (state, coupleId) => {
				const resolved = await plugin.resolve(intent, {
					coupleId,
					conversationId,
					actorId: userId,
					state,
					now
				});
				const decision = plugin.kind.decide(state, userId, resolved);
				if (!decision.ok) throw new AppError(decision.code, decision.message);
				return decision.event;
			},
			now,
			conversation
		);
	});
	// A retried intent was published the first time.
	if (!appended.duplicate) publish(appended.conversation, appended.event, options.exceptSocketId);
	return appended;
}
