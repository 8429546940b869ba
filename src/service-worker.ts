/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />

// Only for notifications: nothing is cached, so nothing private lingers on the device.
const sw = self as unknown as ServiceWorkerGlobalScope;

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
			icon: '/favicon.svg',
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
