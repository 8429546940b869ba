import { describe, expect, it } from 'vitest';
import { createAuthLimits } from '$lib/server/auth/rate-limit';

describe('login back-off', () => {
	it('allows five failures, then blocks for a growing time; success clears it', async () => {
		const limits = createAuthLimits();
		for (let i = 0; i < 5; i++) {
			expect((await limits.loginAttempt('1.1.1.1', 'a@b.co')).allowed).toBe(true);
			await limits.loginFailed('a@b.co');
		}
		expect((await limits.loginAttempt('1.1.1.1', 'a@b.co')).allowed).toBe(true);
		await limits.loginFailed('a@b.co'); // 6th: 1 s
		const first = await limits.loginAttempt('1.1.1.1', 'a@b.co');
		expect(first).toEqual({ allowed: false, retryAfterSeconds: 1 });
		await limits.loginFailed('a@b.co'); // 7th: 2 s
		await limits.loginFailed('a@b.co'); // 8th: 4 s
		const later = await limits.loginAttempt('1.1.1.1', 'a@b.co');
		expect(later.allowed).toBe(false);
		if (!later.allowed) expect(later.retryAfterSeconds).toBe(4);
		// Another account from the same address is not blocked.
		expect((await limits.loginAttempt('1.1.1.1', 'other@b.co')).allowed).toBe(true);
		await limits.loginSucceeded('a@b.co');
		expect((await limits.loginAttempt('1.1.1.1', 'a@b.co')).allowed).toBe(true);
	});
});
