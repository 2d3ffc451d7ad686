/**
 * GHL Poll Trigger through n8n-core's PollContext over several simulated
 * polls, with HighLevel's API faked by nock: first activation emits nothing
 * old, new and changed records are emitted once, nothing twice, the memory
 * survives a restart, every page is read, 429s are retried by the transport.
 */
import nock from 'nock';
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { GHL_BASE, ghlPitCredentials, LOCATION_ID } from '../support/fixtures';
import { createTriggerHarness, type TriggerHarness } from '../support/triggerHarness';
import { useNock } from '../support/nock';

const HOUR = 60 * 60 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

async function pollTrigger(parameters: INodeParameters): Promise<TriggerHarness> {
	return await createTriggerHarness({
		type: 'ghlPollTrigger',
		parameters,
		credentials: { ghlPrivateIntegrationApi: ghlPitCredentials() },
	});
}

function events(result: Awaited<ReturnType<TriggerHarness['poll']>>): IDataObject[] {
	return (result?.[0] ?? []).map((item) => item.json);
}

useNock();

describe('GHL Poll Trigger: documents', () => {
	let docs: IDataObject[];
	let requests: Array<{ skip: number; limit: number }>;
	let fail429Once: boolean;

	function doc(i: number, extra: IDataObject = {}): IDataObject {
		const at = iso(Date.now() - 48 * HOUR + i * 1000);
		return {
			_id: `doc${String(i).padStart(4, '0')}`,
			locationId: LOCATION_ID,
			name: `Proposal ${i}`,
			type: i % 2 === 0 ? 'proposal' : 'contract',
			status: 'sent',
			paymentStatus: 'waiting_for_payment',
			createdAt: at,
			updatedAt: at,
			...extra,
		};
	}

	function touch(id: string, change: IDataObject) {
		const d = docs.find((x) => x._id === id)!;
		Object.assign(d, change, { updatedAt: iso(Date.now()) });
	}

	beforeEach(() => {
		docs = Array.from({ length: 150 }, (_, i) => doc(i));
		requests = [];
		fail429Once = false;
		nock(GHL_BASE)
			.persist()
			.get('/proposals/document')
			.query(true)
			.reply(function (uri) {
				const q = new URL(uri, GHL_BASE).searchParams;
				expect(q.get('locationId')).toBe(LOCATION_ID);
				expect(this.req.headers.authorization).toBe(`Bearer ${ghlPitCredentials().token}`);
				if (fail429Once) {
					fail429Once = false;
					return [429, { message: 'Too many requests' }, { 'Retry-After': '0' }];
				}
				const skip = Number(q.get('skip'));
				const limit = Number(q.get('limit'));
				requests.push({ skip, limit });
				// Newest first by creation: the list cannot be sorted by update time, so a change
				// does not move a document to the first page.
				const sorted = [...docs].sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
				return [200, { documents: sorted.slice(skip, skip + limit), total: sorted.length }];
			});
	});

	it('first activation records the state and emits nothing; later polls emit each change once', async () => {
		const t = await pollTrigger({ resource: 'document', events: ['new', 'statusChanged', 'paymentStatusChanged'] });

		expect(await t.poll()).toBeNull();
		// Every page was read (150 documents, 100 per page).
		expect(requests).toEqual([
			{ skip: 0, limit: 100 },
			{ skip: 100, limit: 100 },
		]);
		expect(await t.poll()).toBeNull();

		docs.push(doc(999, { createdAt: iso(Date.now() + 5), updatedAt: iso(Date.now() + 5), status: 'draft' }));
		touch('doc0005', { status: 'viewed' });
		touch('doc0007', { paymentStatus: 'paid' });
		const polled = await t.poll();
		// Every output item is paired with the (single, virtual) input item.
		expect(polled?.[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		const found = events(polled);
		expect(found.map((e) => `${e.event}:${e.id}`).sort()).toEqual([
			'DocumentCreated:doc0999',
			'DocumentPaymentStatusChanged:doc0007',
			'DocumentStatusChanged:doc0005',
		]);
		const statusEvent = found.find((e) => e.id === 'doc0005')!;
		expect(statusEvent).toMatchObject({
			entity: 'Document',
			locationId: LOCATION_ID,
			previous: { status: 'sent', paymentStatus: 'waiting_for_payment' },
			data: { status: 'viewed' },
		});

		// Nothing is emitted twice.
		expect(await t.poll()).toBeNull();

		// The memory survives a restart (static data saved and loaded again).
		t.restart();
		expect(await t.poll()).toBeNull();
		touch('doc0005', { status: 'completed' });
		const after = events(await t.poll());
		expect(after).toHaveLength(1);
		expect(after[0]).toMatchObject({ event: 'DocumentStatusChanged', id: 'doc0005', previous: { status: 'viewed' } });
		expect(await t.poll()).toBeNull();
	});

	it('applies status and document type filters', async () => {
		const t = await pollTrigger({
			resource: 'document',
			events: ['statusChanged'],
			filters: { statuses: ['completed', 'accepted'], types: 'contract' },
		});
		expect(await t.poll()).toBeNull();
		touch('doc0003', { status: 'completed' }); // contract → reported
		touch('doc0004', { status: 'completed' }); // proposal → filtered out
		touch('doc0009', { status: 'viewed' }); // status not selected
		const found = events(await t.poll());
		expect(found.map((e) => e.id)).toEqual(['doc0003']);
		// doc0009 moving on to accepted later is reported then, with its real previous status.
		touch('doc0009', { status: 'accepted' });
		const later = events(await t.poll());
		expect(later).toHaveLength(1);
		expect(later[0]).toMatchObject({ id: 'doc0009', previous: { status: 'viewed' } });
	});

	it('retries a 429 through the shared transport', async () => {
		const t = await pollTrigger({ resource: 'document', events: ['new', 'statusChanged'] });
		expect(await t.poll()).toBeNull();
		fail429Once = true;
		touch('doc0001', { status: 'accepted' });
		const found = events(await t.poll());
		expect(found.map((e) => e.id)).toEqual(['doc0001']);
	});

	it('Max Pages Per Poll: reads at most that many pages and goes on where the last poll stopped', async () => {
		docs = Array.from({ length: 250 }, (_, i) => doc(i));
		const t = await pollTrigger({ resource: 'document', events: ['new', 'statusChanged'], options: { maxPages: 1 } });
		expect(await t.poll()).toBeNull();
		expect(requests).toEqual([{ skip: 0, limit: 100 }]);
		expect((t.staticData().resources as IDataObject).document).toMatchObject({ offset: 100 });

		// The first sweep goes on over the next polls; documents first seen there are only remembered.
		for (const skip of [100, 200]) {
			requests = [];
			expect(await t.poll()).toBeNull();
			expect(requests).toEqual([{ skip, limit: 100 }]);
		}
		// The end of the list was reached: the next poll starts a new sweep.
		expect((t.staticData().resources as IDataObject).document).toMatchObject({ offset: 0 });

		touch('doc0120', { status: 'viewed' }); // on the second page
		touch('doc0005', { status: 'completed' }); // on the third page
		const seen: string[] = [];
		requests = [];
		for (let i = 0; i < 3; i++) seen.push(...events(await t.poll()).map((e) => `${e.event}:${e.id}`));
		expect(requests.map((r) => r.skip)).toEqual([0, 100, 200]);
		// Each change is reported within one sweep (⌈250 / 100⌉ = 3 polls), once.
		expect(seen).toEqual(['DocumentStatusChanged:doc0120', 'DocumentStatusChanged:doc0005']);
		for (let i = 0; i < 3; i++) expect(await t.poll()).toBeNull();
	});

	it('a manual test run returns recent samples and leaves the memory alone', async () => {
		const t = await pollTrigger({ resource: 'document', events: ['new', 'statusChanged'] });
		const samples = events(await t.poll('manual'));
		expect(samples.length).toBeGreaterThan(0);
		expect(samples.length).toBeLessThanOrEqual(5);
		expect(samples[0]).toMatchObject({ sample: true, entity: 'Document', event: 'DocumentSample' });
		expect(t.staticData().resources).toBeUndefined();
		// The first real poll is still a quiet baseline.
		expect(await t.poll()).toBeNull();
	});
});

describe('GHL Poll Trigger: contacts (search sorted by dateUpdated)', () => {
	let contacts: IDataObject[];
	let searches: IDataObject[];

	function contact(id: string, addedMs: number, updatedMs = addedMs): IDataObject {
		return { id, locationId: LOCATION_ID, firstName: id, dateAdded: iso(addedMs), dateUpdated: iso(updatedMs) };
	}

	beforeEach(() => {
		contacts = [
			contact('old1', Date.now() - 72 * HOUR),
			contact('old2', Date.now() - 48 * HOUR),
			contact('old3', Date.now() - 24 * HOUR),
		];
		searches = [];
		nock(GHL_BASE)
			.persist()
			.post('/contacts/search')
			.reply((_uri, body) => {
				const b = body as IDataObject;
				searches.push(b);
				expect(b.locationId).toBe(LOCATION_ID);
				expect(b.sort).toEqual([{ field: 'dateUpdated', direction: 'desc' }]);
				const key = (c: IDataObject): [number, string] => [Date.parse(String(c.dateUpdated)), String(c.id)];
				const sorted = [...contacts].sort((x, y) => key(y)[0] - key(x)[0] || key(y)[1].localeCompare(key(x)[1]));
				const limit = Number(b.pageLimit);
				let start: number;
				if (Array.isArray(b.searchAfter)) {
					const [ms, id] = b.searchAfter as [number, string];
					start = sorted.findIndex((c) => key(c)[0] < ms || (key(c)[0] === ms && String(c.id) < id));
					if (start === -1) start = sorted.length;
				} else {
					start = (Number(b.page) - 1) * limit;
				}
				const page = sorted.slice(start, start + limit).map((c) => ({ ...c, searchAfter: key(c) }));
				return [200, { contacts: page, total: sorted.length }];
			});
	});

	it('emits new and updated contacts once, follows pages and keeps its cursor', async () => {
		const t = await pollTrigger({ resource: 'contact', events: ['new', 'updated'] });
		expect(await t.poll()).toBeNull();
		expect(searches).toHaveLength(1); // nothing recent: one page is enough

		const now = Date.now() + 10;
		contacts.push(contact('fresh', now));
		Object.assign(contacts[0], { dateUpdated: iso(now + 1), firstName: 'changed' });
		const found = events(await t.poll());
		expect(found.map((e) => `${e.event}:${e.id}`)).toEqual(['ContactCreated:fresh', 'ContactUpdated:old1']);
		expect(await t.poll()).toBeNull();

		// 150 contacts change between two polls: both pages are read, each reported once.
		const base = Date.now() + 100;
		for (let i = 0; i < 150; i++) contacts.push(contact(`bulk${i}`, base - 72 * HOUR, base + i));
		searches = [];
		const bulk = events(await t.poll());
		expect(bulk).toHaveLength(150);
		expect(new Set(bulk.map((e) => e.id)).size).toBe(150);
		expect(bulk.every((e) => e.event === 'ContactUpdated')).toBe(true);
		expect(searches.length).toBeGreaterThanOrEqual(2);
		expect(searches[1].searchAfter).toBeDefined();

		t.restart();
		expect(await t.poll()).toBeNull();
	});

	it('when the page cap stops a walk, keeps its cursor, warns, and reports the rest next poll without skipping', async () => {
		const warn = jest.spyOn(Container.get(Logger), 'warn').mockImplementation(() => {});
		try {
			const t = await pollTrigger({ resource: 'contact', events: ['new', 'updated'], options: { maxPages: 1 } });
			expect(await t.poll()).toBeNull();

			// 150 contacts change (10 s apart) between two polls: more than one page of 100.
			const base = Date.now() + 1000;
			for (let i = 0; i < 150; i++) contacts.push(contact(`bulk${String(i).padStart(3, '0')}`, base - 72 * HOUR, base + i * 10_000));
			searches = [];
			const first = events(await t.poll());
			expect(searches).toHaveLength(1);
			expect(first).toHaveLength(100);
			expect(first[0].id).toBe('bulk050'); // oldest change first
			expect(first[99].id).toBe('bulk149');
			expect(warn).toHaveBeenCalledTimes(1);
			expect(String(warn.mock.calls[0][0])).toMatch(/more contacts changed than 1 pages \(Max Pages Per Poll\)/);
			const state = (t.staticData().resources as IDataObject).contact as IDataObject;
			expect(state.backlog).toMatchObject({ searchAfter: [base + 50 * 10_000, 'bulk050'] });

			// A change made meanwhile waits while the backlog is read (the watermark has not passed it) …
			contacts.find((c) => c.id === 'old2')!.dateUpdated = iso(base + 2000 * 1000);
			searches = [];
			t.restart(); // the cursor survives a restart
			const second = events(await t.poll());
			expect(searches).toHaveLength(1);
			expect(searches[0].searchAfter).toEqual([base + 50 * 10_000, 'bulk050']);
			expect(second.map((e) => e.id)).toEqual(Array.from({ length: 50 }, (_, i) => `bulk${String(i).padStart(3, '0')}`));
			expect(((t.staticData().resources as IDataObject).contact as IDataObject).backlog).toBeUndefined();
			expect(warn).toHaveBeenCalledTimes(1);

			// … and is reported by the next poll; nothing twice.
			const third = events(await t.poll());
			expect(third.map((e) => `${e.event}:${e.id}`)).toEqual(['ContactUpdated:old2']);
			expect(await t.poll()).toBeNull();
			const all = [...first, ...second, ...third].map((e) => e.id);
			expect(new Set(all).size).toBe(all.length);
		} finally {
			warn.mockRestore();
		}
	});
});

describe('GHL Poll Trigger: invoices', () => {
	let invoices: IDataObject[];

	beforeEach(() => {
		const at = iso(Date.now() - 24 * HOUR);
		invoices = Array.from({ length: 12 }, (_, i) => ({
			_id: `inv${i}`,
			altId: LOCATION_ID,
			altType: 'location',
			status: 'sent',
			issueDate: '2025-01-01',
			createdAt: at,
			updatedAt: at,
		}));
		nock(GHL_BASE)
			.persist()
			.get('/invoices/')
			.query(true)
			.reply((uri) => {
				const q = new URL(uri, GHL_BASE).searchParams;
				expect(q.get('altId')).toBe(LOCATION_ID);
				expect(q.get('altType')).toBe('location');
				const offset = Number(q.get('offset'));
				const limit = Number(q.get('limit'));
				return [200, { invoices: invoices.slice(offset, offset + limit), total: invoices.length }];
			});
	});

	it('reports new invoices and status changes to the selected statuses, once each', async () => {
		const t = await pollTrigger({ resource: 'invoice', events: ['new', 'statusChanged'], filters: { statuses: ['paid', 'void'] } });
		expect(await t.poll()).toBeNull();
		const now = iso(Date.now() + 5);
		Object.assign(invoices[2], { status: 'paid', updatedAt: now });
		Object.assign(invoices[3], { status: 'payment_processing', updatedAt: now });
		invoices.push({ _id: 'invNew', altId: LOCATION_ID, altType: 'location', status: 'paid', createdAt: now, updatedAt: now });
		const found = events(await t.poll());
		expect(found.map((e) => `${e.event}:${e.id}`).sort()).toEqual(['InvoiceCreated:invNew', 'InvoiceStatusChanged:inv2']);
		expect(found.find((e) => e.id === 'inv2')).toMatchObject({ previous: { status: 'sent' }, locationId: LOCATION_ID });
		expect(await t.poll()).toBeNull();
	});

	it('Max Pages Per Poll: carries the offset across polls and covers a large account over several polls', async () => {
		const at = iso(Date.now() - 24 * HOUR);
		invoices = Array.from({ length: 250 }, (_, i) => ({
			_id: `inv${i}`,
			altId: LOCATION_ID,
			altType: 'location',
			status: 'sent',
			createdAt: at,
			updatedAt: at,
		}));
		const offsets: number[] = [];
		nock.cleanAll();
		nock(GHL_BASE)
			.persist()
			.get('/invoices/')
			.query(true)
			.reply((uri) => {
				const q = new URL(uri, GHL_BASE).searchParams;
				const offset = Number(q.get('offset'));
				offsets.push(offset);
				return [200, { invoices: invoices.slice(offset, offset + Number(q.get('limit'))), total: invoices.length }];
			});
		const t = await pollTrigger({ resource: 'invoice', events: ['statusChanged'], options: { maxPages: 2 } });
		const state = () => (t.staticData().resources as IDataObject).invoice as IDataObject;

		expect(await t.poll()).toBeNull();
		expect(offsets).toEqual([0, 100]);
		expect(state().offset).toBe(200);
		expect(await t.poll()).toBeNull(); // the rest of the first sweep: inv200–inv249 are remembered
		expect(offsets).toEqual([0, 100, 200]);
		expect(state().offset).toBe(0);

		const now = iso(Date.now() + 5);
		Object.assign(invoices[50], { status: 'paid', updatedAt: now });
		Object.assign(invoices[230], { status: 'void', updatedAt: now });
		const a = events(await t.poll());
		expect(offsets.slice(3)).toEqual([0, 100]);
		expect(a.map((e) => `${e.id}:${e.data && (e.data as IDataObject).status}`)).toEqual(['inv50:paid']);
		const b = events(await t.poll());
		expect(offsets.slice(5)).toEqual([200]);
		expect(b.map((e) => e.id)).toEqual(['inv230']);
		expect(b[0]).toMatchObject({ event: 'InvoiceStatusChanged', previous: { status: 'sent' } });
		expect(await t.poll()).toBeNull();
		expect(await t.poll()).toBeNull();
		// Two requests at most per poll.
		expect(offsets).toEqual([0, 100, 200, 0, 100, 200, 0, 100, 200]);
	});

	it('refuses a Max Pages Per Poll below 1', async () => {
		const t = await pollTrigger({ resource: 'invoice', events: ['new'], options: { maxPages: 0 } });
		await expect(t.poll()).rejects.toThrow(/Max Pages Per Poll/);
	});
});

describe('GHL Poll Trigger: editor texts', () => {
	it('names events short and without repeating the resource; values unchanged', async () => {
		const t = await pollTrigger({});
		const byResource = Object.fromEntries(
			t.nodeType.description.properties
				.filter((p) => p.name === 'events')
				.map((p) => [p.displayOptions?.show?.resource?.[0], (p.options as Array<{ name: string; value: string }>).map((o) => [o.value, o.name])]),
		);
		expect(byResource).toEqual({
			document: [['new', 'New'], ['paymentStatusChanged', 'Payment Status Changed'], ['statusChanged', 'Status Changed']],
			contact: [['new', 'New'], ['updated', 'Updated']],
			invoice: [['new', 'New'], ['statusChanged', 'Status Changed']],
		});
	});

	it('keeps its notice short, with a link to the docs', async () => {
		const t = await pollTrigger({});
		const notices = t.nodeType.description.properties.filter((p) => p.type === 'notice');
		expect(notices.length).toBeGreaterThan(0);
		for (const n of notices) {
			expect(n.displayName.replace(/<a [^>]*>([^<]*)<\/a>/g, '$1').length).toBeLessThanOrEqual(200);
			expect(n.displayName).toMatch(/<a href="https:\/\/[^"]+"/);
		}
	});
});
