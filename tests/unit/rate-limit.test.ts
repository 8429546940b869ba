import { describe, expect, it } from 'vitest';
import { createAuthLimits } from '$lib/server/auth/rate-limit';

describe('login back-off', () => {
	it('allows five failures, then blocks for a growing time; success clears it', async () => {
		const limits = createAuthLimits();
		for (let i = 0; i < 5; i++) {
			expect((await limits.loginAttempt('1.1.1.1', 'a@b.co')).allowed).toBe(true);
			await limits.loginFailed('1.1.1.1', 'a@b.co');
		}
		expect((await limits.loginAttempt('1.1.1.1', 'a@b.co')).allowed).toBe(true);
		await limits.loginFailed('1.1.1.1', 'a@b.co'); // 6th: 1 s
		const first = await limits.loginAttempt('1.1.1.1', 'a@b.co');
		expect(first).toEqual({ allowed: false, retryAfterSeconds: 1 });
		await limits.loginFailed('1.1.1.1', 'a@b.co'); // 7th: 2 s
		await limits.loginFailed('1.1.1.1', 'a@b.co'); // 8th: 4 s
		const later = await limits.loginAttempt('1.1.1.1', 'a@b.co');
		expect(later.allowed).toBe(false);
		if (!later.allowed) expect(later.retryAfterSeconds).toBe(4);
		// Another account from the same address is not blocked.
		expect((await limits.loginAttempt('1.1.1.1', 'other@b.co')).allowed).toBe(true);
		await limits.loginSucceeded('1.1.1.1', 'a@b.co');
		expect((await limits.loginAttempt('1.1.1.1', 'a@b.co')).allowed).toBe(true);
	});

	it('a stranger guessing from elsewhere cannot lock the owner out', async () => {
		const limits = createAuthLimits();
		const owner = '203.0.113.7';
		const stranger = '198.51.100.9';
		const waits: number[] = [];
		for (let i = 0; i < 16; i++) {
			const attempt = await limits.loginAttempt(stranger, 'a@b.co');
			if (!attempt.allowed) waits.push(attempt.retryAfterSeconds);
			await limits.loginFailed(stranger, 'a@b.co'); // as if each block had been waited out
		}
		// The stranger is refused for longer and longer, up to 15 minutes…
		expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512]);
		const now = await limits.loginAttempt(stranger, 'a@b.co');
		expect(now).toEqual({ allowed: false, retryAfterSeconds: 15 * 60 });
		// …while the owner, from their own address, is let through to check their password,
		expect(await limits.loginAttempt(owner, 'a@b.co')).toEqual({ allowed: true });
		// and their success leaves the stranger's back-off in place.
		await limits.loginSucceeded(owner, 'a@b.co');
		expect((await limits.loginAttempt(stranger, 'a@b.co')).allowed).toBe(false);
		// The owner's own typos back off only the owner's address.
		for (let i = 0; i < 6; i++) await limits.loginFailed(owner, 'a@b.co');
		expect((await limits.loginAttempt(owner, 'a@b.co')).allowed).toBe(false);
		expect((await limits.loginAttempt('192.0.2.1', 'a@b.co')).allowed).toBe(true);
	});

	it('still limits attempts per address across accounts', async () => {
		const before = process.env.LOGIN_LIMIT_PER_HOUR;
		process.env.LOGIN_LIMIT_PER_HOUR = '3';
		try {
			const limits = createAuthLimits();
			const outcomes = [];
			for (let i = 0; i < 4; i++)
				outcomes.push((await limits.loginAttempt('1.1.1.1', `p${i}@b.co`)).allowed);
			expect(outcomes).toEqual([true, true, true, false]);
			expect((await limits.loginAttempt('1.1.1.2', 'p0@b.co')).allowed).toBe(true);
		} finally {
			if (before === undefined) delete process.env.LOGIN_LIMIT_PER_HOUR;
			else process.env.LOGIN_LIMIT_PER_HOUR = before;
		}
	});
});
