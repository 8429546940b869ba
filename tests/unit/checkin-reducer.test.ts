import { describe, expect, it } from 'vitest';
import { checkinKind } from '$lib/conversation/checkin/kind';
import {
	applyCheckin,
	currentStep,
	initialCheckinState,
	mindTurn,
	replayCheckin,
	type CheckinState
} from '$lib/conversation/checkin/reducer';
import { decideCheckin } from '$lib/conversation/checkin/rules';
import type { CheckinEvent, CheckinIntent } from '$lib/conversation/checkin/types';
import type { Erasure } from '$lib/conversation/kind';
import { phaseOf } from '$lib/conversation/round';
import type { Participant } from '$lib/conversation/talk/types';

const A = 'user-alex';
const B = 'user-sam';
const STRANGER = 'user-stranger';
const PARTICIPANTS: Participant[] = [
	{ id: A, name: 'Alex' },
	{ id: B, name: 'Sam' }
];
const T0 = 1_700_000_000_000;
const names = (viewer: string) => (id: string | null) =>
	id === viewer ? 'You' : id === A ? 'Alex' : id === B ? 'Sam' : 'Hearth';

/** A check-in as the server keeps it: every intent through `decide`, every event in the log. */
class Server {
	log: CheckinEvent[] = [];
	state: CheckinState = initialCheckinState();

	constructor(starter = A) {
		this.append(starter, {
			type: 'checkin.started',
			data: { participants: PARTICIPANTS, kind: 'checkin' }
		});
	}

	append(actorId: string | null, data: Omit<CheckinEvent, 'seq' | 'actorId' | 'at'>) {
		const event = {
			...data,
			seq: this.state.lastSeq + 1,
			actorId,
			at: T0 + this.log.length * 60_000
		} as CheckinEvent;
		this.log.push(event);
		this.state = applyCheckin(this.state, event);
		return event;
	}

	/** Applies the intent if the rules allow it; returns the refusal's message otherwise. */
	act(actorId: string, intent: CheckinIntent): CheckinEvent | string {
		const decision = decideCheckin(this.state, actorId, intent);
		if (!decision.ok) return decision.message;
		return this.append(actorId, decision.event);
	}

	ok(actorId: string, intent: CheckinIntent): CheckinEvent {
		const result = this.act(actorId, intent);
		if (typeof result === 'string') throw new Error(`refused: ${result}`);
		return result;
	}

	/** What this viewer may see of the log now, and the state their browser builds from it. */
	view(viewer: string) {
		const events = this.log.flatMap((e) => {
			const seen = checkinKind.visibleTo(e, this.state, viewer);
			return seen ? [seen] : [];
		});
		return { events, state: replayCheckin(events) };
	}
}

const give = (step: 'appreciation' | 'went-well' | 'help', text: string): CheckinIntent => ({
	type: 'give',
	step,
	text
});
const pass = (step: 'appreciation' | 'went-well' | 'help'): CheckinIntent => ({
	type: 'pass',
	step
});

/** Through the two first steps to "one thing on my mind". */
function toMind(server: Server) {
	server.ok(A, give('appreciation', 'You made dinner on Tuesday.'));
	server.ok(B, give('appreciation', 'You listened on the walk.'));
	server.ok(B, give('went-well', 'The weekend at the lake.'));
	server.ok(A, pass('went-well'));
}

describe('a check-in: four steps both see', () => {
	it('starts with an appreciation; only the two partners may act', () => {
		const server = new Server();
		expect(server.state.status).toBe('active');
		expect(currentStep(server.state)).toBe('appreciation');
		const refused = decideCheckin(server.state, STRANGER, give('appreciation', 'hello'));
		expect(refused).toEqual({ ok: false, code: 'not_found', message: 'We could not find that.' });
		expect(checkinKind.visibleTo(server.log[0]!, server.state, STRANGER)).toBeNull();
	});

	it('reveals appreciations together: the partner sees that one is in, not its words, until both are', () => {
		const server = new Server();
		const first = server.ok(A, give('appreciation', 'You made dinner on Tuesday.'));
		expect(first.data).toEqual({ step: 'appreciation', text: 'You made dinner on Tuesday.' });
		expect(currentStep(server.state)).toBe('appreciation');

		const samSees = server.view(B);
		expect(JSON.stringify(samSees.events)).not.toContain('dinner');
		expect(samSees.state.entries).toEqual([
			expect.objectContaining({ by: A, text: null, withheld: true })
		]);
		// Alex has had a turn: a second is refused; Sam's copy is not the way in either.
		expect(server.act(A, give('appreciation', 'again'))).toBe(
			'You have had your turn on this one.'
		);

		const second = server.ok(B, give('appreciation', 'You listened on the walk.'));
		expect(second.data).toEqual({
			step: 'appreciation',
			text: 'You listened on the walk.',
			completes: true
		});
		expect(currentStep(server.state)).toBe('went-well');
		for (const viewer of [A, B]) {
			const { state, events } = server.view(viewer);
			expect(currentStep(state)).toBe('went-well');
			expect(JSON.stringify(events)).toContain('dinner');
			expect(JSON.stringify(events)).toContain('the walk');
		}
	});

	it('"Not this week" leaves no trace on the partner\'s side, and no line for anyone', () => {
		const server = new Server();
		const passed = server.ok(B, pass('appreciation'));
		expect(passed.data).toEqual({ step: 'appreciation' });

		// Alex's copy names nobody and changes nothing: Alex sees no sign of it.
		const before = server.view(A);
		expect(before.events.at(-1)).toEqual({ ...passed, actorId: null });
		expect(before.state.passed).toEqual([]);
		expect(currentStep(before.state)).toBe('appreciation');

		// Alex's appreciation completes the step (the rules know Sam has had their turn).
		const given = server.ok(A, give('appreciation', 'You made dinner on Tuesday.'));
		expect(given.data).toMatchObject({ completes: true });
		for (const viewer of [A, B]) {
			const { events, state } = server.view(viewer);
			expect(currentStep(state)).toBe('went-well');
			const lines = checkinKind.transcript(events, names(viewer));
			const passLine = lines.find((l) => l.seq === passed.seq);
			expect(passLine, `${viewer}: a line for the pass`).toBeUndefined();
			const alex = viewer === A ? 'You' : 'Alex';
			expect(lines.map((l) => [l.heading, l.text])).toEqual([
				[undefined, `${alex} started the check-in`],
				['An appreciation', `${alex} shared an appreciation`]
			]);
		}
	});

	it('a step passed by both leaves no line at all, not even its title', () => {
		const server = new Server();
		server.ok(A, pass('appreciation'));
		const last = server.ok(B, pass('appreciation'));
		expect(last.data).toEqual({ step: 'appreciation', completes: true });
		expect(currentStep(server.state)).toBe('went-well');
		for (const viewer of [A, B]) {
			const { events, state } = server.view(viewer);
			expect(currentStep(state)).toBe('went-well');
			const lines = checkinKind.transcript(events, names(viewer));
			expect(lines.map((l) => l.kind)).toEqual(['start']);
		}
	});

	it('a late tap never passes the next step', () => {
		const server = new Server();
		server.ok(A, give('appreciation', 'Thank you for Tuesday.'));
		server.ok(B, pass('appreciation'));
		expect(server.act(A, pass('appreciation'))).toBe('You have both moved on from that step.');
		expect(server.act(B, give('appreciation', 'late'))).toBe(
			'You have both moved on from that step.'
		);
		expect(server.act(A, { type: 'move-on' })).toBe('You have both moved on from that step.');
		expect(server.act(A, { type: 'answer', text: 'early', aloud: false })).toBe(
			'One thing on your mind comes a little later.'
		);
	});

	it('one thing on my mind is the shared round: floor, reflect-back, just listen; then what would help', () => {
		const server = new Server();
		toMind(server);
		expect(currentStep(server.state)).toBe('mind');
		// The one who began the check-in holds the floor first; the partner may go first instead.
		expect(mindTurn(server.state)).toMatchObject({ speakerId: A, listenerId: B });
		server.ok(B, { type: 'go-first' });
		expect(mindTurn(server.state)).toMatchObject({ speakerId: B, listenerId: A });
		expect(server.act(A, { type: 'answer', text: 'x', aloud: false })).toBe(
			'Only the one holding the floor answers this question.'
		);
		server.ok(B, {
			type: 'answer',
			text: 'Work has been heavy.',
			aloud: false,
			feelings: ['tired']
		});
		server.ok(A, {
			type: 'reflect',
			text: 'Work weighs on you.',
			feelings: ['tired', 'worried'],
			needs: ['rest']
		});
		server.ok(B, { type: 'not-quite', clarification: 'More the evenings.', heard: ['tired'] });
		server.ok(A, {
			type: 'reflect',
			text: 'The evenings feel short.',
			feelings: ['tired'],
			needs: []
		});
		server.ok(B, { type: 'confirm', heard: ['tired'] });
		server.ok(B, { type: 'steer', mode: 'listen' });
		expect(phaseOf(mindTurn(server.state)!)).toBe('complete');
		expect(mindTurn(server.state)!.steer).toBe('listen');
		expect(server.act(A, { type: 'share-thoughts', text: 'advice' })).toBe(
			'Share your thoughts once you have been asked for them.'
		);
		server.ok(A, { type: 'swap' });
		expect(mindTurn(server.state)).toMatchObject({ speakerId: A, listenerId: B });
		const moved = server.ok(B, { type: 'move-on' });
		expect(currentStep(server.state)).toBe('help');

		// Alex's view of Sam moving on names nobody; both browsers agree on where they are.
		expect(server.view(A).events.find((e) => e.seq === moved.seq)?.actorId).toBeNull();
		expect(currentStep(server.view(A).state)).toBe('help');

		server.ok(A, give('help', 'A quiet Sunday morning.'));
		const last = server.ok(B, give('help', 'Help with the dishes.'));
		expect(last.data).toMatchObject({ completes: true });
		expect(server.state).toMatchObject({ status: 'ended', endReason: 'complete' });
		expect(currentStep(server.state)).toBeNull();
		expect(server.act(A, { type: 'end' })).toBe('This check-in has ended.');

		const lines = checkinKind.transcript(server.view(B).events, names(B));
		expect(lines.flatMap((l) => (l.heading ? [l.heading] : []))).toEqual([
			'An appreciation',
			'What went well',
			'One thing on my mind',
			'What would help'
		]);
		expect(
			lines.find((l) => l.kind === 'answer' && l.quote === 'Work has been heavy.')
		).toMatchObject({
			text: 'You shared what was on their mind',
			feelings: ['tired']
		});
		expect(lines.some((l) => l.kind === 'confirmed')).toBe(true);
		expect(lines.find((l) => l.quote === 'Help with the dishes.')?.text).toBe(
			'You: what would help this week'
		);
	});

	it('"Not this week" on one thing on my mind moves on, with no line', () => {
		const server = new Server();
		toMind(server);
		const moved = server.ok(A, { type: 'move-on' });
		expect(currentStep(server.state)).toBe('help');
		for (const viewer of [A, B]) {
			const lines = checkinKind.transcript(server.view(viewer).events, names(viewer));
			expect(lines.find((l) => l.seq === moved.seq)).toBeUndefined();
			expect(lines.some((l) => l.heading === 'One thing on my mind')).toBe(false);
		}
	});

	it('either may end it for both; nothing is accepted after', () => {
		const server = new Server();
		server.ok(A, give('appreciation', 'Thanks for the flowers.'));
		server.ok(B, { type: 'end' });
		expect(server.state).toMatchObject({ status: 'ended', endReason: 'ended' });
		expect(server.act(A, give('appreciation', 'more'))).toBe('This check-in has ended.');
		// A step left unfinished keeps its words with their writer: revealed together, or not at all.
		expect(JSON.stringify(server.view(B).events)).not.toContain('flowers');
		expect(checkinKind.transcript(server.view(B).events, names(B)).map((l) => l.kind)).toEqual([
			'start',
			'end'
		]);
	});

	it("entries are answer words (search waits for the reveal); an erasure removes a person's words", () => {
		const server = new Server();
		const entry = server.ok(A, give('appreciation', 'zqsecret words'));
		expect(checkinKind.wordsOf(entry)).toEqual([{ part: 'answer', text: 'zqsecret words' }]);
		server.ok(B, give('appreciation', 'Sam says thanks'));
		toMindFromWentWell(server);
		const answer = server.ok(A, { type: 'answer', text: 'zqmind', aloud: false });
		expect(checkinKind.wordsOf(answer)).toEqual([{ part: 'other', text: 'zqmind' }]);

		const erasure: Erasure = {
			userId: A,
			cardIds: new Set(),
			planIds: new Set(),
			formerName: 'Former partner'
		};
		const scrubbed = server.log.map(
			(e) => ({ ...e, data: checkinKind.scrub(e, erasure) }) as CheckinEvent
		);
		const text = JSON.stringify(scrubbed);
		expect(text).not.toContain('zqsecret');
		expect(text).not.toContain('zqmind');
		expect(text).not.toContain('Alex');
		expect(text).toContain('Sam says thanks');
		const lines = checkinKind.transcript(
			scrubbed.map((e) => checkinKind.visibleTo(e, replayCheckin(scrubbed), B)!),
			(id) => (id === B ? 'You' : 'Former partner')
		);
		expect(lines.find((l) => l.seq === entry.seq)?.text).toBe(
			'Former partner shared an appreciation. Their words were removed when they left Hearth.'
		);
	});

	it('is total: events out of place change nothing and never throw', () => {
		let state = initialCheckinState();
		const odd: CheckinEvent[] = [
			{ seq: 1, actorId: A, at: T0, type: 'answer.given', data: { text: 'x', aloud: false } },
			{ seq: 2, actorId: null, at: T0, type: 'step.moved-on', data: { step: 'mind' } },
			{ seq: 3, actorId: B, at: T0, type: 'entry.given', data: { step: 'help', text: 'y' } },
			{ seq: 4, actorId: B, at: T0, type: 'turn.swapped', data: {} },
			{ seq: 5, actorId: null, at: T0, type: 'checkin.ended', data: { reason: 'idle' } }
		];
		for (const event of odd) state = applyCheckin(state, event);
		expect(state).toMatchObject({ step: 0, entries: [], mind: null, lastSeq: 5, status: 'ended' });
	});
});

function toMindFromWentWell(server: Server) {
	server.ok(A, pass('went-well'));
	server.ok(B, pass('went-well'));
}
