/**
 * 17hats Trigger through n8n-core's PollContext against the fake 17hats over
 * real HTTP: the first activation emits nothing old, each change is emitted
 * once across polls and restarts (static data saved and loaded again), every
 * page is read, records written in the same instant as the cursor are neither
 * lost nor repeated, status events fire only on a status change, and a manual
 * run returns samples without touching the memory.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEFS, updateRecord } from '../../sandbox/hats/resources';
import type { HatsRecord } from '../../sandbox/hats/store';
import type { CollectionName } from '../../nodes/SeventeenHats/api/collections';
import { HatsFixture } from '../sandbox/hatsFixture';
import { createTriggerHarness, type TriggerHarness } from '../support/triggerHarness';

const fx = HatsFixture.use();

async function trigger(parameters: INodeParameters): Promise<TriggerHarness> {
	return await createTriggerHarness({
		type: 'seventeenHatsTrigger',
		parameters,
		credentials: { seventeenHatsApi: fx.credentials() },
	});
}

function events(result: Awaited<ReturnType<TriggerHarness['poll']>>): IDataObject[] {
	return (result?.[0] ?? []).map((item) => item.json);
}

const names = (found: IDataObject[]) => found.map((e) => `${String(e.event)}:${String(e.id)}`).sort();

/** A write in 17hats (its own rules: updated_at moves, status_changed_at when the status does). */
function change(name: CollectionName, id: string, patch: IDataObject): HatsRecord {
	return updateRecord(fx.sandbox.store, DEFS[name], id, patch as Record<string, unknown>);
}

function contact(n: number): string {
	return fx.idOf('contacts', fx.insert('contacts', { first_name: `C${n}`, email: `c${n}@example.com` }));
}

/** The list GETs the trigger sent, in order. */
function listReads(path: string) {
	return fx.log().filter((r) => r.method === 'GET' && r.path === path);
}

describe('17hats Trigger: contacts', () => {
	it('emits nothing old on activation, each change once, and nothing twice after a restart', async () => {
		const old = [contact(1), contact(2), contact(3)];
		change('contacts', old[1], { phone: '+15550100' }); // changed just before activation: still old
		const t = await trigger({ resource: 'contact', events: ['created', 'updated'] });

		expect(await t.poll()).toBeNull();
		expect(await t.poll()).toBeNull();
		// Reads use updated_since (the cursor), never the whole list.
		expect(listReads('/contacts').every((r) => typeof r.query.updated_since === 'string')).toBe(true);

		const fresh = contact(4);
		change('contacts', old[0], { last_name: 'Changed' });
		const polled = await t.poll();
		expect(polled?.[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		const found = events(polled);
		expect(names(found)).toEqual([`ContactCreated:${fresh}`, `ContactUpdated:${old[0]}`].sort());
		expect(found.find((e) => e.id === old[0])).toMatchObject({
			entity: 'Contact',
			data: { last_name: 'Changed' },
			previous: { updatedAt: expect.any(String) },
		});
		expect(await t.poll()).toBeNull();

		// An n8n restart: the saved static data is all that is left.
		t.restart();
		expect(await t.poll()).toBeNull();
		change('contacts', fresh, { company: 'Acme' });
		expect(names(events(await t.poll()))).toEqual([`ContactUpdated:${fresh}`]);
		t.restart();
		expect(await t.poll()).toBeNull();
	});

	it('reads every page, on activation and after', async () => {
		const ids = Array.from({ length: 230 }, (_, i) => contact(i));
		const t = await trigger({ resource: 'contact', events: ['updated'] });
		expect(await t.poll()).toBeNull();
		const first = listReads('/contacts');
		// 230 records at 100 a page: three requests, the later ones with next_cursor.
		expect(first).toHaveLength(3);
		expect(first.map((r) => r.query.limit)).toEqual(['100', '100', '100']);
		expect(first[0].query.cursor).toBeUndefined();
		expect(typeof first[1].query.cursor).toBe('string');
		expect(first.every((r) => r.query.updated_since === first[0].query.updated_since)).toBe(true);

		// One change on each page.
		for (const i of [5, 150, 229]) change('contacts', ids[i], { notes: `touched ${i}` });
		const found = events(await t.poll());
		expect(names(found)).toEqual([5, 150, 229].map((i) => `ContactUpdated:${ids[i]}`).sort());
		expect(await t.poll()).toBeNull();
	});

	it('passes list filters to 17hats and keeps one memory per filter', async () => {
		const lead = fx.idOf('contacts', fx.insert('contacts', { first_name: 'L', type: 'hot_lead' }));
		const client = fx.idOf('contacts', fx.insert('contacts', { first_name: 'K', type: 'client' }));
		const t = await trigger({ resource: 'contact', events: ['updated'], filters: { type: 'client' } });
		expect(await t.poll()).toBeNull();
		change('contacts', lead, { notes: 'x' });
		change('contacts', client, { notes: 'y' });
		expect(names(events(await t.poll()))).toEqual([`ContactUpdated:${client}`]);
		expect(listReads('/contacts').every((r) => r.query.type === 'client')).toBe(true);
	});

	it('records written in the same instant as the cursor are emitted once, not lost', async () => {
		const a = contact(1);
		const b = contact(2);
		// Both last written an hour ago: outside the first poll's window.
		const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
		for (const id of [a, b]) Object.assign(fx.sandbox.store.get('contacts', id)!, { created_at: hourAgo, updated_at: hourAgo });
		const t = await trigger({ resource: 'contact', events: ['updated'] });
		expect(await t.poll()).toBeNull();
		const horizon = (t.staticData().changes as IDataObject).horizon as number;
		const atHorizon = new Date(horizon).toISOString();
		// Two writes stamped exactly at the cursor, seen by different polls (the second
		// became visible late): each is reported once.
		const recA = fx.sandbox.store.get('contacts', a)!;
		Object.assign(recA, { notes: 'a', updated_at: atHorizon });
		expect(names(events(await t.poll()))).toEqual([`ContactUpdated:${a}`]);
		const recB = fx.sandbox.store.get('contacts', b)!;
		Object.assign(recB, { notes: 'b', updated_at: atHorizon });
		expect(names(events(await t.poll()))).toEqual([`ContactUpdated:${b}`]);
		expect(await t.poll()).toBeNull();
		t.restart();
		expect(await t.poll()).toBeNull();
		// The request asked for records at or after the cursor itself.
		expect(listReads('/contacts').at(-1)?.query.updated_since).toBe(atHorizon);
	});
});

describe('17hats Trigger: status events', () => {
	function client() {
		return fx.insertClient({ first_name: 'Ada', email: 'ada@example.com' }, 'g1');
	}

	it('documents: an event only when the status changes, with the previous status', async () => {
		const { contact: c, project } = client();
		const base = { contact_id: c.contact_id, project_id: project.project_id, document_type: 'contract' };
		const doc = fx.idOf('documents', fx.insert('documents', { ...base, name: 'Agreement' }));
		const other = fx.idOf('documents', fx.insert('documents', { ...base, name: 'Other', status: 'sent' }));
		const t = await trigger({ resource: 'document', events: ['statusChanged'] });
		expect(await t.poll()).toBeNull();

		// Sent through 17hats' own send: status draft → sent.
		const sent = await fetch(`${fx.sandbox.url}/documents/${doc}/send`, {
			method: 'POST',
			headers: { authorization: `Bearer ${fx.sandbox.apiKey}` },
		});
		expect(sent.status).toBe(200);
		change('documents', other, { name: 'Other (renamed)' }); // not a status change
		const found = events(await t.poll());
		expect(found).toHaveLength(1);
		expect(found[0]).toMatchObject({ event: 'DocumentStatusChanged', id: doc, status: 'sent', previous: { status: 'draft' } });
		expect(found[0].changedAt).toBe(fx.sandbox.store.get('documents', doc)!.status_changed_at);

		change('documents', doc, { status: 'viewed' });
		change('documents', other, { status: 'sent' }); // the same status again
		expect(events(await t.poll()).map((e) => `${String(e.id)}:${String(e.status)}`)).toEqual([`${doc}:viewed`]);
		change('documents', doc, { status: 'completed' });
		expect(events(await t.poll())).toMatchObject([{ id: doc, status: 'completed', previous: { status: 'viewed' } }]);
		t.restart();
		expect(await t.poll()).toBeNull();
		change('documents', other, { status: 'declined' });
		expect(events(await t.poll())).toMatchObject([{ event: 'DocumentStatusChanged', id: other, status: 'declined', previous: { status: 'sent' } }]);
		// Back to draft is not one of the default statuses.
		change('documents', other, { status: 'draft' });
		expect(await t.poll()).toBeNull();
	});

	it('documents: a new document is reported by its first status unless draft; the Statuses filter applies', async () => {
		const { contact: c } = client();
		const t = await trigger({ resource: 'document', events: ['statusChanged'], filters: { statuses: ['completed', 'accepted'] } });
		expect(await t.poll()).toBeNull();
		const draft = fx.idOf('documents', fx.insert('documents', { contact_id: c.contact_id, name: 'D', document_type: 'quote' }));
		const accepted = fx.idOf(
			'documents',
			fx.insert('documents', { contact_id: c.contact_id, name: 'A', document_type: 'quote', status: 'accepted' }),
		);
		expect(events(await t.poll())).toMatchObject([{ event: 'DocumentStatusChanged', id: accepted, status: 'accepted', previous: null }]);
		change('documents', draft, { status: 'viewed' }); // not chosen
		expect(await t.poll()).toBeNull();
		change('documents', draft, { status: 'completed' });
		expect(events(await t.poll())).toMatchObject([{ id: draft, status: 'completed', previous: { status: 'viewed' } }]);
	});

	it('contracts: status changed through /status, not on other edits', async () => {
		const { contact: c } = client();
		const k = fx.idOf('contracts', fx.insert('contracts', { contact_id: c.contact_id, name: 'Wedding', status: 'sent' }));
		const t = await trigger({ resource: 'contract', events: ['statusChanged'] });
		expect(await t.poll()).toBeNull();
		const signed = await fetch(`${fx.sandbox.url}/contracts/${k}/status`, {
			method: 'POST',
			headers: { authorization: `Bearer ${fx.sandbox.apiKey}`, 'content-type': 'application/json' },
			body: JSON.stringify({ status: 'signed' }),
		});
		expect(signed.status).toBe(200);
		expect(events(await t.poll())).toMatchObject([{ event: 'ContractStatusChanged', id: k, status: 'signed', previous: { status: 'sent' } }]);
		change('contracts', k, { amount: 1200 });
		expect(await t.poll()).toBeNull();
		t.restart();
		change('contracts', k, { status: 'active' });
		expect(events(await t.poll())).toMatchObject([{ event: 'ContractStatusChanged', status: 'active' }]);
		expect(await t.poll()).toBeNull();
	});

	it('invoices: created, paid and voided, each once', async () => {
		const { contact: c } = client();
		const open = fx.idOf('invoices', fx.insert('invoices', { contact_id: c.contact_id, amount: 500, status: 'sent' }));
		const t = await trigger({ resource: 'invoice', events: ['created', 'paid', 'voided'] });
		expect(await t.poll()).toBeNull();

		const fresh = fx.idOf('invoices', fx.insert('invoices', { contact_id: c.contact_id, amount: 80 }));
		const prepaid = fx.idOf('invoices', fx.insert('invoices', { contact_id: c.contact_id, amount: 90, status: 'paid' }));
		change('invoices', open, { status: 'paid' });
		expect(names(events(await t.poll()))).toEqual(
			[`InvoiceCreated:${fresh}`, `InvoiceCreated:${prepaid}`, `InvoicePaid:${prepaid}`, `InvoicePaid:${open}`].sort(),
		);
		change('invoices', open, { due_date: '2030-01-01' }); // paid still; not a new payment
		change('invoices', fresh, { status: 'sent' }); // neither paid nor void
		expect(await t.poll()).toBeNull();
		t.restart();
		change('invoices', fresh, { status: 'void' });
		expect(events(await t.poll())).toMatchObject([{ event: 'InvoiceVoided', id: fresh, previous: { status: 'sent' } }]);
		expect(await t.poll()).toBeNull();
	});
});

describe('17hats Trigger: manual run', () => {
	it('returns the latest records as samples and leaves the memory alone', async () => {
		const ids = Array.from({ length: 8 }, (_, i) => contact(i));
		change('contacts', ids[2], { notes: 'most recent' });
		const t = await trigger({ resource: 'contact', events: ['created', 'updated'] });
		const samples = events(await t.poll('manual'));
		expect(samples).toHaveLength(5);
		expect(samples.every((s) => s.sample === true && s.event === 'ContactCreated')).toBe(true);
		// Latest first: the one changed last leads.
		expect(samples[0].id).toBe(ids[2]);
		expect(t.staticData().changes).toBeUndefined();
		// Activation afterwards still reports nothing old.
		expect(await t.poll()).toBeNull();
	});

	it('invoices: samples shaped like the chosen event when one fits', async () => {
		const { contact: c } = fx.insertClient({ first_name: 'Ada', email: 'ada@example.com' }, 'g1');
		const paid = fx.idOf('invoices', fx.insert('invoices', { contact_id: c.contact_id, amount: 10, status: 'paid' }));
		fx.insert('invoices', { contact_id: c.contact_id, amount: 20 });
		const t = await trigger({ resource: 'invoice', events: ['paid'] });
		expect(events(await t.poll('manual'))).toMatchObject([{ event: 'InvoicePaid', id: paid, sample: true }]);
	});
});
