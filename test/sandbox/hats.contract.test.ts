/**
 * Every operation of the fake 17hats, with successes and errors, validated
 * against docs/17hats-api.yaml (SpecCheckedClient checks each response). The last
 * test asserts that every operation in the document was seen with a 2xx and
 * with at least one 4xx.
 */
import { startHatsSandbox, type HatsSandbox } from '../../sandbox/hats';
import { openApi, validateRequest } from '../support/openapi';
import { SpecCheckedClient } from './hatsSpecClient';

let sb: HatsSandbox;
let c: SpecCheckedClient;

beforeAll(async () => {
	sb = await startHatsSandbox({ port: 0, rateLimit: { max: 100_000, windowMs: 60_000 } });
	c = new SpecCheckedClient(sb);
});
afterAll(() => sb.close());

/** Every operation in the document with a concrete path (ids that do not exist). */
function allOperations(): Array<{ method: string; path: string; operationId: string }> {
	const doc = openApi().doc;
	const ops: Array<{ method: string; path: string; operationId: string }> = [];
	for (const [template, item] of Object.entries<Record<string, { operationId: string }>>(doc.paths)) {
		for (const method of ['get', 'post', 'patch', 'delete']) {
			if (!item[method]) continue;
			const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => ({ contact_id: 'ct_x', project_id: 'pr_x', document_id: 'doc_x', contract_id: 'k_x', invoice_id: 'inv_x' })[name] ?? 'x');
			ops.push({ method: method.toUpperCase(), path, operationId: item[method].operationId });
		}
	}
	return ops;
}

test('the document has the operations the contract notes list', () => {
	expect(allOperations().map((o) => o.operationId).sort()).toEqual(
		[
			'getMe',
			...['Contact', 'Project', 'Document', 'Contract', 'Invoice'].flatMap((r) => [`create${r}`, `list${r}s`, `get${r}`, `update${r}`, `delete${r}`]),
			'sendDocument',
			'setContractStatus',
			'attachContractDocument',
			'sendContract',
			'setInvoiceStatus',
			'listTemplates',
		].sort(),
	);
});

test('GET /me', async () => {
	const r = await c.call('GET', '/me');
	expect(r.status).toBe(200);
	expect(r.body.scopes).toContain('contacts:write');
	expect((await c.call('GET', '/me', { key: null })).body.error.code).toBe('unauthorized');
	expect((await c.call('GET', '/me', { key: 'nope' })).status).toBe(401);
});

test('contacts: create, list, get, update, delete and their errors', async () => {
	const created = await c.call('POST', '/contacts', {
		body: { first_name: 'Kat', email: 'kat@example.com', type: 'client', tags: ['a'], address: { city: 'Oslo' }, external_id: 'ghl_c1', metadata: { ghl_location: 'L1' }, last_synced_at: '2025-01-02T03:04:05Z' },
	});
	expect(created.status).toBe(201);
	const id = created.body.contact_id;
	expect(created.body).toMatchObject({ first_name: 'Kat', type: 'client', address: { city: 'Oslo', street: null }, external_id: 'ghl_c1' });

	const bad = await c.call('POST', '/contacts', { body: { email: 'not-an-email', type: 'vip', colour: 'red' } });
	expect(bad.status).toBe(422);
	expect(bad.body.error.code).toBe('validation_failed');
	expect(bad.body.error.details.fields.sort()).toEqual(['colour', 'email', 'type']);
	const none = await c.call('POST', '/contacts', { body: { phone: '123' } });
	expect(none.status).toBe(422);
	expect(none.body.error.details.fields).toEqual(['first_name', 'last_name', 'email']);
	expect((await c.call('POST', '/contacts', { body: { first_name: 'Dup', external_id: 'ghl_c1' } })).status).toBe(409);
	expect((await c.call('POST', '/contacts', { raw: '{"first_name":' })).body.error.code).toBe('bad_request');

	const list = await c.call('GET', '/contacts?email=KAT@example.com');
	expect(list.body.data.map((x: { contact_id: string }) => x.contact_id)).toEqual([id]);
	expect((await c.call('GET', '/contacts?limit=0')).status).toBe(422);
	expect((await c.call('GET', '/contacts?page=2')).body.error.details.fields).toEqual(['page']);
	expect((await c.call('GET', '/contacts?cursor=garbage')).status).toBe(400);

	expect((await c.call('GET', `/contacts/${id}`)).body.email).toBe('kat@example.com');
	expect((await c.call('GET', '/contacts/ct_missing')).status).toBe(404);

	const upd = await c.call('PATCH', `/contacts/${id}`, { body: { last_name: 'Larsen', address: { country: 'NO' }, metadata: { a: 'b' } } });
	expect(upd.status).toBe(200);
	expect(upd.body).toMatchObject({ last_name: 'Larsen', address: { city: 'Oslo', country: 'NO' }, metadata: { a: 'b' } });
	expect((await c.call('PATCH', `/contacts/${id}`, { body: { type: 'nope' } })).status).toBe(422);
	expect((await c.call('PATCH', `/contacts/${id}`, { body: {} })).status).toBe(422);
	expect((await c.call('PATCH', '/contacts/ct_missing', { body: { notes: 'x' } })).status).toBe(404);

	expect((await c.call('DELETE', `/contacts/${id}`)).status).toBe(204);
	expect((await c.call('DELETE', `/contacts/${id}`)).status).toBe(404);
});

async function newContact(extra: Record<string, unknown> = {}): Promise<string> {
	return (await c.call('POST', '/contacts', { body: { first_name: 'T', email: `t${Math.random()}@example.com`.replace('0.', ''), ...extra } })).body.contact_id;
}

test('projects', async () => {
	const contact = await newContact();
	const p = await c.call('POST', '/projects', { body: { contact_id: contact, name: 'Wedding' } });
	expect(p.status).toBe(201);
	expect(p.body.status).toBe('active');
	const missing = await c.call('POST', '/projects', { body: { contact_id: 'ct_nope', name: 'X' } });
	expect(missing.status).toBe(422);
	expect(missing.body.error.details.fields).toEqual(['contact_id']);
	expect((await c.call('POST', '/projects', { body: { name: 'no contact' } })).body.error.details.fields).toEqual(['contact_id']);
	expect((await c.call('GET', `/projects?contact_id=${contact}`)).body.data).toHaveLength(1);
	expect((await c.call('GET', `/projects/${p.body.project_id}`)).status).toBe(200);
	expect((await c.call('GET', '/projects/pr_nope')).status).toBe(404);
	expect((await c.call('PATCH', `/projects/${p.body.project_id}`, { body: { status: 'completed' } })).body.status).toBe('completed');
	expect((await c.call('PATCH', `/projects/${p.body.project_id}`, { body: { status: 'paused' } })).status).toBe(422);
	expect((await c.call('DELETE', `/projects/${p.body.project_id}`)).status).toBe(204);
	expect((await c.call('GET', `/projects/${p.body.project_id}`)).status).toBe(404);
});

test('documents, including send and project_required', async () => {
	const withProject = await newContact();
	const project = (await c.call('POST', '/projects', { body: { contact_id: withProject, name: 'P' } })).body.project_id;
	const noProject = await newContact();

	const doc = await c.call('POST', '/documents', {
		body: { contact_id: withProject, template_id: 'tpl_welcome_agreement', name: 'Welcome', document_type: 'contract', external_id: 'ghl_d1' },
	});
	expect(doc.status).toBe(201);
	expect(doc.body).toMatchObject({ status: 'draft', project_id: null, sent_at: null });
	const docId = doc.body.document_id;
	const bad = await c.call('POST', '/documents', { body: { contact_id: withProject, name: 'x', document_type: 'memo', template_id: 'tpl_nope' } });
	expect(bad.status).toBe(422);
	expect(bad.body.error.details.fields).toEqual(['document_type']);
	const badRef = await c.call('POST', '/documents', { body: { contact_id: withProject, name: 'x', document_type: 'quote', template_id: 'tpl_nope', project_id: 'pr_nope' } });
	expect(badRef.body.error.details.fields.sort()).toEqual(['project_id', 'template_id']);
	expect((await c.call('POST', '/documents', { body: { contact_id: noProject, name: 'x', document_type: 'quote', project_id: project } })).body.error.details.fields).toEqual(['project_id']);
	expect((await c.call('POST', '/documents', { body: { contact_id: withProject, name: 'dup', document_type: 'quote', external_id: 'ghl_d1' } })).status).toBe(409);

	const sent = await c.call('POST', `/documents/${docId}/send`, { body: { message: 'Hi' } });
	expect(sent.status).toBe(200);
	expect(sent.body.status).toBe('sent');
	expect(Date.parse(sent.body.sent_at)).not.toBeNaN();
	expect((await c.call('POST', `/documents/${docId}/send`)).status).toBe(200);
	// Conditional send: an already-sent document is not sent again (safe to repeat, one send among racing senders).
	const again = await c.call('POST', `/documents/${docId}/send`, { body: { if_unsent: true } });
	expect(again.status).toBe(409);
	expect(again.body.error).toMatchObject({ code: 'already_sent', details: { document_id: docId, sent_at: expect.any(String) } });
	const fresh = (await c.call('POST', '/documents', { body: { contact_id: withProject, name: 'Once', document_type: 'other' } })).body.document_id;
	const once = await c.call('POST', `/documents/${fresh}/send`, { body: { if_unsent: true } });
	expect(once.body).toMatchObject({ status: 'sent' });
	const outbox = (await c.admin('GET', '/__admin/state')).body.outbox as Array<{ kind: string; id: string }>;
	expect(outbox.filter((m) => m.id === docId)).toHaveLength(2);
	expect(outbox.filter((m) => m.id === fresh)).toEqual([expect.objectContaining({ kind: 'document', id: fresh, contact_id: withProject })]);

	const orphan = (await c.call('POST', '/documents', { body: { contact_id: noProject, name: 'Q', document_type: 'quote' } })).body.document_id;
	const pr = await c.call('POST', `/documents/${orphan}/send`);
	expect(pr.status).toBe(422);
	expect(pr.body.error).toMatchObject({ code: 'project_required', details: { contact_id: noProject } });
	expect((await c.call('POST', '/documents/doc_nope/send')).status).toBe(404);
	expect((await c.call('POST', `/documents/${docId}/send`, { body: { cc: 'x' } })).status).toBe(422);

	const list = await c.call('GET', `/documents?contact_id=${withProject}&status=sent&document_type=contract`);
	expect(list.body.data.map((d: { document_id: string }) => d.document_id)).toEqual([docId]);
	expect((await c.call('GET', '/documents?status=lost')).status).toBe(422);
	expect((await c.call('GET', `/documents/${docId}`)).body.name).toBe('Welcome');
	expect((await c.call('GET', '/documents/doc_nope')).status).toBe(404);
	const upd = await c.call('PATCH', `/documents/${docId}`, { body: { status: 'completed', project_id: project, last_synced_at: '2025-02-01T00:00:00Z' } });
	expect(upd.body).toMatchObject({ status: 'completed', project_id: project, last_synced_at: '2025-02-01T00:00:00Z' });
	expect((await c.call('PATCH', `/documents/${docId}`, { body: { url: 'not a url' } })).status).toBe(422);
	expect((await c.call('PATCH', `/documents/${orphan}`, { body: { status: 'void' } })).status).toBe(200);
	expect((await c.call('POST', `/documents/${orphan}/send`)).body.error.details.fields).toEqual(['status']);
	expect((await c.call('DELETE', `/documents/${orphan}`)).status).toBe(204);
	expect((await c.call('DELETE', `/documents/${orphan}`)).status).toBe(404);
});

test('contracts, including status, attach (idempotent), send', async () => {
	const contact = await newContact();
	const noProject = await newContact();
	await c.call('POST', '/projects', { body: { contact_id: contact, name: 'P' } });
	const doc = (await c.call('POST', '/documents', { body: { contact_id: contact, name: 'D', document_type: 'invoice' } })).body.document_id;

	const k = await c.call('POST', '/contracts', {
		body: { contact_id: contact, name: 'Annual', amount: 1200.5, currency: 'EUR', start_date: '2025-01-01', renewal_date: '2026-01-01', auto_renew: true, external_id: 'ghl_inv_1' },
	});
	expect(k.status).toBe(201);
	expect(k.body).toMatchObject({ status: 'draft', currency: 'EUR', document_ids: [], auto_renew: true });
	const id = k.body.contract_id;
	const bad = await c.call('POST', '/contracts', { body: { contact_id: contact, name: 'x', currency: 'euro', start_date: '01/02/2025' } });
	expect(bad.body.error.details.fields.sort()).toEqual(['currency', 'start_date']);
	expect((await c.call('POST', '/contracts', { body: { contact_id: contact, name: 'x', document_ids: ['doc_nope'] } })).body.error.details.fields).toEqual(['document_ids']);

	const st = await c.call('POST', `/contracts/${id}/status`, { body: { status: 'active', reason: 'Invoice paid' } });
	expect(st.body).toMatchObject({ status: 'active', status_reason: 'Invoice paid' });
	expect((await c.call('POST', `/contracts/${id}/status`, { body: { status: 'paid' } })).status).toBe(422);
	expect((await c.call('POST', `/contracts/${id}/status`)).status).toBe(422);
	expect((await c.call('POST', '/contracts/k_nope/status', { body: { status: 'void' } })).status).toBe(404);

	const a1 = await c.call('POST', `/contracts/${id}/documents`, { body: { document_id: doc } });
	expect(a1.body.document_ids).toEqual([doc]);
	const a2 = await c.call('POST', `/contracts/${id}/documents`, { body: { document_id: doc } });
	expect(a2.status).toBe(200);
	expect(a2.body.document_ids).toEqual([doc]);
	expect(a2.body.updated_at).toBe(a1.body.updated_at);
	expect((await c.call('POST', `/contracts/${id}/documents`, { body: { document_id: 'doc_nope' } })).body.error.details.fields).toEqual(['document_id']);
	expect((await c.call('POST', '/contracts/k_nope/documents', { body: { document_id: doc } })).status).toBe(404);

	const sent = await c.call('POST', `/contracts/${id}/send`);
	expect(sent.status).toBe(200);
	expect(sent.body.status).toBe('active'); // only a draft becomes "sent"
	expect(sent.body.sent_at).not.toBeNull();
	expect((await c.call('POST', `/contracts/${id}/send`, { body: { if_unsent: true } })).body.error).toMatchObject({ code: 'already_sent', details: { contract_id: id } });
	const k2 = (await c.call('POST', '/contracts', { body: { contact_id: noProject, name: 'No project' } })).body.contract_id;
	expect((await c.call('POST', `/contracts/${k2}/send`)).body.error.code).toBe('project_required');
	expect((await c.call('POST', '/contracts/k_nope/send')).status).toBe(404);

	expect((await c.call('GET', `/contracts?contact_id=${contact}&status=active`)).body.data).toHaveLength(1);
	expect((await c.call('GET', '/contracts?limit=101')).status).toBe(422);
	expect((await c.call('GET', `/contracts/${id}`)).body.document_ids).toEqual([doc]);
	expect((await c.call('GET', '/contracts/k_nope')).status).toBe(404);
	expect((await c.call('PATCH', `/contracts/${id}`, { body: { renewal_date: '2027-01-01' } })).body.renewal_date).toBe('2027-01-01');
	expect((await c.call('PATCH', `/contracts/${id}`, { body: { amount: -1 } })).status).toBe(422);

	// Deleting a document detaches it from contracts.
	await c.call('DELETE', `/documents/${doc}`);
	expect((await c.call('GET', `/contracts/${id}`)).body.document_ids).toEqual([]);
	expect((await c.call('DELETE', `/contracts/${id}`)).status).toBe(204);
	expect((await c.call('DELETE', `/contracts/${id}`)).status).toBe(404);
});

test('invoices, including status', async () => {
	const contact = await newContact();
	const contract = (await c.call('POST', '/contracts', { body: { contact_id: contact, name: 'K' } })).body.contract_id;
	const inv = await c.call('POST', '/invoices', { body: { contact_id: contact, contract_id: contract, amount: 250.75, due_date: '2025-03-01', external_id: 'ghl_i1' } });
	expect(inv.status).toBe(201);
	expect(inv.body).toMatchObject({ status: 'draft', amount_paid: 0, currency: 'USD', paid_at: null });
	expect(inv.body.number).toMatch(/^INV-\d{4}$/);
	const id = inv.body.invoice_id;
	expect((await c.call('POST', '/invoices', { body: { contact_id: contact } })).body.error.details.fields).toEqual(['amount']);
	expect((await c.call('POST', '/invoices', { body: { contact_id: contact, amount: 10, amount_paid: 20 } })).body.error.details.fields).toEqual(['amount_paid']);
	expect((await c.call('POST', '/invoices', { body: { contact_id: contact, amount: 1, contract_id: 'k_nope' } })).body.error.details.fields).toEqual(['contract_id']);
	expect((await c.call('POST', '/invoices', { body: { contact_id: contact, amount: 1, external_id: 'ghl_i1' } })).status).toBe(409);

	const partly = await c.call('PATCH', `/invoices/${id}`, { body: { status: 'partially_paid', amount_paid: 100 } });
	expect(partly.body).toMatchObject({ status: 'partially_paid', amount_paid: 100 });
	const paid = await c.call('POST', `/invoices/${id}/status`, { body: { status: 'paid' } });
	expect(paid.body).toMatchObject({ status: 'paid', amount_paid: 250.75 });
	expect(paid.body.paid_at).not.toBeNull();
	expect((await c.call('POST', `/invoices/${id}/status`, { body: { status: 'unpaid' } })).status).toBe(422);
	expect((await c.call('POST', '/invoices/inv_nope/status', { body: { status: 'void' } })).status).toBe(404);

	expect((await c.call('GET', `/invoices?contract_id=${contract}&status=paid&contact_id=${contact}`)).body.data).toHaveLength(1);
	expect((await c.call('GET', '/invoices?updated_since=yesterday')).body.error.details.fields).toEqual(['updated_since']);
	expect((await c.call('GET', `/invoices/${id}`)).body.amount).toBe(250.75);
	expect((await c.call('GET', '/invoices/inv_nope')).status).toBe(404);
	expect((await c.call('PATCH', `/invoices/${id}`, { body: { due_date: 'soon' } })).status).toBe(422);
	expect((await c.call('PATCH', '/invoices/inv_nope', { body: { status: 'void' } })).status).toBe(404);
	expect((await c.call('DELETE', `/invoices/${id}`)).status).toBe(204);
	expect((await c.call('DELETE', `/invoices/${id}`)).status).toBe(404);
});

test('templates', async () => {
	const all = await c.call('GET', '/templates');
	const names = all.body.data.map((t: { name: string }) => t.name);
	expect(names).toEqual(expect.arrayContaining(['Welcome Agreement', 'Renewal Notice']));
	const contracts = await c.call('GET', '/templates?document_type=contract');
	expect(contracts.body.data).toEqual([{ template_id: 'tpl_welcome_agreement', name: 'Welcome Agreement', document_type: 'contract' }]);
	expect((await c.call('GET', '/templates?document_type=poster')).status).toBe(422);
	const page = await c.call('GET', '/templates?limit=2');
	expect(page.body.data).toHaveLength(2);
	expect(page.body.next_cursor).not.toBeNull();
});

test('every operation: 401 without a key, 403 without its scope, injected 429/500/503 — all in the contract', async () => {
	const noScopes = (await c.admin('POST', '/__admin/keys', { scopes: [] })).body.api_key;
	const ops = allOperations();
	for (const op of ops) {
		const body = op.method === 'POST' || op.method === 'PATCH' ? {} : undefined;
		const r401 = await c.call(op.method, op.path, { key: null, body });
		expect([op.operationId, r401.status, r401.body.error.code]).toEqual([op.operationId, 401, 'unauthorized']);
		const r403 = await c.call(op.method, op.path, { key: noScopes, body });
		if (op.operationId === 'getMe') expect(r403.status).toBe(200);
		else {
			expect([op.operationId, r403.status]).toEqual([op.operationId, 403]);
			expect(r403.body.error.code).toBe('insufficient_scope');
			expect(r403.body.error.message).toContain(r403.body.error.details.required_scope);
		}
	}
	for (const [fault, status] of [['rate429', 429], ['rate500', 500], ['rate503', 503]] as const) {
		await c.admin('POST', '/__admin/faults', { [fault]: 1 });
		for (const op of ops) {
			const r = await c.call(op.method, op.path, { body: op.method === 'POST' || op.method === 'PATCH' ? {} : undefined });
			expect([op.operationId, r.status]).toEqual([op.operationId, status]);
			if (status === 429) expect(r.headers.get('retry-after')).toBe('1');
		}
	}
	await c.admin('POST', '/__admin/faults', {});
});

test('coverage: every operation was seen with a 2xx and a 4xx, all validated', () => {
	const missing: string[] = [];
	for (const op of allOperations()) {
		const codes = [...(c.seen.get(op.operationId) ?? [])];
		if (!codes.some((s) => s >= 200 && s < 300)) missing.push(`${op.operationId}: no 2xx`);
		if (!codes.some((s) => s >= 400 && s < 500)) missing.push(`${op.operationId}: no 4xx`);
		for (const s of [401, 429, 500, 503]) if (!codes.includes(s)) missing.push(`${op.operationId}: no ${s}`);
	}
	expect(missing).toEqual([]);
});

test('validateRequest checks what a client sends', () => {
	expect(validateRequest({ method: 'POST', path: 'http://127.0.0.1:4020/v1/contacts', body: { email: 'a@b.co' } }).valid).toBe(true);
	const bad = validateRequest({ method: 'POST', path: '/v1/contacts', body: { email: 'a@b.co', firstName: 'x' } });
	expect(bad.valid).toBe(false);
	expect(bad.issues).toEqual([{ location: 'body', field: 'firstName', message: 'is not a known field' }]);
	expect(validateRequest({ method: 'GET', path: '/v1/contacts', query: { limit: 100, 'metadata.ghl_id': 'abc', updated_since: '2025-01-01T00:00:00Z' } }).valid).toBe(true);
	expect(validateRequest({ method: 'GET', path: '/v1/contacts?limit=500' }).errors).toEqual(['query.limit: must be <= 100']);
	expect(validateRequest({ method: 'GET', path: '/v1/templates', query: { 'metadata.x': '1' } }).valid).toBe(false);
	expect(validateRequest({ method: 'POST', path: '/v1/invoices/inv_1/status', body: { status: 'paid' } }).operation?.operationId).toBe('setInvoiceStatus');
	expect(validateRequest({ method: 'PATCH', path: '/v1/contacts/bad_prefix', body: { notes: 'x' } }).errors).toEqual(['path.contact_id: must match pattern "^ct_"']);
	expect(validateRequest({ method: 'PUT', path: '/v1/contacts/ct_1' }).valid).toBe(false);
	expect(validateRequest({ method: 'DELETE', path: '/v1/contacts/ct_1', body: { x: 1 } }).valid).toBe(false);
});

test('validateResponse rejects what the contract does not allow', async () => {
	const good = await c.call('GET', '/contacts?limit=1');
	const rec = good.body.data[0];
	const headers = Object.fromEntries(good.headers.entries());
	const check = (status: number, body: unknown, h: Record<string, string> = headers) =>
		openApi().validateResponse({ method: 'GET', path: '/v1/contacts', status, body, headers: h });
	expect(check(200, good.body).valid).toBe(true);
	expect(check(200, { data: [{ ...rec, extra: 1 }], next_cursor: null }).errors).toEqual(['body.data.0.extra: is not a known field']);
	expect(check(200, { data: [{ ...rec, type: 'vip' }], next_cursor: null }).errors[0]).toMatch(/^body\.data\.0\.type: must be one of hot_lead/);
	expect(check(200, { data: [] }).errors).toEqual(['body.next_cursor: is required']);
	const { 'x-request-id': _drop, ...noId } = headers;
	expect(check(200, good.body, noId).errors).toEqual(['header.X-Request-Id: is required']);
	expect(check(418, good.body).valid).toBe(false);
	expect(check(422, { error: { code: 'missing', message: 'x', request_id: 'r' } }).errors[0]).toMatch(/^body\.error\.code/);
	expect(openApi().validateResponse({ method: 'DELETE', path: '/v1/contacts/ct_1', status: 204, body: { ok: true } }).valid).toBe(false);
});

test('the document is self-consistent: refs resolve, scopes match the scheme, errors documented', () => {
	const doc = openApi().doc;
	const refs: string[] = [];
	const walk = (n: unknown): void => {
		if (Array.isArray(n)) n.forEach(walk);
		else if (n && typeof n === 'object') {
			for (const [k, v] of Object.entries(n)) {
				if (k === '$ref' && typeof v === 'string') refs.push(v);
				else walk(v);
			}
		}
	};
	walk(doc);
	const unresolved = refs.filter((r) => openApi().deref({ $ref: r }) === undefined);
	expect(unresolved).toEqual([]);
	expect(doc.openapi).toBe('3.1.0');
	expect(doc.servers.map((s: { url: string }) => s.url)).toEqual(['https://api.17hats.com/v1', 'http://127.0.0.1:4020/v1']);
	const known = Object.keys(doc.components.securitySchemes.bearerAuth['x-scopes']);
	expect(known).toHaveLength(11);
	for (const [template, item] of Object.entries<Record<string, any>>(doc.paths)) { // eslint-disable-line @typescript-eslint/no-explicit-any
		for (const method of ['get', 'post', 'patch', 'delete']) {
			const op = item[method];
			if (!op) continue;
			const where = `${method.toUpperCase()} ${template}`;
			expect([where, op.security[0].bearerAuth]).toEqual([where, op['x-required-scopes']]);
			for (const s of op['x-required-scopes']) expect(known).toContain(s);
			for (const code of ['401', '429', '500', '503']) expect([where, code, !!op.responses[code]]).toEqual([where, code, true]);
			if (template !== '/me') expect([where, !!op.responses['403']]).toEqual([where, true]);
		}
	}
});
