/**
 * Intents not yet acknowledged. Each keeps its clientId, so a retry is applied at most once by the
 * server. The browser keeps them in local storage, so neither a dropped connection nor a reload
 * loses them.
 */
export interface PendingIntent {
	name: string;
	payload: Record<string, unknown> & { clientId: string; conversationId: string };
	/**
	 * Set once it has been put on the wire: the server may have applied it even if no answer came,
	 * so from then on it can no longer be withdrawn or changed, only re-sent with the same id.
	 */
	sent?: true;
}

export interface OutboxStorage {
	load(conversationId: string): PendingIntent[];
	save(conversationId: string, pending: PendingIntent[]): void;
}

const key = (conversationId: string) => `hearth:outbox:${conversationId}`;

/** The browser's outbox: local storage, and memory alone where storage is full or blocked. */
export const localOutbox: OutboxStorage = {
	load(conversationId) {
		try {
			const raw = globalThis.localStorage?.getItem(key(conversationId));
			return raw ? (JSON.parse(raw) as PendingIntent[]) : [];
		} catch {
			return [];
		}
	},
	save(conversationId, pending) {
		try {
			if (pending.length) localStorage.setItem(key(conversationId), JSON.stringify(pending));
			else localStorage.removeItem(key(conversationId));
		} catch {
			// Storage full or blocked: the intent still lives in memory until acknowledged.
		}
	}
};

/** An outbox in memory (what a test's "device" keeps across a simulated reload). */
export function memoryOutbox(): OutboxStorage & { saved: Map<string, PendingIntent[]> } {
	const saved = new Map<string, PendingIntent[]>();
	return {
		saved,
		load: (id) => [...(saved.get(id) ?? [])],
		save: (id, pending) => void saved.set(id, [...pending])
	};
}

export function newClientId(): string {
	return crypto.randomUUID().replaceAll('-', '');
}
