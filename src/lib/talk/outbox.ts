/**
 * Intents not yet acknowledged, kept in local storage so neither a dropped connection nor a reload
 * loses them. Each keeps its clientId, so a retry is applied at most once by the server.
 */
export interface PendingIntent {
	name: string;
	payload: Record<string, unknown> & { clientId: string; conversationId: string };
}

const key = (conversationId: string) => `hearth:outbox:${conversationId}`;

export function loadOutbox(conversationId: string): PendingIntent[] {
	try {
		const raw = localStorage.getItem(key(conversationId));
		return raw ? (JSON.parse(raw) as PendingIntent[]) : [];
	} catch {
		return [];
	}
}

export function saveOutbox(conversationId: string, pending: PendingIntent[]) {
	try {
		if (pending.length) localStorage.setItem(key(conversationId), JSON.stringify(pending));
		else localStorage.removeItem(key(conversationId));
	} catch {
		// Storage full or blocked: the intent still lives in memory until acknowledged.
	}
}

export function newClientId(): string {
	return crypto.randomUUID().replaceAll('-', '');
}
