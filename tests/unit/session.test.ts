import { describe, expect, it } from 'vitest';
import { createUser } from '$lib/server/auth/accounts';
import {
	createSession,
	invalidateUserSessions,
	SESSION_LIFETIME_MS,
	validateSessionToken
} from '$lib/server/auth/session';

const DAY = 24 * 3600 * 1000;

async function someone() {
	return createUser({
		name: 'Noa',
		email: `${crypto.randomUUID()}@example.com`,
		password: 'long enough pw'
	});
}

describe('sessions, the Lucia way', () => {
	it('validates its own token and returns the user', async () => {
		const user = await someone();
		const { token } = await createSession(user.id);
		const result = await validateSessionToken(token);
		expect(result?.user).toMatchObject({ id: user.id, name: 'Noa' });
	});

	it('refuses a token whose secret was altered by one character', async () => {
		const user = await someone();
		const { token } = await createSession(user.id);
		const last = token.at(-1) === 'a' ? 'b' : 'a';
		expect(await validateSessionToken(token.slice(0, -1) + last)).toBeNull();
		expect(await validateSessionToken(token.split('.')[0]!)).toBeNull();
		expect(await validateSessionToken(`${token}.extra`)).toBeNull();
	});

	it('expires after 30 days', async () => {
		const user = await someone();
		const now = Date.now();
		const { token } = await createSession(user.id, now);
		expect(await validateSessionToken(token, now + SESSION_LIFETIME_MS + 1)).toBeNull();
		// and it was deleted, not just refused
		expect(await validateSessionToken(token, now)).toBeNull();
	});

	it('is renewed only once half its life is spent', async () => {
		const user = await someone();
		const now = Date.now();
		const { token, session } = await createSession(user.id, now);
		expect((await validateSessionToken(token, now + 10 * DAY))?.session.expiresAt).toBe(
			session.expiresAt
		);
		const renewed = await validateSessionToken(token, now + 16 * DAY);
		expect(renewed?.session.expiresAt).toBe(now + 16 * DAY + SESSION_LIFETIME_MS);
		expect(await validateSessionToken(token, now + 40 * DAY)).not.toBeNull();
	});

	it('ends every session of a user, and only theirs', async () => {
		const [a, b] = [await someone(), await someone()];
		const one = (await createSession(a.id)).token;
		const two = (await createSession(a.id)).token;
		const other = (await createSession(b.id)).token;
		await invalidateUserSessions(a.id);
		expect(await validateSessionToken(one)).toBeNull();
		expect(await validateSessionToken(two)).toBeNull();
		expect(await validateSessionToken(other)).not.toBeNull();
	});
});
