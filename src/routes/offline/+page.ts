// A static page the service worker keeps, shown when a page cannot be reached: no data, no script.
export const prerender = true;
export const csr = false;
