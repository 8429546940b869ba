/**
 * Load generator (a child process of bench/run.mjs, driven over IPC). It holds real socket.io
 * clients — two per couple, one per partner — and drives each couple through a talk the way people
 * do, one step after the other:
 *
 *   draw (the next speaker) → answer, ~300 bytes (speaker) → reflect (listener)
 *     → confirm (speaker), or 1 time in 4: not quite (speaker) → reflect again (listener) → confirm
 *   1 card in 10: "not ready yet" (listener, `talk:not-ready {scope:'card'}`) instead of answering
 *
 * Open loop: each couple has a fixed schedule of send slots (rate / couples per second, random
 * phase). A step is sent at its slot, or — when the couple's previous step is not yet acknowledged
 * to its sender and received by the partner — as soon as it is; either way its latencies are
 * measured from the scheduled slot, so a slow server cannot hide its delay (no coordinated
 * omission). Anything not done by the end of the grace period is counted as not received and
 * recorded at the grace deadline (a lower bound).
 *
 * A second load generator can hold one noisy socket of another couple (flood-open) and send a
 * burst of intents from it without waiting for any answer (flood), in chunks as a network delivers
 * them, counting how each was answered.
 *
 * Commands: connect-talk, segment, closed-loop, connect-scale, flood-open, flood, close.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import hdr from 'hdr-histogram-js';
import { io } from 'socket.io-client';

/** @typedef {import('socket.io-client').Socket} Socket */
/** @typedef {import('./lib/seed.mjs').SeededCouple} SeededCouple */
/** @typedef {'app' | 'baseline' | 'durable'} Target the app, the bare relay, the durable relay */

const now = () => performance.now();
const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/** mulberry32 */
function rng(seed) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const histogram = () => hdr.build({ lowestDiscernibleValue: 1, numberOfSignificantValueDigits: 3 });

/**
 * @param {string} url
 * @param {{ cookie?: string, auth?: Record<string, string> }} who
 * @returns {Promise<Socket>}
 */
function open(url, who) {
	return new Promise((resolve, reject) => {
		const socket = io(url, {
			transports: ['websocket'],
			forceNew: true,
			reconnection: false,
			timeout: 30_000,
			extraHeaders: who.cookie ? { cookie: who.cookie, origin: url } : { origin: url },
			auth: who.auth
		});
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', (error) => {
			socket.close();
			reject(error);
		});
	});
}

/** @param {string} url @param {{ cookie?: string, auth?: Record<string, string> }} who */
async function openWithRetry(url, who, attempts = 3) {
	for (let attempt = 1; ; attempt++) {
		try {
			return await open(url, who);
		} catch (error) {
			if (attempt >= attempts) throw error;
			await sleep(50 * attempt);
		}
	}
}

/**
 * @template T
 * @param {T[]} items @param {number} limit @param {(item: T) => Promise<void>} run
 */
async function pool(items, limit, run) {
	let next = 0;
	const worker = async () => {
		while (next < items.length) await run(items[next++]);
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

let idCounter = 0;
/** Unique within this process (8–64 URL-safe characters, as the schema asks). */
const clientId = () => `bench-${process.pid}-${(idCounter++).toString(36)}`;

// ── what people write ─────────────────────────────────────────────────────────────────────────
const PROSE =
	'I keep thinking about the evening we walked home by the river and did not need to say much. ' +
	'It felt like the first time in weeks that nothing was pulling at either of us, and I noticed how ' +
	'much I had missed just being next to you without a plan. Work has been loud lately, and I think I ' +
	'bring that noise home more than I admit. What I would like is one evening a week like that one, ' +
	'phones away, where we can be slow together and let the week settle before we talk about any of it. ';
const FEELINGS = ['glad', 'grateful', 'calm', 'hopeful', 'tender', 'close', 'relieved', 'curious'];
const NEEDS = ['to be heard', 'understanding', 'closeness', 'rest', 'time together', 'connection'];

/** @param {() => number} random @param {number} length */
function prose(random, length) {
	const start = Math.floor(random() * (PROSE.length - 1));
	let text = (PROSE + PROSE).slice(start, start + length);
	text = text.trim();
	return text.length ? text : 'I heard you.';
}

/** @typedef {{ role: 'D' | 'S' | 'L', name: string, fields: () => Record<string, unknown> }} Step */

/** @param {() => number} random @returns {Step[]} */
function planRound(random) {
	/** @type {Step[]} */
	const steps = [{ role: 'D', name: 'talk:draw', fields: () => ({}) }];
	if (random() < 0.1) {
		steps.push({ role: 'L', name: 'talk:not-ready', fields: () => ({ scope: 'card' }) });
		return steps;
	}
	const reflect = () => ({
		text: prose(random, 140 + Math.floor(random() * 40)),
		feelings: FEELINGS.filter(() => random() < 0.25).slice(0, 3),
		needs: NEEDS.filter(() => random() < 0.2).slice(0, 2)
	});
	steps.push({
		role: 'S',
		name: 'talk:answer',
		fields: () => ({ text: prose(random, 280 + Math.floor(random() * 40)), aloud: false })
	});
	steps.push({ role: 'L', name: 'talk:reflect', fields: reflect });
	if (random() < 0.25) {
		steps.push({
			role: 'S',
			name: 'talk:not-quite',
			fields: () => ({ clarification: prose(random, 90) })
		});
		steps.push({ role: 'L', name: 'talk:reflect', fields: reflect });
	}
	steps.push({ role: 'S', name: 'talk:confirm', fields: () => ({}) });
	return steps;
}

const EVENT_TYPE = {
	'talk:draw': 'card.drawn',
	'talk:answer': 'answer.given',
	'talk:reflect': 'reflection.sent',
	'talk:not-quite': 'reflection.not-quite',
	'talk:confirm': 'reflection.confirmed',
	'talk:not-ready': 'card.set-aside'
};

/**
 * @typedef {{
 *   offered: number, received: number, sent: number, acked: number, closedLoopDone: number,
 *   errors: Record<string, number>, mix: Record<string, number>, mismatched: number,
 *   ack: any, receipt: any, service: any, closed: boolean, closedLoop: boolean,
 *   origin: number, samples: null | { ack: number[], receipt: number[] }
 * }} Segment
 */

/**
 * @param {boolean} [closedLoop]
 * @param {{ origin?: number, samples?: boolean }} [options] samples: also keep every measured
 *   latency with its scheduled time (ms after `origin`), flattened as [offset, µs, offset, µs, …]
 * @returns {Segment}
 */
function newSegment(closedLoop = false, options = {}) {
	return {
		offered: 0,
		received: 0,
		sent: 0,
		acked: 0,
		closedLoopDone: 0,
		errors: {},
		mix: {},
		mismatched: 0,
		ack: histogram(),
		receipt: histogram(),
		service: histogram(),
		closed: false,
		closedLoop,
		origin: options.origin ?? 0,
		samples: options.samples ? { ack: [], receipt: [] } : null
	};
}

const micros = (/** @type {number} */ ms) => Math.max(1, Math.round(ms * 1000));

/**
 * Records one measured latency, from the step's scheduled slot to `at`.
 * @param {Segment} segment @param {'ack' | 'receipt'} kind @param {number} sched @param {number} at
 */
function record(segment, kind, sched, at) {
	const value = micros(at - sched);
	segment[kind].recordValue(value);
	segment.samples?.[kind].push(Math.round((sched - segment.origin) * 10) / 10, value);
}

/** One couple in a talk on one server (the app, or one of the relays). */
class Pair {
	/** @type {{ t: number, measured: boolean }[]} */
	due = [];
	/** @type {Step[]} */
	round = [];
	/** partner index who speaks the next card (alternates, as the app's nextSpeaker does) */
	nextSpeaker = 0;
	currentSpeaker = 0;
	/** @type {null | { sched: number, measured: boolean, sentAt: number, actor: number, name: string, ackedAt: number, receivedAt: number }} */
	inflight = null;
	broken = false;
	nextSlot = 0;
	/** @type {Segment} */
	segment = newSegment();

	/**
	 * @param {Target} target @param {Socket[]} sockets @param {string[]} userIds
	 * @param {string} conversationId @param {number} seed
	 */
	constructor(target, sockets, userIds, conversationId, seed) {
		this.target = target;
		this.sockets = sockets;
		this.userIds = userIds;
		this.conversationId = conversationId;
		this.random = rng(seed);
		sockets.forEach((socket, index) =>
			socket.on('conversation:event', (/** @type {any} */ info) => {
				if (info?.conversationId === this.conversationId) this.onEvent(index, info.event);
			})
		);
	}

	/** @param {number} index @param {any} event */
	onEvent(index, event) {
		const step = this.inflight;
		if (!step || index === step.actor || step.receivedAt) return;
		if (this.target === 'app' && event?.type !== EVENT_TYPE[step.name]) this.segment.mismatched++;
		this.learn(event);
		step.receivedAt = now();
		this.settle(step);
	}

	/** The app says who speaks a drawn card; follow it (it matches the alternation anyway). */
	learn(event) {
		if (event?.type === 'card.drawn' && event.data?.speakerId) {
			const index = this.userIds.indexOf(event.data.speakerId);
			if (index >= 0) this.currentSpeaker = index;
		}
	}

	sendNext() {
		if (this.inflight || this.broken || this.due.length === 0) return;
		const slot = /** @type {{ t: number, measured: boolean }} */ (this.due.shift());
		if (this.round.length === 0) this.round = planRound(this.random);
		const step = /** @type {Step} */ (this.round.shift());
		let actor;
		if (step.role === 'D') {
			actor = this.nextSpeaker;
			this.currentSpeaker = this.nextSpeaker;
			this.nextSpeaker = 1 - this.nextSpeaker;
		} else actor = step.role === 'S' ? this.currentSpeaker : 1 - this.currentSpeaker;
		const inflight = {
			sched: slot.t,
			measured: slot.measured,
			sentAt: now(),
			actor,
			name: step.name,
			ackedAt: 0,
			receivedAt: 0
		};
		this.inflight = inflight;
		const segment = this.segment;
		segment.sent++;
		segment.mix[step.name] = (segment.mix[step.name] ?? 0) + 1;
		const payload = { conversationId: this.conversationId, clientId: clientId(), ...step.fields() };
		this.sockets[actor].emit(step.name, payload, (/** @type {any} */ answer) => {
			if (this.inflight !== inflight) return;
			inflight.ackedAt = now();
			if (!answer?.ok) {
				const code = answer?.error?.code ?? 'no_answer';
				segment.errors[code] = (segment.errors[code] ?? 0) + 1;
				// The couple's picture of the talk is no longer trustworthy: it stops here.
				this.broken = true;
				this.inflight = null;
				return;
			}
			segment.acked++;
			if (inflight.measured && !segment.closed)
				record(segment, 'ack', inflight.sched, inflight.ackedAt);
			this.learn(answer.data?.event);
			this.settle(inflight);
		});
	}

	/** @param {NonNullable<Pair['inflight']>} step */
	settle(step) {
		if (!step.ackedAt || !step.receivedAt) return;
		const segment = this.segment;
		if (step.measured && !segment.closed) {
			segment.received++;
			record(segment, 'receipt', step.sched, step.receivedAt);
			segment.service.recordValue(micros(step.receivedAt - step.sentAt));
		}
		this.inflight = null;
		if (segment.closedLoop && !segment.closed) {
			segment.closedLoopDone++;
			this.due.push({ t: now(), measured: false });
		}
		this.sendNext();
	}
}

/** A min-heap of pairs by their next slot. */
class SlotHeap {
	/** @type {Pair[]} */
	items = [];
	/** @param {Pair} pair */
	push(pair) {
		const items = this.items;
		items.push(pair);
		let i = items.length - 1;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (items[parent].nextSlot <= items[i].nextSlot) break;
			[items[parent], items[i]] = [items[i], items[parent]];
			i = parent;
		}
	}
	peek() {
		return this.items[0];
	}
	pop() {
		const items = this.items;
		const top = items[0];
		const last = /** @type {Pair} */ (items.pop());
		if (items.length) {
			items[0] = last;
			let i = 0;
			for (;;) {
				const l = 2 * i + 1;
				const r = l + 1;
				let smallest = i;
				if (l < items.length && items[l].nextSlot < items[smallest].nextSlot) smallest = l;
				if (r < items.length && items[r].nextSlot < items[smallest].nextSlot) smallest = r;
				if (smallest === i) break;
				[items[smallest], items[i]] = [items[i], items[smallest]];
				i = smallest;
			}
		}
		return top;
	}
}

/** @type {Record<Target, Pair[]>} */
const pairs = { app: [], baseline: [], durable: [] };
/** @type {Socket[]} */
let scaleSockets = [];
/** @type {null | { socket: Socket, conversationId: string }} */
let noisy = null;

/** @param {Pair} pair @param {number} at */
function giveUp(pair, at) {
	const segment = pair.segment;
	const step = pair.inflight;
	if (step?.measured) {
		if (!step.ackedAt) record(segment, 'ack', step.sched, at);
		record(segment, 'receipt', step.sched, at);
		step.measured = false;
	}
	for (const slot of pair.due) {
		if (!slot.measured) continue;
		record(segment, 'ack', slot.t, at);
		record(segment, 'receipt', slot.t, at);
	}
	pair.due = [];
}

/** @param {Segment} segment */
function report(segment) {
	return {
		offered: segment.offered,
		received: segment.received,
		sent: segment.sent,
		acked: segment.acked,
		closedLoopDone: segment.closedLoopDone,
		errors: segment.errors,
		mix: segment.mix,
		mismatched: segment.mismatched,
		ack: hdr.encodeIntoCompressedBase64(segment.ack),
		receipt: hdr.encodeIntoCompressedBase64(segment.receipt),
		service: hdr.encodeIntoCompressedBase64(segment.service),
		...(segment.samples ? { samples: segment.samples } : {})
	};
}

/** Waits until no pair has work, or the deadline passes; returns whether all went idle. */
async function idle(/** @type {Pair[]} */ list, /** @type {number} */ deadline) {
	while (now() < deadline) {
		if (list.every((p) => p.broken || (!p.inflight && p.due.length === 0))) return true;
		await sleep(2);
	}
	return false;
}

const commands = {
	/**
	 * Connects couples [from, to) to the app (starting their talk) and, if given, to the bare and
	 * the durable relay. With appB (another process of the same app, on the same database), each
	 * couple's partner a is on `app` and partner b on `appB`: everything one says reaches the other
	 * through the processes' adapter.
	 * @param {{ couplesFile: string, from: number, to: number, app: string, appB?: string, baseline?: string, durable?: string, concurrency: number }} m
	 */
	async 'connect-talk'(m) {
		/** @type {SeededCouple[]} */
		const couples = JSON.parse(readFileSync(m.couplesFile, 'utf8')).slice(m.from, m.to);
		const started = now();
		await pool(couples, m.concurrency, async (couple) => {
			const app = await Promise.all([
				openWithRetry(m.app, { cookie: couple.a.cookie }),
				openWithRetry(m.appB ?? m.app, { cookie: couple.b.cookie })
			]);
			const answer = await app[0]
				.timeout(30_000)
				.emitWithAck('talk:start', { clientId: clientId() });
			if (!answer?.ok) throw new Error(`talk:start refused: ${JSON.stringify(answer)}`);
			pairs.app.push(
				new Pair(
					'app',
					app,
					[couple.a.id, couple.b.id],
					answer.data.conversationId,
					couple.index * 2 + 1
				)
			);
			// The relays: the same couple, the same talk plan (one seed for both).
			for (const target of /** @type {const} */ (['baseline', 'durable'])) {
				const url = m[target];
				if (!url) continue;
				const sockets = await Promise.all([
					openWithRetry(url, { auth: { couple: couple.coupleId, user: couple.a.id } }),
					openWithRetry(url, { auth: { couple: couple.coupleId, user: couple.b.id } })
				]);
				pairs[target].push(
					new Pair(
						target,
						sockets,
						[couple.a.id, couple.b.id],
						couple.coupleId,
						couple.index * 2 + 2
					)
				);
			}
		});
		return { couples: couples.length, ms: now() - started };
	},

	/**
	 * One open-loop segment against one target. startAtEpoch (ms since the epoch) lets another
	 * process time something against this segment's measured window; samples keeps every measured
	 * latency with its scheduled time.
	 * @param {{ target: Target, rate: number, warmMs: number, measureMs: number, graceMs: number, seed: number, startAtEpoch?: number, samples?: boolean }} m
	 */
	async segment(m) {
		const list = pairs[m.target].filter((p) => !p.broken);
		const random = rng(m.seed);
		const interval = (list.length / m.rate) * 1000;
		const start = m.startAtEpoch ? m.startAtEpoch - performance.timeOrigin : now() + 20;
		const measureStart = start + m.warmMs;
		const segment = newSegment(false, { origin: measureStart, samples: m.samples });
		const measureEnd = measureStart + m.measureMs;
		const heap = new SlotHeap();
		for (const pair of list) {
			pair.segment = segment;
			pair.due = [];
			pair.nextSlot = start + random() * interval;
			heap.push(pair);
		}
		await new Promise((resolve) => {
			const tick = () => {
				const t = now();
				while (heap.items.length && heap.peek().nextSlot <= t) {
					const pair = heap.pop();
					const measured = pair.nextSlot >= measureStart;
					pair.due.push({ t: pair.nextSlot, measured });
					if (measured) segment.offered++;
					pair.nextSlot += interval;
					if (pair.nextSlot < measureEnd) heap.push(pair);
					pair.sendNext();
				}
				if (t >= measureEnd && heap.items.length === 0) resolve(undefined);
				else setTimeout(tick, 1);
			};
			tick();
		});
		const deadline = measureEnd + m.graceMs;
		await idle(list, deadline);
		const at = Math.max(now(), deadline);
		for (const pair of list) giveUp(pair, Math.min(at, deadline));
		segment.closed = true;
		// Let late steps finish unmeasured, so the next segment starts from a settled talk.
		await idle(list, now() + 5000);
		let lost = 0;
		for (const pair of list)
			if (pair.inflight) {
				pair.broken = true;
				pair.inflight = null;
				lost++;
			}
		return {
			...report(segment),
			pairs: list.length,
			lost,
			interval,
			measureStartEpoch: performance.timeOrigin + measureStart
		};
	},

	/**
	 * Closed loop: every couple sends its next step as soon as the previous one is acknowledged
	 * and received — the most the server sustains with every couple busy.
	 * @param {{ target: Target, ms: number }} m
	 */
	async 'closed-loop'(m) {
		const list = pairs[m.target].filter((p) => !p.broken);
		const segment = newSegment(true);
		const started = now();
		for (const pair of list) {
			pair.segment = segment;
			pair.due = [{ t: started, measured: false }];
			pair.sendNext();
		}
		await sleep(m.ms);
		segment.closed = true;
		const elapsed = now() - started;
		const done = segment.closedLoopDone;
		const acked = segment.acked;
		await idle(list, now() + 5000);
		for (const pair of list) pair.due = [];
		return { ...report(segment), done, ackedInWindow: acked, ms: elapsed, pairs: list.length };
	},

	/**
	 * Connects couples [from, to) to one server and keeps them connected; with urlB (another
	 * process of the same app), partner a on `url` and partner b on `urlB`. Counts the couples with
	 * both partners connected, and each partner's sockets (a: on `url`, b: on `urlB` or `url`).
	 * @param {{ couplesFile: string, from: number, to: number, url: string, urlB?: string, target: 'app' | 'baseline', concurrency: number, deadlineMs: number }} m
	 */
	async 'connect-scale'(m) {
		/** @type {SeededCouple[]} */
		const couples = JSON.parse(readFileSync(m.couplesFile, 'utf8')).slice(m.from, m.to);
		const started = now();
		let connected = 0;
		let failed = 0;
		const sockets = { a: 0, b: 0 };
		/** @type {string[]} */
		const reasons = [];
		await pool(couples, m.concurrency, async (couple) => {
			if (now() - started > m.deadlineMs) {
				failed++;
				return;
			}
			const who = (/** @type {SeededCouple['a']} */ person) =>
				m.target === 'app'
					? { cookie: person.cookie }
					: { auth: { couple: couple.coupleId, user: person.id } };
			const results = await Promise.allSettled([
				openWithRetry(m.url, who(couple.a)),
				openWithRetry(m.urlB ?? m.url, who(couple.b))
			]);
			results.forEach((result, i) => {
				if (result.status === 'fulfilled') {
					scaleSockets.push(result.value);
					sockets[i === 0 ? 'a' : 'b']++;
				} else if (reasons.length < 5)
					reasons.push(String(result.reason?.message ?? result.reason));
			});
			if (results.every((r) => r.status === 'fulfilled')) connected++;
			else failed++;
		});
		return { connected, failed, sockets, reasons, ms: now() - started };
	},

	/**
	 * Opens one socket of one person of another couple, with their talk started: the noisy one.
	 * @param {{ couplesFile: string, index: number, url: string }} m
	 */
	async 'flood-open'(m) {
		/** @type {SeededCouple} */
		const couple = JSON.parse(readFileSync(m.couplesFile, 'utf8'))[m.index];
		const socket = await openWithRetry(m.url, { cookie: couple.a.cookie });
		const answer = await socket.timeout(30_000).emitWithAck('talk:start', { clientId: clientId() });
		if (!answer?.ok) throw new Error(`talk:start refused: ${JSON.stringify(answer)}`);
		noisy = {
			socket,
			conversationId: answer.data.conversationId,
			url: m.url,
			cookie: couple.a.cookie
		};
		return { conversationId: noisy.conversationId };
	},

	/**
	 * At atEpoch, sends `count` intents (talk:deeper and talk:lighter in turn) from the noisy socket
	 * without waiting for any answer: `chunk` at a time, a millisecond apart, as a network would
	 * deliver them. Returns how each was answered and when (ms after the first was sent).
	 * @param {{ atEpoch: number, count: number, chunk: number, timeoutMs: number }} m
	 */
	async flood(m) {
		if (!noisy) throw new Error('flood-open first');
		// The server drops a socket that ignores "slow down": each flood comes on a fresh one.
		if (!noisy.socket.connected)
			noisy.socket = await openWithRetry(noisy.url, { cookie: noisy.cookie });
		const { socket, conversationId } = noisy;
		const wait = m.atEpoch - (performance.timeOrigin + now());
		if (wait > 0) await sleep(wait);
		/** @type {Record<string, number>} */
		const answers = {};
		let answered = 0;
		let lastAnswerAt = 0;
		let lastAppliedAt = 0;
		/** @type {(value?: unknown) => void} */
		let allAnswered = () => {};
		const done = new Promise((resolve) => (allAnswered = resolve));
		const started = now();
		let droppedAt = 0;
		socket.once('disconnect', () => {
			droppedAt = now();
			allAnswered();
		});
		const cpu = process.cpuUsage();
		for (let i = 0; i < m.count && !droppedAt; i++) {
			const payload = { conversationId, clientId: clientId() };
			socket.emit(i % 2 ? 'talk:lighter' : 'talk:deeper', payload, (/** @type {any} */ answer) => {
				const code = answer?.ok ? 'ok' : (answer?.error?.code ?? 'no_answer');
				answers[code] = (answers[code] ?? 0) + 1;
				lastAnswerAt = now();
				if (code === 'ok') lastAppliedAt = lastAnswerAt;
				if (++answered === m.count) allAnswered();
			});
			if (i % m.chunk === m.chunk - 1) await sleep(1);
		}
		const sentAt = now();
		await Promise.race([done, sleep(m.timeoutMs)]);
		const used = process.cpuUsage(cpu);
		return {
			count: m.count,
			chunk: m.chunk,
			answered,
			answers,
			startedEpoch: performance.timeOrigin + started,
			sentMs: sentAt - started,
			answeredMs: answered === m.count ? lastAnswerAt - started : null,
			/** When the server dropped the socket for ignoring "slow down" (null if it never did). */
			droppedMs: droppedAt ? droppedAt - started : null,
			lastAppliedMs: lastAppliedAt ? lastAppliedAt - started : null,
			/** What sending the flood and reading its answers cost this (client) process. */
			clientCpuMs: (used.user + used.system) / 1000
		};
	},

	async close() {
		for (const list of Object.values(pairs))
			for (const pair of list) for (const socket of pair.sockets) socket.close();
		for (const socket of scaleSockets) socket.close();
		noisy?.socket.close();
		noisy = null;
		pairs.app = [];
		pairs.baseline = [];
		pairs.durable = [];
		scaleSockets = [];
		return true;
	}
};

process.on('message', async (/** @type {any} */ message) => {
	const command = commands[/** @type {keyof typeof commands} */ (message?.cmd)];
	if (!command) return;
	try {
		process.send?.({ id: message.id, ok: true, result: await command(message) });
	} catch (error) {
		process.send?.({ id: message.id, ok: false, error: String(error?.stack ?? error) });
	}
});
