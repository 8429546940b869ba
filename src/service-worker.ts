/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';

/**
 * Notifications, and a kind offline page. Only the app shell is cached: the built scripts and
 * styles, the files in static/ (icons, manifest) and the prerendered offline page — all public and
 * the same for everyone. Pages, their data (__data.json) and every other response go to the
 * network and are never stored, so nothing a couple wrote lingers in Cache Storage.
 */
const sw = self as unknown as ServiceWorkerGlobalScope;

const CACHE = `hearth-shell-${version}`;
const OFFLINE = '/offline';
// Just the page: prerendering also writes /offline/__data.json, which no one needs offline.
const SHELL = new Set([...build, ...files, OFFLINE]);

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(CACHE)
			.then((cache) => cache.addAll([...SHELL]))
			.then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) =>
				Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key)))
			)
			.then(() => sw.clients.claim())
	);
});

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;

	// The shell: from the cache (each build has its own), the network if it is somehow missing.
	if (SHELL.has(url.pathname) && url.pathname !== OFFLINE) {
		event.respondWith(
			caches.match(url.pathname, { cacheName: CACHE }).then((hit) => hit ?? fetch(request))
		);
		return;
	}

	// A page: always the network; when it cannot be reached, the offline page instead of the
	// browser's own error. The page itself is never stored.
	if (request.mode === 'navigate') {
		event.respondWith(
			fetch(request).catch(async () => {
				const offline = await caches.match(OFFLINE, { cacheName: CACHE });
				return offline ?? Response.error();
			})
		);
	}
	// Anything else (page data, the socket, JSON, feeds) is left to the browser: never cached.
});

sw.addEventListener('push', (event) => {
	let message = { title: 'Hearth', body: 'Something new is waiting for you.', url: '/' };
	try {
		message = { ...message, ...(event.data?.json() ?? {}) };
	} catch {
		// A payload we cannot read still deserves a gentle notification.
	}
	event.waitUntil(
		sw.registration.showNotification(message.title, {
			body: message.body,
			data: { url: message.url },
			// A PNG (not every platform draws SVG icons) and a one-colour badge for the status bar.
			icon: '/icons/icon-192.png',
			badge: '/icons/badge-96.png',
			tag: message.url
		})
	);
});

sw.addEventListener('notificationclick', (event) => {
	event.notification.close();
	const url = new URL((event.notification.data?.url as string) ?? '/', sw.location.origin);
	if (url.origin !== sw.location.origin) return;
	event.waitUntil(
		sw.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
			const open = windows.find((w) => new URL(w.url).origin === url.origin);
			if (open) return open.navigate(url.href).then((w) => w?.focus());
			return sw.clients.openWindow(url.href);
		})
	);
});
