import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { BUILT_IN_CARDS } from '../src/lib/deck/cards';

const WORDS = (
	'we talked about the garden and the long walk home because it felt calm and slow and the light ' +
	'was soft on the water when you laughed I felt close to you and a little tired but glad we made time'
).split(' ');

/** A deterministic generator, so every run seeds the same history. */
function random(seed: number) {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function sentence(next: () => number, length: number) {
	const words = Array.from({ length }, () => WORDS[Math.floor(next() * WORDS.length)]!);
	// A rare word, about once in 2,000 answers, to search for.
	if (next() < 0.0005) words.push('lighthouse');
	return words.join(' ');
}

/**
 * Seeds a couple's history straight into a fresh SQLite file (migrated like the app's): live talks
 * of ~`eventsPerConversation` events each, with the search index filled as the app fills it.
 */
export function seedHistory(options: {
	conversations: number;
	eventsPerConversation: number;
	label: string;
}) {
	const dir = resolve('bench/.tmp');
	mkdirSync(dir, { recursive: true });
	const path = resolve(dir, `history-${options.label}-${process.pid}.db`);
	for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
	const client = new Database(path);
	client.pragma('journal_mode = WAL');
	migrate(drizzle(client), { migrationsFolder: resolve('drizzle') });

	const next = random(42);
	const [a, b, coupleId] = ['user-a', 'user-b', 'couple-1'];
	const start = Date.UTC(2024, 0, 1);
	const insertEvent = client.prepare(
		'insert into events (conversation_id, seq, type, actor_id, client_id, payload, created_at) values (?, ?, ?, ?, ?, ?, ?)'
	);
	const insertIndex = client.prepare(
		"insert into search_index (text, couple_id, conversation_id, seq, actor_id, part) values (?, ?, ?, ?, ?, 'other')"
	);
	const insertConversation = client.prepare(
		"insert into conversations (id, couple_id, kind, status, started_by, created_at, last_event_at, last_seq) values (?, ?, 'live', 'active', ?, ?, ?, 0)"
	);
	const closeConversation = client.prepare(
		"update conversations set status = 'ended', last_event_at = ?, last_seq = ?, ended_at = ? where id = ?"
	);
	client.transaction(() => {
		for (const [id, name] of [
			[a, 'Alex'],
			[b, 'Sam']
		]) {
			client
				.prepare(
					'insert into users (id, name, email, password_hash, created_at) values (?, ?, ?, ?, ?)'
				)
				.run(id, name, `${id}@example.com`, 'x', start);
		}
		client.prepare('insert into couples (id, created_at) values (?, ?)').run(coupleId, start);
		for (const id of [a, b]) {
			client
				.prepare(
					'insert into couple_members (couple_id, user_id, active, joined_at) values (?, ?, 1, ?)'
				)
				.run(coupleId, id, start);
		}
		const participants = [
			{ id: a, name: 'Alex' },
			{ id: b, name: 'Sam' }
		];
		for (let c = 0; c < options.conversations; c++) {
			const conversationId = `00000000-0000-4000-8000-${String(c).padStart(12, '0')}`;
			let at = start + c * 3_600_000;
			let seq = 0;
			const add = (type: string, actor: string, data: unknown, words?: string) => {
				seq += 1;
				at += 20_000;
				insertEvent.run(conversationId, seq, type, actor, null, JSON.stringify(data), at);
				if (words) insertIndex.run(words, coupleId, conversationId, seq, actor);
			};
			insertConversation.run(conversationId, coupleId, a, at, at);
			add('talk.started', a, { participants, kind: 'live' });
			while (seq < options.eventsPerConversation - 1) {
				const card = BUILT_IN_CARDS[Math.floor(next() * BUILT_IN_CARDS.length)]!;
				const [speaker, listener] = next() < 0.5 ? [a, b] : [b, a];
				add(
					'card.drawn',
					speaker,
					{ card: { ...card, custom: false }, speakerId: speaker, exhausted: false },
					card.text
				);
				const answer = sentence(next, 50); // about 300 bytes
				add('answer.given', speaker, { text: answer, aloud: false }, answer);
				const reflection = sentence(next, 20);
				add(
					'reflection.sent',
					listener,
					{ text: reflection, feelings: ['calm'], needs: [] },
					reflection
				);
				add('reflection.confirmed', speaker, {});
			}
			add('talk.ended', a, { reason: 'ended' });
			closeConversation.run(at, seq, at, conversationId);
		}
	})();
	const deep = client
		.prepare(
			'select last_event_at as at, id from conversations order by last_event_at desc, id desc limit 1 offset ?'
		)
		.get(Math.min(999, Math.floor(options.conversations / 2))) as { at: number; id: string };
	const events = (client.prepare('select count(*) as n from events').get() as { n: number }).n;
	client.close();
	console.log(`seeded ${options.label}: ${options.conversations} conversations, ${events} events`);
	return { path, userId: a, deepCursor: deep };
}
