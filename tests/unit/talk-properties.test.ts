import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_CARDS } from '$lib/deck/cards';
import { DEPTHS, type Depth } from '$lib/deck/types';
import {
	apply,
	currentTurn,
	initialState,
	replay,
	type TalkState
} from '$lib/conversation/talk/reducer';
import { decide } from '$lib/conversation/talk/rules';
import type {
	Participant,
	TalkCard,
	TalkEvent,
	TalkEventData,
	TalkIntent
} from '$lib/conversation/talk/types';
import { talkKind } from '$lib/conversation/talk/kind';
import { simulate as simulateKind } from '../helpers/kind-simulation';

const A = 'user-alex';
const B = 'user-sam';
const STRANGER = 'user-stranger';
const PARTICIPANTS: Participant[] = [
	{ id: A, name: 'Alex' },
	{ id: B, name: 'Sam' }
];
const IDS = [A, B];
const T0 = 1_700_000_000_000;
const RUNS = { numRuns: 300 };

// ───────────────────────────── generators ─────────────────────────────

const toTalkCard = (c: (typeof BUILT_IN_CARDS)[number]): TalkCard => ({
	id: c.id,
	text: c.text,
	category: c.category,
	depth: c.depth,
	...(c.followUp ? { followUp: c.followUp } : {}),
	custom: false
});

/** Built-in cards at every depth (light ones more often, or few would be drawable), and now and
 * then a custom one. */
const cardArb: fc.Arbitrary<TalkCard> = fc.oneof(
	{ weight: 3, arbitrary: fc.constantFrom(...BUILT_IN_CARDS).map(toTalkCard) },
	{
		weight: 3,
		arbitrary: fc.constantFrom(...BUILT_IN_CARDS.filter((c) => c.depth === 'light')).map(toTalkCard)
	},
	{
		weight: 1,
		arbitrary: fc.record({
			id: fc.uuid(),
			text: fc.string({ maxLength: 40 }),
			category: fc.constantFrom(...BUILT_IN_CARDS.map((c) => c.category)),
			depth: fc.constantFrom(...DEPTHS),
			custom: fc.constant(true)
		})
	}
);
const textArb = fc.string({ maxLength: 30 });
const wordsArb = fc.array(fc.string({ maxLength: 12 }), { maxLength: 4 });

const drawArb: fc.Arbitrary<TalkIntent> = fc
	.tuple(cardArb, fc.option(fc.boolean(), { nil: undefined }))
	.map(([card, exhausted]) =>
		exhausted === undefined ? { type: 'draw', card } : { type: 'draw', card, exhausted }
	);
const answerArb: fc.Arbitrary<TalkIntent> = fc
	.tuple(fc.option(textArb, { nil: null }), fc.boolean(), wordsArb, wordsArb)
	.map(([text, aloud, feelings, needs]) => ({ type: 'answer', text, aloud, feelings, needs }));
const reflectArb: fc.Arbitrary<TalkIntent> = fc
	.tuple(textArb, wordsArb, wordsArb)
	.map(([text, feelings, needs]) => ({ type: 'reflect', text, feelings, needs }));
const notQuiteArb: fc.Arbitrary<TalkIntent> = fc
	.option(textArb, { nil: null })
	.map((clarification) => ({ type: 'not-quite', clarification }));
const just = (intent: TalkIntent) => fc.constant(intent);

/** Every intent, with arbitrary fields. */
const intentArb: fc.Arbitrary<TalkIntent> = fc.oneof(
	{ weight: 2, arbitrary: textArb.map((line): TalkIntent => ({ type: 'opening', line })) },
	{ weight: 6, arbitrary: just({ type: 'deeper' }) },
	{ weight: 3, arbitrary: just({ type: 'withdraw-deeper' }) },
	{ weight: 3, arbitrary: just({ type: 'lighter' }) },
	{ weight: 10, arbitrary: drawArb },
	{ weight: 4, arbitrary: just({ type: 'go-first' }) },
	{ weight: 4, arbitrary: just({ type: 'pass-floor' }) },
	{ weight: 8, arbitrary: answerArb },
	{ weight: 8, arbitrary: reflectArb },
	{
		weight: 6,
		arbitrary: fc
			.option(wordsArb, { nil: undefined })
			.map((heard): TalkIntent => (heard ? { type: 'confirm', heard } : { type: 'confirm' }))
	},
	{ weight: 4, arbitrary: notQuiteArb },
	{ weight: 6, arbitrary: just({ type: 'swap' }) },
	{ weight: 3, arbitrary: just({ type: 'ask-more' }) },
	{
		weight: 3,
		arbitrary: fc
			.option(textArb, { nil: null })
			.map((text): TalkIntent => ({ type: 'add-more', text }))
	},
	{
		weight: 3,
		arbitrary: fc
			.constantFrom('listen' as const, 'thoughts' as const)
			.map((mode): TalkIntent => ({ type: 'steer', mode }))
	},
	{ weight: 3, arbitrary: textArb.map((text): TalkIntent => ({ type: 'share-thoughts', text })) },
	{ weight: 4, arbitrary: just({ type: 'not-ready', scope: 'card' }) },
	{ weight: 1, arbitrary: just({ type: 'not-ready', scope: 'talk' }) },
	{ weight: 3, arbitrary: just({ type: 'resume' }) },
	{ weight: 1, arbitrary: just({ type: 'end' }) }
);

/**
 * Who acts: A, B or a stranger, or a role ("whoever speaks now") resolved to A or B against the
 * state at that step. `decide` only ever sees A, B or the stranger; roles just let random talks
 * get past their first card more often than blind picks would.
 */
type Who = typeof A | typeof B | typeof STRANGER | 'speaker' | 'listener';
const whoArb: fc.Arbitrary<Who> = fc.constantFrom<Who>(A, B, STRANGER, 'speaker', 'listener');

function actorOf(state: TalkState, who: Who): string {
	if (who === 'speaker') return currentTurn(state)?.speakerId ?? A;
	if (who === 'listener') return currentTurn(state)?.listenerId ?? B;
	return who;
}

type Step = [who: Who, intent: TalkIntent];

/** A card as people usually play it: a draw, maybe "I'll go first" or "Would you go first?", an answer, maybe a "not quite" or two, a confirm. */
const turnScriptArb: fc.Arbitrary<Step[]> = fc
	.tuple(
		fc.tuple(whoArb, drawArb),
		fc.constantFrom(null, 'go-first' as const, 'pass-floor' as const),
		answerArb,
		fc.array(fc.tuple(reflectArb, notQuiteArb), { maxLength: 2 }),
		reflectArb,
		fc.boolean()
	)
	.map(([draw, floor, answer, misses, reflect, swapAfter]) => [
		draw,
		...(floor === 'go-first' ? [['listener', { type: 'go-first' }] as Step] : []),
		// passed, then maybe bounced straight back (which the rules refuse)
		...(floor === 'pass-floor'
			? ([
					['speaker', { type: 'pass-floor' }],
					['listener', { type: 'go-first' }]
				] as Step[])
			: []),
		['speaker', answer],
		...misses.flatMap(([r, n]): Step[] => [
			['listener', r],
			['speaker', n]
		]),
		['listener', reflect],
		['speaker', { type: 'confirm' }],
		['listener', { type: 'ask-more' }],
		['speaker', { type: 'add-more', text: swapAfter ? 'and one more thing' : null }],
		['listener', reflect],
		[
			'speaker',
			{ type: 'confirm', heard: reflect.type === 'reflect' ? reflect.feelings.slice(1) : [] }
		],
		['speaker', { type: 'steer', mode: swapAfter ? 'thoughts' : 'listen' }],
		['listener', { type: 'share-thoughts', text: 'what I think' }],
		...(swapAfter ? [['listener', { type: 'swap' }] as Step] : [])
	]);

const stepArb: fc.Arbitrary<Step> = fc.tuple(whoArb, intentArb);

/**
 * Both asking to go deeper (or, as random goes, one of them twice) — sometimes with a request
 * taken back in between, by its asker or by the other.
 */
const deeperScriptArb: fc.Arbitrary<Step[]> = fc
	.tuple(whoArb, whoArb, fc.option(whoArb, { nil: undefined }))
	.map(([one, other, withdrawer]) => [
		[one, { type: 'deeper' }],
		...(withdrawer ? [[withdrawer, { type: 'withdraw-deeper' }] as Step] : []),
		[other, { type: 'deeper' }]
	]);

/** A pause, whatever is tried meanwhile, a resume by anyone, and one by the one who paused. */
const pauseScriptArb: fc.Arbitrary<Step[]> = fc
	.tuple(whoArb, fc.array(stepArb, { maxLength: 3 }), whoArb)
	.map(([pauser, meanwhile, resumer]) => [
		[pauser, { type: 'not-ready', scope: 'talk' }],
		...meanwhile,
		[resumer, { type: 'resume' }],
		[pauser, { type: 'resume' }]
	]);

/** Random steps, mixed with scripted ones; at most 60 steps in all. */
const stepsArb: fc.Arbitrary<Step[]> = fc
	.array(
		fc.oneof(
			{ weight: 8, arbitrary: stepArb.map((step) => [step]) },
			{ weight: 2, arbitrary: turnScriptArb },
			{ weight: 1, arbitrary: deeperScriptArb },
			{ weight: 1, arbitrary: pauseScriptArb }
		),
		{ maxLength: 40, size: 'max' }
	)
	.map((chunks) => chunks.flat().slice(0, 60));

// ───────────────────────────── the server, in miniature ─────────────────────────────

/** Starts a talk between A and B and puts every intent through `decide`, as the server does. */
function simulate(steps: Step[]) {
	const first: TalkEvent = {
		type: 'talk.started',
		data: { participants: PARTICIPANTS, kind: 'live' },
		seq: 1,
		actorId: A,
		at: T0
	};
	return simulateKind(talkKind, first, IDS, steps, actorOf);
}

const depthIndex = (depth: Depth) => DEPTHS.indexOf(depth);

// ───────────────────────────── properties ─────────────────────────────

describe('a live talk, over random sequences of intents', () => {
	it('decide and apply never throw', () => {
		fc.assert(
			fc.property(stepsArb, (steps) => {
				simulate(steps);
			}),
			RUNS
		);
	});

	it('apply is total: raw events that decide never saw do not throw, nor does decide after', () => {
		const rawArb: fc.Arbitrary<TalkEventData> = fc.oneof(
			fc.subarray([...PARTICIPANTS, { id: STRANGER, name: 'Stranger' }]).map((participants) => ({
				type: 'talk.started' as const,
				data: { participants, kind: 'live' as const }
			})),
			textArb.map((line) => ({ type: 'talk.opening' as const, data: { line } })),
			fc.constant({ type: 'depth.deeper' as const, data: {} }),
			fc.constant({ type: 'depth.deeper-withdrawn' as const, data: {} }),
			fc
				.constantFrom(...DEPTHS)
				.map((depth) => ({ type: 'depth.lighter' as const, data: { depth } })),
			fc
				.tuple(cardArb, fc.constantFrom(A, B, STRANGER), fc.boolean())
				.map(([card, speakerId, exhausted]) => ({
					type: 'card.drawn' as const,
					data: { card, speakerId, exhausted }
				})),
			fc
				.constantFrom(
					'floor.taken' as const,
					'floor.passed' as const,
					'more.asked' as const,
					'reflection.confirmed' as const,
					'turn.swapped' as const,
					'card.set-aside' as const,
					'talk.paused' as const,
					'talk.resumed' as const
				)
				.map((type) => ({ type, data: {} }) as TalkEventData),
			fc
				.tuple(fc.option(textArb, { nil: null }), fc.boolean())
				.map(([text, aloud]) => ({ type: 'answer.given' as const, data: { text, aloud } })),
			fc.tuple(textArb, wordsArb, wordsArb).map(([text, feelings, needs]) => ({
				type: 'reflection.sent' as const,
				data: { text, feelings, needs }
			})),
			fc.option(textArb, { nil: null }).map((clarification) => ({
				type: 'reflection.not-quite' as const,
				data: { clarification }
			})),
			fc.option(textArb, { nil: null }).map((text) => ({
				type: 'more.added' as const,
				data: { text }
			})),
			fc.constantFrom('listen' as const, 'thoughts' as const).map((mode) => ({
				type: 'steer.chosen' as const,
				data: { mode }
			})),
			textArb.map((text) => ({ type: 'thoughts.shared' as const, data: { text } })),
			fc
				.constantFrom('ended' as const, 'idle' as const)
				.map((reason) => ({ type: 'talk.ended' as const, data: { reason } }))
		);
		const rawStepArb = fc.tuple(fc.constantFrom(A, B, STRANGER, null), rawArb, intentArb);
		fc.assert(
			fc.property(fc.array(rawStepArb, { maxLength: 60 }), (raw) => {
				let state = initialState();
				raw.forEach(([actorId, data, intent], i) => {
					state = apply(state, { ...data, seq: i + 1, actorId, at: T0 + i } as TalkEvent);
					expect(state.lastSeq).toBe(i + 1);
					decide(state, actorId ?? A, intent);
				});
			}),
			RUNS
		);
	});

	it('sequence numbers in the log are contiguous from 1', () => {
		fc.assert(
			fc.property(stepsArb, (steps) => {
				const { log, final } = simulate(steps);
				expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
				expect(final.lastSeq).toBe(log.length);
				expect(final.lastEventAt).toBe(log.at(-1)!.at);
			}),
			RUNS
		);
	});

	it('replaying the log (or any prefix of it) gives the state built incrementally', () => {
		fc.assert(
			fc.property(stepsArb, (steps) => {
				const { log, states, final } = simulate(steps);
				expect(replay(log)).toEqual(final);
				log.forEach((_, i) => expect(replay(log.slice(0, i + 1))).toEqual(states[i]));
				// and replaying the rest of the log from any snapshot lands on the same state
				const middle = Math.floor(log.length / 2);
				expect(replay(log.slice(middle + 1), states[middle])).toEqual(final);
			}),
			RUNS
		);
	});

	it('every turn has one speaker and one listener, the two partners; a swap swaps them', () => {
		fc.assert(
			fc.property(stepsArb, (steps) => {
				const { states } = simulate(steps);
				for (const state of states) {
					if (state.current !== null) {
						expect(state.current).toBeGreaterThanOrEqual(0);
						expect(state.current).toBeLessThan(state.rounds.length);
					}
					for (const round of state.rounds) {
						expect(round.turns.length).toBeGreaterThanOrEqual(1);
						expect(round.turns.length).toBeLessThanOrEqual(2);
						for (const turn of round.turns) {
							expect(IDS).toContain(turn.speakerId);
							expect(IDS).toContain(turn.listenerId);
							expect(turn.speakerId).not.toBe(turn.listenerId);
						}
						const [first, second] = round.turns;
						if (second) {
							expect(second.speakerId).toBe(first!.listenerId);
							expect(second.listenerId).toBe(first!.speakerId);
						}
					}
				}
			}),
			RUNS
		);
	});

	it('role-bound events come from the right partner, and past rounds never change', () => {
		fc.assert(
			fc.property(stepsArb, (steps) => {
				for (const { before, after, event } of simulate(steps).transitions) {
					if (!event) continue;
					const turn = currentTurn(before);
					switch (event.type) {
						case 'answer.given':
						case 'reflection.confirmed':
						case 'reflection.not-quite':
							expect(event.actorId).toBe(turn?.speakerId);
							break;
						case 'reflection.sent':
						case 'floor.taken':
							expect(event.actorId).toBe(turn?.listenerId);
							break;
						case 'floor.passed':
						case 'more.added':
						case 'steer.chosen':
							expect(event.actorId).toBe(turn?.speakerId);
							break;
						case 'more.asked':
						case 'thoughts.shared':
							expect(event.actorId).toBe(turn?.listenerId);
							break;
					}
					// The listener's own view comes only once the speaker asked for it; more only when asked.
					if (event.type === 'thoughts.shared') expect(turn?.steer).toBe('thoughts');
					if (event.type === 'more.added') expect(turn?.moreAsked).toBe(true);
					// Heard feelings are only ever some of the ones guessed.
					for (const r of currentTurn(after)?.reflections ?? [])
						for (const f of r.heard ?? []) expect(r.feelings).toContain(f);
					// The floor changes hands at most once a card, before anyone answered, to the other one.
					if (event.type === 'floor.taken' || event.type === 'floor.passed') {
						expect(turn?.floorMove).toBeNull();
						expect(turn?.answer).toBeNull();
						expect(before.rounds[before.current!]!.turns).toHaveLength(1);
						expect(currentTurn(after)?.speakerId).toBe(turn?.listenerId);
						expect(currentTurn(after)?.floorMove).toBe(
							event.type === 'floor.taken' ? 'taken' : 'passed'
						);
					}
					// Only the one who paused the talk picks it up again or ends it while paused.
					if (before.status === 'paused') {
						expect(event.actorId).toBe(before.pausedBy);
					}
					expect(after.rounds.length - before.rounds.length).toBeGreaterThanOrEqual(0);
					expect(after.rounds.length - before.rounds.length).toBeLessThanOrEqual(1);
					before.rounds.forEach((round, i) => {
						if (i !== before.current) expect(after.rounds[i]).toEqual(round);
					});
				}
			}),
			RUNS
		);
	});

	it('depth moves one level at a time, deeper only on the second distinct vote', () => {
		fc.assert(
			fc.property(stepsArb, (steps) => {
				for (const { before, after, event, actorId } of simulate(steps).transitions) {
					const change = depthIndex(after.depth) - depthIndex(before.depth);
					expect(Math.abs(change)).toBeLessThanOrEqual(1);
					if (change > 0) {
						expect(event?.type).toBe('depth.deeper');
						expect(before.deeperVotes).toHaveLength(1);
						expect(before.deeperVotes).not.toContain(actorId);
					}
					if (change !== 0) expect(['depth.deeper', 'depth.lighter']).toContain(event?.type);
					if (event?.type === 'depth.deeper' && before.deeperVotes.length === 0) {
						expect(after.depth).toBe(before.depth);
					}
					// votes are the partners', each at most once, and two of them move the depth
					expect(after.deeperVotes.length).toBeLessThanOrEqual(1);
					for (const vote of after.deeperVotes) expect(IDS).toContain(vote);
					// no card is drawn deeper than where both are
					if (event?.type === 'card.drawn') {
						expect(depthIndex(event.data.card.depth)).toBeLessThanOrEqual(depthIndex(before.depth));
					}
				}
			}),
			RUNS
		);
	});

	it('a request to go deeper is taken back only by its asker, only while it waits, and moves nothing', () => {
		fc.assert(
			fc.property(stepsArb, (steps) => {
				for (const { before, after, event, actorId, intent } of simulate(steps).transitions) {
					if (intent.type !== 'withdraw-deeper') continue;
					const going = before.status === 'active' || before.status === 'new';
					if (event) {
						expect(event.type).toBe('depth.deeper-withdrawn');
						expect(before.deeperVotes).toContain(actorId);
						expect(after.deeperVotes).not.toContain(actorId);
						expect(after.depth).toBe(before.depth);
						expect(after.rounds).toEqual(before.rounds);
					} else if (going) {
						// refused while the talk is going: there was no request of theirs waiting
						expect(before.deeperVotes).not.toContain(actorId);
					}
				}
			}),
			RUNS
		);
	});

	it('once ended, no further event is accepted', () => {
		fc.assert(
			fc.property(stepsArb, (steps) => {
				const { transitions, log, final } = simulate(steps);
				let ended = false;
				for (const { before, after, decision } of transitions) {
					if (ended) {
						expect(before.status).toBe('ended');
						expect(decision.ok).toBe(false);
						expect(after).toBe(before);
					}
					ended ||= after.status === 'ended';
				}
				const endedAt = log.findIndex((e) => e.type === 'talk.ended');
				if (endedAt !== -1) {
					expect(endedAt).toBe(log.length - 1);
					expect(final.status).toBe('ended');
				}
			}),
			RUNS
		);
	});

	it('neither the reducer nor the rules mutate a state or event once made', () => {
		fc.assert(
			fc.property(stepsArb, (steps) => {
				const { states, log, snapshots } = simulate(steps);
				// every state and event made along the way is still as it was when it was made
				expect(states).toEqual(snapshots.states);
				expect(log).toEqual(snapshots.log);
			}),
			RUNS
		);
	});
});
