/**
 * The life of a planned talk, as a pure function: who may do what, in which state.
 *
 *   proposed ──accept (partner)──────────▶ accepted
 *      │  ├──decline (partner, a note)───▶ declined
 *      │  ├──counter (partner)───────────▶ countered  (+ a new proposal by the partner)
 *      │  ├──cancel (proposer)───────────▶ cancelled
 *      │  └──change (proposer)───────────▶ proposed   (the partner answers again)
 *   accepted
 *      ├──change (proposer)──────────────▶ proposed, or accepted when only the intention changed
 *      ├──counter (partner)──────────────▶ countered  (+ a new proposal by the partner)
 *      ├──cancel (either)────────────────▶ cancelled
 *      └──skip one week (either, weekly)─▶ accepted, with that week set aside
 *
 * declined, countered and cancelled are final. Every step raises `sequence` (the calendar file's
 * SEQUENCE), so a calendar that imported an older version takes the newer one.
 */
import type { Plan } from '$lib/schemas/schedule';
import { isOccurrence, nextOccurrence, type Pattern } from './occurrences';

export type ScheduleStatus = 'proposed' | 'accepted' | 'declined' | 'countered' | 'cancelled';

export type ScheduleState = Pattern & {
	status: ScheduleStatus;
	proposedBy: string | null;
	intention: string | null;
};

export type ScheduleAction =
	| { type: 'accept' }
	| { type: 'decline'; note: string | null }
	| { type: 'counter'; plan: Plan }
	| { type: 'cancel' }
	| { type: 'change'; plan: Plan }
	| { type: 'skip'; occurrenceAt: number };

export type ActionType = ScheduleAction['type'];
export const ACTION_TYPES: readonly ActionType[] = [
	'accept',
	'decline',
	'counter',
	'cancel',
	'change',
	'skip'
];

export type Outcome = {
	status: ScheduleStatus;
	/** Fields of the row that change (the plan, the note, the skipped weeks). */
	patch: Partial<Plan> & { responseNote?: string | null; skipped?: number[] };
	/** A counter-proposal: a new row, proposed by the actor, pointing at this one. */
	counter?: Plan;
};

export type Decision =
	{ ok: true; outcome: Outcome } | { ok: false; code: 'conflict' | 'invalid'; message: string };

const refuse = (message: string, code: 'conflict' | 'invalid' = 'conflict'): Decision => ({
	ok: false,
	code,
	message
});

const FINAL: Record<string, string> = {
	declined: 'This plan was answered already, so it stays as it is. You can always plan another.',
	countered: 'Another time was suggested for this one — the newer plan is the one to answer.',
	cancelled: 'This plan was taken off the calendar. You can always plan another.'
};

/** Why `actor` may not take a step of this kind now, or null when they may. */
export function refusal(
	state: ScheduleState,
	actorId: string,
	type: ActionType,
	now: number
): string | null {
	if (state.status in FINAL) return FINAL[state.status]!;
	const isProposer = state.proposedBy === actorId;
	const open = state.status === 'proposed';
	switch (type) {
		case 'accept':
			if (!open) return 'You have both said yes to this one already.';
			if (isProposer) return 'This one is waiting for your partner’s answer.';
			if (nextOccurrence(state, now) === null)
				return 'That time has passed. You could suggest another one.';
			return null;
		case 'decline':
			if (!open) return 'You have both said yes to this one. You can suggest another time instead.';
			if (isProposer) return 'This one is waiting for your partner’s answer.';
			return null;
		case 'counter':
			if (isProposer) return 'You can change your own plan instead.';
			return null;
		case 'change':
			if (!isProposer) return 'You can suggest another time instead.';
			return null;
		case 'cancel':
			if (open && !isProposer) return 'You can say “not this time” instead.';
			return null;
		case 'skip':
			if (state.repeat !== 'weekly') return 'Only a weekly talk has weeks to take off.';
			if (open) return 'Once you have both said yes, you can take a week off.';
			return null;
	}
}

export function can(state: ScheduleState, actorId: string, type: ActionType, now: number) {
	return refusal(state, actorId, type, now) === null;
}

/** What may this person do now? (Pages show these buttons and no others.) */
export function allowedActions(state: ScheduleState, actorId: string, now: number): ActionType[] {
	return ACTION_TYPES.filter((type) => can(state, actorId, type, now));
}

const samePlan = (state: ScheduleState, plan: Plan) =>
	state.startsAt === plan.startsAt &&
	state.durationMinutes === plan.durationMinutes &&
	state.repeat === plan.repeat;

/** The one step `actor` takes, or why not. */
export function decide(
	state: ScheduleState,
	actorId: string,
	action: ScheduleAction,
	now: number
): Decision {
	const why = refusal(state, actorId, action.type, now);
	if (why) return refuse(why);
	switch (action.type) {
		case 'accept':
			return { ok: true, outcome: { status: 'accepted', patch: {} } };
		case 'decline':
			return { ok: true, outcome: { status: 'declined', patch: { responseNote: action.note } } };
		case 'counter':
			return { ok: true, outcome: { status: 'countered', patch: {}, counter: action.plan } };
		case 'cancel':
			return { ok: true, outcome: { status: 'cancelled', patch: {} } };
		case 'change': {
			const plan = action.plan;
			const same = samePlan(state, plan);
			// Only the intention changed: an accepted talk stays accepted.
			const status = same && state.status === 'accepted' ? 'accepted' : 'proposed';
			// Weeks set aside stay aside when they are still weeks of the new plan and still ahead.
			const next = { ...state, ...plan };
			const skipped = state.skipped.filter((at) => at > now && isOccurrence(next, at));
			return { ok: true, outcome: { status, patch: { ...plan, skipped, responseNote: null } } };
		}
		case 'skip': {
			const at = action.occurrenceAt;
			if (!isOccurrence(state, at))
				return refuse('We could not find that week in your weekly talk.', 'invalid');
			if (at <= now) return refuse('That week has already begun.');
			if (state.skipped.includes(at)) return refuse('That week is already set aside.');
			const skipped = [...state.skipped, at].sort((x, y) => x - y);
			return { ok: true, outcome: { status: 'accepted', patch: { skipped } } };
		}
	}
}
