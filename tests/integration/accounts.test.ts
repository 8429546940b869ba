import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspect, onPostgres } from '../helpers/database';
import { HttpClient, uniqueEmail } from '../helpers/http';
import { removeDb, startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;

beforeAll(async () => {
	server = await startServer({ env: { SIGNUP_LIMIT_PER_HOUR: '10000' } });
});
afterAll(async () => {
	await server.stop();
	await removeDb(server.dbPath);
});

type Failure = { values: Record<string, string>; errors: Record<string, string> };

describe('signup', () => {
	it('explains each wrong field and keeps the other fields, never the password', async () => {
		const client = new HttpClient(server.url);
		const result = await client.action('/signup', {
			name: '  ',
			email: 'not-an-email',
			password: 'short'
		});
		expect(result.status).toBe(400);
		const data = result.data as Failure;
		expect(data.errors).toEqual({
			name: 'Please tell us your name.',
			email: 'That does not look like an email address.',
			password: 'Use at least 8 characters.'
		});
		expect(data.values.email).toBe('not-an-email');
		expect(data.values).not.toHaveProperty('password');
		expect(client.cookie).toBe('');
	});

	it('rejects passwords over 128 characters', async () => {
		const result = await new HttpClient(server.url).action('/signup', {
			name: 'Kim',
			email: uniqueEmail(),
			password: 'x'.repeat(129)
		});
		expect((result.data as Failure).errors.password).toBe('Use at most 128 characters.');
	});

	it('trims the email and treats it as unique whatever its case', async () => {
		const email = uniqueEmail('Case');
		await new HttpClient(server.url).signup({
			name: 'Kim',
			email: `  ${email.toUpperCase()} `,
			password: 'long enough pw'
		});
		const again = await new HttpClient(server.url).action('/signup', {
			name: 'Kim',
			email,
			password: 'long enough pw'
		});
		expect(again.status).toBe(400);
		expect((again.data as Failure).errors.email).toMatch(/already exists/);
		const login = new HttpClient(server.url);
		expect((await login.login(email.toLowerCase(), 'long enough pw')).body.type).toBe('redirect');
	});

	it('stores only an argon2id hash with OWASP parameters and a hashed session secret', async () => {
		const client = new HttpClient(server.url);
		const email = uniqueEmail();
		await client.signup({ name: 'Lee', email, password: 'my secret words' });
		const db = await inspect(server.dbPath);
		const user = (await db.get<{ id: string; password_hash: string }>(
			'select id, password_hash from users where email = ?',
			email
		))!;
		expect(user.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		const [id, secret] = client.session.split('.');
		const session = (await db.get('select * from sessions where user_id = ?', user.id))!;
		await db.close();
		expect(session.id).toBe(id);
		expect(JSON.stringify(session)).not.toContain(secret);
		expect(session.secret_hash).toMatch(/^[0-9a-f]{64}$/);
		// 20 random bytes in base32: 160 bits of secret
		expect(secret).toHaveLength(32);
	});

	it('sets an HttpOnly, SameSite=Lax session cookie valid for 30 days', async () => {
		const response = await fetch(`${server.url}/signup`, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'text/html',
				origin: server.url
			},
			body: new URLSearchParams({ name: 'Ari', email: uniqueEmail(), password: 'long enough pw' }),
			redirect: 'manual'
		});
		expect(response.status).toBe(303);
		const cookie = response.headers.getSetCookie().find((c) => c.startsWith('hearth_session='))!;
		expect(cookie).toMatch(/HttpOnly/);
		expect(cookie).toMatch(/SameSite=Lax/);
		expect(cookie).not.toMatch(/Secure/); // plain http here; Secure when served over https
		const expires = Date.parse(/Expires=([^;]+)/.exec(cookie)![1]!);
		expect(expires - Date.now()).toBeGreaterThan(29.9 * 24 * 3600 * 1000);
	});

	it('refuses a form posted from another site', async () => {
		const result = await new HttpClient(server.url).action(
			'/signup',
			{ name: 'Eve', email: uniqueEmail(), password: 'long enough pw' },
			'https://evil.example'
		);
		expect(result.status).toBe(403);
	});
});

describe('login', () => {
	it('gives one calm message for a wrong password or unknown email, keeping the email', async () => {
		const email = uniqueEmail();
		await new HttpClient(server.url).signup({ name: 'Jo', email, password: 'right password' });
		for (const attempt of [
			{ email, password: 'wrong password' },
			{ email: uniqueEmail('nobody'), password: 'right password' }
		]) {
			const result = await new HttpClient(server.url).login(attempt.email, attempt.password);
			expect(result.status).toBe(400);
			expect(result.data).toEqual({
				values: { email: attempt.email },
				errors: { form: 'That email and password do not match an account.' }
			});
		}
	});

	it('returns to a local redirectTo and ignores one to another site', async () => {
		const email = uniqueEmail();
		await new HttpClient(server.url).signup({ name: 'Jo', email, password: 'right password' });
		const local = await new HttpClient(server.url).action('/login', {
			email,
			password: 'right password',
			redirectTo: '/settings'
		});
		expect(local.body).toMatchObject({ type: 'redirect', location: '/settings' });
		const foreign = await new HttpClient(server.url).action('/login', {
			email,
			password: 'right password',
			redirectTo: '//evil.example/x'
		});
		expect(foreign.body).toMatchObject({ type: 'redirect', location: '/' });
	});

	it('sends pages that need an account to login with a way back', async () => {
		const response = await new HttpClient(server.url).get('/settings');
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/login?redirectTo=%2Fsettings');
	});

	it('backs off an account after repeated failures, growing each time', async () => {
		const email = uniqueEmail();
		await new HttpClient(server.url).signup({ name: 'Max', email, password: 'right password' });
		const client = new HttpClient(server.url);
		for (let i = 0; i < 5; i++) expect((await client.login(email, 'nope nope')).status).toBe(400);
		expect((await client.login(email, 'nope nope')).status).toBe(400); // 6th failure starts a block
		const blocked = await client.login(email, 'right password');
		expect(blocked.status).toBe(429);
		expect((blocked.data as Failure).errors.form).toMatch(/try again in \d+ seconds/);
	});

	it('a fresh session at each login; a password change ends all the others', async () => {
		const email = uniqueEmail();
		const first = new HttpClient(server.url);
		await first.signup({ name: 'Pat', email, password: 'first password' });
		const second = new HttpClient(server.url);
		await second.login(email, 'first password');
		expect(second.session).not.toBe(first.session);
		const before = first.session;
		const change = await first.action('/settings?/password', {
			currentPassword: 'first password',
			newPassword: 'second password'
		});
		expect(change.data).toEqual({ passwordChanged: true });
		expect(first.session).not.toBe(before); // this device got a fresh session
		expect((await first.get('/settings')).status).toBe(200);
		expect((await second.get('/settings')).status).toBe(303);
		expect((await new HttpClient(server.url).login(email, 'second password')).body.type).toBe(
			'redirect'
		);
	});

	it('refuses a wrong current password when changing it', async () => {
		const client = new HttpClient(server.url);
		await client.signup({ name: 'Pat', email: uniqueEmail(), password: 'first password' });
		const change = await client.action('/settings?/password', {
			currentPassword: 'not it at all',
			newPassword: 'second password'
		});
		expect(change.status).toBe(400);
		expect((change.data as Failure).errors.currentPassword).toBe(
			'That is not your current password.'
		);
	});
});

describe('rate limits per address', () => {
	it('limits signups from one address', async () => {
		const limited = await startServer({ env: { SIGNUP_LIMIT_PER_HOUR: '2' } });
		try {
			const outcomes = [];
			for (let i = 0; i < 3; i++) {
				const result = await new HttpClient(limited.url).action('/signup', {
					name: 'Q',
					email: uniqueEmail(),
					password: 'long enough pw'
				});
				outcomes.push(result.body.type === 'redirect' ? 'created' : result.status);
			}
			expect(outcomes).toEqual(['created', 'created', 429]);
		} finally {
			await limited.stop();
			await removeDb(limited.dbPath);
		}
	});
});

describe('process lifecycle', () => {
	it('migrates a fresh database at start and shuts down cleanly on SIGTERM', async () => {
		const fresh = await startServer();
		const db = await inspect(fresh.dbPath);
		const tables = (
			await db.all<{ name: string }>(
				onPostgres()
					? "select table_name as name from information_schema.tables where table_schema in ('public', 'drizzle')"
					: "select name from sqlite_master where type = 'table'"
			)
		).map((r) => r.name);
		// SQLite runs in WAL mode (PostgreSQL has no such setting).
		const mode = onPostgres()
			? null
			: (await db.get<{ journal_mode: string }>('pragma journal_mode'))?.journal_mode;
		await db.close();
		expect(tables).toEqual(expect.arrayContaining(['users', 'sessions', '__drizzle_migrations']));
		if (!onPostgres()) expect(mode).toBe('wal');
		expect(await fresh.stop()).toBe(0);
		expect(fresh.output()).toMatch(/SIGTERM received/);
		await removeDb(fresh.dbPath);
	});
});
