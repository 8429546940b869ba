/**
 * Calendar files for people: one planned talk ("Add to calendar"), or a private feed URL a
 * calendar app subscribes to. A feed URL carries a secret (160 random bits); only its SHA-256 is
 * stored, and making a new one or turning it off revokes the old one.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { activeCoupleOf, type CoupleView } from '../couples/access';
import { getDb, transaction } from '../db';
import { lockRows } from '../db/locks';
import { calendarFeeds, schedules, type Schedule } from '../db/schema';
import { calendarFile, type CalendarEntry } from './calendar';
import { JOIN_EARLY_MS, parseSkipped } from './occurrences';
import { chainLatest, chainRoot, scheduleForReading } from './schedules';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A feed keeps a plan taken off the calendar this long, so subscribed calendars remove it. */
const KEEP_SETTLED_MS = 30 * DAY_MS;

export function calendarEntry(
	schedule: Schedule,
	root: Schedule,
	partnerName: string,
	origin: string
): CalendarEntry {
	const url = `${origin}/schedule/${schedule.id}`;
	const lines = [
		schedule.intention ? `What we'd like to talk about: ${schedule.intention}` : null,
		`Open it in Hearth: ${url}`
	].filter(Boolean);
	return {
		uid: root.id,
		sequence: schedule.sequence,
		status: schedule.status,
		startsAt: schedule.startsAt,
		timeZone: schedule.timeZone,
		durationMinutes: schedule.durationMinutes,
		repeat: schedule.repeat,
		skipped: parseSkipped(schedule.skipped),
		title: schedule.checkin ? `Our check-in with ${partnerName}` : `Talk with ${partnerName}`,
		description: lines.join('\n'),
		url,
		// The same moment as the "starts in 10 minutes" reminder (reminders.ts: SOON_MS).
		alarmMinutesBefore: JOIN_EARLY_MS / 60_000,
		createdAt: root.createdAt,
		updatedAt: schedule.updatedAt
	};
}

/** "Add to calendar": the plan as it stands now (the newest of its chain), for this person. */
export async function scheduleCalendar(userId: string, scheduleId: string, origin: string) {
	const { schedule, couple } = await scheduleForReading(userId, scheduleId);
	const latest = await chainLatest(schedule);
	const root = await chainRoot(schedule);
	return calendarFile([calendarEntry(latest, root, couple.partner.name, origin)]);
}

/** Every plan of the person's couple, one entry per chain, for a subscribed calendar. */
export async function feedEntries(couple: CoupleView, origin: string, now = Date.now()) {
	const rows = await getDb().select().from(schedules).where(eq(schedules.coupleId, couple.id));
	const byId = new Map(rows.map((r) => [r.id, r]));
	const children = new Set(rows.filter((r) => r.counterOf).map((r) => r.counterOf!));
	const entries: CalendarEntry[] = [];
	for (const row of rows) {
		if (children.has(row.id)) continue; // not the newest of its chain
		const open = row.status === 'proposed' || row.status === 'accepted';
		if (!open && row.updatedAt < now - KEEP_SETTLED_MS) continue;
		let root = row;
		for (let i = 0; i < 100 && root.counterOf && byId.has(root.counterOf); i++)
			root = byId.get(root.counterOf)!;
		entries.push(calendarEntry(row, root, couple.partner.name, origin));
	}
	return entries;
}

const hashSecret = (secret: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));

/** Makes a new feed secret (the old one stops working). The secret is shown once, never stored. */
export async function createFeed(userId: string, now = Date.now()): Promise<string> {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	const secret = encodeBase32LowerCaseNoPadding(bytes);
	await transaction(async (tx) => {
		// Two requests at once (two tabs) take turns: one feed a person, never two left open.
		await lockRows('users', [userId]);
		await tx
			.update(calendarFeeds)
			.set({ revokedAt: now })
			.where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)));
		await tx.insert(calendarFeeds).values({
			id: crypto.randomUUID(),
			userId,
			secretHash: hashSecret(secret),
			createdAt: now,
			revokedAt: null
		});
	});
	return secret;
}

export async function revokeFeeds(userId: string, now = Date.now()): Promise<void> {
	await getDb()
		.update(calendarFeeds)
		.set({ revokedAt: now })
		.where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)));
}

export async function activeFeedOf(userId: string): Promise<{ createdAt: number } | null> {
	const [row] = await getDb()
		.select({ createdAt: calendarFeeds.createdAt })
		.from(calendarFeeds)
		.where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
		.orderBy(desc(calendarFeeds.createdAt))
		.limit(1);
	return row ?? null;
}

export const feedSecretPattern = /^[a-z2-7]{32}$/;

/** The calendar behind a feed secret, or null when there is no such (unrevoked) feed. */
export async function feedCalendar(
	secret: string,
	origin: string,
	now = Date.now()
): Promise<string | null> {
	if (!feedSecretPattern.test(secret)) return null;
	const [feed] = await getDb()
		.select({ userId: calendarFeeds.userId })
		.from(calendarFeeds)
		.where(and(eq(calendarFeeds.secretHash, hashSecret(secret)), isNull(calendarFeeds.revokedAt)))
		.limit(1);
	if (!feed) return null;
	const couple = await activeCoupleOf(feed.userId);
	const entries = couple ? await feedEntries(couple, origin, now) : [];
	return calendarFile(entries, { name: 'Hearth talks', now });
}
