import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseTarget } from '$lib/server/db/target';
import { startServer, tempDbPath } from '../helpers/server';

describe('DATABASE_URL', () => {
	it('is a SQLite file path, a file: URL, or nothing (the default file)', () => {
		const sqlite = (path: string) => ({ dialect: 'sqlite', path });
		expect(databaseTarget('')).toEqual(sqlite(resolve('data/hearth.db')));
		expect(databaseTarget('tmp/x.db')).toEqual(sqlite(resolve('tmp/x.db')));
		expect(databaseTarget('file:///var/lib/hearth/my%20data.db')).toEqual(
			sqlite('/var/lib/hearth/my data.db')
		);
	});

	it.each(['postgres://u:p@localhost/hearth', 'postgresql://localhost/hearth', 'POSTGRES://x/y'])(
		'%s is PostgreSQL',
		(url) => {
			expect(databaseTarget(url)).toEqual({ dialect: 'postgres', url });
		}
	);

	it.each(['mysql://x', 'HTTP://x', 'sqlite://x.db'])(
		'refuses %s instead of taking it for a file name',
		(url) => {
			expect(() => databaseTarget(url)).toThrow(/not supported/);
		}
	);

	it('the built server refuses to start on an unsupported URL, and says why', async () => {
		await expect(
			startServer({
				dbPath: tempDbPath('unused'),
				env: { DATABASE_URL: 'mysql://localhost/hearth' }
			})
		).rejects.toThrow(/"mysql:\/\/" is not supported/);
	});

	it('the built server on a PostgreSQL URL it cannot reach stops at start-up, and says so', async () => {
		await expect(
			startServer({
				dbPath: tempDbPath('unused'),
				env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/hearth' }
			})
		).rejects.toThrow(/ECONNREFUSED/);
	});
});
