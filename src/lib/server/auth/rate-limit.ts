import {
	RateLimiterMemory,
	RateLimiterPostgres,
	RateLimiterRes,
	type IRateLimiterOptions,
	type RateLimiterAbstract
} from 'rate-limiter-flexible';
import { postgresPoolOf } from '../db';

const HOUR = 60 * 60;

/**
 * One limiter, kept where every process serving Hearth sees it: in PostgreSQL's `rate_limits`
 * table when Hearth runs there (one process's count must hold for all of them, or each process
 * would allow the limit anew), in memory on SQLite's single process. Made on first use, once the
 * database is open.
 */
function limiter(options: IRateLimiterOptions & { keyPrefix: string }) {
	let made: RateLimiterAbstract | undefined;
	return () => {
		if (made) return made;
		const pool = postgresPoolOf();
		made = pool
			? new RateLimiterPostgres({
					...options,
					storeClient: pool,
					storeType: 'pool',
					tableName: 'rate_limits',
					tableCreated: true // by the migrations
				})
			: new RateLimiterMemory(options);
		return made;
	};
}

function envInt(name: string, fallback: number): number {
	const value = Number(process.env[name]);
	return Number.isInteger(value) && value > 0 ? value : fallback;
}

export type LimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

function blocked(res: unknown): LimitResult {
	if (res instanceof RateLimiterRes) {
		return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
	}
	throw res;
}

export function createAuthLimits() {
	const signupByAddress = limiter({
		keyPrefix: 'signup-ip',
		points: envInt('SIGNUP_LIMIT_PER_HOUR', 10),
		duration: HOUR
	});
	const loginByAddress = limiter({
		keyPrefix: 'login-ip',
		points: envInt('LOGIN_LIMIT_PER_HOUR', 100),
		duration: HOUR
	});
	// Consecutive failures per account *from one address*. After FREE_FAILURES, each further failure
	// blocks that account from that address for twice as long as the last (1 s, 2 s, 4 s … up to
	// 15 minutes); a success from that address clears it. Keyed by both on purpose: counted per
	// account alone, anyone could lock the owner out with a few wrong passwords. There is no
	// account-wide ceiling for the same reason — it would refuse the owner's own right password
	// too. Guessing from many addresses is bounded per address instead (this back-off, and
	// loginByAddress), and each guess costs an argon2 verification.
	const FREE_FAILURES = 5;
	const failuresByAccountAndAddress = limiter({
		keyPrefix: 'login-account-address',
		points: 1_000_000,
		duration: 24 * HOUR
	});
	// JSON keeps the pair unambiguous whatever characters an email or a proxy's header holds.
	const pair = (account: string, address: string) => JSON.stringify([account, address]);

	// Invite codes are short enough to guess at scale: few tries an address.
	const joinCodeByAddress = limiter({
		keyPrefix: 'join-code-ip',
		points: envInt('JOIN_CODE_LIMIT_PER_HOUR', 20),
		duration: HOUR
	});

	return {
		async joinCode(address: string): Promise<LimitResult> {
			try {
				await joinCodeByAddress().consume(address);
				return { allowed: true };
			} catch (res) {
				return blocked(res);
			}
		},
		async signup(address: string): Promise<LimitResult> {
			try {
				await signupByAddress().consume(address);
				return { allowed: true };
			} catch (res) {
				return blocked(res);
			}
		},
		/** Call before checking a password. */
		async loginAttempt(address: string, account: string): Promise<LimitResult> {
			const block = await failuresByAccountAndAddress().get(`block:${pair(account, address)}`);
			if (block && block.msBeforeNext > 0) {
				return { allowed: false, retryAfterSeconds: Math.ceil(block.msBeforeNext / 1000) };
			}
			try {
				await loginByAddress().consume(address);
				return { allowed: true };
			} catch (res) {
				return blocked(res);
			}
		},
		async loginFailed(address: string, account: string): Promise<void> {
			const key = pair(account, address);
			const res = await failuresByAccountAndAddress().consume(key);
			const over = res.consumedPoints - FREE_FAILURES;
			if (over > 0) {
				const seconds = Math.min(15 * 60, 2 ** (over - 1));
				await failuresByAccountAndAddress().block(`block:${key}`, seconds);
			}
		},
		/** Clears the back-off of this address only: a stranger's elsewhere stays. */
		async loginSucceeded(address: string, account: string): Promise<void> {
			const key = pair(account, address);
			await failuresByAccountAndAddress().delete(key);
			await failuresByAccountAndAddress().delete(`block:${key}`);
		}
	};
}

export const authLimits = createAuthLimits();
