/** Outbound webhooks: signatures, GHL's 429 retry rule, auto-delivery, payload keys vs official schemas. */
import { loadWebhookEvent, listWebhookEvents } from '../../sandbox/ghl/reference';
import { sandboxEventData } from '../../sandbox/ghl/webhooks/payloads';
import { ENVELOPE_FIELDS, SEED, WORKFLOW_KINDS, buildEventPayload, startGhlSandbox, verifyGhlSignature, verifyWhSignature, type GhlSandbox } from '../../sandbox/ghl';
import { client, startReceiver } from './ghlSupport';
import { verify } from 'crypto';

let ghl: GhlSandbox;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const L = SEED.locationId;

beforeAll(async () => {
	ghl = await startGhlSandbox({ port: 0, webhookRetryDelayMs: 20 });
});
afterAll(() => ghl.close());
beforeEach(async () => {
	ghl.reset();
	receiver = await startReceiver();
});
afterEach(async () => {
	await ghl.whenIdle();
	await receiver.close();
});

describe('fire()', () => {
	it('arrives signed; both signatures verify with the exposed public keys and fail for a changed byte', async () => {
		const result = await ghl.fire('ContactCreate', { to: receiver.url });
		expect(result).toEqual({ status: 200, attempts: 1 });
		const [hit] = receiver.received;
		expect(hit.headers['content-type']).toBe('application/json');
		const ghlSig = String(hit.headers['x-ghl-signature']);
		const whSig = String(hit.headers['x-wh-signature']);

		// As a receiver would, with plain crypto.verify over the raw bytes.
		expect(verify(null, hit.raw, ghl.publicKeys.ed25519Pem, Buffer.from(ghlSig, 'base64'))).toBe(true);
		expect(verify('sha256', hit.raw, ghl.publicKeys.rsaPem, Buffer.from(whSig, 'base64'))).toBe(true);

		const tampered = Buffer.from(hit.raw);
		tampered[10] ^= 0x01;
		expect(verifyGhlSignature(tampered, ghlSig, ghl.publicKeys.ed25519Pem)).toBe(false);
		expect(verifyWhSignature(tampered, whSig, ghl.publicKeys.rsaPem)).toBe(false);
		// Re-serialised JSON is not the signed bytes when spacing differs.
		expect(verifyGhlSignature(Buffer.from(JSON.stringify(hit.json, null, 1)), ghlSig, ghl.publicKeys.ed25519Pem)).toBe(false);

		expect(hit.json).toMatchObject({ type: 'ContactCreate', locationId: L, id: SEED.contacts[0], email: 'ava.stone@example.com' });
		expect(Date.now() - Date.parse(hit.json.timestamp)).toBeLessThan(60_000);
		expect(hit.json.webhookId).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('the public keys are also served at GET /__admin/keys', async () => {
		const keys = (await (await fetch(`${ghl.url}/__admin/keys`)).json()) as any;
		expect(keys).toEqual(ghl.publicKeys);
		expect(keys.ed25519Pem).toContain('BEGIN PUBLIC KEY');
	});

	it('a 429 answer is retried with the same bytes until delivered', async () => {
		receiver.answers.push(429, 429, 429);
		const result = await ghl.fire('InvoicePaid', { to: receiver.url });
		expect(result).toEqual({ status: 200, attempts: 4 });
		expect(receiver.received).toHaveLength(4);
		const first = receiver.received[0];
		for (const r of receiver.received) {
			expect(r.raw.equals(first.raw)).toBe(true);
			expect(r.headers['x-ghl-signature']).toBe(first.headers['x-ghl-signature']);
		}
		expect(first.json).toMatchObject({ _id: SEED.invoices.paid, status: 'paid', altId: L });
	});

	it('gives up after 6 retries of 429, and never retries other statuses', async () => {
		receiver.answers.push(...Array(10).fill(429));
		expect(await ghl.fire('ContactUpdate', { to: receiver.url })).toEqual({ status: 429, attempts: 7 });
		receiver.answers.length = 0;
		receiver.answers.push(500);
		expect(await ghl.fire('ContactUpdate', { to: receiver.url })).toEqual({ status: 500, attempts: 1 });
		receiver.answers.push(404);
		expect(await ghl.fire('ContactUpdate', { to: receiver.url })).toEqual({ status: 404, attempts: 1 });
	});

	it('overrides replace fields (e.g. a stale timestamp or a replayed webhookId)', async () => {
		await ghl.fire('ContactUpdate', { to: receiver.url, overrides: { id: SEED.contacts[2], timestamp: '2020-01-01T00:00:00.000Z', webhookId: 'replayed' } });
		expect(receiver.received[0].json).toMatchObject({ id: SEED.contacts[2], firstName: 'Cleo', timestamp: '2020-01-01T00:00:00.000Z', webhookId: 'replayed' });
	});

	it('POST /__admin/fire does the same over HTTP', async () => {
		const res = await fetch(`${ghl.url}/__admin/fire`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event: 'NoteCreate', to: receiver.url }) });
		expect(await res.json()).toEqual({ status: 200, attempts: 1 });
		expect(receiver.received[0].json).toMatchObject({ type: 'NoteCreate', locationId: L });
		const bad = await fetch(`${ghl.url}/__admin/fire`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event: 'NoSuchEvent', to: receiver.url }) });
		expect(bad.status).toBe(422);
	});
});

describe('automatic delivery', () => {
	it('a contact update through the API delivers ContactUpdate to subscribers', async () => {
		ghl.subscribe(receiver.url, ['ContactUpdate', 'ContactTagUpdate']);
		const api = client(ghl);
		const res = await api.put(`/contacts/${SEED.contacts[1]}`, { companyName: 'Ortiz Weddings', tags: ['hot lead', 'wedding'] });
		expect(res.status).toBe(200);
		await receiver.waitFor(2);
		await ghl.whenIdle();
		const types = receiver.received.map((r) => r.json.type).sort();
		expect(types).toEqual(['ContactTagUpdate', 'ContactUpdate']);
		const update = receiver.received.find((r) => r.json.type === 'ContactUpdate')!;
		expect(update.json).toMatchObject({ id: SEED.contacts[1], locationId: L, companyName: 'Ortiz Weddings', tags: ['hot lead', 'wedding'] });
		expect(verifyGhlSignature(update.raw, String(update.headers['x-ghl-signature']), ghl.publicKeys.ed25519Pem)).toBe(true);
	});

	it('invoice lifecycle delivers InvoiceCreate, InvoiceSent, InvoicePartiallyPaid, InvoicePaid; delete delivers InvoiceDelete', async () => {
		ghl.subscribe(receiver.url);
		const api = client(ghl);
		const inv = await api.post('/invoices/', {
			altId: L,
			altType: 'location',
			name: 'Auto',
			businessDetails: {},
			currency: 'USD',
			items: [{ name: 'x', currency: 'USD', amount: 100, qty: 1 }],
			discount: { type: 'fixed', value: 0 },
			contactDetails: { id: SEED.contacts[0], name: 'Ava Stone', email: 'ava.stone@example.com', phoneNo: '+15125550111' },
			issueDate: '2030-01-01',
			sentTo: { email: ['ava.stone@example.com'] },
			liveMode: false,
		});
		const id = inv.body._id;
		await api.post(`/invoices/${id}/send`, { altId: L, altType: 'location', userId: SEED.users.owner, action: 'email', liveMode: false });
		await api.post(`/invoices/${id}/record-payment`, { altId: L, altType: 'location', mode: 'cash', amount: 40 });
		await api.post(`/invoices/${id}/record-payment`, { altId: L, altType: 'location', mode: 'cash', amount: 60 });
		await api.del(`/invoices/${id}?altId=${L}&altType=location`);
		await receiver.waitFor(5);
		await ghl.whenIdle();
		// Deliveries run concurrently: compare as a set, with the ids.
		const byEvent = new Map(ghl.deliveries().map((d) => [d.event, d]));
		expect([...byEvent.keys()].sort()).toEqual(['InvoiceCreate', 'InvoiceDelete', 'InvoicePaid', 'InvoicePartiallyPaid', 'InvoiceSent']);
		for (const r of receiver.received) expect(r.json._id).toBe(id);
		expect(receiver.received.find((r) => r.json.status === 'paid')!.json.amountDue).toBe(0);
	});
});

describe('payloads match the official schemas', () => {
	const EVENTS = listWebhookEvents();

	it('every fired event: keys are the schema\'s properties (+ timestamp, webhookId); auto-built ones validate types', async () => {
		const Ajv = (await import('ajv')).default;
		const ajv = new Ajv({ strict: false, allErrors: true });
		let checked = 0;
		for (const event of EVENTS) {
			const doc = loadWebhookEvent(event);
			const props = Object.keys(doc.schema?.properties ?? {});
			if (!props.length) continue; // e.g. UserCreate documents only an example
			receiver.received.length = 0;
			const result = await ghl.fire(event, { to: receiver.url });
			expect(result.status).toBe(200);
			const payload = receiver.received[0].json as Record<string, unknown>;
			const allowed = new Set([...props, ...ENVELOPE_FIELDS, ...Object.keys(doc.example ?? {})]);
			const extra = Object.keys(payload).filter((k) => !allowed.has(k));
			expect({ event, extra }).toEqual({ event, extra: [] });
			checked++;
		}
		expect(checked).toBeGreaterThan(40);

		// Events the sandbox builds from its own records: exact schema keys, and the schema's types.
		for (const event of EVENTS.filter((e) => /^(Contact|Invoice|Note|Task|Opportunity)/.test(e))) {
			const doc = loadWebhookEvent(event);
			const props = Object.keys(doc.schema?.properties ?? {});
			const payload = buildEventPayload(event, { data: sandboxEventData(event, ghl.store), locationId: L });
			const extra = Object.keys(payload).filter((k) => !props.includes(k) && !(ENVELOPE_FIELDS as readonly string[]).includes(k));
			expect({ event, extra }).toEqual({ event, extra: [] });
			const validate = ajv.compile(doc.schema!);
			const valid = validate(payload);
			expect({ event, errors: valid ? null : validate.errors }).toEqual({ event, errors: null });
		}
	});

});

describe('GHL-workflow-style document webhooks', () => {
	it('fireWorkflowWebhook posts a flat body with contact fields and a document object, secret in a header, no signature', async () => {
		const result = await ghl.fireWorkflowWebhook('document_completed', { to: receiver.url, secret: 's3cret', documentId: SEED.documents.completed });
		expect(result.status).toBe(200);
		const [hit] = receiver.received;
		expect(hit.headers['x-webhook-secret']).toBe('s3cret');
		expect(hit.headers['x-ghl-signature']).toBeUndefined();
		expect(hit.json).toMatchObject({
			contact_id: SEED.contacts[0],
			first_name: 'Ava',
			email: 'ava.stone@example.com',
			location: { id: L },
			document: { id: SEED.documents.completed, status: 'completed', paymentStatus: 'paid', event: 'document_completed' },
		});
	});

	it('every kind can be fired over HTTP; a status change auto-fires to workflow subscribers', async () => {
		for (const kind of WORKFLOW_KINDS) {
			const res = await fetch(`${ghl.url}/__admin/fire-workflow`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind, to: receiver.url }) });
			expect(res.status).toBe(200);
		}
		expect(receiver.received.map((r) => r.json.document.event)).toEqual([...WORKFLOW_KINDS]);

		receiver.received.length = 0;
		ghl.subscribeWorkflow(receiver.url, { kinds: ['document_viewed'], secret: 'abc' });
		await fetch(`${ghl.url}/__admin/documents/${SEED.documents.sent}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'viewed' }) });
		await receiver.waitFor(1);
		expect(receiver.received[0].json.document).toMatchObject({ id: SEED.documents.sent, status: 'viewed', event: 'document_viewed' });
		expect(receiver.received[0].headers['x-webhook-secret']).toBe('abc');
	});
});
