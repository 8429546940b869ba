import { z } from 'zod';

/**
 * Text hygiene at the schema edge: the one rule for every text field people write.
 *
 * Control characters mean nothing in what partners write to each other and can break what the
 * text is written into (a NUL makes calendar apps refuse a whole feed, an ESC can drive a terminal
 * that shows a log). They are stripped silently rather than refused: a person who pasted one did
 * not mean it, and their words should not bounce for it.
 *
 * - Stripped everywhere: C0 controls other than tab and newline, DEL, C1 controls, and UTF-16
 *   surrogates without their pair (they cannot be stored or sent as UTF-8).
 * - CR LF and a lone CR become LF.
 * - `text()` (free text over several lines) keeps tab and newline; `line()` (a name, a title, a
 *   search) turns them into spaces.
 */

/** Every code unit `text()` never lets through. Tab, LF and CR (normalised first) are handled apart. */
// eslint-disable-next-line no-control-regex
export const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Free text: CR LF → LF, controls (but tab and newline) and unpaired surrogates removed. */
export function cleanText(value: string): string {
	return value.replace(/\r\n?/g, '\n').replace(CONTROLS, '').replace(LONE_SURROGATES, '');
}

/** One line: as `cleanText`, and tabs and newlines become spaces. */
export function cleanLine(value: string): string {
	return cleanText(value).replace(/[\t\n]/g, ' ');
}

/** True when `value` holds something `cleanText` would remove (used by checks and tests). */
export function hasForbiddenText(value: string): boolean {
	return (
		value.includes('\r') ||
		FORBIDDEN_CONTROL.test(value) ||
		new RegExp(LONE_SURROGATES.source).test(value)
	);
}

type StringParams = Parameters<typeof z.string>[0];

/** A free-text field (answers, reflections, notes, cards): chain `.trim().min().max()` as usual. */
export const text = (params?: StringParams) => z.string(params).overwrite(cleanText);

/** A one-line field (names, intentions, searches): chain `.trim().min().max()` as usual. */
export const line = (params?: StringParams) => z.string(params).overwrite(cleanLine);
