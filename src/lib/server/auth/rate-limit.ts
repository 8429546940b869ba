import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

// Limits are per process (memory). Behind several processes, swap in rate-limiter-flexible's
// shared-store limiters: the same interface.
const HOUR = 60 * 60;

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
	const signupByAddress = new RateLimiterMemory({
		keyPrefix: 'signup-ip',
		points: envInt('SIGNUP_LIMIT_PER_HOUR', 10),
		duration: HOUR
	});
	const loginByAddress = new RateLimiterMemory({
		keyPrefix: 'login-ip',
		points: envInt('LOGIN_LIMIT_PER_HOUR', 100),
		duration: HOUR
	});
	// Consecutive failures per account. After FREE_FAILURES, each further failure blocks the account
	// for twice as long as the last (1 s, 2 s, 4 s … up to 15 minutes); a success clears it.
	const FREE_FAILURES = 5;
	const failuresByAccount = new RateLimiterMemory({
		keyPrefix: 'login-account',
		points: 1_000_000,
		duration: 24 * HOUR
	});

	// Invite codes are short enough to guess at scale: few tries an address.
	const joinCodeByAddress = new RateLimiterMemory({
		keyPrefix: 'join-code-ip',
		points: envInt('JOIN_CODE_LIMIT_PER_HOUR', 20),
		duration: HOUR
	});

	return {
		async joinCode(address: string): Promise<LimitResult> {
			try {
				await joinCodeByAddress.consume(address);
				return { allowed: true };
			} catch (res) {
				return blocked(res);
			}
		},
		async signup(address: string): Promise<LimitResult> {
			try {
				await signupByAddress.consume(address);
				return { allowed: true };
			} catch (res) {
				return blocked(res);
			}
		},
		/** Call before checking a password. */
		async loginAttempt(address: string, account: string): Promise<LimitResult> {
			const block = await failuresByAccount.get(`block:${account}`);
			if (block && block.msBeforeNext > 0) {
				return { allowed: false, retryAfterSeconds: Math.ceil(block.msBeforeNext / 1000) };
			}
			try {
				await loginByAddress.consume(address);
				return { allowed: true };
			} catch (res) {
				return blocked(res);
			}
		},
		async loginFailed(account: string): Promise<void> {
			const res = await failuresByAccount.consume(account);
			const over = res.consumedPoints - FREE_FAILURES;
			if (over > 0) {
				const seconds = Math.min(15 * 60, 2 ** (over - 1));
				await failuresByAccount.block(`block:${account}`, seconds);
			}
		},
		async loginSucceeded(account: string): Promise<void> {
			await failuresByAccount.delete(account);
			await failuresByAccount.delete(`block:${account}`);
		}
	};
}

export const authLimits = createAuthLimits();
