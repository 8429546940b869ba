import type { HearthClientSocket } from '$lib/realtime/connection.svelte';
import type { PresenceState } from '$lib/schemas/talk';
import type { LoggedEvent, Replay } from './kind';
import { localOutbox, type PendingIntent } from './outbox';
import { ConversationSync, socketTransport } from './sync';
import { talkReplay } from './talk/replay';
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
	/** The newest event applied, whoever made it (what the page moves focus or scrolls for). */
	lastEvent = $state.raw<E | null>(null);

	/** The seq of this person's latest event of each type (what "Sent" and "Seen" refer to). */
	mine = $state.raw<Record<string, number>>({});

	protected engine: ConversationSync<S, E>;

	constructor(kind: Replay<S, E>, conversationId: string, userId: string, events: readonly E[]) {
		this.engine = new ConversationSync(kind, conversationId, userId, events, localOutbox, {
			changed: () => {
				this.state = this.engine.state;
				this.pending = this.engine.pending;
			},
			refused: (message) => (this.notice = message),
			applied: (event) => {
				this.lastEvent = event;
				if (event.actorId !== userId) this.lastPartnerEvent = event;
				else this.mine = { ...this.mine, [event.type]: event.seq };
				this.appliedEvent(event);
			},
			resumed: () => this.resumed()
		});
		this.state = this.engine.state;
		this.pending = this.engine.pending;
		for (const event of events) if (event.actorId === userId) this.mine[event.type] = event.seq;
	}

	get conversationId() {
		return this.engine.conversationId;
	}

	/** Connects to the page's socket; returns a function that detaches it. */
	attach(socket: HearthClientSocket): () => void {
		return this.engine.attach(socketTransport(socket as never));
	}

	send(name: string, fields: Record<string, unknown> = {}): string {
		this.notice = null;
		return this.engine.send(name, fields);
	}

	/** Whether a waiting intent can still be taken back (it was never sent). */
	canRevise(clientId: string) {
		return this.engine.canRevise(clientId);
	}

	withdraw(clientId: string) {
		return this.engine.withdraw(clientId);
	}

	isPending(name: string) {
		return this.engine.isPending(name);
	}

	protected resumed() {}
	protected appliedEvent(_event: E) {}
}

/**
 * A conversation both partners are in at once (a live talk, a check-in) adds presence — where the
 * partner is (here, away, writing, reflecting, offline) — and "seen": how far the partner's screen
 * has shown it. Both are relayed, never stored.
 */
export class LiveRoom<
	S extends { lastSeq: number; status: string },
	E extends LoggedEvent
> extends LiveConversation<S, E> {
	partnerPresence = $state<PresenceState>('offline');
	/** The partner's screen showed it up to this seq (0: not known since this page opened). */
	partnerSeenSeq = $state(0);
	#toldSeen = 0;
	#socket: HearthClientSocket | null = null;
	#myPresence: PresenceState = 'here';
	#typingTimer: ReturnType<typeof setTimeout> | undefined;

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
			if (info.hello) {
				this.#announce(false);
				this.#tellSeen(true); // the partner's page is new: it knows nothing of "seen" yet
			}
		};
		const onSeen = (info: { conversationId: string; userId: string; seq: number }) => {
			if (info.conversationId !== this.conversationId || info.userId === this.engine.userId) return;
			this.partnerSeenSeq = Math.max(this.partnerSeenSeq, info.seq);
		};
		// A hidden tab is away; back in view it is here, and says how far it has shown the room.
		const onVisible = () => {
			const visible = document.visibilityState === 'visible';
			this.setPresence(visible ? 'here' : 'away');
			if (visible) this.#tellSeen(true);
		};
		socket.on('talk:presence', onPresence);
		socket.on('talk:seen', onSeen);
		document.addEventListener('visibilitychange', onVisible);
		const detach = super.attach(socket);
		return () => {
			// Leaving the room for another page of the app keeps the socket: say so, or the partner
			// would go on seeing this person "here" until the tab closed.
			this.#leave();
			detach();
			socket.off('talk:presence', onPresence);
			socket.off('talk:seen', onSeen);
			document.removeEventListener('visibilitychange', onVisible);
			clearTimeout(this.#typingTimer);
			this.#socket = null;
		};
	}

	protected override resumed() {
		this.#announce(true);
		this.#tellSeen(true);
	}

	protected override appliedEvent(event: E) {
		if (event.actorId && event.actorId !== this.engine.userId) this.#tellSeen(false);
	}

	/** Says how far this screen has shown it — only while it is on screen, and only while it goes on. */
	#tellSeen(again: boolean) {
		const seq = this.state.lastSeq;
		if (!this.#socket || this.state.status === 'ended' || seq === 0) return;
		if (typeof document !== 'undefined' && document.visibilityState !== 'visible') return;
		if (!again && seq <= this.#toldSeen) return;
		this.#toldSeen = seq;
		this.#socket.emit('talk:seen', { conversationId: this.conversationId, seq }, () => {});
	}

	/**
	 * Acknowledged words: sent, or seen once the partner's screen has shown them. Given several
	 * types (an answer and what was added to it), the newest of them counts.
	 */
	deliveryOf(...types: E['type'][]): 'sent' | 'seen' {
		const seq = Math.max(0, ...types.map((type) => this.mine[type] ?? 0));
		return seq && this.partnerSeenSeq >= seq ? 'seen' : 'sent';
	}

	/** Typing: "writing" or "reflecting" to the partner, "here" again after a few quiet seconds. */
	typing(kind: 'writing' | 'reflecting') {
		this.setPresence(kind);
		clearTimeout(this.#typingTimer);
		this.#typingTimer = setTimeout(() => this.setPresence('here'), 4000);
	}

	/** Sent: the partner should stop seeing "writing…" at once, not four seconds later. */
	doneTyping() {
		clearTimeout(this.#typingTimer);
		this.setPresence('here');
	}

	/** Tells the partner where this person is (here, away, writing, reflecting). */
	setPresence(state: PresenceState) {
		if (state === this.#myPresence) return;
		this.#myPresence = state;
		this.#announce(false);
	}

	/** Out of the room (its page left); a new page of it says "here" again with its hello. */
	#leave() {
		if (this.state.status === 'ended') return;
		this.#socket?.emit(
			'talk:presence',
			{ conversationId: this.conversationId, state: 'away', hello: false },
			() => {}
		);
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

/** A live talk: a room replayed by the talk's rules. */
export class LiveTalk extends LiveRoom<TalkState, TalkEvent> {
	constructor(conversationId: string, userId: string, events: readonly TalkEvent[]) {
		super(talkReplay, conversationId, userId, events);
	}
}
