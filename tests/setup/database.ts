import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

// Each test file gets its own real SQLite file, so files can run in parallel without sharing rows.
const dir = resolve('tests/.tmp');
mkdirSync(dir, { recursive: true });
process.env.DATABASE_URL = join(dir, `unit-${process.pid}-${crypto.randomUUID()}.db`);
