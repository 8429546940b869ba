import { z } from 'zod';
import { line } from './text';
import { timeZoneSchema } from './time-zone';

/** Letters and digits that cannot be mistaken for one another when read aloud or written down. */
export const INVITE_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const INVITE_CODE_LENGTH = 8;

export const inviteCodeSchema = z
	.string({ error: 'Please enter the code from your partner.' })
	.transform((v) => v.toUpperCase().replace(/[\s-]/g, ''))
	.pipe(
		z
			.string()
			.min(1, 'Please enter the code from your partner.')
			.regex(
				new RegExp(`^[${INVITE_CODE_ALPHABET}]{${INVITE_CODE_LENGTH}}$`),
				`A code has ${INVITE_CODE_LENGTH} letters and numbers, like 7KQ4-MXPA.`
			)
	);

/** Link tokens: 160 random bits in lowercase base32. */
export const inviteTokenSchema = z.string().regex(/^[a-z2-7]{32}$/);

export const joinCodeForm = z.object({ code: inviteCodeSchema });

export const coupleSettingsForm = z.object({
	name: line()
		.trim()
		.max(60, 'Keep the name under 60 characters.')
		.transform((v) => (v === '' ? null : v))
});

export const timeZoneForm = z.object({ timeZone: timeZoneSchema });

export function formatInviteCode(code: string): string {
	return `${code.slice(0, 4)}-${code.slice(4)}`;
}
