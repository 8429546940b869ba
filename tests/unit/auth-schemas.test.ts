import { describe, expect, it } from 'vitest';
import { loginSchema, passwordChangeSchema, redirectTarget, signupSchema } from '$lib/schemas/auth';
import { isTimeZone, timeZoneOrUtc } from '$lib/schemas/time-zone';
import { hashPassword, verifyPassword } from '$lib/server/auth/password';

describe('auth schemas', () => {
	it('trims name and email', () => {
		const parsed = signupSchema.parse({
			name: ' Sam ',
			email: ' Sam@Example.com ',
			password: '12345678'
		});
		expect(parsed).toEqual({ name: 'Sam', email: 'Sam@Example.com', password: '12345678' });
	});
	it('keeps passwords between 8 and 128 characters, as typed', () => {
		expect(
			signupSchema.safeParse({ name: 'a', email: 'a@b.co', password: '1234567' }).success
		).toBe(false);
		expect(
			signupSchema.safeParse({ name: 'a', email: 'a@b.co', password: 'x'.repeat(128) }).success
		).toBe(true);
		expect(
			signupSchema.safeParse({ name: 'a', email: 'a@b.co', password: 'x'.repeat(129) }).success
		).toBe(false);
		expect(loginSchema.parse({ email: 'a@b.co', password: ' spaced ' }).password).toBe(' spaced ');
	});
	it('asks for a new password that differs from the current one', () => {
		const same = passwordChangeSchema.safeParse({
			currentPassword: 'abcdefgh',
			newPassword: 'abcdefgh'
		});
		expect(same.success).toBe(false);
	});
	it('only redirects to local paths', () => {
		expect(redirectTarget.parse('/talk/abc?x=1')).toBe('/talk/abc?x=1');
		expect(redirectTarget.parse('//evil.example')).toBe('/');
		expect(redirectTarget.parse('/\\evil.example')).toBe('/');
		expect(redirectTarget.parse('https://evil.example')).toBe('/');
		expect(redirectTarget.parse(undefined)).toBe('/');
	});
	it('knows IANA time zones', () => {
		expect(isTimeZone('Europe/London')).toBe(true);
		expect(isTimeZone('Mars/Olympus')).toBe(false);
		expect(timeZoneOrUtc('Nowhere')).toBe('UTC');
		expect(timeZoneOrUtc('America/New_York')).toBe('America/New_York');
	});
});

describe('password hashing', () => {
	it('hashes with argon2id at OWASP parameters and verifies', async () => {
		const hash = await hashPassword('correct horse');
		expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(await verifyPassword(hash, 'correct horse')).toBe(true);
		expect(await verifyPassword(hash, 'correct horsE')).toBe(false);
		expect(await verifyPassword('not a hash', 'x')).toBe(false);
	});
});
