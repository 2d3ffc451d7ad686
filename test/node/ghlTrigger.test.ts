/**
 * GHL Trigger (webhook) through n8n-core's WebhookContext/HookContext with
 * HighLevel's official example payloads, signed by keys generated here.
 */
import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'crypto';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { loadWebhookEvent } from '../../sandbox/ghl/reference';
import { GHL_WEBHOOK_EVENTS } from '../../nodes/Ghl/webhook/eventCatalog';
import { coreNodes } from '../support/harness';
import { processedDataStore } from '../support/deduplication';
import { createTriggerHarness, type TriggerHarness } from '../support/triggerHarness';

const ed = generateKeyPairSync('ed25519');
const edOther = generateKeyPairSync('ed25519');
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = (key: KeyObject) => key.export({ type: 'spki', format: 'pem' }).toString();

function example(event: string, extra: IDataObject = {}): IDataObject {
	const doc = loadWebhookEvent(event) as { example?: IDataObject };
	return {
		...(doc.example ?? {}),
		type: event,
		timestamp: new Date().toISOString(),
		webhookId: randomUUID(),
		...extra,
	};
}

function raw(body: unknown): Buffer {
	return Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
}

function edHeaders(bytes: Buffer, key: KeyObject = ed.privateKey) {
	return { 'x-ghl-signature': sign(null, bytes, key).toString('base64') };
}

function rsaHeaders(bytes: Buffer, key: KeyObject = rsa.privateKey) {
	return { 'x-wh-signature': sign('sha256', bytes, key).toString('base64') };
}

async function trigger(parameters: INodeParameters): Promise<TriggerHarness> {
	return await createTriggerHarness({ type: 'ghlTrigger', parameters });
}

/** Stands in for the flow's first write: if it ran, the delivery reached the write. */
const WRITE = 'Write';

/** The trigger with a node after it, so a test sees whether a delivery got past the trigger. */
async function flow(parameters: INodeParameters, workflowId?: string): Promise<TriggerHarness> {
	return await createTriggerHarness({
		type: 'ghlTrigger',
		parameters,
		workflowId,
		downstream: [{ name: WRITE, type: 'n8n-nodes-base.noOp', parameters: {} }],
		extraPackages: [coreNodes('noOp')],
	});
}

const ED_PARAMS: INodeParameters = { source: 'app', verification: 'ed25519', ed25519PublicKeys: pem(ed.publicKey) };

describe('GHL Trigger: Ed25519 (x-ghl-signature)', () => {
	it('accepts a correctly signed official ContactCreate example and normalises it', async () => {
		const t = await trigger(ED_PARAMS);
		const body = example('ContactCreate');
		const bytes = raw(body);
		const call = await t.webhook({ body: bytes, headers: edHeaders(bytes) });
		expect(call.status).toBe(200);
		expect(call.started).toBe(true);
		expect(call.items).toHaveLength(1);
		expect(call.items[0]).toMatchObject({
			event: 'ContactCreate',
			entity: 'Contact',
			id: 'nmFmQEsNgz6AVpgLVUJ0',
			locationId: 've9EPM428h8vShlRW1KT',
			webhookId: body.webhookId,
			source: 'app',
			verifiedBy: 'ed25519',
			data: body,
		});
		expect(typeof call.items[0].receivedAt).toBe('string');
		// Every output item is paired with the (single, virtual) input item.
		expect(call.result.workflowData).toEqual([[{ json: call.items[0], pairedItem: { item: 0 } }]]);
	});

	it('verifies the exact bytes: whitespace the sender chose is kept', async () => {
		const t = await trigger(ED_PARAMS);
		const bytes = Buffer.from(JSON.stringify(example('InvoicePaid'), null, 3) + '\n');
		const call = await t.webhook({ body: bytes, headers: edHeaders(bytes) });
		expect(call.status).toBe(200);
		expect(call.items[0]).toMatchObject({ event: 'InvoicePaid', entity: 'Invoice', id: '6578278e879ad2646715ba9c' });
	});

	it('refuses a body with one changed byte (401)', async () => {
		const t = await trigger(ED_PARAMS);
		const bytes = raw(example('ContactCreate'));
		const headers = edHeaders(bytes);
		const tampered = Buffer.from(bytes);
		tampered[tampered.length - 3] ^= 0x01;
		const call = await t.webhook({ body: tampered, headers });
		expect(call.status).toBe(401);
		expect(call.started).toBe(false);
		expect(call.body).toMatchObject({ error: 'bad_signature' });
		expect(JSON.stringify(call.body)).not.toContain(headers['x-ghl-signature']);
	});

	it('refuses a signature made with another key (401)', async () => {
		const t = await trigger(ED_PARAMS);
		const bytes = raw(example('ContactUpdate'));
		const call = await t.webhook({ body: bytes, headers: edHeaders(bytes, edOther.privateKey) });
		expect(call.status).toBe(401);
		expect(call.body).toMatchObject({ error: 'bad_signature' });
	});

	it('refuses a missing signature header (401)', async () => {
		const t = await trigger(ED_PARAMS);
		const call = await t.webhook({ body: raw(example('ContactUpdate')) });
		expect(call.status).toBe(401);
		expect(call.body).toMatchObject({ error: 'missing_signature' });
	});

	it('refuses garbage in the signature header (401, not 5xx)', async () => {
		const t = await trigger(ED_PARAMS);
		const call = await t.webhook({ body: raw(example('ContactUpdate')), headers: { 'x-ghl-signature': '%%%not base64' } });
		expect(call.status).toBe(401);
	});

	it('accepts any of several configured keys (rotation)', async () => {
		const t = await trigger({ ...ED_PARAMS, ed25519PublicKeys: `${pem(edOther.publicKey)}\n${pem(ed.publicKey)}` });
		const bytes = raw(example('NoteCreate'));
		const call = await t.webhook({ body: bytes, headers: edHeaders(bytes) });
		expect(call.status).toBe(200);
		expect(call.items[0]).toMatchObject({ event: 'NoteCreate', entity: 'Note' });
	});

	it('answers 400 for malformed JSON that is correctly signed', async () => {
		const t = await trigger(ED_PARAMS);
		const bytes = Buffer.from('{"type":"ContactCreate", "id": ');
		const call = await t.webhook({ body: bytes, headers: edHeaders(bytes) });
		expect(call.status).toBe(400);
		expect(call.body).toMatchObject({ error: 'malformed_body' });
		const array = Buffer.from('[1,2]');
		expect((await t.webhook({ body: array, headers: edHeaders(array) })).status).toBe(400);
	});
});

describe('GHL Trigger: RSA (x-wh-signature, legacy)', () => {
	const RSA_PARAMS: INodeParameters = {
		source: 'app',
		verification: 'rsa',
		useHighLevelRsaKey: true,
		rsaPublicKeys: pem(rsa.publicKey),
	};

	it('accepts a correctly signed official example', async () => {
		const t = await trigger(RSA_PARAMS);
		const bytes = raw(example('OpportunityStatusUpdate'));
		const call = await t.webhook({ body: bytes, headers: rsaHeaders(bytes) });
		expect(call.status).toBe(200);
		expect(call.items[0]).toMatchObject({ event: 'OpportunityStatusUpdate', entity: 'Opportunity', verifiedBy: 'rsa' });
	});

	it('refuses a changed byte, a wrong key and a missing header (401)', async () => {
		const t = await trigger(RSA_PARAMS);
		const bytes = raw(example('OpportunityStatusUpdate'));
		const headers = rsaHeaders(bytes);
		const tampered = Buffer.from(bytes);
		tampered[10] ^= 0x20;
		expect((await t.webhook({ body: tampered, headers })).status).toBe(401);
		const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
		expect((await t.webhook({ body: bytes, headers: rsaHeaders(bytes, other.privateKey) })).status).toBe(401);
		expect((await t.webhook({ body: bytes })).status).toBe(401);
		// An Ed25519 header does not stand in for the RSA one.
		expect((await t.webhook({ body: bytes, headers: edHeaders(bytes) })).status).toBe(401);
	});

	it("uses HighLevel's published key by default: our test key alone is not trusted", async () => {
		const t = await trigger({ source: 'app', verification: 'rsa' });
		const bytes = raw(example('ContactCreate'));
		expect((await t.webhook({ body: bytes, headers: rsaHeaders(bytes) })).status).toBe(401);
	});

	it('Ed25519-or-RSA mode takes whichever signature is present', async () => {
		const t = await trigger({
			source: 'app',
			verification: 'ed25519OrRsa',
			ed25519PublicKeys: pem(ed.publicKey),
			rsaPublicKeys: pem(rsa.publicKey),
		});
		const a = raw(example('TaskCreate'));
		expect((await t.webhook({ body: a, headers: rsaHeaders(a) })).items[0]).toMatchObject({ verifiedBy: 'rsa' });
		const b = raw(example('TaskCreate'));
		expect((await t.webhook({ body: b, headers: edHeaders(b) })).items[0]).toMatchObject({ verifiedBy: 'ed25519' });
		expect((await t.webhook({ body: b })).status).toBe(401);
	});
});

describe('GHL Trigger: replay guard, IP allowlist, filters', () => {
	it('refuses a stale timestamp (401) and one from the future (401)', async () => {
		const t = await trigger(ED_PARAMS);
		const stale = raw(example('ContactCreate', { timestamp: new Date(Date.now() - 6 * 60 * 1000).toISOString() }));
		const call = await t.webhook({ body: stale, headers: edHeaders(stale) });
		expect(call.status).toBe(401);
		expect(call.body).toMatchObject({ error: 'stale_timestamp' });
		const future = raw(example('ContactCreate', { timestamp: Date.now() + 10 * 60 * 1000 }));
		expect((await t.webhook({ body: future, headers: edHeaders(future) })).status).toBe(401);
	});

	it('honours a custom tolerance and can require a timestamp', async () => {
		const t = await trigger({ ...ED_PARAMS, options: { timestampToleranceSeconds: 900, requireTimestamp: true } });
		const older = raw(example('ContactCreate', { timestamp: new Date(Date.now() - 10 * 60 * 1000).toISOString() }));
		expect((await t.webhook({ body: older, headers: edHeaders(older) })).status).toBe(200);
		const none = raw({ ...example('ContactCreate'), timestamp: undefined });
		const call = await t.webhook({ body: none, headers: edHeaders(none) });
		expect(call.status).toBe(401);
		expect(call.body).toMatchObject({ error: 'missing_timestamp' });
	});

	it('refuses addresses outside the allowlist (403) and accepts those inside (IPv4, IPv6, mapped)', async () => {
		const t = await trigger({ ...ED_PARAMS, options: { ipAllowlist: '203.0.113.0/24, 2001:db8::/32' } });
		const send = async (ip: string) => {
			const bytes = raw(example('ContactCreate'));
			return (await t.webhook({ body: bytes, headers: edHeaders(bytes), ip })).status;
		};
		expect(await send('198.51.100.7')).toBe(403);
		expect(await send('203.0.113.9')).toBe(200);
		expect(await send('::ffff:203.0.113.10')).toBe(200);
		expect(await send('2001:db8:abcd::1')).toBe(200);
		expect(await send('2001:db9::1')).toBe(403);
	});

	it('ignores events that are not selected (200, no execution)', async () => {
		const t = await trigger({ ...ED_PARAMS, events: ['InvoicePaid', 'ContactCreate'] });
		const other = raw(example('OpportunityCreate'));
		const ignored = await t.webhook({ body: other, headers: edHeaders(other) });
		expect(ignored.status).toBe(200);
		expect(ignored.started).toBe(false);
		expect(ignored.items).toEqual([]);
		expect(ignored.result.workflowData).toBeUndefined();
		const body = JSON.parse(other.toString()) as IDataObject;
		expect(ignored.body).toEqual({ received: true, ignored: 'event not selected', event: 'OpportunityCreate', webhookId: body.webhookId });
		const wanted = raw(example('InvoicePaid'));
		const accepted = await t.webhook({ body: wanted, headers: edHeaders(wanted) });
		expect(accepted.started).toBe(true);
	});

	it('maps the wire names HighLevel uses (INSTALL → AppInstall) and filters by location', async () => {
		const t = await trigger({ ...ED_PARAMS, events: ['AppInstall'], options: { locationIds: 'otherLocation1' } });
		const install = raw({ ...example('AppInstall'), type: 'INSTALL' });
		const call = await t.webhook({ body: install, headers: edHeaders(install) });
		expect(call.status).toBe(200);
		expect(call.started).toBe(false);
		expect(call.body).toMatchObject({ ignored: 'location not selected', event: 'AppInstall' });

		const t2 = await trigger({ ...ED_PARAMS, events: ['AppInstall'] });
		const call2 = await t2.webhook({ body: install, headers: edHeaders(install) });
		expect(call2.items[0]).toMatchObject({ event: 'AppInstall', entity: 'App' });
	});

	it('recognises untyped official payloads (invoices) by shape and flags the event as inferred', async () => {
		const t = await trigger({ ...ED_PARAMS, events: ['InvoicePaid'] });
		const paid = { ...example('InvoicePaid'), type: undefined };
		const bytes = raw(paid);
		const call = await t.webhook({ body: bytes, headers: edHeaders(bytes) });
		expect(call.started).toBe(true);
		expect(call.items[0]).toMatchObject({ event: 'InvoicePaid', entity: 'Invoice', eventInferred: true, id: '6578278e879ad2646715ba9c' });
		expect(call.result.workflowData?.[0][0].pairedItem).toEqual({ item: 0 });

		const contactsOnly = await trigger({ ...ED_PARAMS, events: ['ContactCreate'] });
		const again = raw({ ...example('InvoicePaid'), type: undefined });
		const ignored = await contactsOnly.webhook({ body: again, headers: edHeaders(again) });
		expect(ignored).toMatchObject({ status: 200, started: false });
	});

	it('filters untyped invoices by the inferred event, not the whole invoice family', async () => {
		const untyped = (event: string, extra: IDataObject = {}) => raw({ ...example(event), type: undefined, ...extra });
		const send = async (t: TriggerHarness, bytes: Buffer) => await t.webhook({ body: bytes, headers: edHeaders(bytes) });

		// Only Invoice Create selected: a paid or deleted invoice is not a creation.
		const createOnly = await trigger({ ...ED_PARAMS, events: ['InvoiceCreate'] });
		const paid = await send(createOnly, untyped('InvoicePaid'));
		expect(paid).toMatchObject({ status: 200, started: false, body: { ignored: 'event not selected', event: 'InvoicePaid' } });
		expect((await send(createOnly, untyped('InvoiceDelete'))).started).toBe(false);
		// The official InvoiceCreate example (a draft, updatedAt = createdAt) is a creation.
		const created = await send(createOnly, untyped('InvoiceCreate'));
		expect(created.started).toBe(true);
		expect(created.items[0]).toMatchObject({ event: 'InvoiceCreate', eventInferred: true });

		// status "delete" is InvoiceDelete (it used to be reported as InvoiceUpdate).
		const deleteOnly = await trigger({ ...ED_PARAMS, events: ['InvoiceDelete'] });
		const deleted = await send(deleteOnly, untyped('InvoiceDelete'));
		expect(deleted.started).toBe(true);
		expect(deleted.items[0]).toMatchObject({ event: 'InvoiceDelete', entity: 'Invoice', eventInferred: true });

		// A draft edited after its creation is an update; so is a status with no event of its own.
		const updateOnly = await trigger({ ...ED_PARAMS, events: ['InvoiceUpdate'] });
		const edited = await send(updateOnly, untyped('InvoiceUpdate', { updatedAt: '2023-12-12T10:40:00.000Z' }));
		expect(edited.items[0]).toMatchObject({ event: 'InvoiceUpdate', eventInferred: true });
		const processing = await send(updateOnly, untyped('InvoiceUpdate', { status: 'payment_processing' }));
		expect(processing.items[0]).toMatchObject({ event: 'InvoiceUpdate' });
		expect((await send(updateOnly, untyped('InvoiceCreate'))).started).toBe(false);
		expect((await send(updateOnly, untyped('InvoiceVoid'))).started).toBe(false);

		// Typed deliveries are filtered by their type as before.
		const typed = raw(example('InvoiceUpdate'));
		expect((await send(updateOnly, typed)).items[0]).toMatchObject({ event: 'InvoiceUpdate' });
		expect((await send(updateOnly, typed)).items[0]).toBeUndefined(); // replayed → 409
	});

	it('still matches untyped payloads of families that cannot be told apart by any event of the family', async () => {
		const t = await trigger({ ...ED_PARAMS, events: ['ProductCreate'] });
		const bytes = raw({ ...example('ProductDelete'), type: undefined });
		const call = await t.webhook({ body: bytes, headers: edHeaders(bytes) });
		expect(call.started).toBe(true);
		expect(call.items[0]).toMatchObject({ entity: 'Product', eventInferred: true });
	});

	it('accepts every documented example with All Events', async () => {
		const t = await trigger(ED_PARAMS);
		for (const event of GHL_WEBHOOK_EVENTS.filter((e) => e.hasExample)) {
			const bytes = raw(example(event.name));
			const call = await t.webhook({ body: bytes, headers: edHeaders(bytes) });
			expect({ event: event.name, status: call.status }).toEqual({ event: event.name, status: 200 });
			expect(call.items[0].event).toBe(event.name);
			expect(call.items[0].entity).toBe(event.entity);
		}
	});
});

describe('GHL Trigger: a replayed webhookId never reaches a write', () => {
	it('answers 409 to the same signed delivery resent seconds later; no second execution', async () => {
		const t = await flow(ED_PARAMS);
		const bytes = raw(example('InvoiceSent'));
		const first = await t.webhook({ body: bytes, headers: edHeaders(bytes) });
		expect(first).toMatchObject({ status: 200, started: true });
		expect(first.ran(WRITE)).toBe(true);
		const again = await t.webhook({ body: bytes, headers: edHeaders(bytes) });
		expect(again.status).toBe(409);
		expect(again.body).toMatchObject({ error: 'replayed' });
		expect(again.started).toBe(false);
	});

	it('lets exactly one of 10 copies arriving at once through', async () => {
		const t = await flow(ED_PARAMS);
		const bytes = raw(example('ContactCreate'));
		const calls = await Promise.all(Array.from({ length: 10 }, async () => await t.webhook({ body: bytes, headers: edHeaders(bytes) })));
		expect(calls.map((c) => c.status).sort()).toEqual([200, ...Array(9).fill(409)]);
		expect(calls.filter((c) => c.started)).toHaveLength(1);
		expect(calls.filter((c) => c.ran(WRITE))).toHaveLength(1);
	});

	it('after an n8n restart, the same delivery starts an execution that stops at the trigger (processed data)', async () => {
		const t = await flow(ED_PARAMS);
		const body = example('InvoicePaid');
		const bytes = raw(body);
		expect((await t.webhook({ body: bytes, headers: edHeaders(bytes) })).ran(WRITE)).toBe(true);
		t.restart();
		const replay = await t.webhook({ body: bytes, headers: edHeaders(bytes) });
		// This process has never seen it (its memory is gone): n8n's database has.
		expect(replay.started).toBe(true);
		expect(replay.items).toEqual([]);
		expect(replay.ran(WRITE)).toBe(false);
		expect(replay.execution?.customData).toMatchObject({ ghlReplayDropped: '1', ghlReplayWebhookIds: body.webhookId });
		// The next copy in this process is refused at the door again.
		expect((await t.webhook({ body: bytes, headers: edHeaders(bytes) })).status).toBe(409);
		// A new delivery still goes through.
		const fresh = raw(example('InvoicePaid'));
		expect((await t.webhook({ body: fresh, headers: edHeaders(fresh) })).ran(WRITE)).toBe(true);
	});

	it('records each delivery in n8n\'s processed data for this workflow and node, bounded', async () => {
		const store = await processedDataStore();
		const t = await flow(ED_PARAMS, 'wf-processed-data');
		const body = example('ContactUpdate');
		const bytes = raw(body);
		await t.webhook({ body: bytes, headers: edHeaders(bytes) });
		const call = store.calls.find((c) => c.key === 'wf-processed-data|n:trigger-node');
		expect(call).toEqual({ key: 'wf-processed-data|n:trigger-node', items: [body.webhookId], maxEntries: expect.any(Number) });
		expect(call!.maxEntries).toBeGreaterThanOrEqual(1000);
	});

	it("survives n8n's first-insert race (two workers, a workflow's first deliveries): checks again, passes the delivery once", async () => {
		const store = await processedDataStore();
		const t = await flow(ED_PARAMS, 'wf-first-insert-race');
		store.insertRaces = 1;
		const bytes = raw(example('ContactUpdate'));
		const first = await t.webhook({ body: bytes, headers: edHeaders(bytes) });
		expect(first.ran(WRITE)).toBe(true);
		expect(store.insertRaces).toBe(0);
		// Recorded by the second check: after a restart the replay still stops at the trigger.
		t.restart();
		expect((await t.webhook({ body: bytes, headers: edHeaders(bytes) })).ran(WRITE)).toBe(false);
	});

	it('remembers ids that are Object.prototype names (__proto__, constructor, toString)', async () => {
		const t = await flow(ED_PARAMS);
		for (const webhookId of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
			const bytes = raw(example('ContactCreate', { webhookId }));
			const first = await t.webhook({ body: bytes, headers: edHeaders(bytes) });
			expect({ webhookId, status: first.status, wrote: first.ran(WRITE) }).toEqual({ webhookId, status: 200, wrote: true });
			const again = await t.webhook({ body: bytes, headers: edHeaders(bytes) });
			expect({ webhookId, status: again.status }).toEqual({ webhookId, status: 409 });
			t.restart();
			const afterRestart = await t.webhook({ body: bytes, headers: edHeaders(bytes) });
			expect({ webhookId, wrote: afterRestart.ran(WRITE) }).toEqual({ webhookId, wrote: false });
		}
	});

	it('keeps workflows apart: the same webhookId at another workflow is a first delivery there', async () => {
		const a = await flow(ED_PARAMS);
		const b = await flow(ED_PARAMS);
		const bytes = raw(example('NoteCreate'));
		expect((await a.webhook({ body: bytes, headers: edHeaders(bytes) })).ran(WRITE)).toBe(true);
		expect((await b.webhook({ body: bytes, headers: edHeaders(bytes) })).ran(WRITE)).toBe(true);
	});

	it('lets deliveries without a webhookId through, and everything when Reject Replayed Webhook IDs is off', async () => {
		const t = await flow(ED_PARAMS);
		const bytes = raw({ ...example('ContactCreate'), webhookId: undefined });
		expect((await t.webhook({ body: bytes, headers: edHeaders(bytes) })).ran(WRITE)).toBe(true);
		expect((await t.webhook({ body: bytes, headers: edHeaders(bytes) })).ran(WRITE)).toBe(true);

		const off = await flow({ ...ED_PARAMS, options: { rejectReplays: false } });
		const same = raw(example('ContactCreate'));
		expect((await off.webhook({ body: same, headers: edHeaders(same) })).ran(WRITE)).toBe(true);
		expect((await off.webhook({ body: same, headers: edHeaders(same) })).ran(WRITE)).toBe(true);
		off.restart();
		expect((await off.webhook({ body: same, headers: edHeaders(same) })).ran(WRITE)).toBe(true);
	});

	it('with Timestamp Tolerance 0, an old delivery replayed after deactivation, reactivation and a restart stays refused', async () => {
		const t = await flow({ ...ED_PARAMS, options: { timestampToleranceSeconds: 0 } });
		expect(await t.hook('create')).toBe(true);
		const bytes = raw(example('ContactCreate', { timestamp: new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString() }));
		expect((await t.webhook({ body: bytes, headers: edHeaders(bytes) })).ran(WRITE)).toBe(true);
		expect(await t.hook('delete')).toBe(true);
		expect(await t.hook('create')).toBe(true);
		const replay = await t.webhook({ body: bytes, headers: edHeaders(bytes) });
		expect(replay.status).toBe(409);
		expect(replay.body).toMatchObject({ error: 'replayed' });
		t.restart();
		expect(await t.hook('create')).toBe(true);
		expect((await t.webhook({ body: bytes, headers: edHeaders(bytes) })).ran(WRITE)).toBe(false);
	});
});

describe('GHL Trigger: body limits and answers', () => {
	const deep = (levels: number) => Buffer.from(`${'{"a":'.repeat(levels - 1)}{"type":"ContactCreate"}${'}'.repeat(levels - 1)}`);

	it('refuses a validly signed 100,000-deep JSON body (400) instead of emitting an item that cannot be serialised', async () => {
		const t = await flow(ED_PARAMS);
		const bytes = deep(100_000);
		const call = await t.webhook({ body: bytes, headers: edHeaders(bytes) });
		expect(call.status).toBe(400);
		expect(call.body).toMatchObject({ error: 'too_deep', message: expect.stringMatching(/nested deeper than 64/) });
		expect(call.started).toBe(false);
	});

	it('honours Max JSON Depth: at the limit accepted, one deeper refused; brackets inside strings do not count', async () => {
		const t = await flow({ ...ED_PARAMS, options: { maxJsonDepth: 3 } });
		const atLimit = raw(example('ContactCreate', { a: { b: { c: 1 } }, note: '[[[[{{{{ "\\" ' }));
		expect((await t.webhook({ body: atLimit, headers: edHeaders(atLimit) })).status).toBe(200);
		const tooDeep = raw(example('ContactCreate', { a: { b: { c: [1] } } }));
		const call = await t.webhook({ body: tooDeep, headers: edHeaders(tooDeep) });
		expect(call.status).toBe(400);
		expect(call.body).toMatchObject({ error: 'too_deep' });
	});

	it('refuses a body over Max Body Size with 413 before checking the signature', async () => {
		const t = await flow(ED_PARAMS);
		const big = raw(example('ContactCreate', { padding: 'x'.repeat(1024 * 1024) }));
		const signed = await t.webhook({ body: big, headers: edHeaders(big) });
		expect(signed.status).toBe(413);
		expect(signed.body).toMatchObject({ error: 'body_too_large', message: expect.stringMatching(/1024 KB/) });
		expect(signed.started).toBe(false);
		// Unsigned: still 413 (the size is checked first, nothing is verified or parsed).
		expect((await t.webhook({ body: big })).status).toBe(413);

		const small = await flow({ ...ED_PARAMS, options: { maxBodyKilobytes: 2 } });
		const over = raw(example('ContactCreate', { padding: 'x'.repeat(2048) }));
		expect((await small.webhook({ body: over, headers: edHeaders(over) })).status).toBe(413);
		const under = raw(example('ContactCreate'));
		expect((await small.webhook({ body: under, headers: edHeaders(under) })).status).toBe(200);
	});

	it('refuses a signed body that is not valid UTF-8 (400) instead of turning bytes into U+FFFD', async () => {
		const t = await flow(ED_PARAMS);
		const json = raw(example('ContactCreate', { firstName: 'Ren\u00e9' }));
		const at = json.indexOf(Buffer.from('Ren')) + 3;
		const latin1 = Buffer.concat([json.subarray(0, at), Buffer.from([0xe9]), json.subarray(at + 2)]);
		const call = await t.webhook({ body: latin1, headers: edHeaders(latin1) });
		expect(call.status).toBe(400);
		expect(call.body).toMatchObject({ error: 'invalid_utf8' });
		expect(call.started).toBe(false);
	});

	it('accepts a signed body that starts with a UTF-8 byte order mark (the signature covers the mark)', async () => {
		const t = await flow(ED_PARAMS);
		const body = example('ContactCreate');
		const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), raw(body)]);
		const call = await t.webhook({ body: bytes, headers: edHeaders(bytes) });
		expect(call.status).toBe(200);
		expect(call.items[0]).toMatchObject({ event: 'ContactCreate', webhookId: body.webhookId, data: body });
		// The same JSON without the mark has other bytes: the mark's signature does not cover it.
		expect((await t.webhook({ body: raw(example('ContactCreate')), headers: edHeaders(bytes) })).status).toBe(401);
	});

	it("answers an accepted delivery with the trigger's own JSON, naming the webhookId and event", async () => {
		const t = await flow(ED_PARAMS);
		const body = example('ContactCreate');
		const bytes = raw(body);
		const call = await t.webhook({ body: bytes, headers: edHeaders(bytes) });
		expect(call.status).toBe(200);
		expect(call.headers['content-type']).toMatch(/application\/json/);
		expect(call.body).toEqual({ received: true, event: 'ContactCreate', webhookId: body.webhookId });
		expect(call.started).toBe(true);

		const untagged = raw({ ...example('ContactCreate'), webhookId: undefined });
		expect((await t.webhook({ body: untagged, headers: edHeaders(untagged) })).body).toEqual({ received: true, event: 'ContactCreate', webhookId: null });
	});
});

describe('GHL Trigger: GHL workflow webhooks (shared secret credential)', () => {
	const SECRET = 'w3bh00k-shared-secret-for-tests-7c1e';
	const WF_PARAMS: INodeParameters = {
		source: 'workflow',
		workflowEvent: 'DocumentCompleted',
		verification: 'sharedSecret',
	};
	/** The secret lives in n8n's encrypted credential store, not in the workflow. */
	const secretCredential = (data: IDataObject = {}) => ({
		ghlWebhookSecretApi: { secret: SECRET, headerName: 'X-Webhook-Secret', ...data },
	});
	const workflowTrigger = async (parameters: INodeParameters = {}, credential: IDataObject = {}) =>
		await createTriggerHarness({ type: 'ghlTrigger', parameters: { ...WF_PARAMS, ...parameters }, credentials: secretCredential(credential) });
	const documentPayload = () => ({
		contact_id: 'nmFmQEsNgz6AVpgLVUJ0',
		first_name: 'John',
		location: { id: 've9EPM428h8vShlRW1KT', name: 'Test' },
		document: { id: '6800a1b2c3d4e5f601234567', name: 'Proposal', status: 'completed' },
		workflow: { id: 'wf-1', name: 'Docs to n8n' },
		customData: { event: 'DocumentViewed' },
		timestamp: new Date().toISOString(),
		webhookId: randomUUID(),
	});

	it('asks for the GHL Webhook Shared Secret credential only for the shared-secret verification, and keeps no secret in the workflow', async () => {
		const t = await workflowTrigger();
		const credentials = t.nodeType.description.credentials ?? [];
		expect(credentials).toEqual([
			expect.objectContaining({ name: 'ghlWebhookSecretApi', required: true, displayOptions: { show: { source: ['workflow'], verification: ['sharedSecret'] } } }),
		]);
		expect(t.node.credentials).toEqual({ ghlWebhookSecretApi: expect.any(Object) });
		expect(JSON.stringify(t.node.parameters)).not.toContain(SECRET);
		// The old parameters are not offered to a new trigger.
		expect(t.node.parameters).not.toHaveProperty('secret');
		expect(t.node.parameters).not.toHaveProperty('headerName');
	});

	it('accepts the right secret from the credential and reports the chosen Documents & Contracts event', async () => {
		const t = await workflowTrigger();
		expect(await t.hook('create')).toBe(true);
		const call = await t.webhook({ body: documentPayload(), headers: { 'x-webhook-secret': SECRET } });
		expect(call.status).toBe(200);
		expect(call.items[0]).toMatchObject({
			event: 'DocumentCompleted',
			entity: 'Document',
			id: '6800a1b2c3d4e5f601234567',
			locationId: 've9EPM428h8vShlRW1KT',
			source: 'workflow',
			verifiedBy: 'sharedSecret',
		});
	});

	it('reads the header name from the credential', async () => {
		const t = await workflowTrigger({}, { headerName: 'X-Studio-Token' });
		expect((await t.webhook({ body: documentPayload(), headers: { 'x-studio-token': SECRET } })).status).toBe(200);
		expect((await t.webhook({ body: documentPayload(), headers: { 'x-webhook-secret': SECRET } })).status).toBe(401);
	});

	it('refuses a wrong or missing secret (401) without echoing it', async () => {
		const t = await workflowTrigger();
		const wrong = await t.webhook({ body: documentPayload(), headers: { 'x-webhook-secret': 'nope-not-it' } });
		expect(wrong.status).toBe(401);
		expect(wrong.started).toBe(false);
		expect(JSON.stringify(wrong.body)).not.toContain('nope-not-it');
		expect(JSON.stringify(wrong.body)).not.toContain(SECRET);
		const missing = await t.webhook({ body: documentPayload() });
		expect(missing.status).toBe(401);
		expect(missing.started).toBe(false);
	});

	it('reads the event name from the payload for "anything the workflow sends"', async () => {
		const t = await workflowTrigger({ workflowEvent: 'custom', eventField: 'customData.event' });
		const call = await t.webhook({ body: documentPayload(), headers: { 'x-webhook-secret': SECRET } });
		expect(call.items[0]).toMatchObject({ event: 'DocumentViewed', entity: 'Document' });
	});

	it('takes the credential\'s secret from an expression ({{ $env.GHL_WEBHOOK_SECRET }}) as n8n resolves it', async () => {
		const saved = { secret: process.env.GHL_WEBHOOK_SECRET, block: process.env.N8N_BLOCK_ENV_ACCESS_IN_NODE };
		const restore = (name: string, value: string | undefined) => {
			if (value === undefined) delete process.env[name];
			else process.env[name] = value;
		};
		process.env.GHL_WEBHOOK_SECRET = SECRET;
		process.env.N8N_BLOCK_ENV_ACCESS_IN_NODE = 'false';
		try {
			// n8n resolves expressions in credential data before the node sees it; the harness hands it resolved.
			const t = await workflowTrigger({}, { secret: process.env.GHL_WEBHOOK_SECRET });
			expect((await t.webhook({ body: documentPayload(), headers: { 'x-webhook-secret': SECRET } })).status).toBe(200);
		} finally {
			restore('GHL_WEBHOOK_SECRET', saved.secret);
			restore('N8N_BLOCK_ENV_ACCESS_IN_NODE', saved.block);
		}
	});

	it('answers 429 with Retry-After (which HighLevel retries), not 500, when the credential\'s secret is empty at run time', async () => {
		const t = await workflowTrigger({}, { secret: '' });
		const call = await t.webhook({ body: documentPayload(), headers: { 'x-webhook-secret': SECRET } });
		expect(call.status).toBe(429);
		expect(call.started).toBe(false);
		expect(call.headers['retry-after']).toBe('600');
		expect(call.body).toEqual({ error: 'trigger_misconfigured', message: expect.stringMatching(/Shared Secret is empty/) });
		expect(JSON.stringify(call.body)).not.toContain(SECRET);
	});

	it('refuses to activate without the credential, naming it', async () => {
		const t = await createTriggerHarness({ type: 'ghlTrigger', parameters: WF_PARAMS });
		await expect(t.hook('create')).rejects.toThrow(/GHL Webhook Shared Secret credential/);
		expect((await t.webhook({ body: documentPayload(), headers: { 'x-webhook-secret': SECRET } })).status).toBe(429);
	});

	describe('a workflow saved with the old Shared Secret parameter', () => {
		// What such a workflow holds: the secret (or an expression) typed into the node.
		const OLD_PARAMS: INodeParameters = { ...WF_PARAMS, headerName: 'x-webhook-secret', secret: SECRET };

		it('keeps the old value visible in the editor so it can be cleared', async () => {
			const t = await createTriggerHarness({ type: 'ghlTrigger', parameters: OLD_PARAMS });
			expect(t.node.parameters.secret).toBe(SECRET);
		});

		it('fails activation saying exactly what to do, and never echoes the secret', async () => {
			for (const credentials of [{}, secretCredential()]) {
				const t = await createTriggerHarness({ type: 'ghlTrigger', parameters: OLD_PARAMS, credentials });
				const failure = t.hook('create');
				await expect(failure).rejects.toThrow(
					/Shared Secret is now kept in a credential: create a "GHL Webhook Shared Secret" credential .*select it .*clear the old Shared Secret/,
				);
				await expect(failure).rejects.not.toThrow(SECRET);
				// A delivery meanwhile is deferred (429, retried by HighLevel), not let through.
				const call = await t.webhook({ body: documentPayload(), headers: { 'x-webhook-secret': SECRET } });
				expect(call.status).toBe(429);
				expect(call.started).toBe(false);
				expect(JSON.stringify(call.body)).not.toContain(SECRET);
			}
		});

		it('also for an expression such as {{ $env.GHL_WEBHOOK_SECRET }}', async () => {
			const t = await createTriggerHarness({ type: 'ghlTrigger', parameters: { ...OLD_PARAMS, secret: '={{ $env.GHL_WEBHOOK_SECRET }}' }, credentials: secretCredential() });
			await expect(t.hook('create')).rejects.toThrow(/Shared Secret is now kept in a credential/);
		});

		it('activates once the old value is cleared and the credential chosen', async () => {
			const t = await createTriggerHarness({ type: 'ghlTrigger', parameters: { ...OLD_PARAMS, secret: '' }, credentials: secretCredential() });
			expect(await t.hook('create')).toBe(true);
			expect((await t.webhook({ body: documentPayload(), headers: { 'x-webhook-secret': SECRET } })).status).toBe(200);
		});
	});

	it('answers 429 when a public key expression resolves to something that is not a key', async () => {
		const t = await trigger({ ...ED_PARAMS, ed25519PublicKeys: '={{ "not a key" }}' });
		const bytes = raw(example('ContactCreate'));
		const call = await t.webhook({ body: bytes, headers: edHeaders(bytes) });
		expect(call.status).toBe(429);
		expect(call.body).toMatchObject({ error: 'trigger_misconfigured', message: expect.stringMatching(/not a valid public key/) });
	});

	it('with verification off, accepts unsigned requests', async () => {
		const t = await trigger({ source: 'workflow', workflowEvent: 'DocumentSent', verification: 'none' });
		const call = await t.webhook({ body: documentPayload() });
		expect(call.status).toBe(200);
		expect(call.items[0]).toMatchObject({ event: 'DocumentSent', verifiedBy: 'none' });
	});
});

describe('GHL Trigger: activation (webhookMethods)', () => {
	it('refuses to activate with a bad PEM, an empty key or an empty secret', async () => {
		const bad = await trigger({ ...ED_PARAMS, ed25519PublicKeys: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' });
		await expect(bad.hook('checkExists')).rejects.toThrow(/not a valid public key/);
		await expect(bad.hook('create')).rejects.toThrow(/not a valid public key/);

		const empty = await trigger({ source: 'app', verification: 'ed25519' });
		await expect(empty.hook('create')).rejects.toThrow(/Ed25519 Public Keys is empty/);

		const wrongKind = await trigger({ ...ED_PARAMS, ed25519PublicKeys: pem(rsa.publicKey) });
		await expect(wrongKind.hook('create')).rejects.toThrow(/RSA key, but an Ed25519 key is needed/);

		const noSecret = await createTriggerHarness({
			type: 'ghlTrigger',
			parameters: { source: 'workflow', verification: 'sharedSecret' },
			credentials: { ghlWebhookSecretApi: { secret: '', headerName: 'x-webhook-secret' } },
		});
		await expect(noSecret.hook('create')).rejects.toThrow(/Shared Secret is empty/);

		const badCidr = await trigger({ ...ED_PARAMS, options: { ipAllowlist: '10.0.0.0/33' } });
		await expect(badCidr.hook('create')).rejects.toThrow(/IP Allowlist/);
	});

	it('activates and deactivates without keeping anything in static data, and drops the old static-data replay store', async () => {
		const legacy = await createTriggerHarness({
			type: 'ghlTrigger',
			parameters: ED_PARAMS,
			staticData: { 'node:GHL Trigger': { replay: { seen: { 'old-id': 1 } }, activatedAt: '2025-01-01T00:00:00.000Z' } },
		});
		expect(await legacy.hook('checkExists')).toBe(false);
		expect(await legacy.hook('create')).toBe(true);
		expect(legacy.staticData()).toEqual({});
		const bytes = raw(example('ContactCreate'));
		expect((await legacy.webhook({ body: bytes, headers: edHeaders(bytes) })).status).toBe(200);
		expect(await legacy.hook('delete')).toBe(true);
		expect(legacy.staticData()).toEqual({});
	});
});

describe('GHL Trigger: editor texts', () => {
	const NOTICE_LIMIT = 200;
	/** The text a notice shows (links count by their label). */
	const visible = (html: string) => html.replace(/<a [^>]*>([^<]*)<\/a>/g, '$1');

	it('names events short, in title case, grouped without repeating the group; values unchanged', async () => {
		const t = await trigger(ED_PARAMS);
		const props = t.nodeType.description.properties;
		const events = props.find((p) => p.name === 'events')!.options as Array<{ name: string; value: string }>;
		expect(events.map((o) => o.value).sort()).toEqual(['*', ...GHL_WEBHOOK_EVENTS.map((e) => e.name)].sort());
		const byValue = Object.fromEntries(events.map((o) => [o.value, o.name]));
		expect(byValue).toMatchObject({
			ContactCreate: 'Contact: Create',
			ContactDndUpdate: 'Contact: DND Update',
			InvoicePaid: 'Invoice: Paid',
			OpportunityAssignedToUpdate: 'Opportunity: Assigned To Update',
			InboundMessage: 'Conversation: Inbound Message',
			AssociationCreate: 'Custom Object: Association Create',
			LCEmailStats: 'Email: LC Stats',
		});
		for (const { name } of events.slice(1)) {
			const [group, action] = name.split(': ');
			expect({ name, repeats: action.startsWith(`${group} `) }).toEqual({ name, repeats: false });
			expect({ name, titleCase: /^([A-Z0-9][A-Za-z0-9]*|To)( ([A-Z0-9][A-Za-z0-9]*|To))*$/.test(action) }).toEqual({ name, titleCase: true });
		}
		const workflowEvents = props.find((p) => p.name === 'workflowEvent')!.options as Array<{ name: string; value: string }>;
		expect(Object.fromEntries(workflowEvents.map((o) => [o.value, o.name]))).toEqual({
			DocumentSent: 'Document: Sent',
			DocumentViewed: 'Document: Viewed',
			DocumentCompleted: 'Document: Completed (Signed)',
			DocumentAccepted: 'Document: Accepted',
			custom: 'Anything the Workflow Sends',
		});
	});

	it('keeps notices short, with a link to the setup guide', async () => {
		const t = await trigger(ED_PARAMS);
		const notices = t.nodeType.description.properties.filter((p) => p.type === 'notice');
		expect(notices.length).toBeGreaterThanOrEqual(3);
		for (const n of notices) expect({ name: n.name, length: visible(n.displayName).length <= NOTICE_LIMIT }).toEqual({ name: n.name, length: true });
		for (const name of ['setupNoticeApp', 'setupNoticeWorkflow']) {
			expect(notices.find((n) => n.name === name)?.displayName).toMatch(/<a href="https:\/\/[^"]+#receiving-ghl-events"[^>]*>/);
		}
	});
});

describe('GHL Webhook Shared Secret credential', () => {
	it('is tested by the trigger: a usable secret and header pass, an empty secret or a bad header name fail', async () => {
		const t = await trigger(ED_PARAMS);
		const entry = (t.nodeType.description.credentials ?? []).find((c) => c.name === 'ghlWebhookSecretApi');
		const test = t.nodeType.methods?.credentialTest?.[entry?.testedBy as string];
		expect(test).toBeDefined();
		const run = async (data: IDataObject) => await test!.call({} as never, { id: 'c', name: 'c', type: 'ghlWebhookSecretApi', data } as never);
		expect(await run({ secret: 'a-long-random-secret-0123456789', headerName: 'x-webhook-secret' })).toMatchObject({ status: 'OK' });
		expect(await run({ secret: '', headerName: 'x-webhook-secret' })).toMatchObject({ status: 'Error', message: expect.stringMatching(/Shared Secret is empty/) });
		expect(await run({ secret: 'abc', headerName: 'bad header' })).toMatchObject({ status: 'Error', message: expect.stringMatching(/Header Name/) });
	});
});

describe('GHL Trigger: settings are parsed once, and a changed setting is used on the next delivery', () => {
	const signed = () => {
		const bytes = raw(example('ContactCreate'));
		return { mine: edHeaders(bytes), other: edHeaders(bytes, edOther.privateKey), bytes };
	};

	it('a new public key, allowlist or option takes effect on the very next delivery (no stale settings)', async () => {
		const t = await trigger(ED_PARAMS);
		let d = signed();
		expect((await t.webhook({ body: d.bytes, headers: d.mine })).status).toBe(200);

		// The key is rotated in the node (as a workflow update saves it): the old key no longer verifies.
		t.node.parameters.ed25519PublicKeys = pem(edOther.publicKey);
		d = signed();
		expect((await t.webhook({ body: d.bytes, headers: d.mine })).status).toBe(401);
		expect((await t.webhook({ body: d.bytes, headers: d.other })).status).toBe(200);

		// And back: the earlier settings are not served from the cache for the new parameters, nor stale ones now.
		t.node.parameters.ed25519PublicKeys = pem(ed.publicKey);
		d = signed();
		expect((await t.webhook({ body: d.bytes, headers: d.other })).status).toBe(401);
		expect((await t.webhook({ body: d.bytes, headers: d.mine })).status).toBe(200);

		t.node.parameters.options = { ipAllowlist: '198.51.100.0/24' };
		d = signed();
		expect((await t.webhook({ body: d.bytes, headers: d.mine, ip: '203.0.113.9' })).status).toBe(403);
		t.node.parameters.options = { ipAllowlist: '203.0.113.0/24' };
		expect((await t.webhook({ body: d.bytes, headers: d.mine, ip: '203.0.113.9' })).status).toBe(200);

		t.node.parameters.options = { maxBodyKilobytes: 1 };
		const big = raw(example('ContactCreate', { note: 'x'.repeat(2048) }));
		expect((await t.webhook({ body: big, headers: edHeaders(big) })).status).toBe(413);
	});

	it('a changed shared secret in the credential is used on the next delivery, the parameters unchanged', async () => {
		const credentials = { ghlWebhookSecretApi: { secret: 'first-secret-for-cache-test', headerName: 'X-Webhook-Secret' } };
		const t = await createTriggerHarness({
			type: 'ghlTrigger',
			parameters: { source: 'workflow', workflowEvent: 'DocumentSent', verification: 'sharedSecret' },
			credentials,
		});
		const body = () => ({ document: { id: 'doc-1' }, webhookId: randomUUID(), timestamp: new Date().toISOString() });
		expect((await t.webhook({ body: body(), headers: { 'x-webhook-secret': 'first-secret-for-cache-test' } })).status).toBe(200);
		credentials.ghlWebhookSecretApi.secret = 'second-secret-for-cache-test';
		expect((await t.webhook({ body: body(), headers: { 'x-webhook-secret': 'first-secret-for-cache-test' } })).status).toBe(401);
		expect((await t.webhook({ body: body(), headers: { 'x-webhook-secret': 'second-secret-for-cache-test' } })).status).toBe(200);
		credentials.ghlWebhookSecretApi.headerName = 'X-Other-Header';
		expect((await t.webhook({ body: body(), headers: { 'x-other-header': 'second-secret-for-cache-test' } })).status).toBe(200);
	});

	it('a key given as an expression is resolved on every delivery (never cached)', async () => {
		const saved = { key: process.env.GHL_TEST_ED_KEY, block: process.env.N8N_BLOCK_ENV_ACCESS_IN_NODE };
		const restore = (name: string, value: string | undefined) => {
			if (value === undefined) delete process.env[name];
			else process.env[name] = value;
		};
		process.env.N8N_BLOCK_ENV_ACCESS_IN_NODE = 'false';
		process.env.GHL_TEST_ED_KEY = pem(ed.publicKey);
		try {
			const t = await trigger({ ...ED_PARAMS, ed25519PublicKeys: '={{ $env.GHL_TEST_ED_KEY }}' });
			let d = signed();
			expect((await t.webhook({ body: d.bytes, headers: d.mine })).status).toBe(200);
			process.env.GHL_TEST_ED_KEY = pem(edOther.publicKey);
			d = signed();
			expect((await t.webhook({ body: d.bytes, headers: d.mine })).status).toBe(401);
			expect((await t.webhook({ body: d.bytes, headers: d.other })).status).toBe(200);
		} finally {
			restore('GHL_TEST_ED_KEY', saved.key);
			restore('N8N_BLOCK_ENV_ACCESS_IN_NODE', saved.block);
		}
	});
});
