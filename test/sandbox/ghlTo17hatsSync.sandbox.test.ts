/**
 * The GHL to 17hats Sync node against the fake 17hats over real HTTP, through
 * n8n's engine: the official GHL webhook examples (a contact, a document, an
 * invoice) end up correctly in 17hats, replays change nothing, and every
 * request the node sent satisfies docs/17hats-api.yaml.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { resetBuckets } from '../../dist/nodes/common/rateLimiter';
import { startHatsSandbox, type HatsSandbox } from '../../sandbox/hats';
import { hatsCredentials } from '../support/fixtures';
import { createHarness, nodeType, type EngineHarness } from '../support/harness';
import { validateRequest } from '../support/openapi';
import { example, syncedContact } from './ghlTo17hatsExamples';

let sb: HatsSandbox;
let harness: EngineHarness;

beforeAll(async () => {
	sb = await startHatsSandbox({ port: 0, rateLimit: { max: 10_000, windowMs: 60_000 } });
	harness = await createHarness();
	resetBuckets();
});
afterAll(async () => await sb.close());

async function sync(input: IDataObject[], parameters: IDataObject = {}): Promise<IDataObject[]> {
	const result = await harness.runWorkflow({
		nodes: [{ name: 'Sync', type: nodeType('ghlTo17hatsSync'), parameters: { entity: 'auto', ...parameters } } as unknown as INode],
		credentials: { seventeenHatsApi: hatsCredentials({ baseUrl: sb.url, apiKey: sb.apiKey }) },
		input: input.map((json) => ({ json })),
	});
	const error = result.error('Sync');
	if (error) throw new Error(`${error.message} ${error.description ?? ''}`);
	return result.output('Sync');
}

type State = { data: Record<string, IDataObject[]> };
async function state(): Promise<State> {
	return (await (await fetch(`${sb.origin}/__admin/state`)).json()) as State;
}
const byExternal = (s: State, resource: string, externalId: string) => s.data[resource].filter((r) => r.external_id === externalId);

test('a GHL contact, document and invoice end up in 17hats, once', async () => {
	const contactEvent = { event: 'ContactCreate', entity: 'Contact', data: example('ContactCreate') };
	const document: IDataObject = {
		locationId: 've9EPM428h8vShlRW1KT',
		documentId: 'd-1',
		_id: 'ghl-doc-42',
		name: 'Photography Contract',
		type: 'contract',
		deleted: false,
		status: ['sent', 'completed'],
		recipients: [{ id: 'nmFmQEsNgz6AVpgLVUJ0', email: 'JohnDeo@gmail.comm', firstName: 'John', lastName: 'Deo', role: 'signer', isPrimary: true }],
	};
	const invoice = example('InvoicePaid');
	const params = { welcomeAgreement: true, welcomeTrigger: 'firstInvoicePaid', welcomeTemplateId: 'tpl_welcome_agreement' };

	const first = await sync([contactEvent, document, invoice], { ...params, options: { concurrency: 1 } });
	expect(first.map((o) => [o.entity, o.action])).toEqual([
		['contact', 'created'],
		['document', 'created'],
		['invoice', 'created'],
	]);

	const s = await state();
	const [contact] = byExternal(s, 'contacts', 'nmFmQEsNgz6AVpgLVUJ0');
	expect(contact).toMatchObject({ ...syncedContact(), last_synced_at: expect.any(String) });

	const [doc] = byExternal(s, 'documents', 'ghl-doc-42');
	const [project] = s.data.projects.filter((p) => p.contact_id === contact.contact_id);
	expect(doc).toMatchObject({
		contact_id: contact.contact_id,
		project_id: project.project_id,
		name: 'Photography Contract',
		document_type: 'contract',
		status: 'completed',
	});

	const [alex] = byExternal(s, 'contacts', '6578278e879ad2646715ba9c');
	expect(alex).toMatchObject({ first_name: 'Alex', email: 'alex@example.com', phone: '+12145596993', company: 'ABC Corp.' });
	const [contract] = byExternal(s, 'contracts', 'invoice:6578278e879ad2646715ba9c');
	expect(contract).toMatchObject({ contact_id: alex.contact_id, status: 'active', amount: 999, currency: 'USD', start_date: '2023-01-01' });
	const [inv] = byExternal(s, 'invoices', '6578278e879ad2646715ba9c');
	expect(inv).toMatchObject({
		contract_id: contract.contract_id,
		contact_id: alex.contact_id,
		number: '19',
		amount: 999,
		amount_paid: 999,
		status: 'paid',
		due_date: '2023-01-01',
	});
	const [welcome] = byExternal(s, 'documents', 'welcome:6578278e879ad2646715ba9c');
	expect(welcome).toMatchObject({ contact_id: alex.contact_id, template_id: 'tpl_welcome_agreement', status: 'sent' });

	// Replays change nothing.
	const replay = await sync([contactEvent, document, invoice], params);
	expect(replay.map((o) => o.action)).toEqual(['skipped', 'skipped', 'skipped']);
	const after = await state();
	for (const resource of ['contacts', 'projects', 'documents', 'contracts', 'invoices']) {
		expect(after.data[resource]).toHaveLength(s.data[resource].length);
	}

	// Every request the node sent is one the contract allows.
	const { requests } = (await (await fetch(`${sb.origin}/__admin/requests`)).json()) as {
		requests: Array<{ method: string; path: string; query: Record<string, string>; body: unknown; status: number }>;
	};
	const api = requests.filter((r) => r.path.startsWith('/v1/'));
	expect(api.length).toBeGreaterThan(10);
	for (const r of api) {
		const check = validateRequest({ method: r.method, path: r.path.slice(3), query: r.query, body: r.body });
		expect({ request: `${r.method} ${r.path}`, issues: check.valid ? [] : check.issues }).toEqual({ request: `${r.method} ${r.path}`, issues: [] });
		expect(r.status).toBeLessThan(400);
	}
});

test('invoice void and delete events flow through to 17hats', async () => {
	const voided = await sync([example('InvoiceVoid')]);
	expect(voided[0]).toMatchObject({ action: 'updated', changes: { 'contract.status': { after: 'void' }, 'invoice.status': { after: 'void' } } });
	const deleted = await sync([example('InvoiceDelete')], { deleteHandling: 'mark' });
	expect(deleted[0].action).toBe('updated');
	const s = await state();
	expect(byExternal(s, 'invoices', '6578278e879ad2646715ba9c')[0].metadata).toMatchObject({ ghl_deleted: 'true' });
});
