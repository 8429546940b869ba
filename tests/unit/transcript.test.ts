import { describe, expect, it } from 'vitest';
import type { CardEvent } from '$lib/conversation/card/types';
import { cardKind } from '$lib/conversation/card/kind';
import { talkKind } from '$lib/conversation/talk/kind';
import { transcriptMarkdown } from '$lib/conversation/transcript';
import type { TalkEvent } from '$lib/conversation/talk/types';

const card = {
	id: 'day-x',
	text: 'What made today good?',
	category: 'day-to-day',
	depth: 'light',
	custom: false
} as const;
const names = (id: string | null) => ({ a: 'You', b: 'Sam' })[id as 'a' | 'b'] ?? 'Hearth';
let seq = 0;
const ev = <E>(actorId: string | null, type: string, data: unknown) =>
	({ seq: ++seq, at: seq * 1000, actorId, type, data }) as E;

describe('transcript of a live talk', () => {
	it('has a readable line for every event type', () => {
		seq = 0;
		const events = [
			ev<TalkEvent>('a', 'talk.started', {
				participants: [
					{ id: 'a', name: 'A' },
					{ id: 'b', name: 'Sam' }
				],
				kind: 'live',
				scheduled: { scheduleId: 's', occurrenceAt: 1, intention: 'the move' }
			}),
			ev<TalkEvent>('a', 'talk.opening', { line: 'No rush.' }),
			ev<TalkEvent>('b', 'depth.deeper', {}),
			ev<TalkEvent>('a', 'depth.lighter', { depth: 'light' }),
			ev<TalkEvent>('a', 'card.drawn', { card, speakerId: 'a', exhausted: false }),
			ev<TalkEvent>('b', 'floor.taken', {}),
			ev<TalkEvent>('b', 'answer.given', { text: 'The sun.', aloud: false }),
			ev<TalkEvent>('a', 'reflection.sent', {
				text: 'You liked the sun.',
				feelings: ['glad'],
				needs: []
			}),
			ev<TalkEvent>('b', 'reflection.not-quite', { clarification: 'The warmth.' }),
			ev<TalkEvent>('a', 'reflection.sent', {
				text: 'The warmth mattered.',
				feelings: [],
				needs: []
			}),
			ev<TalkEvent>('b', 'reflection.confirmed', {}),
			ev<TalkEvent>('a', 'turn.swapped', {}),
			ev<TalkEvent>('a', 'card.set-aside', {}),
			ev<TalkEvent>('b', 'talk.paused', {}),
			ev<TalkEvent>('a', 'talk.resumed', {}),
			ev<TalkEvent>(null, 'talk.ended', { reason: 'idle' })
		];
		const lines = talkKind.transcript(events, names);
		expect(lines.map((l) => l.kind)).toEqual([
			'start',
			'opening',
			'depth',
			'depth',
			'card',
			'floor',
			'answer',
			'reflection',
			'not-quite',
			'reflection',
			'confirmed',
			'swap',
			'set-aside',
			'pause',
			'resume',
			'end'
		]);
		expect(lines[0]!.text).toBe('You opened the planned talk: “the move”');
		expect(lines[4]!.text).toBe('You held the floor');
		expect(lines[6]).toMatchObject({ text: 'Sam answered', quote: 'The sun.' });
		expect(lines[7]!.feelings).toEqual(['glad']);
		expect(lines[8]).toMatchObject({ text: 'Sam: “Not quite”', quote: 'The warmth.' });
		expect(lines[11]!.text).toBe('You answered the same card too');
		expect(lines[12]!.text).toBe('You set this card aside for later');
		expect(lines[15]!.text).toBe('The talk rested for a day and closed by itself');
		const md = transcriptMarkdown('A talk', lines, 'Europe/London');
		expect(md).toContain('### What made today good?');
		expect(md).toContain('Sam answered: “The sun.”');
	});
});

describe('the feelings a speaker said were theirs', () => {
	it('are in the transcript and its Markdown, as both saw them in the talk', () => {
		seq = 0;
		const events = [
			ev<TalkEvent>('a', 'card.drawn', { card, speakerId: 'b', exhausted: false }),
			ev<TalkEvent>('b', 'answer.given', { text: 'A long week.', aloud: false }),
			ev<TalkEvent>('a', 'reflection.sent', {
				text: 'You are worn out.',
				feelings: ['tired', 'sad'],
				needs: []
			}),
			ev<TalkEvent>('b', 'reflection.not-quite', { clarification: 'Relieved too.', heard: [] }),
			ev<TalkEvent>('a', 'reflection.sent', {
				text: 'Worn out, and relieved it is over.',
				feelings: ['tired', 'relieved'],
				needs: []
			}),
			ev<TalkEvent>('b', 'reflection.confirmed', { heard: ['tired', 'relieved'] })
		];
		const lines = talkKind.transcript(events, names);
		expect(lines[3]).toMatchObject({ kind: 'not-quite', heard: [] });
		expect(lines[5]).toMatchObject({ kind: 'confirmed', heard: ['tired', 'relieved'] });
		const md = transcriptMarkdown('A talk', lines, 'Europe/London');
		expect(md).toContain("Sam: “Yes, that's it” — Feelings that fit: tired, relieved");
		expect(md).toContain('None of the feelings guessed quite fit');
		// A verdict given without a word on the feelings (older talks) adds nothing.
		const older = talkKind.transcript([ev<TalkEvent>('b', 'reflection.confirmed', {})], names);
		expect(older[0]!.heard).toBeUndefined();
		// Nor does one on a reflection that guessed no feelings (an empty word on them says nothing).
		seq = 0;
		const none = talkKind.transcript(
			[
				ev<TalkEvent>('a', 'card.drawn', { card, speakerId: 'b', exhausted: false }),
				ev<TalkEvent>('b', 'answer.given', { text: 'Fine.', aloud: false }),
				ev<TalkEvent>('a', 'reflection.sent', { text: 'All fine.', feelings: [], needs: [] }),
				ev<TalkEvent>('b', 'reflection.confirmed', { heard: [] })
			],
			names
		);
		expect(none[3]!.heard).toBeUndefined();
	});
});

describe('transcript of an async card', () => {
	it('shows hidden answers as hidden and every card event', () => {
		seq = 0;
		const events = [
			ev<CardEvent>('a', 'card.sent', {
				participants: [
					{ id: 'a', name: 'A' },
					{ id: 'b', name: 'Sam' }
				],
				card,
				note: 'For you',
				revealTogether: true,
				firstAnswer: 'Mine'
			}),
			ev<CardEvent>('b', 'card.set-aside', {}),
			ev<CardEvent>('b', 'card.brought-back', {}),
			ev<CardEvent>('b', 'answer.given', { text: null }),
			ev<CardEvent>('a', 'reflection.sent', { about: 'b', text: 'You…', feelings: [], needs: [] }),
			ev<CardEvent>('b', 'reflection.confirmed', { about: 'b' }),
			ev<CardEvent>('b', 'appreciation.sent', { text: 'Thanks' })
		];
		const lines = cardKind.transcript(events, names);
		expect(lines.map((l) => l.kind)).toEqual([
			'card',
			'answer',
			'set-aside',
			'brought-back',
			'answer',
			'reflection',
			'confirmed',
			'appreciation'
		]);
		expect(lines[0]).toMatchObject({ text: 'You sent this card', quote: 'For you' });
		expect(lines[1]).toMatchObject({ text: 'You went first', quote: 'Mine' });
		expect(lines[4]!.text).toBe("Sam answered (you'll see it once you've answered too)");
		expect(lines[4]!.quote).toBeNull();
	});
});
