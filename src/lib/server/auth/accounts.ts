import { eq, sql } from 'drizzle-orm';
import { getDb } from '../db';
import { users, type User } from '../db/schema';
import { hashPassword } from './password';

export class EmailTakenError extends Error {
	constructor() {
		super('An account with that email already exists.');
	}
}

export function findUserByEmail(email: string): User | undefined {
	return getDb()
		.select()
		.from(users)
		.where(sql`lower(${users.email}) = lower(${email.trim()})`)
		.get();
}

export function findUserById(id: string): User | undefined {
	return getDb().select().from(users).where(eq(users.id, id)).get();
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
	try {
		getDb().insert(users).values(user).run();
	} catch (error) {
		// The lower(email) unique index is the real guard against two signups racing.
		if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE')
			throw new EmailTakenError();
		throw error;
	}
	return user;
}

export async function setPassword(userId: string, password: string): Promise<void> {
	const passwordHash = await hashPassword(password);
	getDb().update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
}
