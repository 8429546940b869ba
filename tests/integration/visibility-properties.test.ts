/**
 * The visibility promise as a property: for random conversations of every kind and random
 * sequences of intents by both partners (answers, reveal settings, reflections, set-asides,
 * private notes, a deletion), every read surface gives each viewer exactly what the rule allows —
 * never a partner's unrevealed answer, never another person's private note, nothing of another
 * couple — and every word the viewer may see is really there.
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
import { pair } from '../helpers/domain';

type Who = 0 | 1;
type Op =
	| { op: 'send'; by: Who; revealTogether: boolean; goFirst: boolean; custom: boolean }
	| { op: 'answer'; by: Who; card: number }
	| { op: 'not-ready'; by: Who; card: number }
	| { op: 'bring-back'; by: Who; card: number }
	| { op: 'reflect'; by: Who; card: number }
	| { op: 'confirm'; by: Who; card: number }
	| { op: 'appreciate'; by: Who; card: number }
	| { op: 'note'; by: Who; card: number }
	| { op: 'talk-answer'; by: Who };

const who = fc.constantFrom<Who>(0, 1);
const card = fc.nat({ max: 3 });
const op: fc.Arbitrary<Op> = fc.oneof(
	fc.record({
		op: fc.constant('send' as const),
		by: who,
		revealTogether: fc.boolean(),
		goFirst: fc.boolean(),
		custom: fc.boolean()
	}),
	...(
		['answer', 'not-ready', 'bring-back', 'reflect', 'confirm', 'appreciate', 'note'] as const
	).map((name) => fc.record({ op: fc.constant(name), by: who, card })),
	fc.record({ op: fc.constant('talk-answer' as const), by: who })
);

/** A word that can only come from one place, findable by full-text search. */
let counter = 0;
const word = (tag: string) => `zq${tag}${(counter++).toString(36)}x`;

/** The model: which words exist, who wrote them, and when each viewer may see them. */
type Secret = {
	text: string;
	owner: number;
	visibleTo: (viewer: number) => boolean;
	/** A secret that a later one replaces (a private note is rewritten, not added to). */
	key?: string;
};
type ModelCard = {
	id: string;
	sender: number;
	revealTogether: boolean;
	answered: Set<number>;
};
const revealed = (c: ModelCard) =>
	c.answered.size === 2 || (!c.revealTogether && c.answered.has(1 - c.sender));

describe('one visibility rule on every read surface', () => {
	it(
		'each viewer sees exactly what the rule allows, at every step and after a deletion',
		{ timeout: 240_000 },
		async () => {
			// Another couple, whose words must never reach this one.
			const others = await pair(['Robin', 'Kai']);
			const strangerCard = sendCard(others.a.id, {
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
						const everyone = () => true;
						const talk = startTalk(a.id, crypto.randomUUID());
						let talkDrawn = false;

						/** The words a viewer can find anywhere, on every read surface. */
						const surfaces = (viewer: number) => {
							const me = people[viewer]!;
							const parts: unknown[] = [inboxOf(me), timelineOf(me, {}, null), exportData(me)];
							parts.push(exportMarkdown(me, 'UTC'));
							for (const id of [...cards.map((c) => c.id), talk.conversationId]) {
								const { conversation } = forReading(me, id);
								parts.push(visibleEvents(me, conversation), readConversation(me, id));
								if (conversation.kind === 'async') parts.push(readCard(me, id));
							}
							return JSON.stringify(parts);
						};
						const check = (label: string) => {
							for (const viewer of [0, 1]) {
								const seen = surfaces(viewer);
								for (const s of secrets) {
									const may = s.visibleTo(viewer);
									expect(seen.includes(s.text), `${label}: viewer ${viewer}, ${s.text}`).toBe(may);
									const hits = searchHistory(people[viewer]!, s.text);
									if (!s.text.startsWith('zqnote'))
										expect(hits.length > 0, `${label}: search ${viewer} ${s.text}`).toBe(may);
								}
								for (const text of strangerWords) {
									expect(seen.includes(text)).toBe(false);
									expect(searchHistory(people[viewer]!, text)).toEqual([]);
								}
							}
						};
						/** What publish sends each participant for the event just appended. */
						const checkPublished = (conversationId: string, seq: number) => {
							const { conversation } = forReading(a.id, conversationId);
							const event = eventAt(conversationId, seq)!;
							for (const copy of copiesFor(conversation, event)) {
								const viewer = people.indexOf(copy.viewerId);
								expect(viewer).toBeGreaterThanOrEqual(0); // only the two of them
								const text = JSON.stringify(copy.event);
								for (const s of secrets)
									if (text.includes(s.text)) expect(s.visibleTo(viewer), s.text).toBe(true);
							}
						};

						for (const step of ops) {
							const actor = people[step.by]!;
							const target =
								'card' in step ? cards[step.card % Math.max(cards.length, 1)] : undefined;
							try {
								if (step.op === 'send') {
									const first = step.goFirst ? word('first') : null;
									const customWord = step.custom ? word('custom') : undefined;
									const text = customWord ? `What about ${customWord}?` : undefined;
									const sent = sendCard(actor, {
										clientId: crypto.randomUUID(),
										...(text
											? { text, category: 'day-to-day' as const, depth: 'light' as const }
											: { cardId: BUILT_IN_CARDS[cards.length % 20]!.id }),
										note: null,
										firstAnswer: first,
										revealTogether: step.revealTogether
									});
									const model: ModelCard = {
										id: sent.conversationId,
										sender: step.by,
										revealTogether: step.revealTogether,
										answered: new Set(first ? [step.by] : [])
									};
									cards.push(model);
									if (first)
										secrets.push({
											text: first,
											owner: step.by,
											visibleTo: (v) => v === step.by || revealed(model)
										});
									if (customWord)
										secrets.push({ text: customWord, owner: step.by, visibleTo: everyone });
									checkPublished(sent.conversationId, 1);
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
									checkPublished(talk.conversationId, done.event.seq);
								} else if (target && step.op === 'note') {
									const text = word('note');
									saveNote(actor, target.id, text);
									// One private note a person and conversation: a new one replaces the last.
									const key = `note:${step.by}:${target.id}`;
									const earlier = secrets.findIndex((s) => s.key === key);
									if (earlier >= 0) secrets.splice(earlier, 1);
									secrets.push({ text, owner: step.by, visibleTo: (v) => v === step.by, key });
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
									checkPublished(target.id, done.event.seq);
								}
							} catch (error) {
								if (!(error instanceof AppError)) throw error; // the rules refused: fine
							}
							check(step.op);
						}

						if (erase) {
							deleteAccount(a.id);
							// Every word Alex wrote is gone from what Sam keeps; Sam's own words stay.
							const seen = surfaces(1);
							for (const s of secrets) {
								if (s.owner === 0) expect(seen.includes(s.text), `erased ${s.text}`).toBe(false);
								else expect(seen.includes(s.text), `kept ${s.text}`).toBe(s.visibleTo(1));
								if (s.owner === 0) expect(searchHistory(b.id, s.text)).toEqual([]);
							}
						}
					}
				),
				{ numRuns: 25 }
			);
		}
	);
});
