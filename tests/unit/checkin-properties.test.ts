import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkinKind } from '$lib/conversation/checkin/kind';
import {
	applyCheckin,
	currentStep,
	hadTurn,
	initialCheckinState,
	mindTurn,
	replayCheckin,
	type CheckinState
} from '$lib/conversation/checkin/reducer';
import { decideCheckin } from '$lib/conversation/checkin/rules';
import {
	CHECKIN_STEPS,
	ENTRY_STEPS,
	type CheckinEvent,
	type CheckinEventData,
	type CheckinIntent,
	type EntryStep
} from '$lib/conversation/checkin/types';
import type { Participant } from '$lib/conversation/talk/types';
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

/** Words that can only come from one place, so a view can be searched for them. */
let counter = 0;
const unique = fc.constant(null).map(() => `zq${(counter++).toString(36)}x`);
const textArb = fc.oneof(unique, fc.string({ maxLength: 20 }));
const wordsArb = fc.array(fc.string({ maxLength: 12 }), { maxLength: 4 });
const entryStepArb = fc.constantFrom<EntryStep>(...ENTRY_STEPS);

const intentArb: fc.Arbitrary<CheckinIntent> = fc.oneof(
	{
		weight: 10,
		arbitrary: fc
			.tuple(entryStepArb, unique)
			.map(([step, text]): CheckinIntent => ({ type: 'give', step, text }))
	},
	{ weight: 6, arbitrary: entryStepArb.map((step): CheckinIntent => ({ type: 'pass', step })) },
	{ weight: 3, arbitrary: fc.constant<CheckinIntent>({ type: 'move-on' }) },
	{ weight: 2, arbitrary: fc.constant<CheckinIntent>({ type: 'go-first' }) },
	{ weight: 2, arbitrary: fc.constant<CheckinIntent>({ type: 'pass-floor' }) },
	{
		weight: 5,
		arbitrary: fc
			.tuple(fc.option(textArb, { nil: null }), fc.boolean(), wordsArb)
			.map(([text, aloud, feelings]): CheckinIntent => ({ type: 'answer', text, aloud, feelings }))
	},
	{
		weight: 5,
		arbitrary: fc
			.tuple(textArb, wordsArb, wordsArb)
			.map(([text, feelings, needs]): CheckinIntent => ({ type: 'reflect', text, feelings, needs }))
	},
	{
		weight: 4,
		arbitrary: fc
			.option(wordsArb, { nil: undefined })
			.map((heard): CheckinIntent => (heard ? { type: 'confirm', heard } : { type: 'confirm' }))
	},
	{
		weight: 2,
		arbitrary: fc
			.option(textArb, { nil: null })
			.map((clarification): CheckinIntent => ({ type: 'not-quite', clarification }))
	},
	{ weight: 2, arbitrary: fc.constant<CheckinIntent>({ type: 'ask-more' }) },
	{
		weight: 2,
		arbitrary: fc
			.option(textArb, { nil: null })
			.map((text): CheckinIntent => ({ type: 'add-more', text }))
	},
	{
		weight: 2,
		arbitrary: fc
			.constantFrom('listen' as const, 'thoughts' as const)
			.map((mode): CheckinIntent => ({ type: 'steer', mode }))
	},
	{
		weight: 2,
		arbitrary: textArb.map((text): CheckinIntent => ({ type: 'share-thoughts', text }))
	},
	{ weight: 2, arbitrary: fc.constant<CheckinIntent>({ type: 'swap' }) },
	{ weight: 1, arbitrary: fc.constant<CheckinIntent>({ type: 'end' }) }
);

/**
 * Who acts: A, B or a stranger, or a role resolved against the state at that step ("whoever
 * speaks now", and for entries "whoever has not had their turn"), so random check-ins get far.
 */
type Who = typeof A | typeof B | typeof STRANGER | 'speaker' | 'listener' | 'waiting';
const whoArb = fc.constantFrom<Who>(A, B, STRANGER, 'speaker', 'listener', 'waiting', 'waiting');

function actorOf(state: CheckinState, who: Who): string {
	if (who === 'speaker') return mindTurn(state)?.speakerId ?? A;
	if (who === 'listener') return mindTurn(state)?.listenerId ?? B;
	if (who === 'waiting') {
		const step = currentStep(state);
		const entry = ENTRY_STEPS.find((s) => s === step);
		return IDS.find((id) => !entry || !hadTurn(state, entry, id)) ?? A;
	}
	return who;
}

type Step = [who: Who, intent: CheckinIntent];

/** An entry step as people usually take it: each writes or says "Not this week", in either order. */
const entryScriptArb: fc.Arbitrary<Step[]> = fc
	.tuple(entryStepArb, fc.boolean(), fc.boolean(), unique, unique)
	.map(([step, firstPasses, secondPasses, one, two]) => [
		['waiting', firstPasses ? { type: 'pass', step } : { type: 'give', step, text: one }],
		['waiting', secondPasses ? { type: 'pass', step } : { type: 'give', step, text: two }]
	]);

/** "One thing on my mind" heard: an answer, a reflection, a confirm, a steer, maybe a swap. */
const mindScriptArb: fc.Arbitrary<Step[]> = fc
	.tuple(unique, unique, fc.boolean())
	.map(([said, heard, swap]) => [
		['speaker', { type: 'answer', text: said, aloud: false }],
		['listener', { type: 'reflect', text: heard, feelings: ['calm'], needs: [] }],
		['speaker', { type: 'confirm', heard: ['calm'] }],
		['speaker', { type: 'steer', mode: swap ? 'thoughts' : 'listen' }],
		...(swap ? [['listener', { type: 'swap' }] as Step] : []),
		['listener', { type: 'move-on' }]
	]);

const stepsArb: fc.Arbitrary<Step[]> = fc
	.array(
		fc.oneof(
			{ weight: 6, arbitrary: fc.tuple(whoArb, intentArb).map((step) => [step]) },
			{ weight: 4, arbitrary: entryScriptArb },
			{ weight: 2, arbitrary: mindScriptArb }
		),
		{ maxLength: 30, size: 'max' }
	)
	.map((chunks) => chunks.flat().slice(0, 60));

// ───────────────────────────── the server, in miniature ─────────────────────────────

type Simulation = ReturnType<typeof simulate>;

/** A check-in between A and B, opened by `starter`, every intent put through as the server does. */
function simulate(steps: Step[], starter = A) {
	const first: CheckinEvent = {
		type: 'checkin.started',
		data: { participants: PARTICIPANTS, kind: 'checkin' },
		seq: 1,
		actorId: starter,
		at: T0
	};
	return simulateKind(checkinKind, first, IDS, steps, actorOf);
}

/** What this viewer may see of the log, judged against the final state. */
const viewOf = (sim: Simulation, viewer: string) =>
	sim.log.flatMap((e) => {
		const seen = checkinKind.visibleTo(e, sim.final, viewer);
		return seen ? [seen] : [];
	});

// ───────────────────────────── properties ─────────────────────────────

describe('a check-in, over random sequences of intents', () => {
	it('decide and apply never throw; sequence numbers are contiguous from 1', () => {
		fc.assert(
			fc.property(stepsArb, (steps) => {
				const { log, final } = simulate(steps);
				expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
				expect(final.lastSeq).toBe(log.length);
			}),
			RUNS
		);
	});

	it('apply is total: raw events that decide never saw do not throw, nor does decide after', () => {
		const rawArb: fc.Arbitrary<CheckinEventData> = fc.oneof(
			fc.subarray([...PARTICIPANTS, { id: STRANGER, name: 'Stranger' }]).map((participants) => ({
				type: 'checkin.started' as const,
				data: { participants, kind: 'checkin' as const }
			})),
			fc
				.tuple(entryStepArb, fc.option(textArb, { nil: null }), fc.boolean())
				.map(([step, text, completes]) => ({
					type: 'entry.given' as const,
					data: completes ? { step, text, completes: true as const } : { step, text }
				})),
			fc.tuple(entryStepArb, fc.boolean()).map(([step, completes]) => ({
				type: 'entry.passed' as const,
				data: completes ? { step, completes: true as const } : { step }
			})),
			fc.constant({ type: 'step.moved-on' as const, data: { step: 'mind' as const } }),
			fc
				.constantFrom(
					'floor.taken' as const,
					'floor.passed' as const,
					'more.asked' as const,
					'reflection.confirmed' as const,
					'turn.swapped' as const
				)
				.map((type) => ({ type, data: {} }) as CheckinEventData),
			fc
				.tuple(fc.option(textArb, { nil: null }), fc.boolean())
				.map(([text, aloud]) => ({ type: 'answer.given' as const, data: { text, aloud } })),
			fc.tuple(textArb, wordsArb).map(([text, feelings]) => ({
				type: 'reflection.sent' as const,
				data: { text, feelings, needs: [] }
			})),
			fc
				.constantFrom('ended' as const, 'idle' as const)
				.map((reason) => ({ type: 'checkin.ended' as const, data: { reason } }))
		);
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.constantFrom(A, B, STRANGER, null), rawArb, intentArb), {
					maxLength: 60
				}),
				(raw) => {
					let state = initialCheckinState();
					raw.forEach(([actorId, data, intent], i) => {
						state = applyCheckin(state, {
							...data,
							seq: i + 1,
							actorId,
							at: T0 + i
						} as CheckinEvent);
						expect(state.lastSeq).toBe(i + 1);
						decideCheckin(state, actorId ?? A, intent);
					});
				}
			),
			RUNS
		);
	});

	it('replaying the log (or any prefix of it) gives the state built incrementally; nothing is mutated', () => {
		fc.assert(
			fc.property(stepsArb, (steps) => {
				const sim = simulate(steps);
				expect(replayCheckin(sim.log)).toEqual(sim.final);
				sim.log.forEach((_, i) =>
					expect(replayCheckin(sim.log.slice(0, i + 1))).toEqual(sim.states[i])
				);
				expect(sim.states).toEqual(sim.snapshots.states);
				expect(sim.log).toEqual(sim.snapshots.log);
			}),
			RUNS
		);
	});

	it('steps go forward one at a time; a step is done exactly when both have had their turn', () => {
		fc.assert(
			fc.property(stepsArb, (steps) => {
				for (const { before, after, event, actorId } of simulate(steps).transitions) {
					expect(after.step - before.step).toBeGreaterThanOrEqual(0);
					expect(after.step - before.step).toBeLessThanOrEqual(1);
					if (!event) continue;
					const step = currentStep(before);
					if (event.type === 'entry.given' || event.type === 'entry.passed') {
						// Only on the step in progress, once a person, and it completes iff the other had theirs.
						expect(event.data.step).toBe(step);
						expect(hadTurn(before, event.data.step, actorId)).toBe(false);
						const other = IDS.find((id) => id !== actorId)!;
						const completes = hadTurn(before, event.data.step, other);
						expect(!!event.data.completes).toBe(completes);
						expect(after.step - before.step).toBe(completes ? 1 : 0);
					} else if (event.type === 'step.moved-on') {
						expect(step).toBe('mind');
						expect(after.step).toBe(before.step + 1);
					} else {
						expect(after.step).toBe(before.step);
					}
					// The round is only ever played on its own step, by the two partners.
					if (['answer.given', 'reflection.sent', 'floor.taken'].includes(event.type))
						expect(step).toBe('mind');
					for (const turn of after.mind ?? []) {
						expect(IDS).toContain(turn.speakerId);
						expect(IDS).toContain(turn.listenerId);
						expect(turn.speakerId).not.toBe(turn.listenerId);
					}
					// At most one entry a person a step.
					for (const s of ENTRY_STEPS)
						for (const id of IDS)
							expect(
								after.entries.filter((e) => e.step === s && e.by === id).length
							).toBeLessThanOrEqual(1);
				}
			}),
			RUNS
		);
	});

	it('once ended (all four steps done, or ended by either), no further event is accepted', () => {
		fc.assert(
			fc.property(stepsArb, (steps) => {
				const { transitions, final } = simulate(steps);
				let ended = false;
				for (const { before, after, decision } of transitions) {
					if (ended) {
						expect(decision.ok).toBe(false);
						expect(after).toBe(before);
					}
					ended ||= after.status === 'ended';
				}
				if (final.step === CHECKIN_STEPS.length) {
					expect(final.status).toBe('ended');
					expect(final.endReason).toBe('complete');
				}
			}),
			RUNS
		);
	});

	it('each browser, fed only what it may see as it happens, is always at the same step as the server', () => {
		fc.assert(
			fc.property(stepsArb, (steps) => {
				const sim = simulate(steps);
				for (const id of IDS) {
					sim.browsers[id]!.at.forEach((seen, i) => {
						const truth = sim.states[i]!;
						expect(seen.step).toBe(truth.step);
						expect(seen.status).toBe(truth.status);
						expect(seen.endReason).toBe(truth.endReason);
						expect(seen.mind).toEqual(truth.mind);
						// Their own turns are known to them exactly as the server knows them.
						for (const s of ENTRY_STEPS) expect(hadTurn(seen, s, id)).toBe(hadTurn(truth, s, id));
					});
				}
			}),
			RUNS
		);
	});

	it('the partner never reads words before the step is done, and never learns of a "Not this week"', () => {
		fc.assert(
			fc.property(stepsArb, (steps) => {
				const sim = simulate(steps);
				for (const viewer of IDS) {
					const other = IDS.find((id) => id !== viewer)!;
					const view = viewOf(sim, viewer);
					const seenText = JSON.stringify(view);
					for (const e of sim.log) {
						if (e.type === 'entry.given' && e.actorId === other && e.data.text) {
							const done = CHECKIN_STEPS.indexOf(e.data.step) < sim.final.step;
							expect(seenText.includes(e.data.text), `${e.data.text}`).toBe(done);
						}
					}
					for (const e of view) {
						if (e.type === 'entry.passed' || e.type === 'step.moved-on')
							expect([viewer, null]).toContain(e.actorId);
					}
					// No line anywhere for a pass or for moving on: nothing to count.
					const quiet = new Set(
						sim.log
							.filter((e) => e.type === 'entry.passed' || e.type === 'step.moved-on')
							.map((e) => e.seq)
					);
					const lines = checkinKind.transcript(view, (id) => (id === viewer ? 'You' : 'Partner'));
					for (const line of lines) expect(quiet.has(line.seq)).toBe(false);
					// The partner's state holds nothing of the other's "Not this week".
					const state = replayCheckin(view);
					expect(state.passed.every((p) => p.by === viewer)).toBe(true);
				}
			}),
			RUNS
		);
	});
});

describe('the generators reach every part of a check-in', () => {
	it('random check-ins get through every step, and some end complete', () => {
		const finals = fc.sample(stepsArb, { numRuns: 300, seed: 42 }).map((s) => simulate(s).final);
		const reached = new Set(finals.map((f) => f.step));
		for (let i = 0; i <= CHECKIN_STEPS.length; i++) expect(reached.has(i), `step ${i}`).toBe(true);
		expect(finals.some((f) => f.endReason === 'complete')).toBe(true);
		expect(finals.some((f) => f.mind?.some((t) => t.reflections.length > 0))).toBe(true);
	});
});
