import type { Kind, LoggedEvent } from '$lib/conversation/kind';

export type KindContext<S> = {
	coupleId: string;
	conversationId: string;
	actorId: string;
	state: S;
	/** The clock the intent is judged by (a door fades with time); tests set it. */
	now: number;
};

/**
 * What a kind adds on the server: turning a client's intent into the kind's intent (a draw picks
 * its card), and the projections kept in step with its events inside the append's transaction.
 */
export interface ServerKind<S extends { lastSeq: number }, E extends LoggedEvent, C, I> {
	kind: Kind<S, E, I>;
	resolve(intent: C, context: KindContext<S>): I | Promise<I>;
	project(change: {
		coupleId: string;
		conversationId: string;
		actorId: string | null;
		before: S;
		event: E;
	}): void | Promise<void>;
}
