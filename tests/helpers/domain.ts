import { createUser } from '../../src/lib/server/auth/accounts';
import { acceptInvite, createInvite } from '../../src/lib/server/couples/invites';

/** A person made directly in the domain (tests on a real database; no HTTP). */
export function user(name: string, timeZone?: string) {
	return createUser({
		name,
		email: `${crypto.randomUUID()}@example.com`,
		password: 'long enough pw',
		...(timeZone ? { timeZone } : {})
	});
}

/** Two people paired the way the app pairs them: an invite, accepted. */
export async function pair(
	names: [string, string] = ['Alex', 'Sam'],
	zones: [string?, string?] = []
) {
	const a = await user(names[0], zones[0]);
	const b = await user(names[1], zones[1]);
	const { coupleId } = await acceptInvite((await createInvite(a.id)).token, b.id);
	return { a, b, coupleId };
}
