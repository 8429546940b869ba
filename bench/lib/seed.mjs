/**
 * Seeds a freshly migrated Hearth database with N couples, each partner with a real session,
 * written exactly as the app writes them (src/lib/server/auth/session.ts): the cookie holds
 * `<id>.<secret>` in lower-case base32 (15 and 20 random bytes), the table holds the id and the hex
 * SHA-256 of the secret. Signing 20,000 people up through the form would spend minutes in argon2
 * alone, which is not what this benchmark measures; the password hash is one real argon2id hash
 * (OWASP parameters), so a seeded person can log in through the real form (the run checks one).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { hash } from '@node-rs/argon2';

export const SEED_PASSWORD = 'a calm benchmark password';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** RFC 4648 base32, lower case, no padding (as @oslojs/encoding's encodeBase32LowerCaseNoPadding). */
export function base32(bytes) {
	let out = '';
	let buffer = 0;
	let bits = 0;
	for (const byte of bytes) {
		buffer = (buffer << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			out += ALPHABET[(buffer >>> (bits - 5)) & 31];
			bits -= 5;
		}
		buffer &= (1 << bits) - 1;
	}
	if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
	return out;
}

/**
 * @typedef {{ id: string, email: string, cookie: string }} SeededPerson
 * @typedef {{ index: number, coupleId: string, a: SeededPerson, b: SeededPerson }} SeededCouple
 */

/**
 * @param {string} dbPath a database already migrated by the app
 * @param {number} count
 * @returns {Promise<SeededCouple[]>}
 */
export async function seedCouples(dbPath, count) {
	const passwordHash = await hash(SEED_PASSWORD, {
		memoryCost: 19456,
		timeCost: 2,
		parallelism: 1,
		outputLen: 32
	});
	const db = new Database(dbPath);
	db.pragma('journal_mode = WAL');
	db.pragma('foreign_keys = ON');
	const now = Date.now();
	const expiresAt = now + 30 * 24 * 60 * 60 * 1000;
	const insertUser = db.prepare(
		`insert into users (id, name, email, password_hash, time_zone, created_at) values (?, ?, ?, ?, 'Europe/London', ?)`
	);
	const insertSession = db.prepare(
		`insert into sessions (id, secret_hash, user_id, expires_at, created_at) values (?, ?, ?, ?, ?)`
	);
	const insertCouple = db.prepare(`insert into couples (id, name, created_at) values (?, null, ?)`);
	const insertMember = db.prepare(
		`insert into couple_members (couple_id, user_id, active, joined_at) values (?, ?, 1, ?)`
	);
	/** @param {number} index @param {'a' | 'b'} side */
	const person = (index, side) => {
		const id = randomUUID();
		const email = `bench-${index}-${side}@example.com`;
		insertUser.run(id, `${side === 'a' ? 'Alex' : 'Sam'} ${index}`, email, passwordHash, now);
		const sessionId = base32(randomBytes(15));
		const secret = base32(randomBytes(20));
		const secretHash = createHash('sha256').update(secret).digest('hex');
		insertSession.run(sessionId, secretHash, id, expiresAt, now);
		return { id, email, cookie: `hearth_session=${sessionId}.${secret}` };
	};
	/** @type {SeededCouple[]} */
	const couples = [];
	db.transaction(() => {
		for (let index = 0; index < count; index++) {
			const a = person(index, 'a');
			const b = person(index, 'b');
			const coupleId = randomUUID();
			insertCouple.run(coupleId, now);
			insertMember.run(coupleId, a.id, now);
			insertMember.run(coupleId, b.id, now);
			couples.push({ index, coupleId, a, b });
		}
	})();
	db.close();
	return couples;
}
