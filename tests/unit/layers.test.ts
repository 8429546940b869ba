import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

/** Lints a one-line module as if it stood at `filePath`: the layer rules decide by where it is. */
async function importErrors(filePath: string, source: string): Promise<string[]> {
	const [result] = await eslint.lintText(`import { x } from '${source}';\nexport const y = x;\n`, {
		filePath
	});
	return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('arrows point down, and lint enforces it', () => {
	it.each([
		['src/routes/cards/[id]/+page.server.ts', '$lib/server/realtime/server'],
		['src/lib/server/cards/cards.ts', '../realtime/server'],
		['src/lib/server/conversations/pipeline.ts', '../talk/talks'],
		['src/lib/server/conversations/kinds/talk.ts', '../../cards/cards'],
		['src/lib/server/deck/picker.ts', '../conversations/log'],
		['src/lib/server/db/index.ts', '../couples/access'],
		['src/lib/server/hub.ts', '../conversations/publish'],
		['src/lib/conversation/sync.ts', '$lib/server/conversations/log'],
		['src/lib/deck/cards.ts', '$lib/server/hub']
	])('%s may not import %s', async (file, source) => {
		expect(await importErrors(file, source)).not.toEqual([]);
	});

	it.each([
		['src/lib/server/realtime/server.ts', '../talk/talks'],
		['src/lib/server/cards/cards.ts', '../conversations/pipeline'],
		['src/lib/server/conversations/publish.ts', '../hub'],
		['src/routes/settings/+page.server.ts', '$lib/server/hub'],
		['src/lib/conversation/sync.ts', './kind']
	])('%s may import %s', async (file, source) => {
		expect(await importErrors(file, source)).toEqual([]);
	});
});

describe('every enhanced form goes through the one enhance', () => {
	/** Lints a module importing `enhance` from `source`, as if it stood at `filePath`. */
	async function enhanceErrors(filePath: string, source: string) {
		const code = `import { enhance } from '${source}';\nexport const y = enhance;\n`;
		const text = filePath.endsWith('.svelte') ? `<script lang="ts">\n${code}</script>\n` : code;
		const [result] = await eslint.lintText(text, { filePath });
		return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports');
	}

	it.each(['src/routes/settings/+page.svelte', 'src/lib/components/door/MyDoor.svelte'])(
		"%s may not use SvelteKit's own",
		async (file) => {
			expect(await enhanceErrors(file, '$app/forms')).not.toEqual([]);
			expect(await enhanceErrors(file, '$lib/forms/enhance')).toEqual([]);
		}
	);

	it('only the wrapper itself may', async () => {
		expect(await enhanceErrors('src/lib/forms/enhance.ts', '$app/forms')).toEqual([]);
	});
});
