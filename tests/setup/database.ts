import { createDatabase, databaseName, onPostgres } from '../helpers/database';

// Each test file gets its own real database — a SQLite file, or a PostgreSQL database copied from
// the migrated template — so files can run in parallel without sharing rows.
process.env.DATABASE_URL = databaseName('unit');
if (onPostgres()) {
	await createDatabase(process.env.DATABASE_URL);
	const { openDatabase } = await import('$lib/server/db');
	await openDatabase();
}
