import { describe, expect, it } from 'vitest';
import { applyCard, initialCardState, isRevealed, type CardState } from '$lib/cards/reducer';
import { decideCard } from '$lib/cards/rules';
import type { CardIntent } from '$lib/cards/types';
import { viewFor } from '$lib/server/cards/cards';

const A = 'alex';
const B = 'sam';
const card = {
	id: 'day-test',
	text: 'What felt good today?',
	category: 'day-to-day',
	depth: 'light',
	custom: false
} as const;

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
		let s = sent(true, 'mine first');
		expect(isRevealed(s)).toBe(false);
		expect(viewFor(s, B).answers[A]!.text).toBeNull();
		expect(viewFor(s, A).answers[A]!.text).toBe('mine first');
		s = act(s, B, { type: 'answer', text: 'then mine' });
		expect(isRevealed(s)).toBe(true);
		expect(viewFor(s, B).answers[A]!.text).toBe('mine first');
		expect(viewFor(s, A).answers[B]!.text).toBe('then mine');
	});

	it('without reveal-together, the recipient answer shows at once', () => {
		const s = act(sent(false), B, { type: 'answer', text: 'straight away' });
		expect(viewFor(s, A).answers[B]!.text).toBe('straight away');
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
