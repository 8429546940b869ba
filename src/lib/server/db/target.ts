import { resolve } from 'node:path';

/** Where the data lives: a SQLite file (the embedded default) or a PostgreSQL database. */
export type DatabaseTarget =
	{ dialect: 'sqlite'; path: string } | { dialect: 'postgres'; url: string };

/**
 * Reads DATABASE_URL: nothing or a plain path is a SQLite file (a `file:` URL too), `postgres://`
 * or `postgresql://` is PostgreSQL. Any other scheme is refused at start-up rather than quietly
 * taken for a file name — an operator must never believe they are on one database while Hearth
 * writes to another.
 */
export function databaseTarget(url = process.env.DATABASE_URL): DatabaseTarget {
	// process.env, not $env: this module also runs at start-up, outside any request.
	if (!url) return { dialect: 'sqlite', path: resolve('./data/hearth.db') };
	const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
	if (scheme === 'postgres' || scheme === 'postgresql') return { dialect: 'postgres', url };
	if (scheme === 'file')
		return { dialect: 'sqlite', path: resolve(decodeURIComponent(new URL(url).pathname)) };
	if (scheme)
		throw new Error(
			`DATABASE_URL must be a SQLite file path (or a file: URL) or a postgres:// URL; "${scheme}://" is not supported.`
		);
	return { dialect: 'sqlite', path: resolve(url) };
}

/** The dialect this process runs on, fixed at start-up. */
export const dialect = (): DatabaseTarget['dialect'] => databaseTarget().dialect;
