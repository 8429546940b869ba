import { eq, sql } from 'drizzle-orm';
import { getDb } from '../db';
import { users, type User } from '../db/schema';
import { hashPassword } from './password';

export class EmailTakenError extends Error {
	constructor() {
		super('An account with that email already exists.');
	}
}

export async function findUserByEmail(email: string): Promise<User | undefined> {
	const [user] = await getDb()
		.select()
		.from(users)
		.where(sql`lower(${users.email}) = lower(${email.trim()})`)
		.limit(1);
	return user;
}

export async function findUserById(id: string): Promise<User | undefined> {
	const [user] = await getDb().select().from(users).where(eq(users.id, id)).limit(1);
	return user;
}

export async function createUser(input: {
	name: string;
	email: string;
	password: string;
	timeZone?: string;
}): Promise<User> {
	const passwordHash = await hashPassword(input.password);
	const user: User = {
		id: crypto.randomUUID(),
		name: input.name.trim(),
		email: input.email.trim(),
		passwordHash,
		timeZone: input.timeZone ?? 'UTC',
		createdAt: Date.now()
	};
	// The lower(email) unique index is the real guard against two signups racing: the second
	// insert is skipped (not failed, so it is safe inside a transaction too) and returns no row.
	const inserted = await getDb()
		.insert(users)
		.values(user)
		.onConflictDoNothing()
		.returning({ id: users.id });
	if (inserted.length === 0) throw new EmailTakenError();
	return user;
}

export async function setPassword(userId: string, password: string): Promise<void> {
	const passwordHash = await hashPassword(password);
	await getDb().update(users).set({ passwordHash }).where(eq(users.id, userId));
}
