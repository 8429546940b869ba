import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_CARDS } from '$lib/deck/cards';
import { sideKind } from '$lib/conversation/side/kind';
import {
	applySide,
	initialSideState,
	mayDraw,
	type SideState
} from '$lib/conversation/side/reducer';
import { decideSide } from '$lib/conversation/side/rules';
import {
	SIDE_FEELINGS,
	type Pace,
	type SideEvent,
	type SideIntent
} from '$lib/conversation/side/types';
import type { Participant, TalkCard } from '$lib/conversation/talk/types';

const A = 'user-alex';
const B = 'user-sam';
const STRANGER = 'user-stranger';
const PARTICIPANTS: Participant[] = [
	{ id: A, name: 'Alex' },
	{ id: B, name: 'Sam' }
];
const T0 = 1_700_000_000_000;
const RUNS = { numRuns: 300 };

const asTalkCard = (c: (typeof BUILT_IN_CARDS)[number]): TalkCard => ({
	id: c.id,
	text: c.text,
	category: c.category,
	depth: c.depth,
	custom: false
});
const cardArb: fc.Arbitrary<TalkCard> = fc.constantFrom(...BUILT_IN_CARDS).map(asTalkCard);
const CARD = asTalkCard(BUILT_IN_CARDS[0]!);
const personArb = fc.constantFrom(A, B, STRANGER);
const intentArb: fc.Arbitrary<SideIntent> = fc.oneof(
	{
		weight: 6,
		arbitrary: fc
			.tuple(cardArb, fc.option(personArb, { nil: undefined }))
			.map(([card, speakerId]): SideIntent =>
				speakerId ? { type: 'draw', card, speakerId } : { type: 'draw', card }
			)
	},
	{ weight: 2, arbitrary: fc.constant<SideIntent>({ type: 'pass' }) },
	{ weight: 5, arbitrary: fc.constant<SideIntent>({ type: 'shared' }) },
	{
		weight: 5,
		arbitrary: fc
			.subarray([...SIDE_FEELINGS])
			.map((feelings): SideIntent => ({ type: 'reflected', feelings }))
	},
	{ weight: 4, arbitrary: fc.constant<SideIntent>({ type: 'confirm' }) },
	{ weight: 2, arbitrary: fc.constant<SideIntent>({ type: 'not-quite' }) },
	{ weight: 4, arbitrary: personArb.map((personId): SideIntent => ({ type: 'ready', personId })) },
	{ weight: 1, arbitrary: fc.constant<SideIntent>({ type: 'end' }) }
);
type Step = [string, SideIntent];
/** A card as couples usually take it (so random talks get past their first card often). */
const roundArb: fc.Arbitrary<Step[]> = fc
	.tuple(
		cardArb,
		fc.constantFrom(A, B),
		fc.boolean(),
		fc.subarray([...SIDE_FEELINGS], { maxLength: 3 })
	)
	.map(([card, by, notQuite, feelings]): Step[] => [
		[by, { type: 'ready', personId: A }],
		[by, { type: 'ready', personId: B }],
		[by, { type: 'draw', card }],
		[by, { type: 'shared' }],
		[by, { type: 'reflected', feelings }],
		...(notQuite
			? ([
					[by, { type: 'not-quite' }],
					[by, { type: 'reflected', feelings: [] }]
				] as Step[])
			: []),
		[by, { type: 'confirm' }]
	]);
const stepsArb: fc.Arbitrary<Step[]> = fc
	.array(
		fc.oneof(
			{ weight: 2, arbitrary: roundArb },
			{ weight: 3, arbitrary: fc.tuple(personArb, intentArb).map((step) => [step]) }
		),
		{ maxLength: 20 }
	)
	.map((chunks) => chunks.flat());
const paceArb = fc.constantFrom<Pace>('free', 'walk');

type Played = { state: SideState; log: SideEvent[]; refused: number };

/** Plays intents through decide → apply, as the server does; refusals change nothing. */
function play(pace: Pace, steps: Step[]): Played {
	const started: SideEvent = {
		seq: 1,
		actorId: A,
		at: T0,
		type: 'side.started',
		data: { participants: PARTICIPANTS, activity: 'walking', pace }
	};
	let state = applySide(initialSideState(), started);
	const log: SideEvent[] = [started];
	let refused = 0;
	for (const [actor, intent] of steps) {
		const decision = decideSide(state, actor, intent);
		if (!decision.ok) {
			refused++;
			continue;
		}
		const event = {
			...decision.event,
			seq: log.length + 1,
			actorId: actor,
			at: T0 + log.length
		} as SideEvent;
		log.push(event);
		state = applySide(state, event);
	}
	return { state, log, refused };
}

const replay = (log: readonly SideEvent[]) => log.reduce(applySide, initialSideState());

describe('a talk side by side, over random sequences of intents', () => {
	it('a stranger is never let in, whatever they ask', () => {
		fc.assert(
			fc.property(paceArb, stepsArb, intentArb, (pace, steps, intent) => {
				const { state } = play(pace, steps);
				const decision = decideSide(state, STRANGER, intent);
				expect(decision.ok).toBe(false);
				if (!decision.ok) expect(decision.code).toBe('not_found');
			}),
			RUNS
		);
	});

	it('replaying the log gives the state built step by step', () => {
		fc.assert(
			fc.property(paceArb, stepsArb, (pace, steps) => {
				const { state, log } = play(pace, steps);
				expect(replay(log)).toEqual(state);
			}),
			RUNS
		);
	});

	it('each card runs share → say back → confirm in order, and a speaker is always a partner', () => {
		fc.assert(
			fc.property(paceArb, stepsArb, (pace, steps) => {
				const { log } = play(pace, steps);
				let phase: 'none' | 'sharing' | 'reflecting' | 'confirming' | 'heard' = 'none';
				for (const event of log) {
					switch (event.type) {
						case 'card.drawn':
							expect(['none', 'heard']).toContain(phase);
							expect([A, B]).toContain(event.data.speakerId);
							phase = 'sharing';
							break;
						case 'card.passed':
							expect(phase).toBe('sharing');
							phase = 'none';
							break;
						case 'answer.shared':
							expect(phase).toBe('sharing');
							phase = 'reflecting';
							break;
						case 'reflection.spoken':
							expect(phase).toBe('reflecting');
							phase = 'confirming';
							break;
						case 'reflection.confirmed':
							expect(phase).toBe('confirming');
							phase = 'heard';
							break;
						case 'reflection.not-quite':
							expect(phase).toBe('confirming');
							phase = 'reflecting';
							break;
					}
				}
			}),
			RUNS
		);
	});

	it("at a walk's pace a heard card is followed by a new one only after both said they are ready", () => {
		fc.assert(
			fc.property(stepsArb, (steps) => {
				const { log } = play('walk', steps);
				let ready = new Set<string>();
				let justPassed = false;
				for (const event of log) {
					if (event.type === 'ready') ready.add(event.data.personId);
					if (event.type === 'card.passed') justPassed = true;
					if (event.type === 'card.drawn') {
						if (!justPassed) expect([...ready].sort()).toEqual([A, B].sort());
						ready = new Set();
						justPassed = false;
					}
				}
			}),
			RUNS
		);
	});

	it('speakers take turns: the listener answers next, after a pass the same speaker again, unless chosen', () => {
		fc.assert(
			fc.property(paceArb, stepsArb, personArb, (pace, steps, actor) => {
				const { state, log } = play(pace, steps);
				if (!mayDraw(state) || actor === STRANGER) return;
				// Read from the log, not from the state the rule uses: who answered the last card drawn,
				// and whether it was heard (their partner's turn) or passed (theirs again).
				let expected: string = actor;
				let speaker: string | null = null;
				for (const event of log) {
					if (event.type === 'card.drawn') speaker = event.data.speakerId;
					if (event.type === 'reflection.confirmed') expected = speaker === A ? B : A;
					if (event.type === 'card.passed' && speaker) expected = speaker;
				}
				const next = decideSide(state, actor, { type: 'draw', card: CARD });
				expect(next.ok).toBe(true);
				if (next.ok && next.event.type === 'card.drawn')
					expect(next.event.data.speakerId).toBe(expected);
			}),
			RUNS
		);
	});

	it('once ended, nothing more is accepted', () => {
		fc.assert(
			fc.property(paceArb, stepsArb, intentArb, (pace, steps, intent) => {
				const { state } = play(pace, [...steps, [B, { type: 'end' }]]);
				expect(state.status).toBe('ended');
				expect(decideSide(state, A, intent).ok).toBe(false);
			}),
			RUNS
		);
	});

	it('the transcript never shows a passed card, and holds no words of theirs', () => {
		fc.assert(
			fc.property(paceArb, stepsArb, (pace, steps) => {
				const { log } = play(pace, steps);
				const names = (id: string | null) => (id === A ? 'Alex' : id === B ? 'Sam' : 'Hearth');
				const lines = sideKind.transcript(log, names);
				const passed = new Set<number>();
				let lastDraw = 0;
				for (const event of log) {
					if (event.type === 'card.drawn') lastDraw = event.seq;
					if (event.type === 'card.passed') passed.add(lastDraw);
				}
				for (const line of lines) {
					expect(passed.has(line.seq) && line.kind === 'card').toBe(false);
					expect(line.quote ?? null).toBeNull();
				}
				expect(log.flatMap((e) => sideKind.wordsOf(e)).every((w) => w.part === 'other')).toBe(true);
			}),
			RUNS
		);
	});
});
