import type { IncomingMessage } from 'node:http';

/**
 * Refuses cross-site WebSocket hijacking: a browser on another site would send our cookie along
 * with its own Origin. A request with no Origin (not a browser page) carries no ambient cookie risk,
 * unless a browser marks it cross-site through Sec-Fetch-Site.
 */
export function isSameOrigin(req: IncomingMessage, configuredOrigin = process.env.ORIGIN): boolean {
	const origin = req.headers.origin;
	const fetchSite = req.headers['sec-fetch-site'];
	if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') return false;
	if (!origin) return true;
	if (configuredOrigin) return origin === new URL(configuredOrigin).origin;
	try {
		return new URL(origin).host === req.headers.host;
	} catch {
		return false;
	}
}
