import { expect } from 'vitest';
import type { Decision, Kind, LoggedEvent } from '../../src/lib/conversation/kind';

export interface Transition<S, E extends LoggedEvent, I> {
	actorId: string;
	intent: I;
	decision: Decision<Omit<E, 'seq' | 'actorId' | 'at'>>;
	before: S;
	/** The event appended, when the intent was allowed. */
	event: E | null;
	after: S;
}

export interface Simulation<S, E extends LoggedEvent, I> {
	log: E[];
	/** states[i] is the state after log[i]. */
	states: S[];
	transitions: Transition<S, E, I>[];
	final: S;
	/** Deep copies of every state and event taken the moment it was made. */
	snapshots: { states: S[]; log: E[] };
	/** Each participant's browser: the copies published to it as each event was appended. */
	browsers: Record<string, { state: S; at: S[] }>;
}

/**
 * The server in miniature, for a kind's property tests: the conversation opened by `first`, each
 * step's intent through the kind's `decide` as the pipeline puts it (numbered, a second apart),
 * and each participant's browser given the copy published to it — judged, as on the server,
 * against the state just after the event. A participant sees every event in some form.
 */
export function simulate<S extends { lastSeq: number }, E extends LoggedEvent, I, W>(
	kind: Kind<S, E, I>,
	first: E,
	participants: readonly string[],
	steps: readonly (readonly [W, I])[],
	actorOf: (state: S, who: W) => string
): Simulation<S, E, I> {
	let state = kind.apply(kind.initial(), first);
	const log = [first];
	const states = [state];
	const snapshots = { states: [structuredClone(state)], log: [structuredClone(first)] };
	const transitions: Transition<S, E, I>[] = [];
	const browsers = Object.fromEntries(
		participants.map((id) => {
			const own = kind.apply(kind.initial(), kind.visibleTo(first, state, id)!);
			return [id, { state: own, at: [own] }];
		})
	);
	steps.forEach(([who, intent], i) => {
		const before = state;
		const actorId = actorOf(before, who);
		const decision = kind.decide(before, actorId, intent);
		let event: E | null = null;
		if (decision.ok) {
			event = {
				...decision.event,
				seq: before.lastSeq + 1,
				actorId,
				at: first.at + (i + 1) * 1000
			} as E;
			log.push(event);
			snapshots.log.push(structuredClone(event));
			state = kind.apply(before, event);
			states.push(state);
			snapshots.states.push(structuredClone(state));
			for (const id of participants) {
				const copy = kind.visibleTo(event, state, id);
				expect(copy, 'a participant sees every event, in some form').not.toBeNull();
				const browser = browsers[id]!;
				browser.state = kind.apply(browser.state, copy!);
				browser.at.push(browser.state);
			}
		}
		transitions.push({ actorId, intent, decision, before, event, after: state });
	});
	return { log, states, transitions, final: state, snapshots, browsers };
}
