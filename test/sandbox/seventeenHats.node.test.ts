/**
 * The 17hats node against the fake 17hats over real HTTP: every operation runs
 * through n8n's engine, and every request the node sent (read back from the
 * sandbox's request log) must satisfy docs/17hats-api.yaml.
 */
import type { IDataObject } from 'n8n-workflow';

import { resetBuckets } from '../../dist/nodes/common/rateLimiter';
import { startHatsSandbox, type HatsSandbox } from '../../sandbox';
import { hatsCredentials } from '../support/fixtures';
import { validateRequest } from '../support/openapi';
import { byId, NODE, runHats, type RunOptions } from '../node/seventeenHats.support';

let sb: HatsSandbox;

beforeAll(async () => {
	sb = await startHatsSandbox({ port: 0, rateLimit: { max: 10_000, windowMs: 60_000 } });
	resetBuckets();
});
afterAll(async () => await sb.close());

/** Runs one operation against the sandbox; fails the test on a node error. */
async function run(parameters: IDataObject, options: RunOptions = {}): Promise<IDataObject[]> {
	const result = await runHats(parameters, {
		...options,
		credentials: hatsCredentials({ baseUrl: sb.url, apiKey: sb.apiKey, ...(options.credentials ?? {}) }),
	});
	const error = result.error(NODE);
	if (error) throw new Error(`${String(parameters.resource)}.${String(parameters.operation)}: ${error.message} ${error.description ?? ''}`);
	return result.output(NODE);
}
const one = async (parameters: IDataObject, options?: RunOptions) => (await run(parameters, options))[0];
const meta = (pairs: Record<string, string>) => ({ entries: Object.entries(pairs).map(([key, value]) => ({ key, value })) });

interface LoggedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	body: unknown;
	status: number;
}

async function sentRequests(): Promise<LoggedRequest[]> {
	const response = await fetch(`${sb.origin}/__admin/requests`);
	return ((await response.json()) as { requests: LoggedRequest[] }).requests;
}

test('every operation works against the sandbox and sends only what docs/17hats-api.yaml allows', async () => {
	expect(await one({ resource: 'account', operation: 'get' })).toMatchObject({ account_id: 'acc_sandbox' });

	// Contacts
	const grace = await one({
		resource: 'contact',
		operation: 'create',
		email: 'mary@example.com',
		firstName: 'Mary',
		additionalFields: {
			type: 'hot_lead',
			tags: 'ghl, new',
			address: { details: { city: 'Paris', country: 'FR' } },
			lastSyncedAt: '2024-05-01T10:00:00',
		},
		metadata: meta({ source: 'ghl' }),
	});
	expect(grace).toMatchObject({ type: 'hot_lead', tags: ['ghl', 'new'], metadata: { source: 'ghl' } });
	const c = String(grace.contact_id);

	const created = await one({ resource: 'contact', operation: 'upsert', externalId: 'ghl_c1', email: 'ghl1@example.com', lastName: 'One' });
	expect(created).toMatchObject({ action: 'created', external_id: 'ghl_c1' });
	const again = await one({
		resource: 'contact',
		operation: 'upsert',
		externalId: 'ghl_c1',
		email: 'ghl1@example.com',
		lastName: 'Uno',
		metadata: meta({ run: '2' }),
	});
	expect(again).toMatchObject({ action: 'updated', matched_by: 'external_id', contact_id: created.contact_id, last_name: 'Uno' });
	const ada = await one({ resource: 'contact', operation: 'upsert', externalId: 'ghl_ada', email: 'ada@example.com', firstName: 'Ada' });
	expect(ada).toMatchObject({ action: 'updated', matched_by: 'email', external_id: 'ghl_ada', metadata: { source: 'sandbox-seed' } });

	// Two items about one record in one run go in input order: created, then updated.
	const inOrder = await run(
		{ resource: 'contact', operation: 'upsert', externalId: '={{ $json.ext }}', email: '={{ $json.email }}', firstName: '={{ $json.name }}', requestOptions: { concurrency: 2 } },
		{ input: [{ json: { ext: 'ghl_order', email: 'order@example.com', name: 'First' } }, { json: { ext: 'ghl_order', email: 'order@example.com', name: 'Second' } }] },
	);
	expect(inOrder.map((r) => [r.action, r.first_name])).toEqual([['created', 'First'], ['updated', 'Second']]);
	expect(new Set(inOrder.map((r) => r.contact_id)).size).toBe(1);

	// Two executions (two workers) racing on the same external id make one contact. The
	// latency lets both look the id up before either creates it, so one POST loses (409).
	sb.faults.configure({ latencyMs: 150 });
	const upsertRace = { resource: 'contact', operation: 'upsert', externalId: 'ghl_race', email: 'race@example.com' };
	const race = (await Promise.all([run(upsertRace), run(upsertRace)])).flat();
	sb.faults.configure({});
	expect(new Set(race.map((r) => r.contact_id)).size).toBe(1);

	const updated = await one({
		resource: 'contact',
		operation: 'update',
		contactId: byId(c),
		updateFields: { company: 'Curie Labs', type: 'client' },
		metadata: meta({ stage: 'won' }),
	});
	expect(updated).toMatchObject({ company: 'Curie Labs', type: 'client', metadata: { source: 'ghl', stage: 'won' } });
	expect(await one({ resource: 'contact', operation: 'get', contactId: byId(c) })).toMatchObject({ contact_id: c });
	const listed = await run({
		resource: 'contact',
		operation: 'getAll',
		returnAll: true,
		filters: { email: 'mary@example.com', type: 'client', updatedSince: '2020-01-01T00:00:00', metadata: meta({ stage: 'won' }) },
	});
	expect(listed.map((x) => x.contact_id)).toEqual([c]);
	expect(await run({ resource: 'contact', operation: 'getAll', returnAll: false, limit: 2 })).toHaveLength(2);

	// Projects
	const p = String(
		(await one({ resource: 'project', operation: 'create', contactId: byId(c), name: 'Wedding', metadata: meta({ ghl: 'opp1' }) }))
			.project_id,
	);
	expect(await one({ resource: 'project', operation: 'get', projectId: byId(p) })).toMatchObject({ contact_id: c });
	expect(await run({ resource: 'project', operation: 'getAll', returnAll: true, filters: { contactId: c } })).toHaveLength(1);

	// Documents
	const doc = await one({
		resource: 'document',
		operation: 'create',
		contactId: byId(c),
		name: 'Quote',
		documentType: 'quote',
		additionalFields: { projectId: byId(p), templateId: byId('tpl_standard_quote'), externalId: 'ghl_doc1' },
		metadata: meta({ ghl_status: 'draft' }),
	});
	const d = String(doc.document_id);
	expect(await one({ resource: 'document', operation: 'update', documentId: byId(d), updateFields: { name: 'Quote v2' } })).toMatchObject({
		name: 'Quote v2',
	});
	expect(await one({ resource: 'document', operation: 'get', documentId: byId(d) })).toMatchObject({ document_id: d });
	const docs = await run({
		resource: 'document',
		operation: 'getAll',
		returnAll: true,
		filters: { contactId: c, projectId: p, documentType: 'quote', status: 'draft', externalId: 'ghl_doc1' },
	});
	expect(docs.map((x) => x.document_id)).toEqual([d]);
	expect(
		await one({ resource: 'document', operation: 'setMetadata', documentId: byId(d), metadata: meta({ ghl_status: 'sent', extra: 'x' }) }),
	).toMatchObject({ metadata: { ghl_status: 'sent', extra: 'x' } });
	expect(
		await one({
			resource: 'document',
			operation: 'setMetadata',
			documentId: byId(d),
			metadata: meta({ only: 'this' }),
			metadataMode: 'replace',
			lastSyncedAt: '2024-06-01T00:00:00Z',
		}),
	).toMatchObject({ metadata: { only: 'this' } });
	expect(await one({ resource: 'document', operation: 'send', documentId: byId(d), message: 'Please review' })).toMatchObject({
		status: 'sent',
	});

	// Contracts
	const k = String(
		(
			await one({
				resource: 'contract',
				operation: 'create',
				contactId: byId(c),
				name: 'Agreement',
				additionalFields: { projectId: byId(p), amount: 1200, currency: 'usd', startDate: '2024-06-01T00:00:00', autoRenew: true },
			})
		).contract_id,
	);
	expect(
		await one({ resource: 'contract', operation: 'update', contractId: byId(k), updateFields: { renewalDate: '2025-06-01' } }),
	).toMatchObject({ renewal_date: '2025-06-01' });
	expect(
		await one({ resource: 'contract', operation: 'updateStatus', contractId: byId(k), status: 'active', reason: 'Paid in GHL' }),
	).toMatchObject({ status: 'active' });
	expect(await one({ resource: 'contract', operation: 'get', contractId: byId(k) })).toMatchObject({ contract_id: k });
	expect(await run({ resource: 'contract', operation: 'getAll', returnAll: true, filters: { contactId: c, status: 'active' } })).toHaveLength(1);
	expect(await one({ resource: 'contract', operation: 'attachDocuments', contractId: byId(k), documentIds: `${d}, ${d}` })).toMatchObject({
		document_ids: [d],
	});
	expect(await one({ resource: 'contract', operation: 'send', contractId: byId(k) })).toMatchObject({ contract_id: k });

	// Invoices
	const inv = await one({
		resource: 'invoice',
		operation: 'create',
		contactId: byId(c),
		amount: 300,
		additionalFields: { contractId: byId(k), dueDate: '2024-07-01T00:00:00', externalId: 'ghl_inv1' },
	});
	const i = String(inv.invoice_id);
	expect(await one({ resource: 'invoice', operation: 'update', invoiceId: i, updateFields: { amountPaid: 100 }, metadata: meta({ a: 'b' }) }))
		.toMatchObject({ amount_paid: 100, metadata: { a: 'b' } });
	expect(await one({ resource: 'invoice', operation: 'updateStatus', invoiceId: i, status: 'paid' })).toMatchObject({ status: 'paid' });
	expect(await one({ resource: 'invoice', operation: 'get', invoiceId: i })).toMatchObject({ invoice_id: i });
	expect(await run({ resource: 'invoice', operation: 'getAll', returnAll: true, filters: { contractId: k, status: 'paid' } })).toHaveLength(1);

	// Link, then delete
	const adaProject = await one({ resource: 'project', operation: 'getAll', returnAll: true, filters: { contactId: String(ada.contact_id) } });
	expect(
		await one({
			resource: 'document',
			operation: 'linkToContact',
			contactId: byId(String(ada.contact_id)),
			documentId: byId(d),
			projectId: byId(String(adaProject.project_id)),
		}),
	).toMatchObject({ contact_id: ada.contact_id, project_id: adaProject.project_id });
	expect(await one({ resource: 'document', operation: 'delete', documentId: byId(d) })).toEqual({ deleted: true, document_id: d });
	expect(await one({ resource: 'contact', operation: 'delete', contactId: byId(String(created.contact_id)) })).toEqual({
		deleted: true,
		contact_id: created.contact_id,
	});

	// What the node sent: every request fits the contract.
	const requests = await sentRequests();
	expect(requests.length).toBeGreaterThan(40);
	const problems = requests
		.map((r) => ({ r, check: validateRequest({ method: r.method, path: r.path, query: r.query, body: r.body ?? undefined }) }))
		.filter(({ check }) => !check.valid)
		.map(({ r, check }) => `${r.method} ${r.path}: ${check.errors.join('; ')}`);
	expect(problems).toEqual([]);
	const operations = new Set(
		requests.map((r) => validateRequest({ method: r.method, path: r.path, query: r.query, body: r.body ?? undefined }).operation?.operationId),
	);
	expect([...operations].sort()).toEqual(
		[
			'getMe',
			...['Contact', 'Document'].flatMap((x) => [`create${x}`, `list${x}s`, `get${x}`, `update${x}`, `delete${x}`]),
			...['Contract', 'Invoice'].flatMap((x) => [`create${x}`, `list${x}s`, `get${x}`, `update${x}`]),
			'createProject',
			'listProjects',
			'getProject',
			'sendDocument',
			'setContractStatus',
			'attachContractDocument',
			'sendContract',
			'setInvoiceStatus',
		].sort(),
	);
	// Only the race's losing POST was refused; everything else succeeded.
	expect(requests.filter((r) => r.status >= 400).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /v1/contacts 409']);
});

test('a missing scope fails before anything reaches the sandbox', async () => {
	await fetch(`${sb.origin}/__admin/requests?clear=1`);
	const result = await runHats(
		{ resource: 'invoice', operation: 'create', contactId: byId('ct_1'), amount: 1 },
		{ credentials: hatsCredentials({ baseUrl: sb.url, apiKey: sb.apiKey, scopes: ['invoices:read'] }), continueOnFail: true },
	);
	expect(result.output(NODE)[0].error).toContain('"invoices:write"');
	expect(await sentRequests()).toEqual([]);
});

test('a document send without a project answers 422 project_required, named on the item', async () => {
	const alan = await one({ resource: 'contact', operation: 'getAll', returnAll: true, filters: { email: 'alan@example.com' } });
	const doc = await one({ resource: 'document', operation: 'create', contactId: byId(String(alan.contact_id)), name: 'Q', documentType: 'quote' });
	const result = await runHats(
		{ resource: 'document', operation: 'send', documentId: byId(String(doc.document_id)) },
		{ credentials: hatsCredentials({ baseUrl: sb.url, apiKey: sb.apiKey }), continueOnFail: true },
	);
	expect(result.output(NODE)[0]).toMatchObject({ httpCode: '422', description: expect.stringContaining('project_required') });
});
