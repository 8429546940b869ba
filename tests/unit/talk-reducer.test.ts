import { describe, expect, it } from 'vitest';
import { BUILT_IN_CARDS } from '$lib/deck/cards';
import type { Depth } from '$lib/deck/types';
import {
	apply,
	currentRound,
	currentTurn,
	initialState,
	phaseOf,
	replay,
	type TalkState
} from '$lib/conversation/talk/reducer';
import { talkKind } from '$lib/conversation/talk/kind';
import { decide, type Decision } from '$lib/conversation/talk/rules';
import { summarize } from '$lib/conversation/talk/summary';
import type { Participant, TalkCard, TalkEvent, TalkIntent } from '$lib/conversation/talk/types';

const A = 'user-alex';
const B = 'user-sam';
const STRANGER = 'user-stranger';
const PARTICIPANTS: Participant[] = [
	{ id: A, name: 'Alex' },
	{ id: B, name: 'Sam' }
];
const T0 = 1_700_000_000_000;
/** Events are a minute apart, so durations are easy to check. */
const at = (seq: number) => T0 + (seq - 1) * 60_000;

type Step = [actor: string, intent: TalkIntent];

/** A realistic card as it travels in events: a copy of a built-in card. */
function card(depth: Depth = 'light', index = 0): TalkCard {
	const built = BUILT_IN_CARDS.filter((c) => c.depth === depth)[index]!;
	return {
		id: built.id,
		text: built.text,
		category: built.category,
		depth: built.depth,
		...(built.followUp ? { followUp: built.followUp } : {}),
		custom: false
	};
}

const draw = (c: TalkCard = card()): TalkIntent => ({ type: 'draw', card: c });
const answer = (text: string | null = 'The walk by the river.'): TalkIntent => ({
	type: 'answer',
	text,
	aloud: false
});
const reflect = (text = 'You liked the walk.', feelings = ['glad']): TalkIntent => ({
	type: 'reflect',
	text,
	feelings,
	needs: ['connection']
});
const confirm: TalkIntent = { type: 'confirm' };
const notQuite = (clarification: string | null = 'More the talking.'): TalkIntent => ({
	type: 'not-quite',
	clarification
});
const goFirst: TalkIntent = { type: 'go-first' };
const passFloor: TalkIntent = { type: 'pass-floor' };
const swap: TalkIntent = { type: 'swap' };
const deeper: TalkIntent = { type: 'deeper' };
const withdrawDeeper: TalkIntent = { type: 'withdraw-deeper' };
const lighter: TalkIntent = { type: 'lighter' };
const notReadyCard: TalkIntent = { type: 'not-ready', scope: 'card' };
const notReadyTalk: TalkIntent = { type: 'not-ready', scope: 'talk' };
const resume: TalkIntent = { type: 'resume' };
const end: TalkIntent = { type: 'end' };
const opening = (line = 'What are you bringing into this talk?'): TalkIntent => ({
	type: 'opening',
	line
});

/** One complete turn: the speaker answers, the listener reflects, the speaker confirms. */
const turn = (speaker: string, listener: string): Step[] => [
	[speaker, answer()],
	[listener, reflect()],
	[speaker, confirm]
];

/** Every kind of intent, for "refuses everything" checks. */
const EVERY_INTENT: TalkIntent[] = [
	opening(),
	deeper,
	withdrawDeeper,
	lighter,
	draw(),
	goFirst,
	passFloor,
	answer(),
	reflect(),
	confirm,
	notQuite(),
	swap,
	notReadyCard,
	notReadyTalk,
	resume,
	end
];

interface Run {
	state: TalkState;
	log: TalkEvent[];
}

function start(): Run {
	const first: TalkEvent = {
		type: 'talk.started',
		data: { participants: PARTICIPANTS, kind: 'live' },
		seq: 1,
		actorId: A,
		at: at(1)
	};
	return { state: apply(initialState(), first), log: [first] };
}

/** What the server does with one intent: decide, and if allowed append exactly one event. */
function step(run: Run, actorId: string, intent: TalkIntent): Decision {
	const decision = decide(run.state, actorId, intent);
	if (decision.ok) {
		const seq = run.state.lastSeq + 1;
		const event = { ...decision.event, seq, actorId, at: at(seq) } as TalkEvent;
		run.log.push(event);
		run.state = apply(run.state, event);
	}
	return decision;
}

/** Starts a talk between A and B and applies every intent, which must all be allowed. */
function run(intents: Step[], from: Run = start()): Run {
	for (const [actor, intent] of intents) {
		const decision = step(from, actor, intent);
		if (!decision.ok) {
			throw new Error(`${actor} ${intent.type} was refused: ${decision.message}`);
		}
	}
	return from;
}

function expectConflict(state: TalkState, actor: string, intent: TalkIntent) {
	expect(decide(state, actor, intent)).toMatchObject({ ok: false, code: 'conflict' });
}

function expectAllowed(state: TalkState, actor: string, intent: TalkIntent) {
	expect(decide(state, actor, intent)).toMatchObject({ ok: true });
}

const speakerOf = (state: TalkState) => currentTurn(state)!.speakerId;
const listenerOf = (state: TalkState) => currentTurn(state)!.listenerId;

describe('starting a talk', () => {
	it('is active with both participants, started by the first actor', () => {
		const { state } = start();
		expect(state.status).toBe('active');
		expect(state.participants).toEqual(PARTICIPANTS);
		expect(state.startedBy).toBe(A);
		expect(state.startedAt).toBe(at(1));
		expect(state.depth).toBe('light');
		expect(state.current).toBeNull();
		expect(state.lastSeq).toBe(1);
	});

	it('the log replays to the state built one event at a time', () => {
		const { state, log } = run([[A, opening()], [B, draw()], ...turn(B, A), [A, swap]]);
		expect(log.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
		expect(replay(log)).toEqual(state);
	});
});

describe('the floor', () => {
	it('the one who draws the first card opens the floor', () => {
		const { state } = run([[B, draw()]]);
		expect(currentRound(state)!.card).toEqual(card());
		expect(speakerOf(state)).toBe(B);
		expect(listenerOf(state)).toBe(A);
		expect(phaseOf(currentTurn(state)!)).toBe('answering');
	});

	it('alternates with each card, whoever draws it', () => {
		const talk = run([[A, draw(card('light', 0))], ...turn(A, B)]);
		expect(speakerOf(talk.state)).toBe(A);

		run([[A, draw(card('light', 1))]], talk);
		expect(speakerOf(talk.state)).toBe(B);
		expect(listenerOf(talk.state)).toBe(A);

		run([...turn(B, A), [B, draw(card('light', 2))]], talk);
		expect(speakerOf(talk.state)).toBe(A);

		// a card set aside still counts as that partner's card
		run(
			[
				[B, notReadyCard],
				[A, draw(card('light', 3))]
			],
			talk
		);
		expect(speakerOf(talk.state)).toBe(B);
		expect(talk.state.rounds.map((r) => r.turns[0]!.speakerId)).toEqual([A, B, A, B]);
	});

	it('"I\'ll go first" hands the floor to the listener before any answer', () => {
		const talk = run([[A, draw()]]);
		expectConflict(talk.state, A, goFirst); // the speaker already holds it
		run([[B, goFirst]], talk);
		expect(talk.log.at(-1)).toMatchObject({ type: 'floor.taken', actorId: B });
		expect(speakerOf(talk.state)).toBe(B);
		expect(listenerOf(talk.state)).toBe(A);
		expect(talk.state.rounds).toHaveLength(1);
		expect(currentRound(talk.state)!.turns).toHaveLength(1);
		expectConflict(talk.state, B, goFirst);
		// and it is not handed straight back: neither "I'll go first" nor "Would you go first?"
		expectConflict(talk.state, A, goFirst);
		expectConflict(talk.state, B, passFloor);
		expect(currentTurn(talk.state)!.floorMove).toBe('taken');
	});

	it('"Would you go first?" passes the floor from the speaker; the card stays; no bounce back', () => {
		const talk = run([[A, draw()]]);
		expectConflict(talk.state, B, passFloor); // only the one holding the floor passes it
		run([[A, passFloor]], talk);
		expect(talk.log.at(-1)).toMatchObject({ type: 'floor.passed', actorId: A });
		expect(speakerOf(talk.state)).toBe(B);
		expect(listenerOf(talk.state)).toBe(A);
		expect(currentRound(talk.state)!.card).toEqual(card());
		expect(currentTurn(talk.state)!.floorMove).toBe('passed');
		expectConflict(talk.state, A, goFirst); // not offered straight back
		expectConflict(talk.state, B, passFloor);
		expectAllowed(talk.state, B, answer());
		expectAllowed(talk.state, B, notReadyCard);
		const lines = talkKind.transcript(talk.log, (id) => (id === A ? 'Alex' : 'Sam'));
		expect(lines.at(-1)).toMatchObject({ kind: 'floor', text: 'Alex asked Sam to go first' });
		// refused once anyone answered, and on a swapped turn
		const answered = run([
			[A, draw()],
			[A, answer()]
		]);
		expectConflict(answered.state, A, passFloor);
		run(
			[
				[B, reflect()],
				[A, confirm],
				[B, swap]
			],
			answered
		);
		expectConflict(answered.state, B, passFloor);
	});

	it('"I\'ll go first" is refused once the speaker has answered, and on a swapped turn', () => {
		expectConflict(start().state, A, goFirst); // no card yet
		const talk = run([
			[A, draw()],
			[A, answer()]
		]);
		expectConflict(talk.state, B, goFirst);
		run(
			[
				[B, reflect()],
				[A, confirm]
			],
			talk
		);
		expectConflict(talk.state, B, goFirst);
		run([[B, swap]], talk);
		expect(speakerOf(talk.state)).toBe(B);
		expectConflict(talk.state, A, goFirst); // nobody answered the second turn, still refused
	});

	it('the one who went first keeps the alternation going from them', () => {
		const talk = run([[A, draw()], [B, goFirst], ...turn(B, A), [B, draw(card('light', 1))]]);
		expect(speakerOf(talk.state)).toBe(A);
	});
});

describe('a turn', () => {
	it('only the speaker answers', () => {
		const talk = run([[A, draw()]]);
		expectConflict(talk.state, B, answer());
		run([[A, answer('Our walk.')]], talk);
		expect(currentTurn(talk.state)!.answer).toEqual({
			text: 'Our walk.',
			aloud: false,
			feelings: [],
			needs: []
		});
		expect(phaseOf(currentTurn(talk.state)!)).toBe('reflecting');
		expectConflict(talk.state, A, answer()); // answered already
	});

	it('an answer may be said aloud, with no text', () => {
		const talk = run([
			[A, draw()],
			[A, { type: 'answer', text: null, aloud: true }]
		]);
		expect(currentTurn(talk.state)!.answer).toEqual({
			text: null,
			aloud: true,
			feelings: [],
			needs: []
		});
		expectAllowed(talk.state, B, reflect());
	});

	it('only the listener reflects, and only after the answer', () => {
		const talk = run([[A, draw()]]);
		expectConflict(talk.state, B, reflect());
		run([[A, answer()]], talk);
		expectConflict(talk.state, A, reflect());
		run([[B, reflect('You liked the walk.', ['glad', 'calm'])]], talk);
		expect(currentTurn(talk.state)!.reflections).toEqual([
			{
				text: 'You liked the walk.',
				feelings: ['glad', 'calm'],
				needs: ['connection'],
				verdict: 'pending',
				clarification: null
			}
		]);
		expectConflict(talk.state, B, reflect()); // waiting for the speaker now
	});

	it('only the speaker confirms or says "not quite"', () => {
		const talk = run([
			[A, draw()],
			[A, answer()]
		]);
		expectConflict(talk.state, A, confirm); // nothing to confirm yet
		run([[B, reflect()]], talk);
		expect(phaseOf(currentTurn(talk.state)!)).toBe('confirming');
		expectConflict(talk.state, B, confirm);
		expectConflict(talk.state, B, notQuite());
		expectAllowed(talk.state, A, notQuite());
		run([[A, confirm]], talk);
		expect(phaseOf(currentTurn(talk.state)!)).toBe('complete');
		expectConflict(talk.state, A, confirm);
		expectConflict(talk.state, A, notQuite());
		expectConflict(talk.state, B, reflect());
	});

	it('"not quite" → reflect again → confirm', () => {
		const talk = run([
			[A, draw()],
			[A, answer()],
			[B, reflect('You liked the walk.', ['glad'])],
			[A, notQuite('It was the talking, more than the walk.')]
		]);
		expect(phaseOf(currentTurn(talk.state)!)).toBe('reflecting');
		expectConflict(talk.state, A, confirm);
		expectConflict(talk.state, A, reflect());
		run(
			[
				[B, reflect('What mattered was that we talked.', ['glad', 'close'])],
				[A, confirm]
			],
			talk
		);
		const reflections = currentTurn(talk.state)!.reflections;
		expect(reflections.map((r) => r.verdict)).toEqual(['not-quite', 'confirmed']);
		expect(reflections[0]!.clarification).toBe('It was the talking, more than the walk.');
		expect(reflections[1]!.feelings).toEqual(['glad', 'close']);
		expect(phaseOf(currentTurn(talk.state)!)).toBe('complete');
	});
});

describe('swapping on the same card', () => {
	it('is refused before the turn is complete', () => {
		const talk = run([[A, draw()]]);
		expectConflict(talk.state, A, swap);
		run([[A, answer()]], talk);
		expectConflict(talk.state, B, swap);
		run([[B, reflect()]], talk);
		expectConflict(talk.state, A, swap);
	});

	it('after a complete turn gives the other partner the floor on the same card, only once', () => {
		const talk = run([[A, draw()], ...turn(A, B), [B, swap]]);
		expect(talk.state.rounds).toHaveLength(1);
		const round = currentRound(talk.state)!;
		expect(round.card).toEqual(card());
		expect(round.turns).toHaveLength(2);
		expect(round.turns[1]).toEqual({
			speakerId: B,
			listenerId: A,
			floorMove: null,
			answer: null,
			reflections: [],
			moreAsked: false,
			additions: [],
			unreflected: false,
			steer: null,
			thoughts: null
		});
		// the first turn is kept as it was
		expect(phaseOf(round.turns[0]!)).toBe('complete');
		expectConflict(talk.state, A, answer());
		run(turn(B, A), talk);
		expectConflict(talk.state, A, swap);
		expectConflict(talk.state, B, swap);
	});
});

describe('drawing cards', () => {
	it('a card cannot be drawn while one is on the table', () => {
		const talk = run([[A, draw()]]);
		expectConflict(talk.state, A, draw(card('light', 1)));
		expectConflict(talk.state, B, draw(card('light', 1)));
		run(
			[
				[A, answer()],
				[B, reflect()]
			],
			talk
		);
		expectConflict(talk.state, B, draw(card('light', 1)));
		run(
			[
				[A, confirm],
				[B, swap],
				[B, answer()]
			],
			talk
		);
		expectConflict(talk.state, A, draw(card('light', 1)));
	});

	it('a card can be drawn after a complete turn, or after "not ready"', () => {
		const talk = run([[A, draw()], ...turn(A, B), [B, draw(card('light', 1))]]);
		expect(talk.state.rounds).toHaveLength(2);
		expect(talk.state.current).toBe(1);
		run(
			[
				[A, notReadyCard],
				[A, draw(card('light', 2))]
			],
			talk
		);
		expect(talk.state.rounds).toHaveLength(3);
		expect(talk.state.current).toBe(2);
	});

	it('a card deeper than where both are is refused', () => {
		const { state } = start();
		expectConflict(state, A, draw(card('personal')));
		expectConflict(state, B, draw(card('vulnerable')));
		const deep = run([
			[A, deeper],
			[B, deeper]
		]);
		expect(deep.state.depth).toBe('personal');
		expectAllowed(deep.state, A, draw(card('personal')));
		expectAllowed(deep.state, A, draw(card('light'))); // lighter cards are always fine
		expectConflict(deep.state, A, draw(card('vulnerable')));
	});

	it('records the drawn card and when it was drawn', () => {
		const talk = run([[A, { type: 'draw', card: card('light', 4), exhausted: true }]]);
		expect(talk.log.at(-1)).toMatchObject({
			type: 'card.drawn',
			data: { card: card('light', 4), speakerId: A, exhausted: true }
		});
		expect(currentRound(talk.state)).toMatchObject({
			card: card('light', 4),
			setAside: false,
			setAsideBy: null,
			drawnAt: at(2)
		});
	});
});

describe('"Not ready yet"', () => {
	it('on a card sets it aside for that person and ends the round', () => {
		const talk = run([
			[A, draw()],
			[A, answer()],
			[B, notReadyCard]
		]);
		expect(talk.log.at(-1)).toMatchObject({ type: 'card.set-aside', actorId: B, data: {} });
		expect(talk.state.current).toBeNull();
		expect(talk.state.rounds).toHaveLength(1);
		expect(talk.state.rounds[0]!.setAsideBy).toBe(B);
		expect(talk.state.status).toBe('active');
		expectConflict(talk.state, B, reflect());
		expectConflict(talk.state, A, swap);
		expectConflict(talk.state, A, notReadyCard); // no card on the table any more
	});

	it('either partner can set a card aside, the speaker too, even on the second turn', () => {
		const talk = run([
			[A, draw()],
			[A, notReadyCard]
		]);
		expect(talk.state.rounds[0]!.setAsideBy).toBe(A);
		run([[A, draw(card('light', 1))], ...turn(B, A), [A, swap], [B, notReadyCard]], talk);
		expect(talk.state.rounds[1]!.setAsideBy).toBe(B);
		expect(talk.state.current).toBeNull();
	});

	it('on a card is refused when there is none, or when it is complete', () => {
		expectConflict(start().state, A, notReadyCard);
		const talk = run([[A, draw()], ...turn(A, B)]);
		expectConflict(talk.state, B, notReadyCard);
	});

	it('on the talk pauses it; only the one who paused resumes or ends it', () => {
		const talk = run([
			[A, draw()],
			[B, notReadyTalk]
		]);
		expect(talk.state.status).toBe('paused');
		expect(talk.state.pausedBy).toBe(B);
		for (const intent of EVERY_INTENT) {
			// The partner can do nothing that ends the pause for them: not resume, not end.
			expectConflict(talk.state, A, intent);
			if (intent.type === 'resume' || intent.type === 'end') continue;
			expectConflict(talk.state, B, intent);
		}
		expectAllowed(talk.state, B, end);
		// the one who paused picks it up again, and the card on the table is still there
		run([[B, resume]], talk);
		expect(talk.state.status).toBe('active');
		expect(talk.state.pausedBy).toBeNull();
		expect(talk.state.current).toBe(0);
		expectConflict(talk.state, B, resume);
		expectAllowed(talk.state, A, answer());
	});

	it('a pause never says who set a card aside to the partner, only to its owner', () => {
		const talk = run([
			[A, draw()],
			[B, notReadyCard]
		]);
		const event = talk.log.at(-1)!;
		expect(talkKind.visibleTo(event, talk.state, B)).toEqual(event);
		const partnerCopy = talkKind.visibleTo(event, talk.state, A)!;
		expect(partnerCopy).toMatchObject({ type: 'card.set-aside', actorId: null, seq: event.seq });
		const seenByA = replay(talk.log.map((e) => talkKind.visibleTo(e, talk.state, A)!));
		expect(seenByA.rounds[0]).toMatchObject({ setAside: true, setAsideBy: null });
		expect(seenByA.current).toBeNull();
		const lines = talkKind.transcript([partnerCopy], () => 'Sam');
		expect(lines).toEqual([
			expect.objectContaining({ who: null, text: 'This card rests for now' })
		]);
	});
});

describe("the speaker's voice", () => {
	it('the speaker names their own feelings and needs with the answer', () => {
		const talk = run([
			[A, draw()],
			[A, { type: 'answer', text: 'Tired.', aloud: false, feelings: ['tired'], needs: ['rest'] }]
		]);
		expect(currentTurn(talk.state)!.answer).toMatchObject({ feelings: ['tired'], needs: ['rest'] });
		const line = talkKind.transcript(talk.log, () => 'Alex').at(-1)!;
		expect(line).toMatchObject({ kind: 'answer', feelings: ['tired'], needs: ['rest'] });
	});

	it('confirms or corrects the guessed feelings one by one; only guessed ones count', () => {
		const talk = run([
			[A, draw()],
			[A, answer()],
			[
				B,
				{ type: 'reflect', text: 'You felt calm.', feelings: ['calm', 'proud'], needs: ['rest'] }
			],
			[A, { type: 'not-quite', clarification: null, heard: ['calm', 'lonely'] }]
		]);
		expect(currentTurn(talk.state)!.reflections[0]!.heard).toEqual(['calm']);
		expect(currentTurn(talk.state)!.reflections[0]!.needs).toEqual(['rest']);
		run(
			[
				[
					B,
					{ type: 'reflect', text: 'Calm, and a bit sad.', feelings: ['calm', 'sad'], needs: [] }
				],
				[A, { type: 'confirm', heard: ['calm', 'sad'] }]
			],
			talk
		);
		expect(currentTurn(talk.state)!.reflections[1]).toMatchObject({
			verdict: 'confirmed',
			heard: ['calm', 'sad']
		});
	});

	it('"Is there more?" is the listener\'s to ask; what is added is reflected back too', () => {
		const talk = run([[A, draw()], ...turn(A, B)]);
		expectConflict(talk.state, A, { type: 'ask-more' });
		run([[B, { type: 'ask-more' }]], talk);
		expect(phaseOf(currentTurn(talk.state)!)).toBe('adding');
		expectConflict(talk.state, B, { type: 'add-more', text: 'x' });
		expectConflict(talk.state, A, draw());
		run([[A, { type: 'add-more', text: 'And I was scared.' }]], talk);
		expect(currentTurn(talk.state)!.additions).toEqual(['And I was scared.']);
		expect(phaseOf(currentTurn(talk.state)!)).toBe('reflecting');
		run(
			[
				[B, reflect()],
				[A, confirm],
				[B, { type: 'ask-more' }]
			],
			talk
		);
		run([[A, { type: 'add-more', text: null }]], talk); // that's all for now
		expect(phaseOf(currentTurn(talk.state)!)).toBe('complete');
		expect(currentTurn(talk.state)!.additions).toHaveLength(1);
	});

	it('"Is there more?" can come right after a reflection, before the speaker answers it', () => {
		const talk = run([
			[A, draw()],
			[A, answer('A long week.')],
			[B, reflect('You are worn out.')]
		]);
		expect(phaseOf(currentTurn(talk.state)!)).toBe('confirming');
		expectConflict(talk.state, A, { type: 'ask-more' }); // the listener's to ask
		run([[B, { type: 'ask-more' }]], talk);
		expect(phaseOf(currentTurn(talk.state)!)).toBe('adding');
		expectConflict(talk.state, A, confirm); // the reflection waits while more is added
		// "That's all for now": back to the reflection, still waiting for its answer.
		run([[A, { type: 'add-more', text: null }]], talk);
		expect(phaseOf(currentTurn(talk.state)!)).toBe('confirming');
		// Asked again, something is added: the listener reflects it all back, and that is confirmed.
		run(
			[
				[B, { type: 'ask-more' }],
				[A, { type: 'add-more', text: 'And relieved it is over.' }]
			],
			talk
		);
		expect(phaseOf(currentTurn(talk.state)!)).toBe('reflecting');
		run(
			[
				[B, reflect('Worn out, and relieved.')],
				[A, confirm]
			],
			talk
		);
		const done = currentTurn(talk.state)!;
		expect(phaseOf(done)).toBe('complete');
		expect(done.additions).toEqual(['And relieved it is over.']);
		expect(done.reflections.map((r) => r.verdict)).toEqual(['pending', 'confirmed']);
		expect(summarize(talk.state).cards[0]!.turns[0]!.confirmed?.text).toBe(
			'Worn out, and relieved.'
		);
		// Not before anything was reflected back.
		const early = run([
			[A, draw()],
			[A, answer()]
		]);
		expectConflict(early.state, B, { type: 'ask-more' });
	});

	it('the listener shares a view only after the speaker asked for thoughts', () => {
		const listen = run([[A, draw()], ...turn(A, B)]);
		expectConflict(listen.state, B, { type: 'share-thoughts', text: 'My view' });
		expectConflict(listen.state, B, { type: 'steer', mode: 'thoughts' }); // the speaker chooses
		run([[A, { type: 'steer', mode: 'listen' }]], listen);
		expectConflict(listen.state, B, { type: 'share-thoughts', text: 'My view' });
		expectConflict(listen.state, A, { type: 'steer', mode: 'thoughts' });
		expectConflict(listen.state, B, { type: 'ask-more' });
		expectAllowed(listen.state, A, swap);

		const thoughts = run([[A, draw()], ...turn(A, B), [A, { type: 'steer', mode: 'thoughts' }]]);
		expectConflict(thoughts.state, A, { type: 'share-thoughts', text: 'x' });
		run([[B, { type: 'share-thoughts', text: 'My view' }]], thoughts);
		expect(currentTurn(thoughts.state)!.thoughts).toBe('My view');
		expectConflict(thoughts.state, B, { type: 'share-thoughts', text: 'again' });
		const lines = talkKind.transcript(thoughts.log, (id) => (id === A ? 'Alex' : 'Sam'));
		expect(lines.slice(-2).map((l) => l.text)).toEqual([
			'Alex asked for thoughts',
			'Sam shared a view'
		]);
	});
});

describe('ending', () => {
	it('ended refuses everything', () => {
		const talk = run([
			[A, draw()],
			[A, answer()],
			[B, end]
		]);
		expect(talk.state.status).toBe('ended');
		expect(talk.state.endReason).toBe('ended');
		expect(talk.state.endedAt).toBe(at(4));
		expect(talk.state.current).toBeNull();
		for (const intent of EVERY_INTENT) {
			expectConflict(talk.state, A, intent);
			expectConflict(talk.state, B, intent);
			expect(decide(talk.state, STRANGER, intent)).toMatchObject({ ok: false, code: 'not_found' });
		}
	});

	it('the one who paused can end it, and ending twice is refused', () => {
		const talk = run([
			[A, notReadyTalk],
			[A, end]
		]);
		expect(talk.state.status).toBe('ended');
		expectConflict(talk.state, A, end);
	});
});

describe('depth', () => {
	it('"go deeper" needs both votes; the same person twice is refused', () => {
		const talk = run([[A, deeper]]);
		expect(talk.state.depth).toBe('light');
		expect(talk.state.deeperVotes).toEqual([A]);
		expectConflict(talk.state, A, deeper);
		run([[B, deeper]], talk);
		expect(talk.state.depth).toBe('personal');
		expect(talk.state.deeperVotes).toEqual([]);
		// a fresh vote is needed for the next level
		run([[B, deeper]], talk);
		expect(talk.state.depth).toBe('personal');
		run([[A, deeper]], talk);
		expect(talk.state.depth).toBe('vulnerable');
	});

	it('never goes above vulnerable or below light', () => {
		const top = run([
			[A, deeper],
			[B, deeper],
			[B, deeper],
			[A, deeper]
		]);
		expect(top.state.depth).toBe('vulnerable');
		expectConflict(top.state, A, deeper);
		expectConflict(top.state, B, deeper);
		expectConflict(start().state, A, lighter);
		expectConflict(start().state, B, lighter);
	});

	it('"lighter" is taken by either alone, one level at a time, at any moment', () => {
		const talk = run([
			[A, deeper],
			[B, deeper],
			[B, deeper],
			[A, deeper],
			[A, draw(card('vulnerable'))],
			[A, answer()]
		]);
		run([[B, lighter]], talk);
		expect(talk.state.depth).toBe('personal');
		expect(talk.log.at(-1)).toMatchObject({ type: 'depth.lighter', data: { depth: 'personal' } });
		// the card already on the table stays
		expect(currentRound(talk.state)!.card.depth).toBe('vulnerable');
		expectAllowed(talk.state, B, reflect());
		run([[A, lighter]], talk);
		expect(talk.state.depth).toBe('light');
		expectConflict(talk.state, A, lighter);
	});

	it('a "go deeper" request is taken back by its asker alone, while it waits, and nothing moves', () => {
		const talk = run([[A, deeper]]);
		expectConflict(talk.state, B, withdrawDeeper); // not B's to take back
		run([[A, withdrawDeeper]], talk);
		expect(talk.log.at(-1)).toMatchObject({ type: 'depth.deeper-withdrawn', actorId: A });
		expect(talk.state.deeperVotes).toEqual([]);
		expect(talk.state.depth).toBe('light');
		expectConflict(talk.state, A, withdrawDeeper); // once is all
		// B asking now waits for A again: a withdrawn request does not count
		run([[B, deeper]], talk);
		expect(talk.state.depth).toBe('light');
		expect(talk.state.deeperVotes).toEqual([B]);
		// once both asked, the depth moved and there is nothing left to take back
		run([[A, deeper]], talk);
		expect(talk.state.depth).toBe('personal');
		expectConflict(talk.state, A, withdrawDeeper);
		expectConflict(talk.state, B, withdrawDeeper);
	});

	it('going lighter clears a pending "go deeper" vote', () => {
		const talk = run([
			[A, deeper],
			[B, deeper],
			[A, deeper],
			[B, lighter]
		]);
		expect(talk.state.depth).toBe('light');
		expect(talk.state.deeperVotes).toEqual([]);
		run([[B, deeper]], talk);
		expect(talk.state.depth).toBe('light');
	});
});

describe('the opening line', () => {
	it('can be set only before the first card', () => {
		const talk = run([[A, opening('What is on your mind?')]]);
		expect(talk.state.openingLine).toBe('What is on your mind?');
		run([[B, opening('What do you need from this talk?')]], talk);
		expect(talk.state.openingLine).toBe('What do you need from this talk?');
		run([[A, draw()]], talk);
		expectConflict(talk.state, A, opening());
		// even when that card was set aside
		run([[B, notReadyCard]], talk);
		expectConflict(talk.state, B, opening());
	});
});

describe('someone who is not part of the talk', () => {
	it('gets not_found for anything, at any moment', () => {
		const moments = [
			initialState(),
			start().state,
			run([[A, draw()]]).state,
			run([[A, notReadyTalk]]).state
		];
		for (const state of moments) {
			for (const intent of EVERY_INTENT) {
				expect(decide(state, STRANGER, intent)).toMatchObject({ ok: false, code: 'not_found' });
			}
		}
	});

	it('nothing is allowed before the talk has started', () => {
		for (const intent of EVERY_INTENT) {
			expect(decide(initialState(), A, intent)).toMatchObject({ ok: false });
		}
	});
});

describe('summarize', () => {
	it('lists each card with its turns and how long the talk lasted, and keeps no tallies', () => {
		const talk = run([
			[B, opening('I want to hear what is on your mind.')],
			// card 1: a "not quite" loop, then a swap with a second confirmed turn
			[A, draw(card('light', 0))],
			[A, answer('Our walk.')],
			[B, reflect('You liked the walk.')],
			[A, notQuite('The talking, more.')],
			[B, reflect('The talking mattered.', ['close'])],
			[A, confirm],
			[A, swap],
			...turn(B, A),
			// card 2: set aside by Sam
			[A, draw(card('light', 1))],
			[B, notReadyCard],
			// card 3: answered and reflected, never confirmed
			[A, draw(card('light', 2))],
			[A, answer()],
			[B, reflect()],
			[A, notReadyTalk],
			[A, resume],
			[B, end]
		]);
		const summary = summarize(talk.state);
		expect(Object.keys(summary).sort()).toEqual(['cards', 'durationMs', 'openingLine']);
		expect(summary.openingLine).toBe('I want to hear what is on your mind.');
		expect(talk.state.endedAt).toBe(at(talk.log.length));
		expect(summary.durationMs).toBe((talk.log.length - 1) * 60_000);

		expect(summary.cards.map((c) => c.card.id)).toEqual([
			card('light', 0).id,
			card('light', 1).id,
			card('light', 2).id
		]);
		expect(summary.cards.map((c) => c.setAside)).toEqual([false, true, false]);
		expect(summary.cards.map((c) => c.setAsideBy)).toEqual([null, B, null]);
		const [first, second] = summary.cards[0]!.turns;
		expect(first).toEqual({
			speakerId: A,
			answer: { text: 'Our walk.', aloud: false, feelings: [], needs: [] },
			additions: [],
			confirmed: { text: 'The talking mattered.', feelings: ['close'], needs: ['connection'] },
			attempts: 2
		});
		expect(second).toMatchObject({ speakerId: B, attempts: 1 });
		expect(second!.confirmed).not.toBeNull();
		expect(summary.cards[1]!.turns).toEqual([
			{ speakerId: B, answer: null, additions: [], confirmed: null, attempts: 0 }
		]);
		expect(summary.cards[2]!.turns[0]).toMatchObject({
			speakerId: A,
			confirmed: null,
			attempts: 1
		});
	});

	it('keeps which guessed feelings the speaker said were theirs, when they said', () => {
		const talk = run([
			[A, draw(card('light', 0))],
			[A, answer('A long week.')],
			[B, reflect('You are worn out.', ['tired', 'sad'])],
			[A, { type: 'confirm', heard: ['tired'] }]
		]);
		expect(summarize(talk.state).cards[0]!.turns[0]!.confirmed).toEqual({
			text: 'You are worn out.',
			feelings: ['tired', 'sad'],
			needs: ['connection'],
			heard: ['tired']
		});
		// With no feelings guessed there is nothing to say about them.
		const plain = run([
			[A, draw(card('light', 0))],
			[A, answer('Fine.')],
			[B, reflect('All fine.', [])],
			[A, { type: 'confirm', heard: [] }]
		]);
		expect(plain.log.at(-1)!.data).toEqual({});
		expect(summarize(plain.state).cards[0]!.turns[0]!.confirmed).not.toHaveProperty('heard');
	});

	it('keeps what the speaker added when asked "Is there more?", and nothing for "that\'s all"', () => {
		const talk = run([
			[A, draw(card('light', 0))],
			...turn(A, B),
			[B, { type: 'ask-more' }],
			[A, { type: 'add-more', text: 'And the rain on the window.' }],
			[B, reflect()],
			[A, confirm],
			[B, { type: 'ask-more' }],
			[A, { type: 'add-more', text: null }]
		]);
		expect(summarize(talk.state).cards[0]!.turns[0]!.additions).toEqual([
			'And the rain on the window.'
		]);
	});

	it('leaves out a card drawn and left without a word', () => {
		const talk = run([
			[A, draw(card('light', 0))],
			...turn(A, B),
			[B, draw(card('light', 1))],
			[A, end]
		]);
		const summary = summarize(talk.state);
		expect(summary.cards.map((c) => c.card.id)).toEqual([card('light', 0).id]);
		expect(summary.openingLine).toBeNull();
	});

	it('a talk still going lasts until its last event; a fresh one lasts nothing', () => {
		const talk = run([
			[A, draw()],
			[A, answer()]
		]);
		expect(summarize(talk.state).durationMs).toBe(2 * 60_000);
		expect(summarize(initialState())).toEqual({
			durationMs: 0,
			openingLine: null,
			cards: []
		});
	});
});
