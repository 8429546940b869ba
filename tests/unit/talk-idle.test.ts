import { describe, expect, it } from 'vitest';
import { pair } from '../helpers/domain';
import {
	closeIdleTalks,
	IDLE_CLOSE_MS,
	liveTalkOf,
	readTalk,
	startTalk
} from '$lib/server/talk/talks';
import { submitIntent } from '$lib/server/conversations/pipeline';

describe('a talk left idle', () => {
	it('closes by itself after 24 idle hours, paused or not, and only then', async () => {
		const { a, b } = await pair();
		const t0 = Date.now();
		const { conversationId } = await startTalk(a.id, 'start-idle-1', t0);
		await submitIntent(
			'live',
			b.id,
			conversationId,
			'pause-idle-1',
			{ type: 'not-ready', scope: 'talk' },
			{ now: t0 + 1000 }
		);

		expect(await closeIdleTalks(t0 + 1000 + IDLE_CLOSE_MS - 1)).toEqual([]);
		const closed = await closeIdleTalks(t0 + 1000 + IDLE_CLOSE_MS + 1);
		expect(closed.map((c) => c.conversationId)).toContain(conversationId);
		const event = closed.find((c) => c.conversationId === conversationId)!.event;
		expect(event).toMatchObject({ type: 'talk.ended', actorId: null, data: { reason: 'idle' } });

		const { state } = await readTalk(a.id, conversationId);
		expect(state.status).toBe('ended');
		expect(state.endReason).toBe('idle');
		expect(await liveTalkOf(a.id)).toBeUndefined();
		// Closing again finds nothing to close: never two endings.
		expect(
			(await closeIdleTalks(t0 + 3 * IDLE_CLOSE_MS)).map((c) => c.conversationId)
		).not.toContain(conversationId);
	});
});
