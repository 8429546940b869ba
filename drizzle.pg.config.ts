import { defineConfig } from 'drizzle-kit';

/** PostgreSQL migrations, generated from the pg schema next to SQLite's (drizzle.config.ts). */
export default defineConfig({
	schema: './src/lib/server/db/schema-pg.ts',
	out: './drizzle/pg',
	dialect: 'postgresql',
	strict: true,
	verbose: true
});
