import { describe, expect, it } from 'vitest';
import {
	applyCard,
	initialCardState,
	isRevealed,
	type CardState
} from '$lib/conversation/card/reducer';
import { decideCard } from '$lib/conversation/card/rules';
import type { CardEvent, CardIntent } from '$lib/conversation/card/types';
import { cardKind } from '$lib/conversation/card/kind';
import { feelingsPhrase, NOTICED_CARD_PREFIX, noticedText } from '$lib/deck/noticed';

const A = 'alex';
const B = 'sam';
const card = {
	id: 'day-test',
	text: 'What felt good today?',
	category: 'day-to-day',
	depth: 'light',
	custom: false
} as const;

/** What one viewer's copy of the log builds: the visibility rule applied to every event. */
function viewFor(log: CardEvent[], viewer: string): CardState {
	const state = log.reduce(applyCard, initialCardState());
	return log
		.flatMap((e) => cardKind.visibleTo(e, state, viewer) ?? [])
		.reduce(applyCard, initialCardState());
}

function sent(revealTogether = true, firstAnswer: string | null = null): CardState {
	return applyCard(initialCardState(), {
		seq: 1,
		type: 'card.sent',
		actorId: A,
		at: 1,
		data: {
			participants: [
				{ id: A, name: 'Alex' },
				{ id: B, name: 'Sam' }
			],
			card,
			note: null,
			revealTogether,
			firstAnswer
		}
	});
}

function sentLog(revealTogether = true, firstAnswer: string | null = null): CardEvent[] {
	const state = sent(revealTogether, firstAnswer);
	return [
		{
			seq: 1,
			type: 'card.sent',
			actorId: A,
			at: 1,
			data: {
				participants: state.participants,
				card,
				note: null,
				revealTogether,
				firstAnswer
			}
		}
	];
}

/** Appends the event an allowed intent becomes to a log. */
function actOn(log: CardEvent[], actor: string, intent: CardIntent) {
	const state = log.reduce(applyCard, initialCardState());
	const decision = decideCard(state, actor, intent);
	if (!decision.ok) throw new Error(decision.message);
	log.push({
		...decision.event,
		seq: log.length + 1,
		actorId: actor,
		at: log.length + 1
	} as CardEvent);
}

function act(state: CardState, actor: string, intent: CardIntent): CardState {
	const decision = decideCard(state, actor, intent);
	if (!decision.ok) throw new Error(decision.message);
	return applyCard(state, {
		...decision.event,
		seq: state.lastSeq + 1,
		actorId: actor,
		at: state.lastSeq + 1
	} as never);
}

describe('async card rules', () => {
	it('keeps each answer from the other until both answered (reveal together)', () => {
		const log = sentLog(true, 'mine first');
		expect(viewFor(log, B).answers[A]!.text).toBeNull();
		expect(viewFor(log, A).answers[A]!.text).toBe('mine first');
		actOn(log, B, { type: 'answer', text: 'then mine' });
		expect(isRevealed(log.reduce(applyCard, initialCardState()))).toBe(true);
		expect(viewFor(log, B).answers[A]!.text).toBe('mine first');
		expect(viewFor(log, A).answers[B]!.text).toBe('then mine');
	});

	it('going first with "share mine now" is a gift: the partner reads it at once, theirs stays theirs', () => {
		for (const revealTogether of [true, false]) {
			const log = sentLog(revealTogether, 'a gift');
			(log[0]!.data as { shareFirst?: boolean }).shareFirst = true;
			expect(viewFor(log, B).answers[A]!.text).toBe('a gift');
			expect(viewFor(log, B).firstShared).toBe(true);
			expect(cardKind.transcript([log[0]!], (id) => (id === A ? 'Alex' : 'You'))[1]).toMatchObject({
				text: 'Alex went first',
				quote: 'a gift'
			});
			actOn(log, B, { type: 'answer', text: 'in return' });
			expect(viewFor(log, A).answers[B]!.text).toBe('in return');
		}
		// Without it, the first answer still waits for the partner's own.
		expect(viewFor(sentLog(false, 'kept'), B).answers[A]!.text).toBeNull();
	});

	it("a partner's set-aside and bring-back reach the sender without a name, and change nothing there", () => {
		const log = sentLog();
		actOn(log, B, { type: 'not-ready' });
		actOn(log, B, { type: 'bring-back' });
		const state = log.reduce(applyCard, initialCardState());
		for (const e of log.slice(1)) {
			expect(cardKind.visibleTo(e, state, A)).toMatchObject({ actorId: null, seq: e.seq });
			expect(cardKind.visibleTo(e, state, B)).toEqual(e);
		}
		const seen = log.map((e) => cardKind.visibleTo(e, state, A)!);
		expect(seen.slice(1).reduce(applyCard, viewFor(log.slice(0, 1), A))).toMatchObject({
			setAsideBy: null,
			lastSeq: 3
		});
		expect(cardKind.transcript(seen, () => 'Sam').map((l) => l.kind)).toEqual(['card']);
	});

	it('after the partner left Hearth, a hidden answer of theirs says so, not "once you\'ve answered"', () => {
		const log = sentLog(true);
		actOn(log, B, { type: 'answer', text: 'Sam wrote this' });
		const erasure = {
			userId: B,
			cardIds: new Set<string>(),
			planIds: new Set<string>(),
			formerName: 'Former partner'
		};
		const scrubbed = log.map((e) => ({ ...e, data: cardKind.scrub(e, erasure) }) as CardEvent);
		const state = scrubbed.reduce(applyCard, initialCardState());
		const seen = scrubbed.map((e) => cardKind.visibleTo(e, state, A)!);
		const lines = cardKind.transcript(seen, (id) => (id === B ? 'Former partner' : 'You'));
		expect(lines.at(-1)!.text).toBe(
			'Former partner answered. Their words were removed when they left Hearth.'
		);
		expect(JSON.stringify(seen)).not.toContain('Sam wrote this');
	});

	it('the sender who did not go first when sending can still share theirs now, as a gift', () => {
		for (const revealTogether of [true, false]) {
			const log = sentLog(revealTogether);
			actOn(log, A, { type: 'answer', text: 'mine, later', share: true });
			expect(log.at(-1)!.data).toEqual({ text: 'mine, later', shared: true });
			expect(viewFor(log, B).answers[A]!.text).toBe('mine, later');
			expect(viewFor(log, B).firstShared).toBe(true);
			// Sam's own answer still follows the card's reveal setting.
			actOn(log, B, { type: 'answer', text: 'and mine' });
			expect(viewFor(log, A).answers[B]!.text).toBe('and mine');
		}
		// Unticked, it waits for the partner's answer, as before.
		const kept = sentLog(true);
		actOn(kept, A, { type: 'answer', text: 'kept for now' });
		expect(viewFor(kept, B).answers[A]!.text).toBeNull();
		// Only the sender, and only before the partner answered: elsewhere "share" is left out.
		const late = sentLog(true);
		actOn(late, B, { type: 'answer', text: 'first' });
		actOn(late, A, { type: 'answer', text: 'then mine', share: true });
		expect(late.at(-1)!.data).toEqual({ text: 'then mine' });
		const recipient = sentLog(true, 'mine first');
		actOn(recipient, B, { type: 'answer', text: 'not a gift', share: true });
		expect(recipient.at(-1)!.data).toEqual({ text: 'not a gift' });
	});

	it('after the sender left Hearth, their hidden first answer says its words were removed', () => {
		for (const shareFirst of [false, true]) {
			const log = sentLog(true, 'Alex wrote this first');
			if (shareFirst) (log[0]!.data as { shareFirst?: boolean }).shareFirst = true;
			const erasure = {
				userId: A,
				cardIds: new Set<string>(),
				planIds: new Set<string>(),
				formerName: 'Former partner'
			};
			const scrubbed = log.map((e) => ({ ...e, data: cardKind.scrub(e, erasure) }) as CardEvent);
			const state = scrubbed.reduce(applyCard, initialCardState());
			const seen = scrubbed.map((e) => cardKind.visibleTo(e, state, B)!);
			const lines = cardKind.transcript(seen, (id) => (id === A ? 'Former partner' : 'You'));
			expect(lines[1]!.text).toBe(
				'Former partner went first. Their words were removed when they left Hearth.'
			);
			expect(lines[1]!.quote).toBeNull();
			expect(JSON.stringify(seen)).not.toContain('Alex wrote this first');
			expect(viewFor(scrubbed, B).answers[A]).toMatchObject({ text: null, erased: true });
		}
		// A card sent without going first gains no such line.
		const plain = sentLog(true);
		const erasure = {
			userId: A,
			cardIds: new Set<string>(),
			planIds: new Set<string>(),
			formerName: 'Former partner'
		};
		const scrubbed = plain.map((e) => ({ ...e, data: cardKind.scrub(e, erasure) }) as CardEvent);
		expect(cardKind.transcript(scrubbed, () => 'Former partner')).toHaveLength(1);
	});

	it('without reveal-together, the recipient answer shows at once', () => {
		const log = sentLog(false);
		actOn(log, B, { type: 'answer', text: 'straight away' });
		expect(viewFor(log, A).answers[B]!.text).toBe('straight away');
	});

	it('only the recipient sets a card aside, only they bring it back, and not after answering', () => {
		const s = sent();
		expect(decideCard(s, A, { type: 'not-ready' }).ok).toBe(false);
		const aside = act(s, B, { type: 'not-ready' });
		expect(aside.setAsideBy).toBe(B);
		expect(decideCard(aside, B, { type: 'answer', text: 'x' }).ok).toBe(false);
		expect(decideCard(aside, A, { type: 'bring-back' }).ok).toBe(false);
		const back = act(aside, B, { type: 'bring-back' });
		expect(back.setAsideBy).toBeNull();
		const answered = act(back, B, { type: 'answer', text: 'ready now' });
		expect(decideCard(answered, B, { type: 'not-ready' }).ok).toBe(false);
	});

	it('reflections come after the reveal, on the partner answer, with the Not quite loop', () => {
		let s = sent(true, 'A says');
		expect(decideCard(s, B, { type: 'reflect', text: 'x', feelings: [], needs: [] }).ok).toBe(
			false
		);
		s = act(s, B, { type: 'answer', text: 'B says' });
		s = act(s, B, { type: 'reflect', text: 'You said A', feelings: ['calm'], needs: [] });
		expect(decideCard(s, B, { type: 'reflect', text: 'again', feelings: [], needs: [] }).ok).toBe(
			false
		);
		expect(decideCard(s, B, { type: 'confirm' }).ok).toBe(false);
		s = act(s, A, { type: 'not-quite', clarification: 'more' });
		s = act(s, B, { type: 'reflect', text: 'You said A, more', feelings: [], needs: [] });
		s = act(s, A, { type: 'confirm' });
		expect(s.reflections[A]!.map((r) => r.verdict)).toEqual(['not-quite', 'confirmed']);
	});

	it('a stranger is not found; an answer is given once', () => {
		const s = sent();
		expect(decideCard(s, 'eve', { type: 'answer', text: 'x' })).toMatchObject({
			ok: false,
			code: 'not_found'
		});
		const answered = act(s, B, { type: 'answer', text: 'x' });
		expect(decideCard(answered, B, { type: 'answer', text: 'y' }).ok).toBe(false);
	});
});

describe('an "I noticed…" card', () => {
	const parts = {
		observation: "I noticed you've been quiet since your call with your mum.",
		feelings: ['worried', 'tired'],
		invitation: 'Would you like to tell me about it, now or later?'
	};
	const noticedLog = (): CardEvent[] => [
		{
			seq: 1,
			type: 'card.sent',
			actorId: A,
			at: 1,
			data: {
				participants: [
					{ id: A, name: 'Alex' },
					{ id: B, name: 'Sam' }
				],
				card: {
					id: `${NOTICED_CARD_PREFIX}c0ffee00-0000-4000-8000-000000000000`,
					text: noticedText(parts),
					category: 'feelings-and-needs',
					depth: 'personal',
					custom: true
				},
				note: null,
				revealTogether: false,
				firstAnswer: null,
				noticed: parts
			}
		}
	];

	it('reads as one paragraph, with the guess said gently', () => {
		expect(noticedText(parts)).toBe(
			"I noticed you've been quiet since your call with your mum. I wonder if you're feeling worried or tired. Would you like to tell me about it, now or later?"
		);
		expect(noticedText({ ...parts, feelings: [] })).toBe(
			"I noticed you've been quiet since your call with your mum. Would you like to tell me about it, now or later?"
		);
		expect(feelingsPhrase(['low', 'tired', 'worried'])).toBe('low, tired or worried');
	});

	it('the partner reads it at once and answers it; the one who noticed listens, then reflects', () => {
		const log = noticedLog();
		expect(viewFor(log, B).noticed).toEqual(parts);
		expect(viewFor(log, A).noticed).toEqual(parts);
		const state = log.reduce(applyCard, initialCardState());
		expect(decideCard(state, A, { type: 'answer', text: 'mine' })).toEqual({
			ok: false,
			code: 'conflict',
			message: 'This card is for your partner to answer, whenever they like.'
		});
		// "Not ready yet" stays the partner's own, as on any card.
		expect(decideCard(state, B, { type: 'not-ready' }).ok).toBe(true);
		actOn(log, B, { type: 'answer', text: 'It was a hard call.' });
		// The one who noticed reads it as soon as it is given: they had nothing to trade for it.
		expect(viewFor(log, A).answers[B]!.text).toBe('It was a hard call.');
		actOn(log, A, {
			type: 'reflect',
			text: 'It sounds like it weighed on you.',
			feelings: [],
			needs: []
		});
		actOn(log, B, { type: 'confirm' });
		expect(viewFor(log, A).reflections[B]!.at(-1)!.verdict).toBe('confirmed');
	});

	it('a deletion by the one who noticed takes every word of it', () => {
		const [event] = noticedLog();
		const erasure = {
			userId: A,
			formerName: 'Former partner',
			cardIds: new Set([(event!.data as { card: { id: string } }).card.id]),
			planIds: new Set<string>()
		};
		const scrubbed = JSON.stringify(cardKind.scrub(event!, erasure));
		for (const words of ['quiet since your call', 'worried', 'tell me about it'])
			expect(scrubbed).not.toContain(words);
		expect(scrubbed).toContain('A card Former partner wrote');
		// The partner's deletion leaves the one who noticed their words.
		const theirs = { ...erasure, userId: B, cardIds: new Set<string>() };
		expect(cardKind.scrub(event!, theirs)).toMatchObject({
			card: { text: noticedText(parts) },
			noticed: parts
		});
	});
});
