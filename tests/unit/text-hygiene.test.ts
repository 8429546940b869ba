import { checkinIntentSchemas } from '$lib/schemas/checkin';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CATEGORIES, DEPTHS } from '$lib/deck/types';
import { loginSchema, redirectTarget, signupSchema } from '$lib/schemas/auth';
import { cardActionForms, noticedCardForm, sendCardForm } from '$lib/schemas/cards';
import { coupleSettingsForm } from '$lib/schemas/couple';
import { customCardForm, deckQuery } from '$lib/schemas/deck';
import { historyQuery, noteForm } from '$lib/schemas/history';
import { declineForm, planForm } from '$lib/schemas/schedule';
import { talkIntentSchemas } from '$lib/schemas/talk';
import { cleanLine, cleanText, hasForbiddenText, line, text } from '$lib/schemas/text';

/** Every code unit the rule removes: C0 but tab/LF (CR is normalised), DEL, C1, lone surrogates. */
const FORBIDDEN = [
	...Array.from({ length: 0x20 }, (_, c) => c).filter((c) => c !== 0x09 && c !== 0x0a),
	...Array.from({ length: 0x21 }, (_, i) => 0x7f + i)
].map((c) => String.fromCharCode(c));

describe('cleanText and cleanLine', () => {
	it('strips NUL, BEL, ESC, DEL and C1 controls, keeps tab and newline', () => {
		expect(cleanText('a\u0000b\u0007c\u001b[31md\u007fe\u0085f\u009fg')).toBe('abc[31mdefg');
		expect(cleanText('one\ttwo\nthree')).toBe('one\ttwo\nthree');
		for (const c of FORBIDDEN)
			expect(cleanText(`x${c}y`), c.charCodeAt(0).toString(16)).not.toContain(c);
	});
	it('normalises CR LF and a lone CR to LF', () => {
		expect(cleanText('a\r\nb\rc\n\rd')).toBe('a\nb\nc\n\nd');
	});
	it('drops unpaired surrogates and keeps pairs (emoji) whole', () => {
		expect(cleanText('a\uD800b\uDC00c')).toBe('abc');
		expect(cleanText('🔥\uD83D')).toBe('🔥');
		expect(cleanText('\uDE00🔥')).toBe('🔥');
		expect(cleanText('café, 日本, 👩‍❤️‍👨')).toBe('café, 日本, 👩‍❤️‍👨');
	});
	it('keeps other characters people write, bidi marks and zero-width joiners included', () => {
		const words = 'Ça va?\u200d \u202eok\u202c — “quoted” ; \\ ,';
		expect(cleanText(words)).toBe(words);
	});
	it('one line: tabs and newlines become spaces', () => {
		expect(cleanLine('Sam\tand\r\nAlex\u0000')).toBe('Sam and Alex');
	});
	it('hasForbiddenText agrees with the rule', () => {
		expect(hasForbiddenText('fine\ttext\n')).toBe(false);
		expect(hasForbiddenText('a\rb')).toBe(true);
		expect(hasForbiddenText('a\u0000')).toBe(true);
		expect(hasForbiddenText('\uD800')).toBe(true);
		expect(hasForbiddenText('🔥')).toBe(false);
	});
	it('the zod helpers strip before trim and length checks', () => {
		const name = line({ error: 'Name?' }).trim().min(1, 'Name?').max(5, 'Too long');
		expect(name.parse(' \u0000Sam\u0007 ')).toBe('Sam');
		// Only controls: nothing left, so the field is empty (the usual message, not a surprise).
		expect(name.safeParse('\u0000\u0007\u001b').error?.issues[0]?.message).toBe('Name?');
		// Length counts what is kept.
		expect(name.parse('ab\u0000\u0000\u0000\u0000cde')).toBe('abcde');
		expect(text().trim().parse('\r\n line one\r\nline two \r\n')).toBe('line one\nline two');
	});
	it('refuses a redirect target with a control character instead of following it', () => {
		expect(redirectTarget.parse('/talk\u0000')).toBe('/');
		expect(redirectTarget.parse('/talk\r\nSet-Cookie: x=1')).toBe('/');
		expect(redirectTarget.parse('/talk/abc')).toBe('/talk/abc');
	});
});

// ── every text field of every schema ────────────────────────────────────────────────────────
const NOW = Date.UTC(2030, 0, 1, 12);
const CLIENT = 'client-0001';
const CONV = '2f1c7a4e-8a3b-4c55-9b1e-0d6f2a3b4c5d';
const card = { category: CATEGORIES[0], depth: DEPTHS[0] };
const plan = { date: '2030-01-02', time: '20:00', duration: '30', repeat: 'none' };

type Field = {
	label: string;
	schema: z.ZodType;
	/** A valid input with the field set to `value`. */
	input: (value: string) => unknown;
	/** Where the field ends up in the output. */
	read: (output: never) => unknown;
	/** A one-line field: no tab or newline either. */
	oneLine?: boolean;
	/** Free text stripped (not refused): what is kept is the input, cleaned and trimmed. */
	stripped?: boolean;
};

const TEXT_FIELDS: Field[] = [
	{
		label: 'signup name',
		schema: signupSchema,
		input: (name) => ({ name, email: 'sam@example.com', password: 'a calm password' }),
		read: (o: { name: string }) => o.name,
		oneLine: true,
		stripped: true
	},
	{
		label: 'signup email',
		schema: signupSchema,
		input: (email) => ({ name: 'Sam', email, password: 'a calm password' }),
		read: (o: { email: string }) => o.email,
		oneLine: true
	},
	{
		label: 'login email',
		schema: loginSchema,
		input: (email) => ({ email, password: 'x' }),
		read: (o: { email: string }) => o.email,
		oneLine: true
	},
	{
		label: 'couple name',
		schema: coupleSettingsForm,
		input: (name) => ({ name }),
		read: (o: { name: string | null }) => o.name ?? '',
		oneLine: true,
		stripped: true
	},
	{
		label: 'custom card text',
		schema: customCardForm,
		input: (value) => ({ text: value, ...card }),
		read: (o: { text: string }) => o.text,
		stripped: true
	},
	{
		label: 'deck search',
		schema: deckQuery,
		input: (q) => ({ q }),
		read: (o: { q?: string }) => o.q ?? '',
		oneLine: true,
		stripped: true
	},
	{
		label: 'history search',
		schema: historyQuery,
		input: (q) => ({ q }),
		read: (o: { q?: string }) => o.q ?? '',
		oneLine: true,
		stripped: true
	},
	{
		label: 'private note',
		schema: noteForm,
		input: (note) => ({ note }),
		read: (o: { note: string }) => o.note,
		stripped: true
	},
	{
		label: 'sent card text',
		schema: sendCardForm,
		input: (value) => ({ clientId: CLIENT, text: value, ...card }),
		read: (o: { text?: string }) => o.text ?? '',
		stripped: true
	},
	...(['note', 'firstAnswer'] as const).map((key): Field => ({
		label: `sent card ${key}`,
		schema: sendCardForm,
		input: (value) => ({ clientId: CLIENT, cardId: 'day-small-smile', [key]: value }),
		read: (o: Record<string, string | null>) => o[key] ?? '',
		stripped: true
	})),
	...(
		[
			['observation', 'invitation'],
			['invitation', 'observation']
		] as const
	).map(([key, other]): Field => ({
		label: `"I noticed…" ${key}`,
		schema: noticedCardForm,
		input: (value) => ({
			clientId: CLIENT,
			feelings: 'tired',
			[other]: 'I noticed you were quiet.',
			[key]: value
		}),
		read: (o: Record<string, string>) => o[key] ?? '',
		stripped: true
	})),
	...(
		[
			['answer', 'text'],
			['reflect', 'text'],
			['notQuite', 'clarification'],
			['appreciate', 'text']
		] as const
	).map(([form, key]): Field => ({
		label: `card ${form} ${key}`,
		schema: cardActionForms[form],
		input: (value) => ({ clientId: CLIENT, [key]: value }),
		read: (o: Record<string, string | null>) => o[key] ?? '',
		stripped: true
	})),
	{
		label: 'plan intention',
		schema: planForm('Europe/London', NOW),
		input: (intention) => ({ ...plan, intention }),
		read: (o: { intention: string | null }) => o.intention ?? '',
		oneLine: true,
		stripped: true
	},
	{
		label: 'decline note',
		schema: declineForm,
		input: (note) => ({ note }),
		read: (o: { note: string | null }) => o.note ?? '',
		stripped: true
	},
	{
		label: 'talk:answer text',
		schema: talkIntentSchemas['talk:answer'],
		input: (value) => ({ conversationId: CONV, clientId: CLIENT, text: value, aloud: true }),
		read: (o: { text: string | null }) => o.text ?? '',
		stripped: true
	},
	{
		label: 'talk:reflect text',
		schema: talkIntentSchemas['talk:reflect'],
		input: (value) => ({ conversationId: CONV, clientId: CLIENT, text: value }),
		read: (o: { text: string }) => o.text,
		stripped: true
	},
	{
		label: 'talk:not-quite clarification',
		schema: talkIntentSchemas['talk:not-quite'],
		input: (value) => ({ conversationId: CONV, clientId: CLIENT, clarification: value }),
		read: (o: { clarification: string | null }) => o.clarification ?? '',
		stripped: true
	},
	{
		label: 'checkin:give text',
		schema: checkinIntentSchemas['checkin:give'],
		input: (value) => ({
			conversationId: CONV,
			clientId: CLIENT,
			step: 'appreciation',
			text: value
		}),
		read: (o: { text: string }) => o.text,
		stripped: true
	},
	{
		label: 'redirect target',
		schema: redirectTarget,
		input: (value) => value,
		read: (o: string) => o,
		oneLine: true
	}
];

/** Strings heavy in what the rule is about: controls, CR/LF, tab, lone surrogates, emoji. */
const hostileUnit = fc.oneof(
	{ weight: 3, arbitrary: fc.constantFrom(...FORBIDDEN, '\r', '\n', '\t', '\r\n') },
	{ weight: 2, arbitrary: fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF', '🔥', '👩‍❤️‍👨') },
	{ weight: 4, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) },
	{ weight: 6, arbitrary: fc.constantFrom('a', 'b', ' ', '@', '.', 'e', 'x', '/', 'm', 'o', 'c') }
);
const hostileString = fc.oneof(
	fc.string({ unit: hostileUnit, maxLength: 60 }),
	fc.string({ unit: 'binary', maxLength: 40 }),
	// Mostly valid values with something forbidden inside.
	fc
		.tuple(
			fc.constantFrom('Sam', 'sam@example.com', '/talk/abc', 'How was your day, really?'),
			fc.string({ unit: hostileUnit, minLength: 1, maxLength: 4 }),
			fc.nat(40)
		)
		.map(([good, bad, at]) => good.slice(0, at) + bad + good.slice(at))
);

describe('no text schema accepts a forbidden control character', () => {
	for (const field of TEXT_FIELDS) {
		it(field.label, () => {
			let accepted = 0;
			fc.assert(
				fc.property(hostileString, (value) => {
					const result = field.schema.safeParse(field.input(value));
					if (!result.success) return;
					accepted++;
					const kept = field.read(result.data as never);
					expect(typeof kept).toBe('string');
					expect(hasForbiddenText(kept as string), JSON.stringify(kept)).toBe(false);
					if (field.oneLine) expect(kept as string).not.toMatch(/[\t\n]/);
					if (field.stripped)
						expect(kept).toBe((field.oneLine ? cleanLine(value) : cleanText(value)).trim());
				}),
				{ seed: 20_251_130, numRuns: 400 }
			);
			// The property says something only if the schema accepted some of these strings.
			expect(accepted, `${field.label} accepted none of the generated strings`).toBeGreaterThan(0);
		});
	}
});
