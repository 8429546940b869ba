import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databasePath } from '$lib/server/db';
import { startServer, tempDbPath } from '../helpers/server';

describe('DATABASE_URL', () => {
	it('is a SQLite file path, a file: URL, or nothing (the default file)', () => {
		expect(databasePath('')).toBe(resolve('data/hearth.db'));
		expect(databasePath('tmp/x.db')).toBe(resolve('tmp/x.db'));
		expect(databasePath('file:///var/lib/hearth/my%20data.db')).toBe('/var/lib/hearth/my data.db');
	});

	it.each([
		'postgres://u:p@localhost/hearth',
		'postgresql://localhost/hearth',
		'mysql://x',
		'HTTP://x'
	])('refuses %s instead of taking it for a file name', (url) => {
		expect(() => databasePath(url)).toThrow(/not supported/);
	});

	it('the built server refuses to start on an unsupported URL, and says why', async () => {
		await expect(
			startServer({
				dbPath: tempDbPath('unused'),
				env: { DATABASE_URL: 'postgres://localhost/hearth' }
			})
		).rejects.toThrow(/DATABASE_URL must be a SQLite file path/);
	});
});
