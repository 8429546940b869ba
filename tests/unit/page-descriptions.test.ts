import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every page says what it is to search engines and link previews (Lighthouse counts a missing one
 * against SEO): one meta description in its own head, next to its title.
 */
describe('page descriptions', () => {
	const root = join(process.cwd(), 'src/routes');
	const pages = (readdirSync(root, { recursive: true }) as string[]).filter((file) =>
		/(^|\/)\+(page|error)\.svelte$/.test(file)
	);

	it('finds the pages', () => {
		expect(pages.length).toBeGreaterThan(20);
	});

	it.each(pages)('%s has exactly one meta description, of a useful length', (file) => {
		const source = readFileSync(join(root, file), 'utf8');
		const found = [...source.matchAll(/name="description"\s+content="([^"]*)"/g)];
		expect(found).toHaveLength(1);
		expect(found[0]![1]!.length).toBeGreaterThanOrEqual(40);
	});
});
