import type { HearthClientSocket } from '$lib/realtime/connection.svelte';
import type { PresenceState } from '$lib/schemas/talk';
import type { Kind, LoggedEvent } from './kind';
import { localOutbox, type PendingIntent } from './outbox';
import { ConversationSync, socketTransport } from './sync';
import { talkKind } from './talk/kind';
import type { TalkState } from './talk/reducer';
import type { TalkEvent } from './talk/types';

/**
 * A conversation on a page: the sync engine, with its state as Svelte state. Nothing here but the
 * wrapping; the rules of syncing live in the engine.
 */
export class LiveConversation<S extends { lastSeq: number }, E extends LoggedEvent> {
	state = $state.raw<S>() as S;
	pending = $state.raw<PendingIntent[]>([]);
	/** A gentle line about the last thing that did not go through, if any. */
	notice = $state<string | null>(null);
	/** The newest event not made here (the partner's, or an anonymous one), for the live region. */
	lastPartnerEvent = $state.raw<E | null>(null);

	protected engine: ConversationSync<S, E>;

	constructor(kind: Kind<S, E>, conversationId: string, userId: string, events: readonly E[]) {
		this.engine = new ConversationSync(kind, conversationId, userId, events, localOutbox, {
			changed: () => {
				this.state = this.engine.state;
				this.pending = this.engine.pending;
			},
			refused: (message) => (this.notice = message),
			applied: (event) => {
				if (event.actorId !== userId) this.lastPartnerEvent = event;
			},
			resumed: () => this.resumed()
		});
		this.state = this.engine.state;
		this.pending = this.engine.pending;
	}

	get conversationId() {
		return this.engine.conversationId;
	}

	/** Connects to the page's socket; returns a function that detaches it. */
	attach(socket: HearthClientSocket): () => void {
		return this.engine.attach(socketTransport(socket as never));
	}

	send(name: string, fields: Record<string, unknown> = {}) {
		this.notice = null;
		this.engine.send(name, fields);
	}

	isPending(name: string) {
		return this.engine.isPending(name);
	}

	protected resumed() {}
}

/** A live talk adds presence: where the partner is (here, away, writing, reflecting, offline). */
export class LiveTalk extends LiveConversation<TalkState, TalkEvent> {
	partnerPresence = $state<PresenceState>('offline');
	#socket: HearthClientSocket | null = null;
	#myPresence: PresenceState = 'here';

	constructor(conversationId: string, userId: string, events: readonly TalkEvent[]) {
		super(talkKind, conversationId, userId, events);
	}

	override attach(socket: HearthClientSocket): () => void {
		this.#socket = socket;
		const onPresence = (info: {
			conversationId: string;
			userId: string;
			state: PresenceState;
			hello?: boolean;
		}) => {
			if (info.conversationId !== this.conversationId || info.userId === this.engine.userId) return;
			this.partnerPresence = info.state;
			if (info.hello) this.#announce(false);
		};
		socket.on('talk:presence', onPresence);
		const detach = super.attach(socket);
		return () => {
			detach();
			socket.off('talk:presence', onPresence);
			this.#socket = null;
		};
	}

	protected override resumed() {
		this.#announce(true);
	}

	/** Tells the partner where this person is (here, away, writing, reflecting). */
	setPresence(state: PresenceState) {
		if (state === this.#myPresence) return;
		this.#myPresence = state;
		this.#announce(false);
	}

	#announce(hello: boolean) {
		this.#socket?.emit(
			'talk:presence',
			{
				conversationId: this.conversationId,
				state: this.#myPresence === 'offline' ? 'here' : this.#myPresence,
				hello
			},
			() => {}
		);
	}
}
