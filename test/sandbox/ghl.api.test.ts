/** Fake GHL API over real HTTP: auth, Version, scopes, rate limit, pagination, main flows. */
import { startGhlSandbox, SEED, type GhlSandbox } from '../../sandbox/ghl';
import { client } from './ghlSupport';

let ghl: GhlSandbox;
let api: ReturnType<typeof client>;
const L = SEED.locationId;

beforeAll(async () => {
	ghl = await startGhlSandbox({ port: 0, rateLimit: { max: 1000, windowMs: 10_000 } });
	api = client(ghl);
});
afterAll(() => ghl.close());
beforeEach(() => ghl.reset());

describe('auth, version, scopes', () => {
	it('401 with a GHL-shaped body and traceId for a wrong token', async () => {
		const res = await client(ghl, 'pit-not-a-real-token').get(`/contacts/?locationId=${L}`);
		expect(res.status).toBe(401);
		expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', message: expect.stringMatching(/invalid/i) });
		expect(typeof res.body.traceId).toBe('string');
	});

	it('401 without an Authorization header', async () => {
		const res = await api.get(`/contacts/?locationId=${L}`, { Authorization: undefined });
		expect(res.status).toBe(401);
	});

	it('400 when the Version header is missing', async () => {
		const res = await api.get(`/contacts/?locationId=${L}`, { Version: undefined });
		expect(res.status).toBe(400);
		expect(res.body).toMatchObject({ statusCode: 400, message: expect.stringMatching(/version/i) });
		expect(res.body.traceId).toBeDefined();
	});

	it('403 naming the missing scope', async () => {
		const readOnly = client(ghl, ghl.issueToken(['contacts.readonly']));
		expect((await readOnly.get(`/contacts/?locationId=${L}`)).status).toBe(200);
		const res = await readOnly.post('/contacts/', { locationId: L, firstName: 'No', email: 'no@example.com' });
		expect(res.status).toBe(403);
		expect(res.body.message).toContain('contacts.write');
		expect(res.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
		expect(res.body.traceId).toBeDefined();
		const docs = await readOnly.get(`/proposals/document?locationId=${L}`);
		expect(docs.status).toBe(403);
		expect(docs.body.message).toContain('documents_contracts/list.readonly');
	});

	it('403 when the locationId is not the token\'s location', async () => {
		const res = await api.get('/contacts/?locationId=SomeOtherLocation000');
		expect(res.status).toBe(403);
	});

	it('404 NestJS-style for an unknown route', async () => {
		const res = await api.get('/nope');
		expect(res.status).toBe(404);
		expect(res.body.message).toBe('Cannot GET /nope');
	});
});

describe('rate limit', () => {
	it('a burst over the limit gets 429s, all answers carry X-RateLimit headers', async () => {
		const small = await startGhlSandbox({ port: 0, rateLimit: { max: 5, windowMs: 60_000 } });
		try {
			const c = client(small);
			const results = await Promise.all(Array.from({ length: 8 }, () => c.get(`/users/?locationId=${L}`)));
			const statuses = results.map((r) => r.status).sort();
			expect(statuses.filter((s) => s === 200)).toHaveLength(5);
			expect(statuses.filter((s) => s === 429)).toHaveLength(3);
			for (const r of results) {
				expect(r.headers.get('x-ratelimit-max')).toBe('5');
				expect(r.headers.get('x-ratelimit-interval-milliseconds')).toBe('60000');
				expect(r.headers.get('x-ratelimit-limit-daily')).toBe('200000');
				expect(r.headers.get('x-ratelimit-remaining')).not.toBeNull();
				expect(r.headers.get('x-ratelimit-daily-remaining')).not.toBeNull();
			}
			const limited = results.find((r) => r.status === 429)!;
			expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
			expect(limited.body).toMatchObject({ statusCode: 429 });
			expect(limited.body.traceId).toBeDefined();
		} finally {
			await small.close();
		}
	});

	it('the default is 100 requests per 10 s per location', async () => {
		const def = await startGhlSandbox({ port: 0 });
		try {
			const res = await client(def).get(`/locations/${L}`);
			expect(res.headers.get('x-ratelimit-max')).toBe('100');
			expect(res.headers.get('x-ratelimit-interval-milliseconds')).toBe('10000');
			expect(res.headers.get('x-ratelimit-remaining')).toBe('99');
		} finally {
			await def.close();
		}
	});
});

describe('contacts pagination', () => {
	beforeEach(async () => {
		for (let i = 0; i < 23; i++) {
			const res = await api.post('/contacts/', { locationId: L, firstName: `Page${i}`, lastName: 'Tester', email: `page${i}@example.com`, tags: ['bulk'] });
			expect(res.status).toBe(201);
		}
	});

	it('GET /contacts/ pages through everything with startAfterId + startAfter', async () => {
		const seen: string[] = [];
		let query = `locationId=${L}&limit=7`;
		let pages = 0;
		let total = 0;
		for (;;) {
			const res = await api.get(`/contacts/?${query}`);
			expect(res.status).toBe(200);
			pages++;
			total = res.body.meta.total;
			seen.push(...res.body.contacts.map((c: { id: string }) => c.id));
			if (!res.body.meta.nextPageUrl) break;
			const next = new URL(res.body.meta.nextPageUrl);
			expect(next.searchParams.get('startAfterId')).toBe(res.body.meta.startAfterId);
			expect(Number(next.searchParams.get('startAfter'))).toBe(res.body.meta.startAfter);
			query = `locationId=${L}&limit=7&startAfterId=${res.body.meta.startAfterId}&startAfter=${res.body.meta.startAfter}`;
		}
		expect(total).toBe(28);
		expect(pages).toBe(4);
		expect(new Set(seen).size).toBe(28);
		expect(seen).toEqual(expect.arrayContaining([...SEED.contacts]));
	});

	it('limit over 100 is a 422', async () => {
		const res = await api.get(`/contacts/?locationId=${L}&limit=101`);
		expect(res.status).toBe(422);
		expect(Array.isArray(res.body.message)).toBe(true);
	});

	it('POST /contacts/search pages with page/pageLimit and with searchAfter', async () => {
		const filters = [{ field: 'tags', operator: 'eq', value: 'bulk' }];
		const byPage: string[] = [];
		for (let page = 1; page <= 3; page++) {
			const res = await api.post('/contacts/search', { locationId: L, page, pageLimit: 10, filters, sort: [{ field: 'dateAdded', direction: 'asc' }] });
			expect(res.status).toBe(200);
			expect(res.body.total).toBe(23);
			byPage.push(...res.body.contacts.map((c: { id: string }) => c.id));
		}
		expect(new Set(byPage).size).toBe(23);

		const byCursor: string[] = [];
		let searchAfter: unknown[] | undefined;
		for (;;) {
			const res = await api.post('/contacts/search', { locationId: L, pageLimit: 10, filters, sort: [{ field: 'dateAdded', direction: 'asc' }], ...(searchAfter && { searchAfter }) });
			const contacts = res.body.contacts as Array<{ id: string; searchAfter: unknown[] }>;
			if (!contacts.length) break;
			byCursor.push(...contacts.map((c) => c.id));
			searchAfter = contacts[contacts.length - 1].searchAfter;
		}
		expect(byCursor).toEqual(byPage);
	});

	it('search filters: OR groups, contains, custom fields', async () => {
		const res = await api.post('/contacts/search', {
			locationId: L,
			filters: [
				{
					group: 'OR',
					filters: [
						{ field: 'email', operator: 'contains', value: 'nguyen' },
						{ field: `customFields.${SEED.customFields.companySize}`, operator: 'eq', value: '11-50' },
					],
				},
			],
		});
		expect(res.body.contacts.map((c: { id: string }) => c.id).sort()).toEqual([SEED.contacts[0], SEED.contacts[2]].sort());
	});
});

describe('contacts', () => {
	it('create, duplicate check, upsert, update custom fields by key, tags, delete', async () => {
		const created = await api.post('/contacts/', { locationId: L, firstName: 'Zoe', lastName: 'Quinn', email: 'Zoe@Example.com', tags: ['New Lead'] });
		expect(created.status).toBe(201);
		const id = created.body.contact.id;
		expect(created.body.contact).toMatchObject({ locationId: L, email: 'Zoe@Example.com', tags: ['new lead'] });

		const dup = await api.post('/contacts/', { locationId: L, email: 'zoe@example.com' });
		expect(dup.status).toBe(400);
		expect(dup.body.meta).toMatchObject({ contactId: id, matchingField: 'email' });

		const found = await api.get(`/contacts/search/duplicate?locationId=${L}&email=${encodeURIComponent('zoe@example.com')}`);
		expect(found.body.contact.id).toBe(id);
		const none = await api.get(`/contacts/search/duplicate?locationId=${L}&email=nobody%40example.com`);
		expect(none.body).toEqual({ contact: null });

		const up = await api.post('/contacts/upsert', { locationId: L, email: 'zoe@example.com', companyName: 'Quinn LLC' });
		expect(up.body).toMatchObject({ new: false, contact: { id, companyName: 'Quinn LLC' } });

		const put = await api.put(`/contacts/${id}`, { customFields: [{ key: 'company_size', field_value: '51-200' }] });
		expect(put.body).toMatchObject({ succeded: true });
		expect(put.body.contact.customFields).toEqual([{ id: SEED.customFields.companySize, value: '51-200' }]);

		expect((await api.post(`/contacts/${id}/tags`, { tags: ['VIP', 'client'] })).body.tags).toEqual(['new lead', 'vip', 'client']);
		expect((await api.del(`/contacts/${id}/tags`, { tags: ['new lead'] })).body.tags).toEqual(['vip', 'client']);

		expect((await api.del(`/contacts/${id}`)).body).toEqual({ succeded: true });
		expect((await api.get(`/contacts/${id}`)).status).toBe(400);
	});

	it('notes and tasks CRUD, task completed, workflow add/remove', async () => {
		const c = SEED.contacts[3];
		const note = await api.post(`/contacts/${c}/notes`, { body: 'hello', userId: SEED.users.owner });
		expect(note.status).toBe(201);
		const noteId = note.body.note.id;
		expect((await api.put(`/contacts/${c}/notes/${noteId}`, { body: 'edited' })).body.note.body).toBe('edited');
		expect((await api.get(`/contacts/${c}/notes`)).body.notes).toHaveLength(1);
		expect((await api.del(`/contacts/${c}/notes/${noteId}`)).body).toEqual({ succeded: true });

		const bad = await api.post(`/contacts/${c}/tasks`, { title: 'x' });
		expect(bad.status).toBe(422);
		const task = await api.post(`/contacts/${c}/tasks`, { title: 'Call', dueDate: '2030-01-01T10:00:00Z', completed: false });
		const taskId = task.body.task.id;
		expect((await api.put(`/contacts/${c}/tasks/${taskId}/completed`, { completed: true })).body.task.completed).toBe(true);
		expect((await api.get(`/contacts/${c}/tasks/${taskId}`)).body.task.title).toBe('Call');
		expect((await api.del(`/contacts/${c}/tasks/${taskId}`)).body).toEqual({ succeded: true });

		expect((await api.post(`/contacts/${c}/workflow/wf123`, {})).body).toEqual({ succeded: true });
		expect(ghl.store.contacts.get(c)!.workflows).toEqual(['wf123']);
		expect((await api.del(`/contacts/${c}/workflow/wf123`)).body).toEqual({ succeded: true });
	});
});

describe('invoices', () => {
	const alt = `altId=${L}&altType=location`;
	const newInvoice = {
		altId: L,
		altType: 'location',
		name: 'Wedding package',
		businessDetails: { name: 'Sandbox Studio' },
		currency: 'USD',
		items: [{ name: 'Package B', currency: 'USD', amount: 1000, qty: 2 }],
		discount: { type: 'percentage', value: 10 },
		contactDetails: { id: SEED.contacts[1], name: 'Ben Ortiz', email: 'ben.ortiz@example.com', phoneNo: '+15125550112' },
		issueDate: '2030-01-01',
		dueDate: '2030-01-15',
		sentTo: { email: ['ben.ortiz@example.com'] },
		liveMode: false,
	};

	it('create → send → partial payment → paid, with totals', async () => {
		const created = await api.post('/invoices/', newInvoice);
		expect(created.status).toBe(200);
		expect(created.body).toMatchObject({ status: 'draft', total: 1800, amountDue: 1800, totalSummary: { subTotal: 2000, discount: 200 } });
		const id = created.body._id;
		expect(id).toMatch(/^[0-9a-f]{24}$/);

		const sent = await api.post(`/invoices/${id}/send`, { altId: L, altType: 'location', userId: SEED.users.owner, action: 'email', liveMode: false });
		expect(sent.body.invoice.status).toBe('sent');

		const part = await api.post(`/invoices/${id}/record-payment`, { altId: L, altType: 'location', mode: 'cash', amount: 800, notes: 'deposit' });
		expect(part.body).toMatchObject({ success: true, invoice: { status: 'partially_paid', amountPaid: 800, amountDue: 1000 } });
		const paid = await api.post(`/invoices/${id}/record-payment`, { altId: L, altType: 'location', mode: 'card' });
		expect(paid.body.invoice).toMatchObject({ status: 'paid', amountDue: 0 });
		expect((await api.post(`/invoices/${id}/void`, { altId: L, altType: 'location' })).status).toBe(400);
	});

	it('requires the spec\'s required fields (422 listing them)', async () => {
		const res = await api.post('/invoices/', { altId: L, altType: 'location', name: 'x' });
		expect(res.status).toBe(422);
		expect(res.body.message).toEqual(expect.arrayContaining(['items should not be empty', 'contactDetails should not be empty']));
	});

	it('list: offset/limit, status and contact filters; number generation; void', async () => {
		const all = await api.get(`/invoices/?${alt}&limit=2&offset=0`);
		expect(all.body.total).toBe(3);
		expect(all.body.invoices).toHaveLength(2);
		const rest = await api.get(`/invoices/?${alt}&limit=2&offset=2`);
		expect(rest.body.invoices).toHaveLength(1);
		expect((await api.get(`/invoices/?${alt}&limit=10&offset=0&status=paid`)).body.invoices.map((i: { _id: string }) => i._id)).toEqual([SEED.invoices.paid]);
		expect((await api.get(`/invoices/?${alt}&limit=10&offset=0&contactId=${SEED.contacts[1]}`)).body.total).toBe(1);
		expect((await api.get(`/invoices/?${alt}`)).status).toBe(422); // limit/offset are required
		expect((await api.get(`/invoices/generate-invoice-number?${alt}`)).body).toEqual({ invoiceNumber: 1004 });
		const voided = await api.post(`/invoices/${SEED.invoices.sent}/void`, { altId: L, altType: 'location' });
		expect(voided.body.status).toBe('void');
	});

	it('schedules: create, schedule (first invoice), cancel; templates; text2pay', async () => {
		const s = await api.post('/invoices/schedule', { ...newInvoice, schedule: { rrule: { intervalType: 'monthly', interval: 1, startDate: '2030-01-01' } } });
		expect(s.status).toBe(200);
		const sid = s.body._id;
		const scheduled = await api.post(`/invoices/schedule/${sid}/schedule`, { altId: L, altType: 'location', liveMode: false });
		expect(scheduled.body.status).toBe('active');
		expect(scheduled.body.invoices).toHaveLength(1);
		expect(scheduled.body.invoices[0].status).toBe('sent');
		expect((await api.post(`/invoices/schedule/${sid}/cancel`, { altId: L, altType: 'location' })).body.status).toBe('cancelled');
		expect((await api.get(`/invoices/schedule?${alt}&limit=10&offset=0`)).body.total).toBe(2);

		const t = await api.post('/invoices/template', { altId: L, altType: 'location', name: 'Tpl', businessDetails: {}, currency: 'USD', items: newInvoice.items });
		expect(t.body.total).toBe(2000);
		expect((await api.get(`/invoices/template?${alt}&limit=10&offset=0`)).body.totalCount).toBe(2);
		expect((await api.del(`/invoices/template/${t.body._id}?${alt}`)).body).toEqual({ success: true });

		const t2p = await api.post('/invoices/text2pay', { ...newInvoice, action: 'send', userId: SEED.users.owner });
		expect(t2p.body.invoice.status).toBe('sent');
		expect(t2p.body.invoiceUrl).toContain(t2p.body.invoice._id);
	});
});

describe('documents (proposals)', () => {
	it('lists with skip/limit/status/paymentStatus/query/date filters', async () => {
		const all = await api.get(`/proposals/document?locationId=${L}`);
		expect(all.body.total).toBe(2);
		expect(all.body.documents[0]).toMatchObject({ documentId: all.body.documents[0]._id, status: 'sent', paymentStatus: 'waiting_for_payment' });
		expect((await api.get(`/proposals/document?locationId=${L}&status=completed,accepted`)).body.documents.map((d: { _id: string }) => d._id)).toEqual([SEED.documents.completed]);
		expect((await api.get(`/proposals/document?locationId=${L}&paymentStatus=paid`)).body.total).toBe(1);
		expect((await api.get(`/proposals/document?locationId=${L}&query=ortiz`)).body.total).toBe(1);
		expect((await api.get(`/proposals/document?locationId=${L}&limit=1&skip=1`)).body.documents).toHaveLength(1);
		expect((await api.get(`/proposals/document?locationId=${L}&dateFrom=2000-01-01T00:00:00Z`)).status).toBe(400);
		const from = new Date(Date.now() - 10 * 86400000).toISOString();
		const to = new Date().toISOString();
		expect((await api.get(`/proposals/document?locationId=${L}&dateFrom=${from}&dateTo=${to}`)).body.total).toBe(1);
	});

	it('a new document (admin) shows up for a poller; send via template and via document', async () => {
		const res = await fetch(`${ghl.url}/__admin/documents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'New contract', contactId: SEED.contacts[3], amount: 500 }) });
		const doc = (await res.json()) as any;
		expect(res.status).toBe(201);
		const list = await api.get(`/proposals/document?locationId=${L}&status=draft`);
		expect(list.body.documents.map((d: { _id: string }) => d._id)).toEqual([doc._id]);

		const sent = await api.post('/proposals/document/send', { locationId: L, documentId: doc._id, sentBy: SEED.users.owner });
		expect(sent.body.success).toBe(true);
		expect(sent.body.links[0]).toMatchObject({ documentId: doc._id, recipientId: SEED.contacts[3] });

		const patched = await fetch(`${ghl.url}/__admin/documents/${doc._id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'completed', paymentStatus: 'paid' }) });
		expect(((await patched.json()) as any).recipients[0].hasCompleted).toBe(true);

		const templates = await api.get(`/proposals/templates?locationId=${L}`);
		expect(templates.body.data[0]).toMatchObject({ _id: SEED.proposalTemplateId, id: SEED.proposalTemplateId });
		const fromTpl = await api.post('/proposals/templates/send', { templateId: SEED.proposalTemplateId, userId: SEED.users.owner, locationId: L, contactId: SEED.contacts[4] });
		expect(fromTpl.body.success).toBe(true);
		expect((await api.get(`/proposals/document?locationId=${L}`)).body.total).toBe(4);
	});
});

describe('locations, custom fields, users, opportunities', () => {
	it('location, tags, custom values, custom fields v1 and v2', async () => {
		expect((await api.get(`/locations/${L}`)).body.location.id).toBe(L);
		expect((await api.get(`/locations/${L}/tags`)).body.tags.map((t: { name: string }) => t.name)).toContain('vip');
		expect((await api.get(`/locations/${L}/customValues`)).body.customValues).toHaveLength(1);
		const v1 = await api.get(`/locations/${L}/customFields?model=contact`);
		expect(v1.body.customFields.map((f: { fieldKey: string }) => f.fieldKey)).toContain('contact.company_size');
		const created = await api.post('/custom-fields/', { locationId: L, name: 'Venue', dataType: 'TEXT', fieldKey: 'venue', objectKey: 'contact', showInForms: true, parentId: 'folder1' });
		expect(created.status).toBe(201);
		expect(created.body.field.fieldKey).toBe('contact.venue');
		expect((await api.get(`/custom-fields/${created.body.field.id}`)).body.field.name).toBe('Venue');
		expect((await api.get(`/custom-fields/object-key/contact?locationId=${L}`)).body.fields).toHaveLength(4);
		expect((await api.del(`/custom-fields/${created.body.field.id}`)).body).toMatchObject({ succeded: true, key: 'contact.venue' });
	});

	it('users and opportunities', async () => {
		expect((await api.get(`/users/?locationId=${L}`)).body.users).toHaveLength(2);
		expect((await api.get(`/users/${SEED.users.staff}`)).body.email).toBe('sam@studio.example.com');
		const pipelines = await api.get(`/opportunities/pipelines?locationId=${L}`);
		expect(pipelines.body.pipelines[0].stages).toHaveLength(3);
		const o = await api.post('/opportunities/', { pipelineId: SEED.pipelineId, locationId: L, name: 'New deal', status: 'open', contactId: SEED.contacts[3], monetaryValue: 900 });
		expect(o.status).toBe(201);
		expect((await api.put(`/opportunities/${o.body.opportunity.id}/status`, { status: 'won' })).body).toEqual({ succeded: true });
		const found = await api.get(`/opportunities/search?location_id=${L}&status=won`);
		expect(found.body.meta.total).toBe(2);
		expect((await api.del(`/opportunities/${o.body.opportunity.id}`)).body).toEqual({ succeded: true });
	});
});
