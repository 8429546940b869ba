import type { RoundEventData, RoundIntent } from '../round';
import type { Participant } from '../talk/types';

/**
 * The four steps of a weekly check-in, in order: an appreciation each way, what went well for
 * us, one thing on my mind (held with the floor and the reflect-back loop), and what would help
 * this week (kept as a shared note for next time).
 */
export const CHECKIN_STEPS = ['appreciation', 'went-well', 'mind', 'help'] as const;
export type CheckinStep = (typeof CHECKIN_STEPS)[number];

/** The steps where each person writes their own entry (or says "Not this week"). */
export const ENTRY_STEPS = ['appreciation', 'went-well', 'help'] as const;
export type EntryStep = (typeof ENTRY_STEPS)[number];

export const isEntryStep = (step: unknown): step is EntryStep =>
	(ENTRY_STEPS as readonly unknown[]).includes(step);

export type ScheduledCheckin = {
	scheduleId: string;
	occurrenceAt: number;
	intention: string | null;
};

/** The event vocabulary of a check-in's log. `data` is shaped by `type`. */
export type CheckinEventData =
	| {
			type: 'checkin.started';
			data: {
				participants: Participant[];
				kind: 'checkin';
				/** Set when it was opened from a weekly plan marked "our check-in". */
				scheduled?: ScheduledCheckin;
			};
	  }
	/**
	 * One person's own entry on a step. `completes`: with it, both have had their turn and the
	 * step is done (the rules say so from the full state, since a partner's "Not this week" is not
	 * theirs to see). `withheld`: the partner's copy before the step is done (words withheld: the
	 * entries are revealed together). `erased`: the writer deleted their account.
	 */
	| {
			type: 'entry.given';
			data: {
				step: EntryStep;
				text: string | null;
				completes?: true;
				withheld?: true;
				erased?: true;
			};
	  }
	/** "Not this week" on one's own entry: no words, and no trace on the partner's side. */
	| { type: 'entry.passed'; data: { step: EntryStep; completes?: true } }
	/** "One thing on my mind" is done, or passed ("Not this week"): on to the last step. */
	| { type: 'step.moved-on'; data: { step: 'mind' } }
	/** The floor, the answer and the reflect-back loop of "one thing on my mind". */
	| RoundEventData
	| { type: 'checkin.ended'; data: { reason: 'ended' | 'idle' } };

export type CheckinEvent = CheckinEventData & {
	seq: number;
	/** null for events the server makes by itself, and on a partner's copy of "Not this week". */
	actorId: string | null;
	at: number;
};

/** What a person asks for. The server turns an allowed intent into exactly one event. */
export type CheckinIntent =
	| { type: 'give'; step: EntryStep; text: string }
	| { type: 'pass'; step: EntryStep }
	| { type: 'move-on' }
	| RoundIntent
	| { type: 'end' };
