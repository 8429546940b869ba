import type { Cookies } from '@sveltejs/kit';
import { servedOverHttps } from '../request';
import { SESSION_COOKIE } from './session';

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: number) {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: servedOverHttps(url),
		expires: new Date(expiresAt)
	});
}

export function deleteSessionCookie(cookies: Cookies, url: URL) {
	cookies.delete(SESSION_COOKIE, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: servedOverHttps(url)
	});
}
