/** docs/operations.md and docs/operations.json are generated from the built nodes; stale files fail. */
import { readFileSync } from 'fs';
import { join } from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { outputs, buildCatalog } = require('../../scripts/catalog.js') as {
	outputs(): Record<string, string>;
	buildCatalog(): { total: number; nodes: Array<{ name: string; entries: Array<{ method?: string | null; path?: string | null }> }> };
};

describe('operations catalog', () => {
	it('docs are up to date (run npm run catalog)', () => {
		for (const [file, text] of Object.entries(outputs())) {
			expect({ file, upToDate: readFileSync(join(__dirname, '..', '..', file), 'utf8') === text }).toEqual({ file, upToDate: true });
		}
	});

	it('counts at least 126 actions and triggers, every GHL action with method and path', () => {
		const catalog = buildCatalog();
		expect(catalog.total).toBeGreaterThanOrEqual(126);
		const ghl = catalog.nodes.find((n) => n.name === 'ghl');
		expect(ghl?.entries.length).toBeGreaterThanOrEqual(100);
		for (const e of ghl?.entries ?? []) {
			expect(e.method).toBeTruthy();
			expect(e.path).toBeTruthy();
		}
	});
});
