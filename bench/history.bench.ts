/**
 * History at scale: a couple with 2,000 conversations and 200,000 events. A timeline page and a
 * search must cost server time in proportion to the page size, not to the history's size, so the
 * same queries run against a small history (200 conversations) as the baseline in the same run.
 *
 * Run: npm run bench:history (vitest bench). Each database is a real SQLite file, seeded with plain
 * SQL in one transaction so the seeding takes seconds rather than minutes.
 */
import { bench, describe } from 'vitest';
import { seedHistory } from './history-seed';

const big = seedHistory({ conversations: 2000, eventsPerConversation: 100, label: 'big' });
const small = seedHistory({ conversations: 200, eventsPerConversation: 100, label: 'small' });

const { timelineOf, searchHistory } = await import('$lib/server/history/history');
const { getDb, closeDb } = await import('$lib/server/db');

function using(path: string) {
	if (process.env.DATABASE_URL !== path) {
		closeDb();
		process.env.DATABASE_URL = path;
		getDb();
	}
}

const options = { time: 1500, warmupTime: 300 };

describe('timeline page (20 items), first page', () => {
	bench(
		'200k events',
		() => {
			using(big.path);
			timelineOf(big.userId, {}, null, 20);
		},
		options
	);
	bench(
		'20k events (baseline)',
		() => {
			using(small.path);
			timelineOf(small.userId, {}, null, 20);
		},
		options
	);
});

describe('timeline page deep in history (page 50)', () => {
	bench(
		'200k events',
		() => {
			using(big.path);
			timelineOf(big.userId, {}, big.deepCursor, 20);
		},
		options
	);
	bench(
		'20k events (baseline, page 5)',
		() => {
			using(small.path);
			timelineOf(small.userId, {}, small.deepCursor, 20);
		},
		options
	);
});

describe('timeline page size', () => {
	bench(
		'100 items, 200k events',
		() => {
			using(big.path);
			timelineOf(big.userId, {}, null, 100);
		},
		options
	);
	bench(
		'20 items, 200k events (baseline)',
		() => {
			using(big.path);
			timelineOf(big.userId, {}, null, 20);
		},
		options
	);
});

describe('full-text search (a rare word, 20 results)', () => {
	bench(
		'200k events',
		() => {
			using(big.path);
			searchHistory(big.userId, 'lighthouse');
		},
		options
	);
	bench(
		'20k events (baseline)',
		() => {
			using(small.path);
			searchHistory(small.userId, 'lighthouse');
		},
		options
	);
});

describe('full-text search (a common word, 20 results)', () => {
	bench(
		'200k events',
		() => {
			using(big.path);
			searchHistory(big.userId, 'because');
		},
		options
	);
	bench(
		'20k events (baseline)',
		() => {
			using(small.path);
			searchHistory(small.userId, 'because');
		},
		options
	);
});
