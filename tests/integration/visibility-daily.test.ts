/**
 * The visibility promise for questions for today, as a property (a sibling of
 * visibility-properties.test.ts): for random hours in New York and London and random sequences of
 * days passing, answers, reflections and "not today", every read surface gives each viewer exactly
 * what the rule allows — nothing of a question before it reached them, never a partner's answer
 * before both answered, and "not today" changes nothing the partner can read.
 *
 * The rule is restated here on its own (a model), not read from the code under test.
 */
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { setTimeZone } from '$lib/server/couples/settings';
import { getDb } from '$lib/server/db';
import { conversations } from '$lib/server/db/schema';
import { submitIntent } from '$lib/server/conversations/pipeline';
import { visibleEvents } from '$lib/server/conversations/visibility';
import { deliverDueQuestions } from '$lib/server/daily/deliver';
import { saveDailyChoice } from '$lib/server/daily/settings';
import { readDaily, sayNotToday } from '$lib/server/daily/today';
import { exportData } from '$lib/server/history/account';
import { readConversation, searchHistory, timelineOf } from '$lib/server/history/history';
import { pair } from '../helpers/domain';

type Who = 0 | 1;
type Op =
	| { op: 'wait'; minutes: number }
	| { op: 'answer'; by: Who }
	| { op: 'reflect'; by: Who }
	| { op: 'not-today'; by: Who };

const who = fc.constantFrom<Who>(0, 1);
const op: fc.Arbitrary<Op> = fc.oneof(
	{
		weight: 3,
		arbitrary: fc.record({
			op: fc.constant('wait' as const),
			minutes: fc.integer({ min: 60, max: 36 * 60 })
		})
	},
	fc.record({ op: fc.constant('answer' as const), by: who }),
	fc.record({ op: fc.constant('reflect' as const), by: who }),
	fc.record({ op: fc.constant('not-today' as const), by: who })
);

let counter = 0;
const word = (tag: string) => `zq${tag}${(counter++).toString(36)}x`;

type Model = {
	id: string;
	deliveredTo: Set<number>;
	answers: Map<number, string>;
	reflections: string[];
};

const row = async (id: string) =>
	(await getDb().select().from(conversations).where(eq(conversations.id, id)).limit(1))[0]!;

describe('one visibility rule for questions for today, on every read surface', () => {
	it('nothing before it reached you, answers only together, and "not today" invisible to the partner', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 0, max: 23 }),
				fc.integer({ min: 0, max: 23 }),
				fc.array(op, { minLength: 3, maxLength: 14 }),
				async (hourA, hourB, ops) => {
					const { a, b, coupleId } = await pair(['Alex', 'Sam']);
					const people = [a, b];
					await setTimeZone(a.id, 'America/New_York');
					await setTimeZone(b.id, 'Europe/London');
					await saveDailyChoice(a.id, {
						enabled: true,
						hour: hourA,
						days: '1234567',
						depth: 'light'
					});
					await saveDailyChoice(b.id, {
						enabled: true,
						hour: hourB,
						days: '1234567',
						depth: 'light'
					});
					// March 2031: the US clocks change on the 9th, the EU ones on the 30th.
					let now = DateTime.fromISO('2031-03-07T00:00', { zone: 'UTC' }).toMillis();
					const models = new Map<string, Model>();
					const latestFor = (p: number) =>
						[...models.values()].filter((m) => m.deliveredTo.has(p)).at(-1);
					let clientN = 0;

					for (const step of ops) {
						if (step.op === 'wait') {
							for (let t = now + 60 * 60_000; t <= now + step.minutes * 60_000; t += 60 * 60_000) {
								const delivered = await deliverDueQuestions(t);
								for (const d of delivered.filter((x) => x.coupleId === coupleId)) {
									const p = d.userId === a.id ? 0 : 1;
									const m = models.get(d.conversationId) ?? {
										id: d.conversationId,
										deliveredTo: new Set<number>(),
										answers: new Map(),
										reflections: []
									};
									m.deliveredTo.add(p);
									models.set(d.conversationId, m);
								}
							}
							now += step.minutes * 60_000;
							continue;
						}
						const m = latestFor(step.by);
						if (!m) continue;
						const actor = people[step.by]!.id;
						if (step.op === 'not-today') {
							const partner = people[1 - step.by]!.id;
							const seen = m.deliveredTo.has(1 - step.by)
								? JSON.stringify(await visibleEvents(partner, await row(m.id)))
								: null;
							const reached = m.deliveredTo.has(1 - step.by);
							const partnerSaid = reached ? (await readDaily(partner, m.id)).notToday : null;
							const before = await row(m.id);
							await sayNotToday(actor, m.id, now);
							expect(await row(m.id)).toEqual(before);
							if (seen)
								expect(JSON.stringify(await visibleEvents(partner, await row(m.id)))).toBe(seen);
							// The partner's page reads only the partner's own "not today", unchanged.
							if (reached) expect((await readDaily(partner, m.id)).notToday).toBe(partnerSaid);
							expect((await readDaily(actor, m.id)).notToday).toBe(true);
							continue;
						}
						const text = word(step.op);
						const intent =
							step.op === 'answer'
								? { type: 'answer', text }
								: { type: 'reflect', text, feelings: [], needs: [] };
						try {
							await submitIntent('daily', actor, m.id, `c${clientN++}x${counter}`, intent, { now });
							if (step.op === 'answer') m.answers.set(step.by, text);
							else m.reflections.push(text);
						} catch {
							// Refused (answered already, resting, nothing to reflect on yet): nothing changes.
						}
					}

					// Off again, so later runs' sweeps stay small (turning it off changes nothing seen).
					for (const p of people)
						await saveDailyChoice(p.id, {
							enabled: false,
							hour: 0,
							days: '1234567',
							depth: 'light'
						});

					// Every surface, for each viewer, against the model.
					for (const [v, viewer] of people.entries()) {
						const exported = JSON.stringify(await exportData(viewer.id));
						const timeline = (await timelineOf(viewer.id, {}, null, 100)).items.map((i) => i.id);
						for (const m of models.values()) {
							const reached = m.deliveredTo.has(v);
							const all = reached
								? JSON.stringify(await visibleEvents(viewer.id, await row(m.id)))
								: '';
							if (!reached) {
								expect(await visibleEvents(viewer.id, await row(m.id))).toEqual([]);
								await expect(readConversation(viewer.id, m.id)).rejects.toThrow();
								await expect(readDaily(viewer.id, m.id)).rejects.toThrow();
								expect(timeline).not.toContain(m.id);
								expect(exported).not.toContain(m.id);
							} else {
								expect(timeline).toContain(m.id);
								expect(exported).toContain(m.id);
							}
							const revealed = m.answers.size === 2;
							for (const [p, text] of m.answers) {
								const may = reached && (p === v || revealed);
								expect(all.includes(text), `answer ${p} to ${v}`).toBe(may);
								expect(exported.includes(text)).toBe(may);
								const hits = (await searchHistory(viewer.id, text)).map((h) => h.conversationId);
								expect(hits.includes(m.id)).toBe(may);
							}
							for (const text of m.reflections) expect(all.includes(text)).toBe(reached);
						}
					}
				}
			),
			{ numRuns: 20 }
		);
	}, 120_000);
});
