/**
 * The one 17hats collections table (nodes/SeventeenHats/api/collections.ts)
 * agrees with docs/17hats-api.yaml and with the fake 17hats: the same paths,
 * id fields, id prefixes and scopes. The nodes and the tests read the table,
 * so a drift shows here instead of in a request 17hats refuses.
 */
import { COLLECTION_NAMES, COLLECTIONS, TEMPLATES } from '../../nodes/SeventeenHats/api/collections';
import { DEFS } from '../../sandbox/hats/resources';
import { TEMPLATES as SANDBOX_TEMPLATES } from '../../sandbox/hats/store';
import { openApi } from '../support/openapi';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const paths = openApi().doc.paths as Json;

describe.each(COLLECTION_NAMES)('%s', (name) => {
	const c = COLLECTIONS[name];

	it('matches docs/17hats-api.yaml: path, id field and prefix, scopes', () => {
		const one = paths[`${c.path}/{${c.idKey}}`] as Json;
		expect(one).toBeDefined();
		expect(one.parameters).toEqual([expect.objectContaining({ name: c.idKey, schema: expect.objectContaining({ pattern: `^${c.idPrefix}` }) })]);
		expect(paths[c.path].get['x-required-scopes']).toEqual([c.readScope]);
		expect(paths[c.path].post['x-required-scopes']).toEqual([c.writeScope]);
	});

	it('matches the fake 17hats', () => {
		expect({ idKey: c.idKey, idPrefix: c.idPrefix, readScope: c.readScope }).toEqual({
			idKey: DEFS[name].idField,
			idPrefix: DEFS[name].prefix,
			readScope: `${DEFS[name].scope}:read`,
		});
	});
});

it('templates: read-only, and every template id the fake 17hats has carries the prefix', () => {
	expect(paths[TEMPLATES.path].get['x-required-scopes']).toEqual([TEMPLATES.readScope]);
	expect(paths[TEMPLATES.path].post).toBeUndefined();
	for (const t of SANDBOX_TEMPLATES) expect(t[TEMPLATES.idKey as 'template_id']).toMatch(new RegExp(`^${TEMPLATES.idPrefix}`));
});
