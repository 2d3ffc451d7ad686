/**
 * Create or update by external ID is one function for both nodes
 * (nodes/SeventeenHats/api/upsert.ts): the 17hats node's Contact → Create or
 * Update and the sync node, run against the fake 17hats, behave alike — a
 * contact found by email that is linked to another external ID is left alone
 * and a new one is created with a warning; a create whose answer was lost is
 * repeated, recognised and reported as created.
 */
import type { IDataObject } from 'n8n-workflow';

import { NODE, runHats } from '../node/seventeenHats.support';
import { example } from './ghlTo17hatsExamples';
import { HatsFixture, LOST_ANSWER } from './hatsFixture';

const fx = HatsFixture.use();

const SHARED_EMAIL = 'shared@example.com';

/** The 17hats node's Create or Update of a contact; its one output item. */
async function viaHatsNode(externalId: string, firstName: string): Promise<IDataObject> {
	const result = await runHats(
		{ resource: 'contact', operation: 'upsert', externalId, email: SHARED_EMAIL, firstName },
		{ credentials: fx.credentials() },
	);
	const error = result.error(NODE);
	if (error) throw new Error(`17hats node: ${error.message}`);
	return result.output(NODE)[0];
}

/** The sync node with a GHL ContactCreate; its one output item. */
async function viaSyncNode(ghlContactId: string, firstName: string): Promise<IDataObject> {
	const result = await fx.runSync([{ ...example('ContactCreate'), id: ghlContactId, email: SHARED_EMAIL, firstName }]);
	const error = result.error('Sync');
	if (error) throw new Error(`sync node: ${error.message}`);
	return result.output('Sync')[0];
}

const NODES: Array<[string, (externalId: string, firstName: string) => Promise<IDataObject>]> = [
	['17hats node', viaHatsNode],
	['sync node', viaSyncNode],
];

describe.each(NODES)('%s', (_name, upsert) => {
	it('leaves a contact found by email that is linked to another external ID alone, and creates a new one with a warning', async () => {
		const other = fx.insert('contacts', { first_name: 'Ann', email: SHARED_EMAIL, external_id: 'ghl-first', metadata: { source: 'ghl' } });
		const before = structuredClone(other);

		const out = await upsert('ghl-second', 'Bea');

		expect(out.action).toBe('created');
		expect(out.warnings).toEqual([
			`A 17hats contact with the same email (${fx.idOf('contacts', other)}) is linked to another external ID (ghl-first); it was left as it is and a new one was created`,
		]);
		const contacts = fx.records('contacts');
		expect(contacts).toHaveLength(2);
		expect(contacts.find((c) => c.external_id === 'ghl-first')).toEqual(before);
		expect(contacts.find((c) => c.external_id === 'ghl-second')).toMatchObject({ first_name: 'Bea', email: SHARED_EMAIL });
		expect(fx.writes().map((w) => `${w.method} ${w.path}`)).toEqual(['POST /contacts']);
	});

	it('links an unlinked contact found by email', async () => {
		const unlinked = fx.insert('contacts', { first_name: 'Bea', email: SHARED_EMAIL });

		const out = await upsert('ghl-second', 'Bea');

		expect(out.action).toBe('updated');
		expect(fx.records('contacts')).toEqual([expect.objectContaining({ contact_id: unlinked.contact_id, external_id: 'ghl-second' })]);
	});

	it('repeats a create whose answer was lost and reports its own contact as created, without a race warning', async () => {
		let creates = 0;
		fx.intercept = async (req, next) => {
			const answer = await next();
			return req.method === 'POST' && req.path === '/contacts' && ++creates === 1 ? LOST_ANSWER : answer;
		};

		const out = await upsert('ghl-second', 'Bea');

		expect(creates).toBe(2);
		expect(out.action).toBe('created');
		expect(out.warnings).toEqual([]);
		expect(fx.records('contacts')).toEqual([expect.objectContaining({ external_id: 'ghl-second', first_name: 'Bea' })]);
	});
});
