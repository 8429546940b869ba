/**
 * The visibility promise as a property: for random conversations of every kind and random
 * sequences of intents by both partners (answers, reveal settings, reflections, set-asides,
 * private notes, a deletion), every read surface gives each viewer exactly what the rule allows —
 * never a partner's unrevealed answer, never another person's private note, nothing of another
 * couple — and every word the viewer may see is really there.
 *
 * "Not yet" belongs to the one who said it: a partner's set-aside or bring-back never names them,
 * never makes a card "new", never shows as a line or a tag on the other's screens.
 *
 * An "I noticed…" card's composed words are the partner's to read at once, like a card's question.
 * An open door is seen by both partners while it is open (a week from its last opening, on a clock
 * the test moves), by nobody else, and never on a surface of history; after a deletion, by nobody.
 *
 * The rule is restated here on its own (a model), not read from the code under test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_CARDS } from '$lib/deck/cards';
import { AppError } from '$lib/server/errors';
import { inboxOf, readCard, sendCard } from '$lib/server/cards/cards';
import { forReading } from '$lib/server/conversations/gate';
import { submitIntent } from '$lib/server/conversations/pipeline';
import { eventAt } from '$lib/server/conversations/log';
import { copiesFor, visibleEvents } from '$lib/server/conversations/visibility';
import { deleteAccount, exportData, exportMarkdown } from '$lib/server/history/account';
import { readConversation, saveNote, searchHistory, timelineOf } from '$lib/server/history/history';
import { startTalk } from '$lib/server/talk/talks';
import { readSide, startSide } from '$lib/server/talk/side';
import { currentRound, type SideState } from '$lib/conversation/side/reducer';
import { doorsFor, closeDoor, openDoor } from '$lib/server/door/doors';
import type { DoorDepth } from '$lib/conversation/door/types';
import { startCheckin } from '$lib/server/checkin/checkins';
import { pair } from '../helpers/domain';

type Who = 0 | 1;
type Op =
	| {
			op: 'send';
			by: Who;
			revealTogether: boolean;
			goFirst: boolean;
			shareFirst: boolean;
			custom: boolean;
	  }
	| { op: 'answer'; by: Who; card: number }
	| { op: 'not-ready'; by: Who; card: number }
	| { op: 'bring-back'; by: Who; card: number }
	| { op: 'reflect'; by: Who; card: number }
	| { op: 'confirm'; by: Who; card: number }
	| { op: 'appreciate'; by: Who; card: number }
	| { op: 'note'; by: Who; card: number }
	| { op: 'talk-answer'; by: Who }
	| { op: 'side'; by: Who }
	| { op: 'notice'; by: Who }
	| { op: 'door-open'; by: Who; depth: DoorDepth | null }
	| { op: 'door-close'; by: Who; whose: Who }
	| { op: 'wait'; days: number }
	| { op: 'checkin-give'; by: Who }
	| { op: 'checkin-pass'; by: Who }
	| { op: 'checkin-mind'; by: Who }
	| { op: 'checkin-move-on'; by: Who };

const who = fc.constantFrom<Who>(0, 1);
const card = fc.nat({ max: 3 });
const op: fc.Arbitrary<Op> = fc.oneof(
	fc.record({
		op: fc.constant('send' as const),
		by: who,
		revealTogether: fc.boolean(),
		goFirst: fc.boolean(),
		shareFirst: fc.boolean(),
		custom: fc.boolean()
	}),
	...(
		['answer', 'not-ready', 'bring-back', 'reflect', 'confirm', 'appreciate', 'note'] as const
	).map((name) => fc.record({ op: fc.constant(name), by: who, card })),
	fc.record({ op: fc.constant('talk-answer' as const), by: who }),
	fc.record({ op: fc.constant('side' as const), by: who }),
	fc.record({ op: fc.constant('notice' as const), by: who }),
	fc.record({
		op: fc.constant('door-open' as const),
		by: who,
		depth: fc.constantFrom<DoorDepth | null>(null, 'light', 'on-my-mind')
	}),
	fc.record({ op: fc.constant('door-close' as const), by: who, whose: who }),
	fc.record({ op: fc.constant('wait' as const), days: fc.integer({ min: 0, max: 5 }) }),
	...(['checkin-give', 'checkin-pass', 'checkin-mind', 'checkin-move-on'] as const).map((name) =>
		fc.record({ op: fc.constant(name), by: who })
	)
);

/** The next step of a talk side by side, whatever it is (either partner taps on the one phone). */
function nextSideStep(state: SideState) {
	switch (currentRound(state)?.phase) {
		case 'sharing':
			return { type: 'shared' };
		case 'reflecting':
			return { type: 'reflected', feelings: ['calm'] };
		case 'confirming':
			return { type: 'confirm' };
		default:
			return { type: 'draw' };
	}
}

/**
 * The check-in, restated: four steps in order; on the three entry steps each person writes or
 * passes once, and the step is done when both have; "one thing on my mind" is done when either
 * moves on. An entry's words reach the partner once its step is done.
 */
const CHECKIN_STEPS = ['appreciation', 'went-well', 'mind', 'help'] as const;
type ModelCheckin = { step: number; turns: Set<number>[]; ended: boolean };

/** A word that can only come from one place, findable by full-text search. */
let counter = 0;
const word = (tag: string) => `zq${tag}${(counter++).toString(36)}x`;

/** The model: which words exist, who wrote them, and when each viewer may see them. */
type Secret = { text: string; owner: number; visibleTo: (viewer: number) => boolean };
type ModelCard = {
	id: string;
	sender: number;
	revealTogether: boolean;
	answered: Set<number>;
	/** Who has it set aside right now, if anyone. */
	restingBy: number | null;
	/** Who did what, in order; a set-aside or a bring-back is never news to the partner. */
	log: { by: number; news: boolean }[];
};
/** Something new for this viewer: news from the partner after the viewer's own last step. */
const unreadFor = (c: ModelCard, viewer: number) => {
	const lastOwn = c.log.findLastIndex((e) => e.by === viewer);
	return c.log.slice(lastOwn + 1).some((e) => e.by !== viewer && e.news);
};
const DAY = 24 * 60 * 60 * 1000;
/** A door as the model keeps it: open while not closed and less than a week since last opened. */
type ModelDoor = { id: string; openedAt: number; depth: DoorDepth | null; closed: boolean };
const doorOpen = (d: ModelDoor | undefined, now: number): d is ModelDoor =>
	!!d && !d.closed && now - d.openedAt < 7 * DAY;
const revealed = (c: ModelCard) =>
	c.answered.size === 2 || (!c.revealTogether && c.answered.has(1 - c.sender));

describe('one visibility rule on every read surface', () => {
	it(
		'each viewer sees exactly what the rule allows, at every step and after a deletion',
		{ timeout: 240_000 },
		async () => {
			// Another couple, whose words must never reach this one.
			const others = await pair(['Robin', 'Kai']);
			const strangerCard = await sendCard(others.a.id, {
				clientId: crypto.randomUUID(),
				text: `Stranger question ${word('stranger')}`,
				category: 'day-to-day',
				depth: 'light',
				note: word('strangernote'),
				firstAnswer: word('strangeranswer'),
				revealTogether: true
			});
			const strangerWords = [word('strangersearch')];
			await submitIntent('async', others.b.id, strangerCard.conversationId, crypto.randomUUID(), {
				type: 'answer',
				text: strangerWords[0]
			});

			await fc.assert(
				fc.asyncProperty(
					fc.array(op, { minLength: 1, maxLength: 14 }),
					fc.boolean(),
					async (ops, erase) => {
						const { a, b } = await pair();
						const people = [a.id, b.id];
						const cards: ModelCard[] = [];
						const secrets: Secret[] = [];
						const notes = new Map<string, Secret>();
						const everyone = () => true;
						const talk = await startTalk(a.id, crypto.randomUUID());
						let talkDrawn = false;
						const side = await startSide(b.id, crypto.randomUUID(), {
							activity: 'walking',
							pace: 'free'
						});
						const doors: (ModelDoor | undefined)[] = [undefined, undefined];
						const doorIds = new Set<string>();
						let clock = Date.now();
						const checkin = await startCheckin(b.id, crypto.randomUUID());
						const model: ModelCheckin = {
							step: 0,
							turns: CHECKIN_STEPS.map(() => new Set<number>()),
							ended: false
						};
						const checkinDone = (step: number) => model.step > step;
						/** Seqs of the check-in's quiet events: "Not this week" and moving on. */
						const quiet: number[] = [];

						/** The words a viewer can find anywhere, on every read surface. */
						const surfaces = async (viewer: number) => {
							const me = people[viewer]!;
							const parts: unknown[] = [
								await inboxOf(me),
								await timelineOf(me, {}, null),
								await exportData(me)
							];
							parts.push(await exportMarkdown(me, 'UTC'));
							for (const id of [
								...cards.map((c) => c.id),
								talk.conversationId,
								side.conversationId,
								checkin.conversationId
							]) {
								const { conversation } = await forReading(me, id);
								parts.push(await visibleEvents(me, conversation), await readConversation(me, id));
								if (conversation.kind === 'async') parts.push(await readCard(me, id));
							}
							return JSON.stringify(parts);
						};
						/** No trace of a partner's "not yet" anywhere this viewer looks. */
						const checkNotYet = async (label: string, viewer: number) => {
							const me = people[viewer]!;
							// A check-in's "Not this week" and moving on: anonymous to the partner, no line.
							const { conversation: own } = await forReading(me, checkin.conversationId);
							for (const e of await visibleEvents(me, own))
								if (quiet.includes(e.seq))
									expect([me, null], `${label}: a pass names`).toContain(e.actorId);
							for (const line of (await readConversation(me, checkin.conversationId)).lines)
								expect(quiet, `${label}: a line for a pass`).not.toContain(line.seq);
							const inbox = new Map((await inboxOf(me)).map((i) => [i.id, i]));
							const timeline = new Map(
								(await timelineOf(me, {}, null)).items.map((i) => [i.id, i])
							);
							const filtered = (await timelineOf(me, { setAside: true }, null)).items.map(
								(i) => i.id
							);
							for (const c of cards) {
								const { conversation } = await forReading(me, c.id);
								for (const e of await visibleEvents(me, conversation))
									if (e.type === 'card.set-aside' || e.type === 'card.brought-back')
										expect([me, null], `${label}: ${e.type} names`).toContain(e.actorId);
								const lines = (await readConversation(me, c.id)).lines;
								for (const line of lines)
									if (line.kind === 'set-aside' || line.kind === 'brought-back')
										expect(line.who, `${label}: line`).toBe('You');
								expect(inbox.get(c.id)!.unread, `${label}: new for ${viewer}`).toBe(
									unreadFor(c, viewer)
								);
								const mine = c.restingBy === viewer;
								expect(timeline.get(c.id)?.hasSetAside ?? false, `${label}: tag`).toBe(mine);
								expect(filtered.includes(c.id), `${label}: filter`).toBe(mine);
							}
						};
						/** Each one sees the doors open now, and no surface of history holds any door. */
						const checkDoors = async (label: string) => {
							for (const viewer of [0, 1]) {
								const me = people[viewer]!;
								const seen = await doorsFor(me, clock);
								const mine = doors[viewer];
								const theirs = doors[1 - viewer];
								expect(seen.mine?.id ?? null, `${label}: own door`).toBe(
									doorOpen(mine, clock) ? mine.id : null
								);
								expect(seen.partner?.id ?? null, `${label}: partner's door`).toBe(
									doorOpen(theirs, clock) ? theirs.id : null
								);
								if (doorOpen(theirs, clock))
									expect(seen.partner?.depth, `${label}: depth`).toBe(theirs.depth);
								const everywhere = await surfaces(viewer);
								for (const id of doorIds) {
									expect(everywhere.includes(id), `${label}: door in history`).toBe(false);
									expect(await searchHistory(me, id)).toEqual([]);
								}
							}
							// Another couple: nothing, not even "read-only".
							const theirs = await doorsFor(others.a.id, clock);
							expect(theirs).toEqual({ mine: null, partner: null });
							for (const id of doorIds)
								await expect(forReading(others.a.id, id)).rejects.toThrow(AppError);
						};
						const check = async (label: string) => {
							await checkDoors(label);
							for (const viewer of [0, 1]) {
								await checkNotYet(label, viewer);
								const seen = await surfaces(viewer);
								for (const s of secrets) {
									const may = s.visibleTo(viewer);
									expect(seen.includes(s.text), `${label}: viewer ${viewer}, ${s.text}`).toBe(may);
									const hits = await searchHistory(people[viewer]!, s.text);
									if (!s.text.startsWith('zqnote'))
										expect(hits.length > 0, `${label}: search ${viewer} ${s.text}`).toBe(may);
								}
								for (const text of strangerWords) {
									expect(seen.includes(text)).toBe(false);
									expect(await searchHistory(people[viewer]!, text)).toEqual([]);
								}
							}
						};
						/** What publish sends each participant for the event just appended. */
						const checkPublished = async (conversationId: string, seq: number) => {
							const { conversation } = await forReading(a.id, conversationId);
							const event = (await eventAt(conversationId, seq))!;
							for (const copy of await copiesFor(conversation, event)) {
								const viewer = people.indexOf(copy.viewerId);
								expect(viewer).toBeGreaterThanOrEqual(0); // only the two of them
								const text = JSON.stringify(copy.event);
								for (const s of secrets)
									if (text.includes(s.text)) expect(s.visibleTo(viewer), s.text).toBe(true);
							}
						};

						for (const step of ops) {
							const actor = people['by' in step ? step.by : 0]!;
							const target =
								'card' in step ? cards[step.card % Math.max(cards.length, 1)] : undefined;
							try {
								if (step.op === 'send') {
									const first = step.goFirst ? word('first') : null;
									const customWord = step.custom ? word('custom') : undefined;
									const text = customWord ? `What about ${customWord}?` : undefined;
									const sent = await sendCard(actor, {
										clientId: crypto.randomUUID(),
										...(text
											? { text, category: 'day-to-day' as const, depth: 'light' as const }
											: { cardId: BUILT_IN_CARDS[cards.length % 20]!.id }),
										note: null,
										firstAnswer: first,
										shareFirst: step.shareFirst,
										revealTogether: step.revealTogether
									});
									const model: ModelCard = {
										id: sent.conversationId,
										sender: step.by,
										revealTogether: step.revealTogether,
										answered: new Set(first ? [step.by] : []),
										restingBy: null,
										log: [{ by: step.by, news: true }]
									};
									cards.push(model);
									// Going first with "share mine now" is a gift: the partner reads it at once.
									if (first)
										secrets.push({
											text: first,
											owner: step.by,
											visibleTo: (v) => v === step.by || step.shareFirst || revealed(model)
										});
									if (customWord)
										secrets.push({ text: customWord, owner: step.by, visibleTo: everyone });
									await checkPublished(sent.conversationId, 1);
								} else if (step.op === 'notice') {
									const observation = `I noticed ${word('noticed')}`;
									const invitation = `Would you like to ${word('invite')}?`;
									const sent = await sendCard(actor, {
										clientId: crypto.randomUUID(),
										noticed: { observation, feelings: ['tired'], invitation }
									});
									cards.push({
										id: sent.conversationId,
										sender: step.by,
										revealTogether: false,
										answered: new Set(),
										restingBy: null,
										log: [{ by: step.by, news: true }]
									});
									// Composed words are the card's question: the partner's to read at once.
									for (const text of [observation.split(' ')[2]!, invitation.split(' ').at(-1)!])
										secrets.push({
											text: text.replace('?', ''),
											owner: step.by,
											visibleTo: everyone
										});
									await checkPublished(sent.conversationId, 1);
								} else if (step.op === 'wait') {
									clock += step.days * DAY;
								} else if (step.op === 'door-open') {
									const before = doors[step.by];
									const wasOpen = doorOpen(before, clock);
									const opened = await openDoor(
										actor,
										{ clientId: crypto.randomUUID(), depth: step.depth },
										clock
									);
									// Opening it again while open updates the same door.
									if (wasOpen) expect(opened.conversationId).toBe(before!.id);
									else
										expect(opened.conversationId).not.toBe((before as ModelDoor | undefined)?.id);
									doors[step.by] = {
										id: opened.conversationId,
										openedAt: clock,
										depth: step.depth,
										closed: false
									};
									doorIds.add(opened.conversationId);
									const { conversation } = await forReading(actor, opened.conversationId);
									await checkPublished(opened.conversationId, conversation.lastSeq);
								} else if (step.op === 'door-close') {
									const door = doors[step.whose];
									if (door) {
										const open = doorOpen(door, clock);
										let closed = true;
										try {
											await closeDoor(actor, door.id, crypto.randomUUID(), clock);
										} catch (error) {
											if (!(error instanceof AppError)) throw error;
											closed = false;
										}
										// Either partner closes an open door; a closed or faded one stays as it is.
										expect(closed, 'close').toBe(open);
										if (closed) door.closed = true;
									}
								} else if (step.op === 'talk-answer') {
									if (!talkDrawn) {
										await submitIntent('live', a.id, talk.conversationId, crypto.randomUUID(), {
											type: 'draw'
										});
										talkDrawn = true;
									}
									const text = word('talk');
									const done = await submitIntent(
										'live',
										actor,
										talk.conversationId,
										crypto.randomUUID(),
										{
											type: 'answer',
											text,
											aloud: false
										}
									);
									secrets.push({ text, owner: step.by, visibleTo: everyone });
									await checkPublished(talk.conversationId, done.event.seq);
								} else if (step.op === 'side') {
									const { state } = await readSide(actor, side.conversationId);
									const done = await submitIntent(
										'side',
										actor,
										side.conversationId,
										crypto.randomUUID(),
										nextSideStep(state)
									);
									await checkPublished(side.conversationId, done.event.seq);
								} else if (step.op.startsWith('checkin-')) {
									const current = CHECKIN_STEPS[model.step] ?? 'help';
									const text = word('checkin');
									const entryStep = current === 'mind' ? 'help' : current;
									const intent =
										step.op === 'checkin-give'
											? { type: 'give', step: entryStep, text }
											: step.op === 'checkin-pass'
												? { type: 'pass', step: entryStep }
												: step.op === 'checkin-mind'
													? { type: 'answer', text, aloud: false }
													: { type: 'move-on' };
									const done = await submitIntent(
										'checkin',
										actor,
										checkin.conversationId,
										crypto.randomUUID(),
										intent
									);
									// Allowed: the model moves as the rule says it must.
									if (step.op === 'checkin-give' || step.op === 'checkin-pass') {
										const at = model.step;
										model.turns[at]!.add(step.by);
										if (step.op === 'checkin-give')
											secrets.push({
												text,
												owner: step.by,
												visibleTo: (v) => v === step.by || checkinDone(at)
											});
										else quiet.push(done.event.seq);
										if (model.turns[at]!.size === 2) model.step += 1;
									} else if (step.op === 'checkin-move-on') {
										quiet.push(done.event.seq);
										model.step += 1;
									} else {
										secrets.push({ text, owner: step.by, visibleTo: everyone });
									}
									if (model.step === CHECKIN_STEPS.length) model.ended = true;
									await checkPublished(checkin.conversationId, done.event.seq);
								} else if (target && step.op === 'note') {
									const text = word('note');
									await saveNote(actor, target.id, text);
									// A private note is one per person and conversation: a new one replaces it.
									const earlier = notes.get(`${step.by}:${target.id}`);
									if (earlier) secrets.splice(secrets.indexOf(earlier), 1);
									const note: Secret = { text, owner: step.by, visibleTo: (v) => v === step.by };
									notes.set(`${step.by}:${target.id}`, note);
									secrets.push(note);
								} else if (target) {
									const text = word(step.op.replace('-', ''));
									const intent =
										step.op === 'answer'
											? { type: 'answer', text }
											: step.op === 'reflect'
												? { type: 'reflect', text, feelings: [], needs: [] }
												: step.op === 'appreciate'
													? { type: 'appreciate', text }
													: { type: step.op };
									const done = await submitIntent(
										'async',
										actor,
										target.id,
										crypto.randomUUID(),
										intent
									);
									const quiet = step.op === 'not-ready' || step.op === 'bring-back';
									target.log.push({ by: step.by, news: !quiet });
									if (step.op === 'not-ready') target.restingBy = step.by;
									if (step.op === 'bring-back') target.restingBy = null;
									if (step.op === 'answer') {
										target.answered.add(step.by);
										secrets.push({
											text,
											owner: step.by,
											visibleTo: (v) => v === step.by || revealed(target)
										});
									} else if (step.op === 'reflect' || step.op === 'appreciate') {
										secrets.push({ text, owner: step.by, visibleTo: everyone });
									}
									await checkPublished(target.id, done.event.seq);
								}
							} catch (error) {
								if (!(error instanceof AppError)) throw error; // the rules refused: fine
							}
							await check(step.op);
						}

						if (erase) {
							await deleteAccount(a.id);
							// The couple has ended: no door is seen by anyone any more.
							expect(await doorsFor(b.id, clock)).toEqual({ mine: null, partner: null });
							for (const id of doorIds)
								await expect(forReading(b.id, id)).rejects.toThrow(AppError);
							// Every word Alex wrote is gone from what Sam keeps; Sam's own words stay.
							const seen = await surfaces(1);
							for (const s of secrets) {
								if (s.owner === 0) expect(seen.includes(s.text), `erased ${s.text}`).toBe(false);
								else expect(seen.includes(s.text), `kept ${s.text}`).toBe(s.visibleTo(1));
								if (s.owner === 0) expect(await searchHistory(b.id, s.text)).toEqual([]);
							}
						}
					}
				),
				{ numRuns: 25 }
			);
		}
	);
});
