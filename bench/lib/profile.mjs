/**
 * Summarises a V8 .cpuprofile: where the server's CPU went, by package and by function (self time,
 * and inclusive time for the app's own functions), so a missed target can name its hot path.
 *
 *   node bench/lib/profile.mjs bench/.tmp/app-3000.cpuprofile
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ROOT } from './processes.mjs';

/** @param {string} url */
export function packageOf(url) {
	if (!url) return 'native/V8';
	if (url.startsWith('node:')) return 'node core';
	const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
	if (match) {
		const name = match[1];
		if (/^(socket\.io|engine\.io|ws$|socket\.io-parser|socket\.io-adapter)/.test(name))
			return 'socket.io/engine.io/ws';
		return name;
	}
	if (url.includes('/build/')) return 'app (build/)';
	if (url.includes('/bench/')) return 'bench probe';
	return 'other';
}

/** @param {{ functionName: string, url: string, lineNumber: number }} frame */
function keyOf(frame) {
	const file = frame.url ? relative(ROOT, frame.url.replace(/^file:\/\//, '')) : '';
	return `${frame.functionName || '(anonymous)'}${file ? ` ${file}:${frame.lineNumber + 1}` : ''}`;
}

/**
 * @param {string} path
 * @param {{ top?: number }} [options]
 */
export function summarise(path, options = {}) {
	const top = options.top ?? 12;
	const profile = JSON.parse(readFileSync(path, 'utf8'));
	/** @type {Map<number, any>} */
	const nodes = new Map(profile.nodes.map((/** @type {any} */ n) => [n.id, n]));
	const totalHits =
		profile.nodes.reduce(
			(/** @type {number} */ s, /** @type {any} */ n) => s + (n.hitCount ?? 0),
			0
		) || 1;
	const durationMs = (profile.endTime - profile.startTime) / 1000;
	const idleHits = profile.nodes
		.filter((/** @type {any} */ n) => n.callFrame.functionName === '(idle)')
		.reduce((/** @type {number} */ s, /** @type {any} */ n) => s + n.hitCount, 0);
	const busyHits = totalHits - idleHits || 1;

	/** @type {Map<string, number>} */
	const selfByFunction = new Map();
	/** @type {Map<string, number>} */
	const selfByPackage = new Map();
	for (const node of nodes.values()) {
		if (!node.hitCount || node.callFrame.functionName === '(idle)') continue;
		const key = keyOf(node.callFrame);
		selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + node.hitCount);
		const pkg =
			node.callFrame.functionName === '(garbage collector)'
				? 'garbage collector'
				: packageOf(node.callFrame.url);
		selfByPackage.set(pkg, (selfByPackage.get(pkg) ?? 0) + node.hitCount);
	}

	// Inclusive time of each function (recursion counted once), for the app's own code.
	/** @type {Map<string, number>} */
	const inclusive = new Map();
	/** @type {Map<number, number>} */
	const subtree = new Map();
	const root = profile.nodes[0];
	/** @param {any} node @returns {number} */
	const sum = (node) => {
		let total = node.callFrame.functionName === '(idle)' ? 0 : (node.hitCount ?? 0);
		for (const child of node.children ?? []) total += sum(nodes.get(child));
		subtree.set(node.id, total);
		return total;
	};
	sum(root);
	/** @type {Map<string, number>} */
	const onStack = new Map();
	/** @param {any} node */
	const walk = (node) => {
		const key = keyOf(node.callFrame);
		const depth = onStack.get(key) ?? 0;
		if (depth === 0) inclusive.set(key, (inclusive.get(key) ?? 0) + (subtree.get(node.id) ?? 0));
		onStack.set(key, depth + 1);
		for (const child of node.children ?? []) walk(nodes.get(child));
		onStack.set(key, depth);
	};
	walk(root);

	const pct = (/** @type {number} */ hits) => Math.round((hits / busyHits) * 1000) / 10;
	const sorted = (/** @type {Map<string, number>} */ map) =>
		[...map.entries()].sort((x, y) => y[1] - x[1]);
	return {
		path: relative(ROOT, path),
		durationMs: Math.round(durationMs),
		busyPercentOfWall: Math.round((busyHits / totalHits) * 1000) / 10,
		byPackage: sorted(selfByPackage).map(([name, hits]) => ({ name, selfPercent: pct(hits) })),
		selfTop: sorted(selfByFunction)
			.slice(0, top)
			.map(([name, hits]) => ({ name, selfPercent: pct(hits) })),
		appInclusiveTop: sorted(inclusive)
			.filter(([name]) => name.includes('build/'))
			.slice(0, top)
			.map(([name, hits]) => ({ name, inclusivePercent: pct(hits) }))
	};
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
	const path = process.argv[2];
	if (!path) {
		console.error('usage: node bench/lib/profile.mjs <file.cpuprofile>');
		process.exit(1);
	}
	console.log(JSON.stringify(summarise(path), null, 2));
}
