/**
 * Both directions at once on the sandboxes, through n8n's engine over real
 * HTTP: GHL webhooks (the fake's own deliveries) feed the GHL to 17hats Sync,
 * the 17hats Trigger's polls feed the 17hats to GHL Sync, round after round
 * until neither side has anything new. The writes each sync sent are counted
 * from the fakes' request logs: one change settles in a bounded number of
 * writes, nothing loops, and a payment is never recorded twice.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { resetBuckets } from '../../dist/nodes/common/rateLimiter';
import { startGhlSandbox, type GhlSandbox } from '../../sandbox/ghl';
import { startHatsSandbox, type HatsSandbox } from '../../sandbox/hats';
import { createRecord, DEFS, updateRecord } from '../../sandbox/hats/resources';
import { ghlPitCredentials, hatsCredentials, sandboxEnvironment } from '../support/fixtures';
import { createHarness, nodeType, type EngineHarness } from '../support/harness';
import { createTriggerHarness, type TriggerHarness } from '../support/triggerHarness';
import { client, startReceiver } from './ghlSupport';

let ghl: GhlSandbox;
let hats: HatsSandbox;
let harness: EngineHarness;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let seen = 0;

beforeAll(async () => {
	ghl = await startGhlSandbox({ port: 0, rateLimit: { max: 100_000, windowMs: 10_000 } });
	hats = await startHatsSandbox({ port: 0, seed: false, rateLimit: { max: 100_000, windowMs: 60_000 } });
	receiver = await startReceiver();
	ghl.subscribe(receiver.url);
	harness = await createHarness();
	resetBuckets();
});
afterAll(async () => {
	await receiver.close();
	await ghl.close();
	await hats.close();
});

const credentials = () => ({
	seventeenHatsApi: hatsCredentials({ baseUrl: hats.url, apiKey: hats.apiKey }),
	ghlPrivateIntegrationApi: ghlPitCredentials({ token: ghl.token, locationId: ghl.locationId, ...sandboxEnvironment(ghl.url) }),
});

async function runNode(type: string, input: IDataObject[], parameters: IDataObject = {}): Promise<IDataObject[]> {
	if (input.length === 0) return [];
	const result = await harness.runWorkflow({
		nodes: [{ name: 'Sync', type: nodeType(type), parameters } as unknown as INode],
		credentials: credentials(),
		input: input.map((json) => ({ json })),
	});
	const error = result.error('Sync');
	if (error) throw new Error(`${error.message} ${error.description ?? ''}`);
	return result.output('Sync');
}

type Logged = { method: string; path: string; body?: unknown };
async function writes(origin: string, prefix = ''): Promise<Logged[]> {
	const { requests } = (await (await fetch(`${origin}/__admin/requests`)).json()) as { requests: Logged[] };
	return requests.filter((r) => r.path.startsWith(prefix) && r.method !== 'GET' && !r.path.endsWith('/search') && !r.path.startsWith('/__admin'));
}

/** New GHL webhook bodies of the given kinds since the last call. */
async function ghlEvents(kinds: RegExp): Promise<IDataObject[]> {
	await ghl.whenIdle();
	const fresh = receiver.received.slice(seen).map((r) => r.json as IDataObject);
	seen = receiver.received.length;
	return fresh.filter((e) => kinds.test(String(e.type)));
}

interface Settled {
	rounds: number;
	forward: IDataObject[];
	reverse: IDataObject[];
	ghlWrites: number;
	hatsWrites: number;
}

/** Runs both directions in turn until a round has nothing to do. */
async function settle(trigger: TriggerHarness, reverseParams: IDataObject = {}, order: 'forwardFirst' | 'reverseFirst' = 'forwardFirst'): Promise<Settled> {
	const ghlBefore = (await writes(ghl.url)).length;
	const hatsBefore = (await writes(hats.origin, '/v1/')).length;
	const out: Settled = { rounds: 0, forward: [], reverse: [], ghlWrites: 0, hatsWrites: 0 };
	const forward = async () => {
		const events = await ghlEvents(/^Contact(Create|Update|TagUpdate)$/);
		out.forward.push(...(await runNode('ghlTo17hatsSync', events, { entity: 'auto' })));
		return events.length;
	};
	const reverse = async () => {
		const items = ((await trigger.poll())?.[0] ?? []).map((i) => i.json);
		out.reverse.push(...(await runNode('hatsToGhlSync', items, { entity: 'auto', ...reverseParams })));
		return items.length;
	};
	for (;;) {
		if (++out.rounds > 10) throw new Error('the two syncs did not settle in 10 rounds (a loop)');
		const work = order === 'forwardFirst' ? (await forward()) + (await reverse()) : (await reverse()) + (await forward());
		if (work === 0) break;
	}
	out.ghlWrites = (await writes(ghl.url)).length - ghlBefore;
	out.hatsWrites = (await writes(hats.origin, '/v1/')).length - hatsBefore;
	return out;
}

const hatsContact = (id: string) => hats.store.get('contacts', id) as unknown as IDataObject;
const api = () => client(ghl);

describe('17hats ⇄ GHL contacts, both syncs running', () => {
	let trigger: TriggerHarness;
	let hatsId: string;
	let ghlId: string;

	beforeAll(async () => {
		trigger = await createTriggerHarness({ type: 'seventeenHatsTrigger', parameters: { resource: 'contact', events: ['created', 'updated'] }, credentials: credentials() });
		expect(await trigger.poll()).toBeNull(); // first activation: records, reports nothing
		await ghlEvents(/./); // the seed's deliveries are not ours
	});

	it('a new 17hats contact is created in GHL, linked both ways, and settles', async () => {
		const created = createRecord(hats.store, DEFS.contacts, {
			first_name: 'Ada',
			last_name: 'Lovelace',
			email: 'Ada@Example.com',
			phone: '+1 (555) 010-0100',
			company: 'Analytical Engines',
			tags: ['vip'],
		});
		hatsId = String(created.contact_id);
		const s = await settle(trigger);
		const [first] = s.reverse;
		expect(first).toMatchObject({ action: 'created', entity: 'contact', hatsId });
		ghlId = String(first.ghlId);
		const { body } = await api().get(`/contacts/${ghlId}`);
		expect(body.contact).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', phone: '+15550100100', companyName: 'Analytical Engines', tags: ['vip'] });
		expect(hatsContact(hatsId)).toMatchObject({ external_id: ghlId, metadata: expect.objectContaining({ ghl_id: ghlId }) });
		// GHL: the one create. 17hats: the link, then the forward sync's source marks on ContactCreate.
		expect(s.ghlWrites).toBe(1);
		expect(s.hatsWrites).toBeLessThanOrEqual(2);
		expect(s.rounds).toBeLessThanOrEqual(4);
		// A replay of the same trigger item writes nothing.
		const replay = await runNode('hatsToGhlSync', [{ event: 'ContactUpdated', entity: 'Contact', id: hatsId, data: hatsContact(hatsId) }]);
		expect(replay[0]).toMatchObject({ action: 'skipped', reason: 'in_sync' });
	});

	it('one GHL change settles in one 17hats write and no GHL write (no echo)', async () => {
		await api().put(`/contacts/${ghlId}`, { companyName: 'Difference Engines Ltd' });
		const s = await settle(trigger);
		expect(hatsContact(hatsId).company).toBe('Difference Engines Ltd');
		expect(s.forward.map((o) => o.action)).toEqual(['updated']);
		expect(s.reverse.map((o) => [o.action, o.reason])).toEqual([['skipped', 'in_sync']]);
		expect({ ghlWrites: s.ghlWrites, hatsWrites: s.hatsWrites }).toEqual({ ghlWrites: 0, hatsWrites: 1 });
	});

	it('one 17hats change settles in one GHL write and one 17hats link write (no echo)', async () => {
		updateRecord(hats.store, DEFS.contacts, hatsId, { last_name: 'King' });
		const s = await settle(trigger);
		const { body } = await api().get(`/contacts/${ghlId}`);
		expect(body.contact.lastName).toBe('King');
		expect(s.reverse[0]).toMatchObject({ action: 'updated', changes: { last_name: { before: 'Lovelace', after: 'King' } } });
		// The GHL echo (ContactUpdate) finds 17hats equal.
		expect(s.forward.every((o) => o.action === 'skipped')).toBe(true);
		expect({ ghlWrites: s.ghlWrites, hatsWrites: s.hatsWrites }).toEqual({ ghlWrites: 1, hatsWrites: 1 });
	});

	it('conflict, GHL newer: GHL wins in either order', async () => {
		for (const order of ['forwardFirst', 'reverseFirst'] as const) {
			updateRecord(hats.store, DEFS.contacts, hatsId, { phone: '+15550000001' });
			await new Promise((r) => setTimeout(r, 5));
			await api().put(`/contacts/${ghlId}`, { phone: '+15550000002' });
			const s = await settle(trigger, {}, order);
			expect(hatsContact(hatsId).phone).toBe('+15550000002');
			expect((await api().get(`/contacts/${ghlId}`)).body.contact.phone).toBe('+15550000002');
			if (order === 'reverseFirst') expect(s.reverse[0]).toMatchObject({ action: 'skipped', reason: 'ghl_newer', conflicts: [{ field: 'phone', winner: 'ghl' }] });
			expect(s.ghlWrites).toBe(0);
		}
	});

	it('conflict, 17hats newer: 17hats wins when the reverse sync sees it first, and the older GHL event is then stale', async () => {
		await api().put(`/contacts/${ghlId}`, { phone: '+15550000003' });
		await new Promise((r) => setTimeout(r, 5));
		updateRecord(hats.store, DEFS.contacts, hatsId, { phone: '+15550000004' });
		const s = await settle(trigger, {}, 'reverseFirst');
		expect((await api().get(`/contacts/${ghlId}`)).body.contact.phone).toBe('+15550000004');
		expect(hatsContact(hatsId).phone).toBe('+15550000004');
		expect(s.forward.some((o) => o.reason === 'stale')).toBe(true);
		expect(s.ghlWrites).toBe(1);
	});
});

describe('17hats invoice paid → GHL Record Payment', () => {
	it('records the payment once, however often the item comes', async () => {
		const { body: list } = await api().get(`/invoices/?altId=${ghl.locationId}&altType=location&limit=100&offset=0`);
		const open = (list.invoices as IDataObject[]).find((i) => i.status === 'sent' && Number(i.amountDue) > 0) as IDataObject;
		expect(open).toBeDefined();
		const contact = createRecord(hats.store, DEFS.contacts, { first_name: 'Pay', email: 'pay@example.com' });
		const invoice = createRecord(hats.store, DEFS.invoices, {
			contact_id: contact.contact_id,
			number: 'H-1',
			amount: open.total,
			external_id: open._id,
			metadata: { ghl_id: String(open._id) },
		});
		const paid = updateRecord(hats.store, DEFS.invoices, String(invoice.invoice_id), { amount_paid: open.total, status: 'paid' });
		const item = { event: 'InvoicePaid', entity: 'Invoice', id: String(paid.invoice_id), data: paid as unknown as IDataObject };
		const before = (await writes(ghl.url, '/invoices/')).length;
		const first = await runNode('hatsToGhlSync', [item, item], { entity: 'auto', paymentMode: 'bank_transfer' });
		const again = await runNode('hatsToGhlSync', [item], { entity: 'auto' });
		expect(first.map((o) => [o.action, o.reason ?? null])).toEqual([['updated', null], ['skipped', 'already_paid']]);
		expect(again[0]).toMatchObject({ action: 'skipped', reason: 'already_paid' });
		const payments = (await writes(ghl.url, '/invoices/')).slice(before).filter((r) => r.path.endsWith('/record-payment'));
		expect(payments).toHaveLength(1);
		const { body } = await api().get(`/invoices/${String(open._id)}?altId=${ghl.locationId}&altType=location`);
		expect(body).toMatchObject({ status: 'paid', amountPaid: open.total });
	});
});

describe('17hats contract signed → GHL opportunity', () => {
	it('moves (or creates) the opportunity to the chosen stage and status, tags the contact, and repeats change nothing', async () => {
		const { body } = await api().get(`/opportunities/pipelines?locationId=${ghl.locationId}`);
		const pipeline = (body.pipelines as IDataObject[])[0];
		const stages = pipeline.stages as IDataObject[];
		const stage = stages[stages.length - 1];
		const contact = createRecord(hats.store, DEFS.contacts, { first_name: 'Grace', last_name: 'Hopper', email: 'grace@example.com' });
		const contract = createRecord(hats.store, DEFS.contracts, { contact_id: contact.contact_id, name: 'Wedding package', amount: 2500 });
		const signed = updateRecord(hats.store, DEFS.contracts, String(contract.contract_id), { status: 'signed' });
		const params = { entity: 'auto', pipelineId: pipeline.id, stageId: stage.id, opportunityStatus: 'won', wonTags: 'client, Signed' };
		const item: IDataObject = { event: 'ContractStatusChanged', entity: 'Contract', id: String(signed.contract_id), data: signed as unknown as IDataObject };
		const [first] = await runNode('hatsToGhlSync', [item], params);
		expect(first).toMatchObject({ action: 'created', entity: 'contract', changes: { status: { after: 'won' }, tags: { added: ['client', 'Signed'] } } });
		const opp = (await api().get(`/opportunities/${String(first.ghlId)}`)).body.opportunity;
		expect(opp).toMatchObject({ status: 'won', pipelineId: pipeline.id, pipelineStageId: stage.id, name: 'Wedding package', monetaryValue: 2500 });
		const ghlContact = (await api().get(`/contacts/${String(opp.contactId)}`)).body.contact;
		expect(ghlContact).toMatchObject({ email: 'grace@example.com', tags: expect.arrayContaining(['client', 'signed']) });
		expect(hats.store.get('contracts', String(contract.contract_id))).toMatchObject({ metadata: expect.objectContaining({ ghl_opportunity_id: first.ghlId }) });

		const before = (await writes(ghl.url)).length;
		const [again] = await runNode('hatsToGhlSync', [item], params);
		expect(again).toMatchObject({ action: 'skipped', reason: 'in_sync', ghlId: first.ghlId });
		expect((await writes(ghl.url)).length).toBe(before);

		// Moved back by hand in GHL: the next signed item moves it again, by update, not by a second opportunity.
		await api().put(`/opportunities/${String(first.ghlId)}`, { status: 'open', pipelineStageId: stages[0].id });
		const [moved] = await runNode('hatsToGhlSync', [item], params);
		expect(moved).toMatchObject({ action: 'updated', ghlId: first.ghlId, changes: { status: { before: 'open', after: 'won' } } });
		const all = (await api().get(`/opportunities/search?location_id=${ghl.locationId}&contact_id=${String(opp.contactId)}`)).body.opportunities;
		expect(all).toHaveLength(1);

		const draft = updateRecord(hats.store, DEFS.contracts, String(contract.contract_id), { status: 'cancelled' });
		const [notSigned] = await runNode('hatsToGhlSync', [{ ...item, data: draft as unknown as IDataObject }], params);
		expect(notSigned).toMatchObject({ action: 'skipped', reason: 'not_signed' });
	});
});
