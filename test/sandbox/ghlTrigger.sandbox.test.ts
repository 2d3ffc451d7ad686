/**
 * The GHL triggers against the fake GHL over real HTTP.
 * - Webhook: the sandbox fires signed events / workflow webhooks at a tiny
 *   HTTP server that reads the raw request and hands it to the GHL Trigger
 *   (n8n-core's WebhookContext), answering with the trigger's status. The
 *   trigger verifies with the public keys the sandbox prints.
 * - Poll: the GHL Poll Trigger reads the sandbox's documents; a document
 *   added and one changed through the sandbox's admin API are reported once.
 */
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';

import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { resetBuckets } from '../../dist/nodes/common/rateLimiter';
import { startGhlSandbox, type GhlSandbox } from '../../sandbox/ghl';
import { ghlPitCredentials } from '../support/fixtures';
import { createTriggerHarness, type TriggerHarness, type WebhookCall } from '../support/triggerHarness';

let ghl: GhlSandbox;

beforeAll(async () => {
	ghl = await startGhlSandbox({ port: 0, webhookRetryDelayMs: 10 });
});
afterAll(async () => {
	await ghl.close();
});
beforeEach(() => {
	ghl.reset();
	resetBuckets();
});

interface Receiver {
	url: string;
	calls: WebhookCall[];
	close(): Promise<void>;
}

/** An HTTP endpoint standing in for n8n's webhook server, in front of one trigger. */
async function serve(trigger: TriggerHarness): Promise<Receiver> {
	const calls: WebhookCall[] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const headers: Record<string, string> = {};
			for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
			trigger
				.webhook({ body: Buffer.concat(chunks), headers, ip: req.socket.remoteAddress })
				.then((call) => {
					calls.push(call);
					res.writeHead(call.status, { 'content-type': 'application/json' });
					res.end(typeof call.body === 'string' ? call.body : JSON.stringify(call.body));
				})
				.catch((error: Error) => {
					res.writeHead(500, { 'content-type': 'application/json' });
					res.end(JSON.stringify({ error: error.message }));
				});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook/test-webhook-id/ghl`,
		calls,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

async function webhookTrigger(parameters: INodeParameters, credentials?: Record<string, ICredentialDataDecryptedObject>) {
	const trigger = await createTriggerHarness({ type: 'ghlTrigger', parameters, credentials });
	return { trigger, receiver: await serve(trigger) };
}

describe('GHL Trigger ← fake GHL over HTTP', () => {
	it('verifies Ed25519-signed events with the sandbox key and normalises them', async () => {
		const { trigger, receiver } = await webhookTrigger({
			source: 'app',
			verification: 'ed25519',
			ed25519PublicKeys: ghl.publicKeys.ed25519Pem,
			events: ['ContactCreate', 'InvoicePaid'],
			options: { ipAllowlist: '127.0.0.1/32, ::1' },
		});
		try {
			expect(await trigger.hook('create')).toBe(true);
			expect(await ghl.fire('ContactCreate', { to: receiver.url })).toEqual({ status: 200, attempts: 1 });
			expect(await ghl.fire('InvoicePaid', { to: receiver.url })).toEqual({ status: 200, attempts: 1 });
			// Not selected: answered 200, nothing started.
			expect(await ghl.fire('OpportunityCreate', { to: receiver.url })).toEqual({ status: 200, attempts: 1 });

			const started = receiver.calls.filter((c) => c.started).map((c) => c.items[0]);
			expect(started.map((i) => i.event)).toEqual(['ContactCreate', 'InvoicePaid']);
			expect(started[0]).toMatchObject({ entity: 'Contact', locationId: ghl.locationId, verifiedBy: 'ed25519' });
			expect(typeof started[0].webhookId).toBe('string');
			expect(started[1]).toMatchObject({ entity: 'Invoice' });
			expect(receiver.calls[2]).toMatchObject({ status: 200, started: false });
		} finally {
			await receiver.close();
		}
	});

	it('answers a replayed webhookId 409 over HTTP, and a body over Max Body Size 413', async () => {
		const { receiver } = await webhookTrigger({
			source: 'app',
			verification: 'ed25519',
			ed25519PublicKeys: ghl.publicKeys.ed25519Pem,
			options: { maxBodyKilobytes: 4 },
		});
		try {
			const webhookId = 'sandbox-replay-1';
			expect(await ghl.fire('ContactCreate', { to: receiver.url, overrides: { webhookId } })).toEqual({ status: 200, attempts: 1 });
			expect(await ghl.fire('ContactCreate', { to: receiver.url, overrides: { webhookId } })).toEqual({ status: 409, attempts: 1 });
			expect(receiver.calls.map((c) => c.started)).toEqual([true, false]);
			expect(receiver.calls[0].body).toEqual({ received: true, event: 'ContactCreate', webhookId });
			const big = await ghl.fire('ContactUpdate', { to: receiver.url, overrides: { notes: 'x'.repeat(5000) } });
			expect(big.status).toBe(413);
		} finally {
			await receiver.close();
		}
	});

	it('verifies the legacy RSA signature with the sandbox key; HighLevel\'s own key alone refuses it', async () => {
		const { receiver } = await webhookTrigger({
			source: 'app',
			verification: 'rsa',
			useHighLevelRsaKey: true,
			rsaPublicKeys: ghl.publicKeys.rsaPem,
		});
		const strict = await webhookTrigger({ source: 'app', verification: 'rsa', useHighLevelRsaKey: true });
		try {
			expect((await ghl.fire('NoteCreate', { to: receiver.url })).status).toBe(200);
			expect(receiver.calls[0].items[0]).toMatchObject({ event: 'NoteCreate', verifiedBy: 'rsa' });
			expect((await ghl.fire('NoteCreate', { to: strict.receiver.url })).status).toBe(401);
		} finally {
			await receiver.close();
			await strict.receiver.close();
		}
	});

	it('refuses a key that is not the sender\'s (401) and an address outside the allowlist (403)', async () => {
		const other = await startGhlSandbox({ port: 0 });
		const { receiver } = await webhookTrigger({
			source: 'app',
			verification: 'ed25519',
			ed25519PublicKeys: other.publicKeys.ed25519Pem,
		});
		const fenced = await webhookTrigger({
			source: 'app',
			verification: 'ed25519',
			ed25519PublicKeys: ghl.publicKeys.ed25519Pem,
			options: { ipAllowlist: '203.0.113.0/24' },
		});
		try {
			expect((await ghl.fire('ContactUpdate', { to: receiver.url })).status).toBe(401);
			expect((await ghl.fire('ContactUpdate', { to: fenced.receiver.url })).status).toBe(403);
		} finally {
			await receiver.close();
			await fenced.receiver.close();
			await other.close();
		}
	});

	it('takes Documents & Contracts workflow webhooks with the shared secret', async () => {
		const secret = 'sandbox-workflow-secret-0123456789';
		const { receiver } = await webhookTrigger({
			source: 'workflow',
			verification: 'sharedSecret',
			workflowEvent: 'custom',
			eventField: 'document.event',
		}, { ghlWebhookSecretApi: { secret, headerName: 'x-webhook-secret' } });
		try {
			expect((await ghl.fireWorkflowWebhook('document_completed', { to: receiver.url, secret })).status).toBe(200);
			expect((await ghl.fireWorkflowWebhook('document_viewed', { to: receiver.url, secret: 'wrong' })).status).toBe(401);
			expect((await ghl.fireWorkflowWebhook('document_sent', { to: receiver.url })).status).toBe(401);
			const item = receiver.calls[0].items[0];
			expect(item).toMatchObject({ event: 'document_completed', entity: 'Document', locationId: ghl.locationId });
			expect(typeof item.id).toBe('string');
			expect((item.data as IDataObject).document).toMatchObject({ id: item.id });
		} finally {
			await receiver.close();
		}
	});
});

describe('GHL Poll Trigger → fake GHL over HTTP', () => {
	async function admin(method: string, path: string, body?: IDataObject): Promise<IDataObject> {
		const res = await fetch(`${ghl.url}${path}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: body ? JSON.stringify(body) : undefined,
		});
		expect(res.status).toBeLessThan(300);
		return (await res.json()) as IDataObject;
	}

	it('baselines the seeded documents, then reports a new and a changed document once', async () => {
		const trigger = await createTriggerHarness({
			type: 'ghlPollTrigger',
			parameters: { resource: 'document', events: ['new', 'statusChanged'] },
			credentials: {
				ghlPrivateIntegrationApi: ghlPitCredentials({ token: ghl.token, locationId: ghl.locationId, baseUrl: ghl.url }),
			},
		});
		expect(await trigger.poll()).toBeNull();
		expect(await trigger.poll()).toBeNull();

		const created = await admin('POST', '/__admin/documents', { name: 'Trigger test proposal', status: 'sent' });
		const existing = ghl.store.documents.values().find((d) => d._id !== created._id && d.status !== 'completed');
		expect(existing).toBeDefined();
		await admin('PATCH', `/__admin/documents/${existing!._id}`, { status: 'completed' });

		const found = ((await trigger.poll())?.[0] ?? []).map((i) => i.json);
		expect(found.map((e) => `${e.event}:${e.id}`).sort()).toEqual(
			[`DocumentCreated:${String(created._id)}`, `DocumentStatusChanged:${existing!._id}`].sort(),
		);
		expect(await trigger.poll()).toBeNull();
	});
});
