/**
 * Fairness on one process: no socket may take more than its share. A token bucket per socket
 * (hand-written: it is checked synchronously on every event, where an asynchronous limiter would
 * add a turn of the event loop to each intent), a cap on intents awaiting their acknowledgement,
 * and a cap on how many sockets one person may hold open.
 */
const setting = (name: string, fallback: number) => {
	const value = Number(process.env[name]);
	return Number.isFinite(value) && value > 0 ? value : fallback;
};
export const INTENTS_PER_SECOND = setting('INTENTS_PER_SECOND', 20);
export const INTENT_BURST = setting('INTENT_BURST', 40);
export const MAX_UNACKNOWLEDGED = 64;
export const MAX_SOCKETS_PER_USER = 16;
/**
 * A socket told to slow down this many times in a row is not a person's browser (the sync engine
 * waits after the first): it is disconnected, so that reading and refusing its flood stops costing
 * everyone else.
 */
export const MAX_REFUSED_IN_A_ROW = 100;

export class TokenBucket {
	#tokens: number;
	#at: number;

	constructor(
		readonly ratePerSecond = INTENTS_PER_SECOND,
		readonly burst = INTENT_BURST,
		now = Date.now()
	) {
		this.#tokens = burst;
		this.#at = now;
	}

	/** Takes one token if there is one. */
	take(now = Date.now()): boolean {
		this.#tokens = Math.min(
			this.burst,
			this.#tokens + ((now - this.#at) / 1000) * this.ratePerSecond
		);
		this.#at = now;
		if (this.#tokens < 1) return false;
		this.#tokens -= 1;
		return true;
	}
}

/** What a socket is told when it asks too fast: its browser waits a moment and sends it again. */
export const SLOW_DOWN = {
	ok: false,
	error: { code: 'rate_limited', message: 'A moment, please — sending again shortly.' }
} as const;
