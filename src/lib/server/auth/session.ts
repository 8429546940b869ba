import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import { getDb } from '../db';
import { sessions, users, type Session } from '../db/schema';

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY;
export const SESSION_COOKIE = 'hearth_session';

export type SessionUser = { id: string; name: string; email: string; timeZone: string };
export type SessionValidation = { session: Session; user: SessionUser } | null;

function randomSecret(bytes: number): string {
	const buffer = new Uint8Array(bytes);
	crypto.getRandomValues(buffer);
	return encodeBase32LowerCaseNoPadding(buffer);
}

function hashSecret(secret: string): Uint8Array {
	return sha256(new TextEncoder().encode(secret));
}

/** Creates a session and returns the cookie value `<id>.<secret>` (secret: 160 random bits). */
export async function createSession(
	userId: string,
	now = Date.now()
): Promise<{ token: string; session: Session }> {
	const id = randomSecret(15);
	const secret = randomSecret(20);
	const session: Session = {
		id,
		secretHash: encodeHexLowerCase(hashSecret(secret)),
		userId,
		expiresAt: now + SESSION_LIFETIME_MS,
		createdAt: now
	};
	await getDb().insert(sessions).values(session);
	return { token: `${id}.${secret}`, session };
}

/**
 * Checks a cookie value. The secret's hash is compared in constant time, and a session past half
 * its life is renewed (the caller re-sets the cookie when `expiresAt` moved).
 */
export async function validateSessionToken(
	token: string,
	now = Date.now()
): Promise<SessionValidation> {
	const [id, secret, extra] = token.split('.');
	if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 64) return null;
	const db = getDb();
	const [row] = await db
		.select({ session: sessions, user: users })
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(eq(sessions.id, id))
		.limit(1);
	if (!row) return null;
	const stored = new TextEncoder().encode(row.session.secretHash);
	const given = new TextEncoder().encode(encodeHexLowerCase(hashSecret(secret)));
	if (!constantTimeEqual(stored, given)) return null;
	if (now >= row.session.expiresAt) {
		await db.delete(sessions).where(eq(sessions.id, id));
		return null;
	}
	const session = { ...row.session };
	if (now >= session.expiresAt - SESSION_LIFETIME_MS / 2) {
		session.expiresAt = now + SESSION_LIFETIME_MS;
		await db.update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, id));
	}
	const { id: userId, name, email, timeZone } = row.user;
	return { session, user: { id: userId, name, email, timeZone } };
}

export async function invalidateSession(sessionId: string): Promise<void> {
	await getDb().delete(sessions).where(eq(sessions.id, sessionId));
}

export async function invalidateUserSessions(userId: string): Promise<void> {
	await getDb().delete(sessions).where(eq(sessions.userId, userId));
}

/** The session id part of a cookie value, for finding a session's sockets. */
export function sessionIdOf(token: string): string {
	return token.split('.')[0] ?? '';
}
