/**
 * The open door as a kind: its reducer, its rules and its visibility, by example and as properties
 * over random sequences of intents by both partners and a stranger, at random moments over weeks.
 * The model of "open" (opened, not closed, less than a week since it was last opened) is restated
 * here, not read from the code under test.
 */
import { CONVERSATION_KIND_NAMES, KIND_NAMES } from '$lib/conversation/kind';
import { isSignal } from '$lib/conversation/kinds';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { doorKind } from '$lib/conversation/door/kind';
import {
	applyDoor,
	initialDoorState,
	isOpen,
	type DoorState
} from '$lib/conversation/door/reducer';
import { decideDoor, fadeRefusal } from '$lib/conversation/door/rules';
import {
	DOOR_DEPTHS,
	type ClientDoorIntent,
	DOOR_OPEN_MS,
	type DoorDepth,
	type DoorEvent,
	type DoorEventData,
	type DoorIntent
} from '$lib/conversation/door/types';

const A = 'user-alex';
const B = 'user-sam';
const STRANGER = 'user-stranger';
const T0 = 1_900_000_000_000;
const DAY = 24 * 60 * 60 * 1000;
const participants = [
	{ id: A, name: 'Alex' },
	{ id: B, name: 'Sam' }
];

/** A log the way the server writes it: seq in order, the actor and the moment. */
function logOf(steps: [actorId: string | null, at: number, data: DoorEventData][]): DoorEvent[] {
	return steps.map(([actorId, at, data], i) => ({ ...data, seq: i + 1, actorId, at }) as DoorEvent);
}
const opened = (depth: DoorDepth | null = null, at = T0): DoorEvent[] =>
	logOf([[A, at, { type: 'door.opened', data: { participants, depth } }]]);
const replay = (log: DoorEvent[]) => log.reduce(applyDoor, initialDoorState());
const intent = (i: ClientDoorIntent, now: number) => ({ ...i, now }) as DoorIntent;

describe('an open door, by example', () => {
	it('is open for a week from when it was opened, then closes by itself', () => {
		const state = replay(opened('light'));
		expect(state).toMatchObject({ openerId: A, depth: 'light', openedAt: T0, closed: false });
		expect(isOpen(state, T0)).toBe(true);
		expect(isOpen(state, T0 + DOOR_OPEN_MS - 1)).toBe(true);
		expect(isOpen(state, T0 + DOOR_OPEN_MS)).toBe(false);
		expect(DOOR_OPEN_MS).toBe(7 * DAY);
	});

	it('only its opener opens it again: the depth changes and the week starts again', () => {
		const state = replay(opened('light'));
		expect(decideDoor(state, B, intent({ type: 'open', depth: null }, T0 + DAY))).toEqual({
			ok: false,
			code: 'conflict',
			message: 'Only the one who left the door open changes it.'
		});
		const decision = decideDoor(
			state,
			A,
			intent({ type: 'open', depth: 'on-my-mind' }, T0 + 6 * DAY)
		);
		expect(decision).toEqual({
			ok: true,
			event: { type: 'door.updated', data: { depth: 'on-my-mind' } }
		});
		const later = applyDoor(state, {
			...(decision.ok ? decision.event : ({} as never)),
			seq: 2,
			actorId: A,
			at: T0 + 6 * DAY
		} as DoorEvent);
		expect(later.depth).toBe('on-my-mind');
		expect(isOpen(later, T0 + 12 * DAY)).toBe(true);
		expect(isOpen(later, T0 + 13 * DAY)).toBe(false);
	});

	it('either partner closes it, for both; then nothing more happens to it', () => {
		for (const closer of [A, B]) {
			const state = replay(opened());
			const decision = decideDoor(state, closer, intent({ type: 'close' }, T0 + DAY));
			expect(decision).toEqual({ ok: true, event: { type: 'door.closed', data: {} } });
			const closed = replay([
				...opened(),
				...logOf([[closer, T0 + DAY, { type: 'door.closed', data: {} }]]).map((e) => ({
					...e,
					seq: 2
				}))
			]);
			expect(closed).toMatchObject({ closed: true, status: 'ended' });
			expect(isOpen(closed, T0 + DAY)).toBe(false);
			for (const who of [A, B])
				for (const i of [{ type: 'close' }, { type: 'open', depth: 'light' }] as const)
					expect(decideDoor(closed, who, intent(i, T0 + DAY)).ok).toBe(false);
		}
	});

	it('a door that faded refuses to be changed or closed, and only then is marked faded', () => {
		const state = replay(opened());
		const later = T0 + DOOR_OPEN_MS;
		expect(decideDoor(state, A, intent({ type: 'open', depth: null }, later))).toMatchObject({
			ok: false,
			message: 'This door has closed. You can open a new one.'
		});
		expect(decideDoor(state, B, intent({ type: 'close' }, later))).toMatchObject({ ok: false });
		expect(fadeRefusal(state, later - 1)).toBe('This door is still open.');
		expect(fadeRefusal(state, later)).toBeNull();
		const faded = applyDoor(state, {
			type: 'door.faded',
			data: {},
			seq: 2,
			actorId: null,
			at: later
		});
		expect(faded).toMatchObject({ closed: true, status: 'ended' });
		expect(fadeRefusal(faded, later)).toBe('This door has closed already.');
	});

	it('a stranger, or a door never opened, is not found', () => {
		const state = replay(opened());
		for (const i of [{ type: 'close' }, { type: 'open', depth: null }] as const) {
			expect(decideDoor(state, STRANGER, intent(i, T0)).ok).toBe(false);
			expect(decideDoor(state, STRANGER, intent(i, T0))).toMatchObject({ code: 'not_found' });
			expect(decideDoor(initialDoorState(), A, intent(i, T0))).toMatchObject({
				code: 'not_found'
			});
		}
	});

	it('both partners see every event as it is; nobody else sees any', () => {
		const log = opened('on-my-mind');
		const state = replay(log);
		expect(doorKind.visibleTo(log[0]!, state, A)).toEqual(log[0]);
		expect(doorKind.visibleTo(log[0]!, state, B)).toEqual(log[0]);
		expect(doorKind.visibleTo(log[0]!, state, STRANGER)).toBeNull();
	});

	it('holds no words, has no transcript, and an erasure renames its opener', () => {
		const log = opened('light');
		expect(doorKind.wordsOf(log[0]!)).toEqual([]);
		expect(doorKind.transcript(log, () => 'x')).toEqual([]);
		expect(doorKind.signal).toBe(true);
		const scrubbed = doorKind.scrub(log[0]!, {
			userId: A,
			formerName: 'Former partner',
			cardIds: new Set(),
			planIds: new Set()
		});
		expect(scrubbed).toEqual({
			participants: [
				{ id: A, name: 'Former partner' },
				{ id: B, name: 'Sam' }
			],
			depth: 'light'
		});
	});
});

// ───────────────────────────── properties ─────────────────────────────

type Step = { who: string; gap: number; intent: ClientDoorIntent };
const depthArb = fc.option(fc.constantFrom(...DOOR_DEPTHS), { nil: null });
const stepArb: fc.Arbitrary<Step> = fc.record({
	who: fc.constantFrom(A, A, B, B, STRANGER),
	// From a moment to four days between two steps: doors fade in many runs, not in all.
	gap: fc.oneof(fc.nat({ max: 1000 }), fc.nat({ max: 4 * DAY })),
	intent: fc.oneof(
		depthArb.map((depth) => ({ type: 'open' as const, depth })),
		fc.constant({ type: 'close' as const })
	)
});

/** The model: what the door should be, restated without the code under test. */
type Model = { openedAt: number; depth: DoorDepth | null; closed: boolean };
const modelOpen = (m: Model, now: number) => !m.closed && now - m.openedAt < 7 * DAY;

describe('an open door, as properties', () => {
	it('follows the model: who may do what, when, and what each one sees', () => {
		fc.assert(
			fc.property(depthArb, fc.array(stepArb, { maxLength: 30 }), (firstDepth, steps) => {
				let log = opened(firstDepth);
				let state = replay(log);
				const model: Model = { openedAt: T0, depth: firstDepth, closed: false };
				let now = T0;
				for (const step of steps) {
					now += step.gap;
					const before = state;
					const decision = decideDoor(state, step.who, { ...step.intent, now } as DoorIntent);
					const open = modelOpen(model, now);
					// Nobody outside the couple gets anything but "not found".
					if (step.who === STRANGER) {
						expect(decision).toMatchObject({ ok: false, code: 'not_found' });
						continue;
					}
					const allowed = open && (step.intent.type === 'close' || step.who === A); /* the opener */
					expect(decision.ok, JSON.stringify({ step, model, now })).toBe(allowed);
					if (!decision.ok) {
						expect(decision.code).toBe('conflict');
						continue;
					}
					const event = {
						...decision.event,
						seq: log.length + 1,
						actorId: step.who,
						at: now
					} as DoorEvent;
					log = [...log, event];
					state = applyDoor(state, event);
					if (step.intent.type === 'close') model.closed = true;
					else {
						model.depth = step.intent.depth;
						model.openedAt = now;
					}
					// The reducer never goes back: a closed door stays closed.
					if (before.closed) expect(state.closed).toBe(true);
				}
				// The state is the model, at the last moment and a week on.
				expect(isOpen(state, now)).toBe(modelOpen(model, now));
				expect(isOpen(state, now + 7 * DAY)).toBe(false);
				expect(state.depth).toBe(model.depth);
				expect(state.closed).toBe(model.closed);
				expect(state.status).toBe(model.closed ? 'ended' : 'active');
				// A replay of the log is the same state (pure and deterministic).
				expect(replay(log)).toEqual(state);
				// Both partners see the whole log as it is; a stranger sees none of it.
				for (const viewer of [A, B])
					expect(log.map((e) => doorKind.visibleTo(e, state, viewer))).toEqual(log);
				expect(log.map((e) => doorKind.visibleTo(e, state, STRANGER))).toEqual(log.map(() => null));
				// Nothing in it is words to search or keep.
				expect(log.flatMap((e) => doorKind.wordsOf(e))).toEqual([]);
			}),
			{ numRuns: 400 }
		);
	});

	it('the reducer is total: any event, in any state, gives a state', () => {
		const anyEvent: fc.Arbitrary<DoorEvent> = fc.record({
			seq: fc.nat(),
			actorId: fc.option(fc.constantFrom(A, B, STRANGER), { nil: null }),
			at: fc.nat(),
			type: fc.constantFrom('door.opened', 'door.updated', 'door.closed', 'door.faded', 'other'),
			data: fc.oneof(
				fc.record({ participants: fc.constant(participants), depth: depthArb }),
				fc.record({ depth: depthArb }),
				fc.constant({})
			)
		}) as fc.Arbitrary<DoorEvent>;
		fc.assert(
			fc.property(fc.array(anyEvent, { maxLength: 20 }), (events) => {
				const state: DoorState = events.reduce(applyDoor, initialDoorState());
				expect(typeof state.closed).toBe('boolean');
				expect(state.lastSeq).toBe(events.at(-1)?.seq ?? 0);
			}),
			{ numRuns: 300 }
		);
	});
});

describe('signals and conversations', () => {
	it('the kinds a browser catches up on and history lists are exactly those that are not signals', () => {
		expect([...CONVERSATION_KIND_NAMES].sort()).toEqual(
			KIND_NAMES.filter((name) => !isSignal(name)).sort()
		);
	});
});
