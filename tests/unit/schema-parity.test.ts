/**
 * One data model, two dialects: the SQLite schema (the embedded default) and the PostgreSQL one
 * (several processes) must describe the same tables, columns, keys and indexes, and give the same
 * row types — so code above the data layer never knows which it runs on.
 *
 * The row types are compared by the type checker (`npm run check` fails on a difference); the
 * shapes, at run time, here.
 */
import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as pg from '../../src/lib/server/db/schema-pg';
import * as sqlite from '../../src/lib/server/db/schema';

/** Tables that exist on one side only, with the reason. */
const ONLY_IN_PG = new Set([
	// SQLite's search index is an FTS5 virtual table made by a hand-written migration (Drizzle has
	// no virtual tables); PostgreSQL's is an ordinary table with a generated tsvector.
	'search_index'
]);

const tablesOf = <T>(module: Record<string, unknown>, kind: abstract new (...args: never) => T) =>
	Object.entries(module).filter((entry): entry is [string, T] => entry[1] instanceof kind);

function sqliteShape(table: SQLiteTable) {
	const config = sqliteConfig(table);
	return {
		name: config.name,
		columns: config.columns
			.map((c) => ({ name: c.name, notNull: c.notNull, primary: c.primary, default: c.hasDefault }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		primaryKeys: config.primaryKeys.map((k) => k.columns.map((c) => c.name)),
		indexes: config.indexes
			.map((i) => ({ name: i.config.name, unique: i.config.unique, partial: !!i.config.where }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		foreignKeys: config.foreignKeys
			.map((f) => {
				const ref = f.reference();
				return `${ref.columns.map((c) => c.name)}→${sqliteConfig(ref.foreignTable).name}:${f.onDelete}`;
			})
			.sort()
	};
}

function pgShape(table: PgTable) {
	const config = pgConfig(table);
	return {
		name: config.name,
		columns: config.columns
			.map((c) => ({ name: c.name, notNull: c.notNull, primary: c.primary, default: c.hasDefault }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		primaryKeys: config.primaryKeys.map((k) => k.columns.map((c) => c.name)),
		indexes: config.indexes
			.map((i) => ({ name: i.config.name!, unique: i.config.unique, partial: !!i.config.where }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		foreignKeys: config.foreignKeys
			.map((f) => {
				const ref = f.reference();
				return `${ref.columns.map((c) => c.name)}→${pgConfig(ref.foreignTable).name}:${f.onDelete}`;
			})
			.sort()
	};
}

describe('the SQLite and PostgreSQL schemas', () => {
	const sqliteTables = new Map(
		tablesOf(sqlite, SQLiteTable).map(([, t]) => [sqliteConfig(t).name, sqliteShape(t)])
	);
	const pgTables = new Map(tablesOf(pg, PgTable).map(([, t]) => [pgConfig(t).name, pgShape(t)]));

	it('have the same tables', () => {
		expect(sqliteTables.size).toBeGreaterThan(15);
		const pgNames = [...pgTables.keys()].filter((name) => !ONLY_IN_PG.has(name)).sort();
		expect(pgNames).toEqual([...sqliteTables.keys()].sort());
	});

	it('have the same columns, keys, indexes and foreign keys in every table', () => {
		for (const [name, shape] of sqliteTables) expect(pgTables.get(name), name).toEqual(shape);
	});

	it('give the same row types', () => {
		expectTypeOf<pg.User>().toEqualTypeOf<sqlite.User>();
		expectTypeOf<typeof pg.users.$inferInsert>().toEqualTypeOf<typeof sqlite.users.$inferInsert>();
		expectTypeOf<pg.Session>().toEqualTypeOf<sqlite.Session>();
		expectTypeOf<pg.Couple>().toEqualTypeOf<sqlite.Couple>();
		expectTypeOf<typeof pg.coupleMembers.$inferSelect>().toEqualTypeOf<
			typeof sqlite.coupleMembers.$inferSelect
		>();
		expectTypeOf<pg.Invite>().toEqualTypeOf<sqlite.Invite>();
		expectTypeOf<pg.CustomCard>().toEqualTypeOf<sqlite.CustomCard>();
		expectTypeOf<pg.Conversation>().toEqualTypeOf<sqlite.Conversation>();
		expectTypeOf<typeof pg.conversations.$inferInsert>().toEqualTypeOf<
			typeof sqlite.conversations.$inferInsert
		>();
		expectTypeOf<pg.EventRow>().toEqualTypeOf<sqlite.EventRow>();
		expectTypeOf<typeof pg.cardUses.$inferSelect>().toEqualTypeOf<
			typeof sqlite.cardUses.$inferSelect
		>();
		expectTypeOf<pg.SetAside>().toEqualTypeOf<sqlite.SetAside>();
		expectTypeOf<pg.Schedule>().toEqualTypeOf<sqlite.Schedule>();
		expectTypeOf<typeof pg.scheduleReminders.$inferSelect>().toEqualTypeOf<
			typeof sqlite.scheduleReminders.$inferSelect
		>();
		expectTypeOf<typeof pg.calendarFeeds.$inferSelect>().toEqualTypeOf<
			typeof sqlite.calendarFeeds.$inferSelect
		>();
		expectTypeOf<typeof pg.conversationReads.$inferSelect>().toEqualTypeOf<
			typeof sqlite.conversationReads.$inferSelect
		>();
		expectTypeOf<pg.PushSubscriptionRow>().toEqualTypeOf<sqlite.PushSubscriptionRow>();
		expectTypeOf<typeof pg.appSecrets.$inferSelect>().toEqualTypeOf<
			typeof sqlite.appSecrets.$inferSelect
		>();
		expectTypeOf<typeof pg.moments.$inferSelect>().toEqualTypeOf<
			typeof sqlite.moments.$inferSelect
		>();
		expectTypeOf<typeof pg.privateNotes.$inferSelect>().toEqualTypeOf<
			typeof sqlite.privateNotes.$inferSelect
		>();
		expectTypeOf<pg.DailyQuestionSettings>().toEqualTypeOf<sqlite.DailyQuestionSettings>();
		expectTypeOf<typeof pg.dailyDeliveries.$inferSelect>().toEqualTypeOf<
			typeof sqlite.dailyDeliveries.$inferSelect
		>();
		expectTypeOf<pg.PaceSettings>().toEqualTypeOf<sqlite.PaceSettings>();
		expectTypeOf<typeof pg.heldPushes.$inferSelect>().toEqualTypeOf<
			typeof sqlite.heldPushes.$inferSelect
		>();
	});
});
