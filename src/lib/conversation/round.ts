/**
 * One round of speaking and being heard, shared by every kind that holds the floor (a live talk's
 * card, a check-in's "one thing on my mind"): who holds the floor, the answer, the reflect-back
 * loop (reflection, "Yes, that's it" / "Not quite" with the feelings that were theirs), "Is there
 * more?", the speaker's steer ("Just listen" / "I'd like your thoughts") and the listener's
 * thoughts, and the swap that lets the other one answer too. Pure and isomorphic: a kind keeps its
 * rounds in its own state and hands the round's events and intents to the functions here.
 */
import { withReflection, withVerdict, type Reflection } from './reflect';
import { reflectionLine, type TranscriptLine } from './transcript';

export type { Reflection };

export interface Turn {
	speakerId: string;
	listenerId: string;
	/**
	 * How the floor changed hands on this round, if it did: "I'll go first" (taken) or "Would you
	 * go first?" (passed). Once is enough: it is never offered straight back.
	 */
	floorMove: 'taken' | 'passed' | null;
	answer: { text: string | null; aloud: boolean; feelings: string[]; needs: string[] } | null;
	reflections: Reflection[];
	/** The listener asked "Is there more?" and the speaker has not said yet. */
	moreAsked: boolean;
	/** What the speaker added when asked. */
	additions: string[];
	/** Something was added that has not been reflected back yet. */
	unreflected: boolean;
	/** The speaker's choice: just listen, or the listener's thoughts welcome. */
	steer: 'listen' | 'thoughts' | null;
	/** The listener's view, shared only after the speaker asked for it. */
	thoughts: string | null;
}

export type Phase = 'answering' | 'adding' | 'reflecting' | 'confirming' | 'complete';

/** A turn as it starts: the speaker holds the floor, nothing said yet. */
export function freshTurn(speakerId: string, listenerId: string): Turn {
	return {
		speakerId,
		listenerId,
		floorMove: null,
		answer: null,
		reflections: [],
		moreAsked: false,
		additions: [],
		unreflected: false,
		steer: null,
		thoughts: null
	};
}

export function phaseOf(turn: Turn): Phase {
	if (!turn.answer) return 'answering';
	if (turn.moreAsked) return 'adding';
	const last = turn.reflections.at(-1);
	if (!last || last.verdict === 'not-quite' || turn.unreflected) return 'reflecting';
	return last.verdict === 'pending' ? 'confirming' : 'complete';
}

/** The events of a round. `data` is shaped by `type`. */
export type RoundEventData =
	| { type: 'floor.taken'; data: Record<string, never> }
	/** "Would you go first?": the speaker hands the floor to the partner; the round stays. */
	| { type: 'floor.passed'; data: Record<string, never> }
	| {
			type: 'answer.given';
			/** The speaker may name their own feelings and needs (absent in older events). */
			data: { text: string | null; aloud: boolean; feelings?: string[]; needs?: string[] };
	  }
	| { type: 'reflection.sent'; data: { text: string; feelings: string[]; needs: string[] } }
	/** `heard`: which of the guessed feelings the speaker said were theirs, one by one. */
	| { type: 'reflection.confirmed'; data: { heard?: string[] } }
	| { type: 'reflection.not-quite'; data: { clarification: string | null; heard?: string[] } }
	/**
	 * The listener asks "Is there more you'd like me to know?" — after their reflection, while it
	 * waits for the speaker's answer, or once it was confirmed.
	 */
	| { type: 'more.asked'; data: Record<string, never> }
	/** The speaker adds more (to be reflected back too), or says that's all for now (null). */
	| { type: 'more.added'; data: { text: string | null } }
	/** The speaker chooses: "Just listen", or "I'd like your thoughts". */
	| { type: 'steer.chosen'; data: { mode: 'listen' | 'thoughts' } }
	/** The listener's own view, only ever after the speaker asked for it. */
	| { type: 'thoughts.shared'; data: { text: string } }
	| { type: 'turn.swapped'; data: Record<string, never> };

export type RoundEventType = RoundEventData['type'];

const ROUND_EVENT_TYPES: ReadonlySet<string> = new Set<RoundEventType>([
	'floor.taken',
	'floor.passed',
	'answer.given',
	'reflection.sent',
	'reflection.confirmed',
	'reflection.not-quite',
	'more.asked',
	'more.added',
	'steer.chosen',
	'thoughts.shared',
	'turn.swapped'
]);

export const isRoundEvent = <E extends { type: string }>(
	event: E
): event is Extract<E, { type: RoundEventType }> => ROUND_EVENT_TYPES.has(event.type);

/** What a person asks for within a round. */
export type RoundIntent =
	| { type: 'go-first' }
	| { type: 'pass-floor' }
	| { type: 'answer'; text: string | null; aloud: boolean; feelings?: string[]; needs?: string[] }
	| { type: 'reflect'; text: string; feelings: string[]; needs: string[] }
	| { type: 'confirm'; heard?: string[] }
	| { type: 'not-quite'; clarification: string | null; heard?: string[] }
	| { type: 'ask-more' }
	| { type: 'add-more'; text: string | null }
	| { type: 'steer'; mode: 'listen' | 'thoughts' }
	| { type: 'share-thoughts'; text: string }
	| { type: 'swap' };

export type RoundIntentType = RoundIntent['type'];

const ROUND_INTENT_TYPES: ReadonlySet<string> = new Set<RoundIntentType>([
	'go-first',
	'pass-floor',
	'answer',
	'reflect',
	'confirm',
	'not-quite',
	'ask-more',
	'add-more',
	'steer',
	'share-thoughts',
	'swap'
]);

export const isRoundIntent = <I extends { type: string }>(
	intent: I
): intent is Extract<I, { type: RoundIntentType }> => ROUND_INTENT_TYPES.has(intent.type);

/**
 * A round's turns after one of its events, copied on write (a state object is never changed once
 * returned). Total: an event that does not fit changes nothing. `otherOf` names the partner of a
 * participant (the one who is not them).
 */
export function applyRoundEvent(
	turns: readonly Turn[],
	event: RoundEventData & { actorId: string | null },
	otherOf: (id: string) => string
): Turn[] {
	const last = turns.at(-1);
	if (!last) return [...turns];
	const actor = event.actorId ?? '';
	const update = (change: (turn: Turn) => Turn) => [...turns.slice(0, -1), change(last)];
	switch (event.type) {
		case 'floor.taken':
			return update((turn) => ({
				...turn,
				speakerId: actor,
				listenerId: otherOf(actor),
				floorMove: 'taken'
			}));
		case 'floor.passed':
			return update((turn) => ({
				...turn,
				speakerId: otherOf(actor),
				listenerId: actor,
				floorMove: 'passed'
			}));
		case 'answer.given': {
			const { text, aloud, feelings = [], needs = [] } = event.data;
			return update((turn) => ({
				...turn,
				answer: { text, aloud, feelings: [...feelings], needs: [...needs] }
			}));
		}
		case 'reflection.sent':
			return update((turn) => ({
				...turn,
				reflections: withReflection(turn.reflections, event.data),
				unreflected: false
			}));
		case 'reflection.confirmed':
			return update((turn) => ({
				...turn,
				reflections: withVerdict(turn.reflections, 'confirmed', null, event.data.heard)
			}));
		case 'reflection.not-quite':
			return update((turn) => ({
				...turn,
				reflections: withVerdict(
					turn.reflections,
					'not-quite',
					event.data.clarification,
					event.data.heard
				)
			}));
		case 'more.asked':
			return update((turn) => ({ ...turn, moreAsked: true }));
		case 'more.added': {
			const text = event.data.text;
			return update((turn) => ({
				...turn,
				moreAsked: false,
				additions: text ? [...turn.additions, text] : turn.additions,
				unreflected: turn.unreflected || !!text
			}));
		}
		case 'steer.chosen':
			return update((turn) => ({ ...turn, steer: event.data.mode }));
		case 'thoughts.shared':
			return update((turn) => ({ ...turn, thoughts: event.data.text }));
		case 'turn.swapped':
			return [...turns, freshTurn(last.listenerId, last.speakerId)];
		default:
			return [...turns];
	}
}

export type RoundDecision = { ok: true; event: RoundEventData } | { ok: false; message: string };

const refuse = (message: string): RoundDecision => ({ ok: false, message });
const accept = (event: RoundEventData): RoundDecision => ({ ok: true, event });

/**
 * The rules of a round: may this person do this now? `turns` is the round on the table (null when
 * there is none). The kind checks first who takes part and whether the conversation is going.
 * `noun` is what the round is about, as the kind names it in its messages (a talk's "card").
 */
export function decideRound(
	turns: readonly Turn[] | null,
	actorId: string,
	intent: RoundIntent,
	noun = 'card'
): RoundDecision {
	const turn = turns?.at(-1) ?? null;
	const phase = turn ? phaseOf(turn) : null;
	const firstTurn = !!turns && turns.length === 1;
	switch (intent.type) {
		case 'go-first':
			if (!turn || phase !== 'answering' || !firstTurn) {
				return refuse(`The floor can be taken only before anyone has answered this ${noun}.`);
			}
			if (turn.speakerId === actorId) return refuse('You already hold the floor.');
			if (turn.floorMove) return refuse(`The floor has already changed hands on this ${noun}.`);
			return accept({ type: 'floor.taken', data: {} });
		case 'pass-floor':
			if (!turn || phase !== 'answering' || !firstTurn) {
				return refuse(`The floor can be passed only before anyone has answered this ${noun}.`);
			}
			if (turn.speakerId !== actorId) return refuse('Only the one holding the floor passes it.');
			if (turn.floorMove) return refuse(`The floor has already changed hands on this ${noun}.`);
			return accept({ type: 'floor.passed', data: {} });
		case 'answer':
			if (!turn || phase !== 'answering')
				return refuse(`There is no ${noun} waiting for an answer.`);
			if (turn.speakerId !== actorId)
				return refuse(`Only the one holding the floor answers this ${noun}.`);
			return accept({
				type: 'answer.given',
				data: {
					text: intent.text,
					aloud: intent.aloud,
					...(intent.feelings?.length ? { feelings: intent.feelings } : {}),
					...(intent.needs?.length ? { needs: intent.needs } : {})
				}
			});
		case 'reflect':
			if (!turn || phase !== 'reflecting')
				return refuse('There is nothing to reflect back right now.');
			if (turn.listenerId !== actorId) return refuse('Only the listener reflects back.');
			return accept({
				type: 'reflection.sent',
				data: { text: intent.text, feelings: intent.feelings, needs: intent.needs }
			});
		case 'confirm':
		case 'not-quite': {
			if (!turn || phase !== 'confirming') return refuse('There is no reflection waiting for you.');
			if (turn.speakerId !== actorId)
				return refuse('Only the speaker says whether it was heard right.');
			// Which guessed feelings were theirs: only ever some of the ones guessed.
			const guessed = turn.reflections.at(-1)?.feelings ?? [];
			// Which guessed feelings were theirs: only ever some of the ones guessed (and nothing to
			// say when none were guessed).
			const heard =
				intent.heard && guessed.length
					? { heard: guessed.filter((f) => intent.heard!.includes(f)) }
					: {};
			return intent.type === 'confirm'
				? accept({ type: 'reflection.confirmed', data: heard })
				: accept({
						type: 'reflection.not-quite',
						data: { clarification: intent.clarification, ...heard }
					});
		}
		case 'ask-more':
			// "Did I get that? Is there more?": right after a reflection, while the speaker reads it,
			// or once it was confirmed. What is added is reflected back too; "that's all" goes back
			// to the reflection waiting for its answer.
			if (!turn || (phase !== 'confirming' && phase !== 'complete'))
				return refuse('Ask once what was said has been reflected back.');
			if (turn.listenerId !== actorId) return refuse('The listener asks whether there is more.');
			if (turn.steer) return refuse('This turn has moved on.');
			return accept({ type: 'more.asked', data: {} });
		case 'add-more':
			if (!turn || phase !== 'adding') return refuse('Nobody asked for more just now.');
			if (turn.speakerId !== actorId) return refuse('Only the speaker adds more.');
			return accept({ type: 'more.added', data: { text: intent.text } });
		case 'steer':
			if (!turn || phase !== 'complete') return refuse('Choose once you have been heard.');
			if (turn.speakerId !== actorId) return refuse('The speaker chooses this.');
			if (turn.steer) return refuse('You have already chosen.');
			return accept({ type: 'steer.chosen', data: { mode: intent.mode } });
		case 'share-thoughts':
			if (!turn || phase !== 'complete' || turn.steer !== 'thoughts')
				return refuse('Share your thoughts once you have been asked for them.');
			if (turn.listenerId !== actorId) return refuse('The listener shares their thoughts.');
			if (turn.thoughts !== null) return refuse('You have already shared your thoughts.');
			return accept({ type: 'thoughts.shared', data: { text: intent.text } });
		case 'swap':
			if (!turns || phase !== 'complete') return refuse('Finish this turn first.');
			if (turns.length > 1) return refuse(`You have both answered this ${noun}.`);
			return accept({ type: 'turn.swapped', data: {} });
	}
}

/**
 * The readable line of a round event that every kind says alike: the reflect-back loop, "Is there
 * more?", the steer and the thoughts (the floor, the answer and the swap each kind says in its own
 * words). `turn` is the turn before the event; null for the events a kind words itself.
 */
export function roundLine(
	event: RoundEventData,
	base: { seq: number; at: number; who: string },
	turn: Turn | null
): TranscriptLine | null {
	const who = base.who;
	switch (event.type) {
		case 'reflection.sent':
			return reflectionLine(event, base);
		case 'reflection.confirmed':
		case 'reflection.not-quite': {
			const { heard, ...line } = reflectionLine(event, base);
			// A word on the guessed feelings only where some were guessed.
			const guessed = turn?.reflections.at(-1)?.feelings ?? [];
			return heard && guessed.length ? { ...line, heard } : line;
		}
		case 'more.asked':
			return { ...base, kind: 'more', text: `${who} asked: is there more?` };
		case 'more.added':
			return {
				...base,
				kind: 'more',
				text: event.data.text ? `${who} added more` : `${who} said that was all for now`,
				quote: event.data.text
			};
		case 'steer.chosen':
			return {
				...base,
				kind: 'steer',
				text:
					event.data.mode === 'listen'
						? `${who} asked to be listened to`
						: `${who} asked for thoughts`
			};
		case 'thoughts.shared':
			return { ...base, kind: 'thoughts', text: `${who} shared a view`, quote: event.data.text };
		default:
			return null;
	}
}

/** The words a person said in a round's event (search, export, deletion). */
export function roundWords(event: RoundEventData): string | null {
	switch (event.type) {
		case 'answer.given':
		case 'reflection.sent':
		case 'more.added':
		case 'thoughts.shared':
			return event.data.text;
		case 'reflection.not-quite':
			return event.data.clarification;
		default:
			return null;
	}
}

/** A round event's data with the words removed when `mine` (its actor is the one erased). */
export function scrubRoundEvent<E extends RoundEventData>(event: E, mine: boolean): E['data'] {
	if (!mine) return event.data;
	switch (event.type) {
		case 'answer.given':
			return { ...event.data, text: null, feelings: [], needs: [] };
		case 'more.added':
			return { text: null };
		case 'thoughts.shared':
			return { text: '' };
		case 'reflection.sent':
			return { ...event.data, text: '', feelings: [], needs: [] };
		case 'reflection.not-quite':
			return { ...event.data, clarification: null };
		default:
			return event.data;
	}
}
