/**
 * The GHL to 17hats Sync node in n8n's engine, 17hats behind nock
 * (https://api.17hats.com/v1), for exact requests: a minimal PATCH, dry run,
 * 17hats errors on the item, Max Attempts. Everything that needs a 17hats
 * that keeps state runs against the fake 17hats in
 * test/sandbox/ghlTo17hatsEngine.sandbox.test.ts.
 */
import nock from 'nock';
import type { IDataObject, INode } from 'n8n-workflow';

import { useNock } from '../support/nock';
import { createHarness, nodeType, type EngineHarness } from '../support/harness';
import { HATS_BASE, hatsCredentials } from '../support/fixtures';
import { CONTACT_ID, example, INVOICE_ID, syncedContact } from '../sandbox/ghlTo17hatsExamples';

let harness: EngineHarness;

beforeAll(async () => {
	harness = await createHarness();
});

useNock();

function syncNode(parameters: IDataObject = {}): INode {
	return {
		name: 'Sync',
		type: nodeType('ghlTo17hatsSync'),
		parameters: { entity: 'auto', ...parameters },
	} as unknown as INode;
}

async function run(input: IDataObject[], parameters: IDataObject = {}, continueOnFail = false) {
	const node = syncNode(parameters);
	if (continueOnFail) (node as INode).onError = 'continueRegularOutput';
	return await harness.runWorkflow({
		nodes: [node],
		credentials: { seventeenHatsApi: hatsCredentials() },
		input: input.map((json) => ({ json })),
	});
}

describe('contacts', () => {
	it('patches a changed field alone', async () => {
		let patchBody: IDataObject | undefined;
		const scope = nock(HATS_BASE)
			.get('/contacts')
			.query({ external_id: CONTACT_ID, limit: '1' })
			.reply(200, { data: [{ contact_id: 'ct_9', ...syncedContact({ phone: '+10000000000' }) }], next_cursor: null })
			.patch('/contacts/ct_9', (body: IDataObject) => {
				patchBody = body;
				return true;
			})
			.reply(200, (_uri: string, body: IDataObject) => ({ contact_id: 'ct_9', ...syncedContact(), ...body }));
		const result = await run([example('ContactUpdate')]);
		expect(result.error('Sync')).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(Object.keys(patchBody ?? {}).sort()).toEqual(['last_synced_at', 'phone']);
		expect(patchBody?.phone).toBe('+919509597501');
		expect(result.output('Sync')[0]).toMatchObject({
			action: 'updated',
			hatsId: 'ct_9',
			changes: { phone: { before: '+10000000000', after: '+919509597501' } },
			last_synced_at: patchBody?.last_synced_at,
		});
	});

	it('reports a 17hats API error on the item', async () => {
		nock(HATS_BASE)
			.get('/contacts')
			.query(true)
			.reply(403, { error: { code: 'insufficient_scope', message: 'This API key lacks the scope "contacts:read".', request_id: 'req_1' } });
		const result = await run([example('ContactCreate')], {}, true);
		const out = result.output('Sync')[0];
		expect(out).toMatchObject({ action: 'failed', httpCode: '403', traceId: 'req_1' });
		expect(String(out.error)).toMatch(/^Contact: This API key lacks the scope "contacts:read"/);
	});

	it('reports a 409 on create that is not a duplicate external ID as 17hats reports it: message, status and request id', async () => {
		nock(HATS_BASE)
			.get('/contacts')
			.query(true)
			.times(2)
			.reply(200, { data: [], next_cursor: null })
			.post('/contacts')
			.reply(409, { error: { code: 'conflict', message: 'Contact is locked by an import', request_id: 'req_conflict' } });
		const result = await run([example('ContactCreate')], {}, true);
		const out = result.output('Sync')[0];
		expect(out).toMatchObject({ action: 'failed', httpCode: '409', traceId: 'req_conflict' });
		expect(String(out.error)).toBe('Contact: Contact is locked by an import');
		expect(String(out.description)).toContain('Details: code conflict.');
	});

	it('honours Request Options: Max Attempts', async () => {
		let calls = 0;
		nock(HATS_BASE)
			.persist()
			.get('/contacts')
			.query(true)
			.reply(() => {
				calls++;
				return [503, { error: { code: 'unavailable', message: 'Try again later', request_id: 'req_503' } }];
			});
		const result = await run([example('ContactCreate')], { requestOptions: { maxAttempts: 2, maxRetryWaitSeconds: 1 } }, true);
		expect(result.output('Sync')[0]).toMatchObject({ action: 'failed', httpCode: '503' });
		expect(calls).toBe(2);
	});
});

describe('dry run', () => {
	it('reports what an invoice would create and writes nothing', async () => {
		// Only GET interceptors: any write would fail the item.
		const empty = { data: [], next_cursor: null };
		const scope = nock(HATS_BASE)
			.get('/contacts')
			.query({ external_id: INVOICE_ID, limit: '1' })
			.reply(200, empty)
			.get('/contacts')
			.query({ email: 'alex@example.com', limit: '1' })
			.reply(200, empty)
			.get('/contracts')
			.query({ external_id: `invoice:${INVOICE_ID}`, limit: '1' })
			.reply(200, empty)
			.get('/invoices')
			.query({ external_id: INVOICE_ID, limit: '1' })
			.reply(200, empty);
		const result = await run([example('InvoicePaid')], { dryRun: true });
		expect(result.error('Sync')).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		const out = result.output('Sync')[0];
		expect(out).toMatchObject({ action: 'created', entity: 'invoice', dryRun: true, hatsId: null, last_synced_at: null });
		expect(out.changes).toMatchObject({
			'contract.status': { before: null, after: 'active' },
			'contract.amount': { before: null, after: 999 },
			'invoice.status': { before: null, after: 'paid' },
			'invoice.amount_paid': { before: null, after: 999 },
		});
		expect((out.steps as IDataObject[]).map((s) => `${s.record}:${s.action}`)).toEqual([
			'contact:created',
			'project:created',
			'contract:created',
			'invoice:created',
		]);
	});

	it('reports a minimal change of an existing record', async () => {
		nock(HATS_BASE)
			.get('/contacts')
			.query(true)
			.reply(200, { data: [{ contact_id: 'ct_9', ...syncedContact({ company: 'Old' }) }], next_cursor: null });
		const result = await run([example('ContactUpdate')], { dryRun: true });
		expect(result.output('Sync')[0]).toMatchObject({ action: 'updated', dryRun: true, changes: { company: { before: 'Old', after: 'Loram ipsum' } } });
	});
});
