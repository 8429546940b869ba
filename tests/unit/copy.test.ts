/**
 * Every string a person can read (templates, messages, notifications, errors, the deck) is kind:
 * no word that blames or counts. A hit fails unless it is allowed below, with a reason; an allowed
 * entry that no longer matches anything fails too, so the list stays true.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../../src');

/** Words that blame or count: a failure, a refusal, an absence kept score of, a streak. */
const BLAMING =
	/\b(fail(s|ed|ure|ures)?|skip(s|ped|ping)?|reject(s|ed|ion)?|declin(e|es|ed|ing)|miss(ed|es)|overdue|streaks?|times|counts?)\b/i;

type Allowed = { file: string; text: string; reason: string };
const ALLOWED: Allowed[] = [
	{
		file: 'lib/deck/feelings.ts',
		text: 'rejected',
		reason: 'a word a person may pick to name their own feeling; it keeps no score of anyone'
	},
	{
		file: 'lib/deck/phrases.ts',
		text: 'Tell me what I missed.',
		reason: 'the listener owning what they did not hear yet; it blames nobody'
	},
	{
		file: 'lib/schemas/schedule.ts',
		text: 'The clocks skip',
		reason: 'a daylight-saving change skips an hour of the clock, not a person'
	},
	{
		file: 'routes/+layout.svelte',
		text: 'Skip to content',
		reason: 'the standard link past the navigation for keyboard and screen-reader users'
	},
	{
		file: 'routes/schedule/[id]/+page.svelte',
		text: 'decline-note-hint',
		reason: 'element ids in an attribute, never shown'
	}
];

function filesUnder(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return filesUnder(path);
		return /\.(ts|svelte)$/.test(entry.name) ? [path] : [];
	});
}

const LITERAL = /'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g;

/** The strings of a file a person may read. */
function readable(path: string, source: string): string[] {
	const content = /\/lib\/deck\//.test(path); // the deck is all content
	const code = source
		.replace(/\/\*[\s\S]*?\*\//g, '')
		.replace(/^\s*\/\/.*$/gm, '')
		.replace(/<!--[\s\S]*?-->/g, '');
	const strings: string[] = [];
	if (path.endsWith('.svelte')) {
		const markup = code
			.replace(/<script[\s\S]*?<\/script>/g, '')
			.replace(/<style[\s\S]*?<\/style>/g, '')
			.replace(/\{[^{}]*\}/g, ' ')
			.replace(/<[^>]*>/g, '\n');
		strings.push(
			...markup
				.split('\n')
				.map((t) => t.trim())
				.filter(Boolean)
		);
	}
	for (const match of code.matchAll(LITERAL)) {
		const text = match[0].slice(1, -1);
		// A key or an identifier ('declined', 'set-aside', a card's id) is code; SQL is code;
		// words with a space are copy, and the deck is all copy.
		if (/^[a-z0-9]+(-[a-z0-9]+)+$/.test(text)) continue;
		if (/^\s*(select|insert|update|delete|with)\s/i.test(text)) continue;
		if (content || /\s/.test(text.trim())) strings.push(text);
	}
	return strings;
}

describe('copy', () => {
	it('no user-facing string blames or counts, unless allowed with a reason', () => {
		const hits: string[] = [];
		const used = new Set<Allowed>();
		for (const path of filesUnder(ROOT)) {
			if (path.includes('/lib/server/db/')) continue; // schema and migrations: no copy
			const file = relative(ROOT, path);
			for (const text of readable(path, readFileSync(path, 'utf8'))) {
				if (!BLAMING.test(text)) continue;
				// Log lines for developers ("[push] …") never reach a person.
				if (/^\[[a-z-]+\]/.test(text)) continue;
				const allowed = ALLOWED.find((a) => a.file === file && text.includes(a.text));
				if (allowed) used.add(allowed);
				else hits.push(`${file}: ${text}`);
			}
		}
		expect(hits).toEqual([]);
		expect(ALLOWED.filter((a) => !used.has(a))).toEqual([]);
	});

	it('the scan reads templates, messages and errors, and ignores code', () => {
		const svelte = `<script lang="ts">
	const error = 'Sync failed, try again';
	const key = 'declined';
</script>
<p>You missed {n} talks</p>
<button>Not now</button>`;
		const seen = readable('/src/routes/x/+page.svelte', svelte);
		expect(seen).not.toContain('declined');
		expect(seen.filter((t) => BLAMING.test(t)).map((t) => t.replace(/\s+/g, ' '))).toEqual([
			'You missed talks',
			'Sync failed, try again'
		]);
		expect(BLAMING.test('Answered 3 times')).toBe(true);
		expect(BLAMING.test('Sometimes it helps')).toBe(false);
		expect(readable('/src/lib/deck/feelings.ts', "['rejected', 'calm']")).toEqual([
			'rejected',
			'calm'
		]);
	});
});
