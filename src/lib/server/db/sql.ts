import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { dialect } from './target';

/**
 * The few SQL spellings that differ between SQLite and PostgreSQL, so that no domain module knows
 * which one it runs on. Everything else the domains write (Drizzle's builders, `is distinct from`,
 * `coalesce`, `lower`, quoted camelCase aliases in plain SQL) is the same on both.
 */
const isPostgres = dialect() === 'postgres';

/** The larger of two values (SQLite's two-argument max, PostgreSQL's greatest). */
export const greatest = (a: SQLWrapper | unknown, b: SQLWrapper | unknown): SQL =>
	isPostgres ? sql`greatest(${a}, ${b})` : sql`max(${a}, ${b})`;

/** A text value inside a JSON text column, by a path of keys: jsonText(events.payload, 'card', 'id'). */
export const jsonText = (column: SQLWrapper, ...keys: string[]): SQL =>
	isPostgres
		? sql`(${column}::jsonb #>> ${`{${keys.join(',')}}`})`
		: sql`json_extract(${column}, ${`$.${keys.join('.')}`})`;
