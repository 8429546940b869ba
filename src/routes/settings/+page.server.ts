import { redirect } from '@sveltejs/kit';
import { passwordChangeSchema } from '$lib/schemas/auth';
import { coupleSettingsForm, timeZoneForm } from '$lib/schemas/couple';
import { findUserById, setPassword } from '$lib/server/auth/accounts';
import { deleteSessionCookie, setSessionCookie } from '$lib/server/auth/cookie';
import { verifyPassword } from '$lib/server/auth/password';
import { createSession, invalidateUserSessions } from '$lib/server/auth/session';
import { activeCoupleOf } from '$lib/server/couples/access';
import { renameCouple, setTimeZone } from '$lib/server/couples/settings';
import { invalid, parseForm, readForm } from '$lib/server/forms';
import { requireUser } from '$lib/server/guard';
import { releaseHeldPushes, subscriptionCount, vapidKeys } from '$lib/server/push/push';
import { paceForm } from '$lib/schemas/pace';
import { paceOf, savePace } from '$lib/server/pace/settings';
import { endUserSockets } from '$lib/server/hub';
import { dailyChoiceForm } from '$lib/schemas/daily';
import { deliverDueQuestions } from '$lib/server/daily/deliver';
import { dailyChoiceOf, saveDailyChoice } from '$lib/server/daily/settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const couple = await activeCoupleOf(user.id);
	return {
		account: { name: user.name, email: user.email, timeZone: user.timeZone },
		couple: couple && { name: couple.name, partnerName: couple.partner.name },
		push: { publicKey: (await vapidKeys()).publicKey, devices: await subscriptionCount(user.id) },
		daily: await dailyChoiceOf(user.id),
		pace: await paceOf(user.id)
	};
};

export const actions: Actions = {
	timeZone: async (event) => {
		const user = requireUser(event);
		const parsed = parseForm(timeZoneForm, await readForm(event));
		if (!parsed.ok) return parsed.failure;
		await setTimeZone(user.id, parsed.data.timeZone);
		return { timeZoneSaved: true };
	},
	daily: async (event) => {
		const user = requireUser(event);
		const parsed = parseForm(dailyChoiceForm, await readForm(event));
		if (!parsed.ok) return parsed.failure;
		await saveDailyChoice(user.id, parsed.data);
		// A question due now (their hour has passed today) comes at once, not at the next sweep.
		await deliverDueQuestions(Date.now());
		return { dailySaved: true };
	},
	pace: async (event) => {
		const user = requireUser(event);
		const parsed = parseForm(paceForm, await readForm(event));
		if (!parsed.ok) return parsed.failure;
		await savePace(user.id, parsed.data);
		// Quiet hours shortened or turned off: what was held goes out now, not at the next sweep.
		await releaseHeldPushes(Date.now());
		return { paceSaved: true };
	},
	spaceName: async (event) => {
		const user = requireUser(event);
		const parsed = parseForm(coupleSettingsForm, await readForm(event));
		if (!parsed.ok) return parsed.failure;
		if (!(await activeCoupleOf(user.id)))
			return invalid({}, { name: 'You are not sharing a space right now.' }, 404);
		await renameCouple(user.id, parsed.data.name);
		return { spaceNameSaved: true };
	},
	password: async (event) => {
		const user = requireUser(event);
		const parsed = parseForm(passwordChangeSchema, await readForm(event));
		if (!parsed.ok) return parsed.failure;
		const stored = await findUserById(user.id);
		if (!stored || !(await verifyPassword(stored.passwordHash, parsed.data.currentPassword))) {
			return invalid({}, { currentPassword: 'That is not your current password.' });
		}
		await setPassword(user.id, parsed.data.newPassword);
		// A new password ends every session, this one included; this device gets a fresh one.
		await invalidateUserSessions(user.id);
		endUserSockets(user.id, 'password-changed');
		const { token, session } = await createSession(user.id);
		setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		return { passwordChanged: true };
	},
	logoutAll: async (event) => {
		const user = requireUser(event);
		await readForm(event);
		await invalidateUserSessions(user.id);
		endUserSockets(user.id, 'logout-all');
		deleteSessionCookie(event.cookies, event.url);
		redirect(303, '/login?signedOut=1');
	}
};
