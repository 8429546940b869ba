import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { formatInviteCode } from '$lib/schemas/couple';
import { activeCoupleOf, couplesOf } from '$lib/server/couples/access';
import { createInvite, openInviteOf, revokeInvite } from '$lib/server/couples/invites';
import { doorsFor } from '$lib/server/door/doors';
import { AppError } from '$lib/server/errors';
import { requireUser } from '$lib/server/guard';
import { pastScheduledTalks, upcomingTalks } from '$lib/server/schedule/schedules';
import { liveTalkOf } from '$lib/server/talk/talks';
import { openCheckinOf } from '$lib/server/checkin/checkins';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/forms';
import { requestNow } from '$lib/server/request';

export const load: PageServerLoad = async (event) => {
	const { locals, url } = event;
	event.depends('hearth:door');
	const user = locals.user;
	if (!user) {
		const deleted = url.searchParams.has('deleted');
		return {
			couple: null,
			invite: null,
			endedCouples: [],
			talks: null,
			openTalk: null,
			doors: null,
			deleted
		};
	}
	const couple = await activeCoupleOf(user.id);
	const invite = couple ? undefined : await openInviteOf(user.id);
	const live = couple ? await liveTalkOf(user.id) : undefined;
	const checkin = couple ? await openCheckinOf(user.id) : undefined;
	return {
		// A talk that is open, said calmly on Home (who paused one is never said here).
		openTalk: live
			? {
					id: live.id,
					paused: live.status === 'paused',
					byPartner: live.startedBy === couple?.partner.id
				}
			: null,
		// A check-in that is open, said the same calm way.
		openCheckin: checkin
			? { id: checkin.id, byPartner: checkin.startedBy === couple?.partner.id }
			: null,
		// An open door, the partner's or one's own: a quiet note, never a count or a reminder.
		doors: couple ? await doorsFor(user.id, requestNow(event)) : null,
		clientId: crypto.randomUUID().replaceAll('-', ''),
		couple: couple && {
			name: couple.name,
			partnerName: couple.partner.name,
			since: couple.createdAt
		},
		invite: invite && {
			id: invite.id,
			link: `${url.origin}/join/${invite.token}`,
			code: formatInviteCode(invite.code),
			expiresAt: invite.expiresAt
		},
		endedCouples: couple
			? []
			: (await couplesOf(user.id))
					.filter((c) => c.endedAt !== null)
					.map((c) => ({ id: c.id, partnerName: c.partner.name, endedAt: c.endedAt })),
		// Planned talks: the next few, and the last ones that happened (each links to its talk).
		talks: couple
			? {
					upcoming: await upcomingTalks(user, Date.now(), 5),
					past: await pastScheduledTalks(user, couple, { limit: 3 })
				}
			: null
	};
};

const revokeForm = z.object({ inviteId: z.uuid() });

export const actions: Actions = {
	invite: async (event) => {
		const user = requireUser(event);
		await readForm(event);
		try {
			await createInvite(user.id);
		} catch (error) {
			if (error instanceof AppError) return fail(409, { inviteError: error.message });
			throw error;
		}
		return { invited: true };
	},
	revoke: async (event) => {
		const user = requireUser(event);
		const parsed = revokeForm.safeParse(Object.fromEntries(await readForm(event)));
		if (!parsed.success) return fail(400, { inviteError: 'We could not find that invite.' });
		try {
			await revokeInvite(user.id, parsed.data.inviteId);
		} catch (error) {
			if (error instanceof AppError)
				return fail(404, { inviteError: 'We could not find that invite.' });
			throw error;
		}
		return { revoked: true };
	}
};
