/**
 * Secret scan over representative flows through n8n's engine, against the
 * sandboxes over HTTP: the GHL node, the 17hats node, the sync node and the
 * GHL Trigger, on success and on failure (401, 403, 500 answers that echo the
 * credential back, a revoked token, a failed OAuth2 refresh). Everything the
 * suite can see is scanned (secretScan.ts): every output item, every error
 * (all own fields, cause chain, JSON.stringify of the whole), every line n8n's
 * Logger and the console received, and every execution record (the IRun).
 * Zero hits expected.
 */
import { Container } from '@n8n/di';
import { Logger } from '@n8n/backend-common';
import nock from 'nock';
import type { IDataObject, INode } from 'n8n-workflow';

import { resetBuckets } from '../../dist/nodes/common/rateLimiter';
import { startHatsSandbox, type HatsSandbox } from '../../sandbox/hats';
import { startGhlSandbox, type GhlSandbox } from '../../sandbox/ghl';
import { json, type SandboxRequest } from '../../sandbox/common/http';
import { createWebhookKeys, signatureHeaders } from '../../sandbox/ghl/webhooks/signing';
import { createHarness, coreNodes, nodeType, type EngineHarness, type WorkflowRunResult } from '../support/harness';
import { GHL_BASE, HATS_API_KEY, LOCATION_ID, PIT_TOKEN, ghlOAuth2Credentials, ghlPitCredentials, hatsCredentials, sandboxEnvironment } from '../support/fixtures';
import { createTriggerHarness } from '../support/triggerHarness';
import { writeFigures } from './support/figures';
import { assertNoSecrets, findSecrets, knownSecrets, registerSecret, secretForms } from './secretScan';
import { postRaw, serveTrigger } from './triggerServer';

let harness: EngineHarness;
let hats: HatsSandbox;
let ghl: GhlSandbox;
const HATS_KEY = HATS_API_KEY;
const GHL_TOKEN = PIT_TOKEN;

/** What the suite saw, by label: every item, error, log line and IRun goes through here. */
const scanned: Array<{ label: string; value: unknown }> = [];
const see = (label: string, value: unknown) => scanned.push({ label, value });

const logLines: unknown[][] = [];
const restore: Array<() => void> = [];

beforeAll(async () => {
	harness = await createHarness();
	// The sandboxes take the fixture secrets, so every known form is in play.
	hats = await startHatsSandbox({ port: 0, apiKey: HATS_KEY, rateLimit: { max: 10_000, windowMs: 60_000 } });
	ghl = await startGhlSandbox({ port: 0, token: GHL_TOKEN, webhookRetryDelayMs: 10 });
	// Capture n8n's Logger (what nodes log through this.logger, and n8n-core itself) and the console.
	const logger = Container.get(Logger) as unknown as Record<string, (...args: unknown[]) => unknown>;
	for (const level of ['error', 'warn', 'info', 'debug']) {
		const original = logger[level];
		logger[level] = (...args: unknown[]) => {
			logLines.push([level, ...args]);
		};
		restore.push(() => (logger[level] = original));
	}
	for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
		const spy = jest.spyOn(console, level).mockImplementation((...args: unknown[]) => void logLines.push([`console.${level}`, ...args]));
		restore.push(() => spy.mockRestore());
	}
});
afterAll(async () => {
	restore.forEach((r) => r());
	await hats.close();
	await ghl.close();
});
beforeEach(() => {
	resetBuckets();
	hats.intercept = undefined;
});

/** Everything n8n keeps of a run: the IRun, each node's items and errors. */
function seeRun(label: string, result: WorkflowRunResult, nodeName: string) {
	see(`${label}: execution record (IRun)`, result.run);
	see(`${label}: output items`, result.output(nodeName));
	const error = result.error(nodeName);
	if (error) {
		see(`${label}: error`, error);
		see(`${label}: JSON.stringify(error)`, JSON.stringify(error));
	}
	const runError = result.error();
	if (runError) see(`${label}: run error`, runError);
}

const hatsCreds = (apiKey = HATS_KEY) => ({ seventeenHatsApi: hatsCredentials({ apiKey, ...sandboxEnvironment(hats.url), baseUrl: hats.url }) });
const ghlCreds = (token = GHL_TOKEN) => ({ ghlPrivateIntegrationApi: ghlPitCredentials({ token, locationId: ghl.locationId, ...sandboxEnvironment(ghl.url), baseUrl: ghl.url }) });

async function runNode(type: string, parameters: IDataObject, credentials: Record<string, IDataObject>, input: IDataObject[] = [{}], continueOnFail = false) {
	return await harness.runWorkflow({
		nodes: [{ name: 'Node', type: nodeType(type), parameters, ...(continueOnFail ? { continueOnFail: true, onError: 'continueRegularOutput' } : {}) } as unknown as INode],
		credentials: credentials as never,
		input: input.map((json) => ({ json })),
	});
}

/** A 17hats answer that echoes the credential back in every form it could. */
function echo(status: number) {
	return async (req: SandboxRequest) => {
		const auth = String(req.headers.authorization ?? '');
		const key = auth.replace(/^Bearer /, '');
		return json(
			status,
			{
				error: {
					code: status === 401 ? 'unauthorized' : status === 403 ? 'insufficient_scope' : 'internal',
					message: `Rejected ${auth} (${encodeURIComponent(key)}) ${Buffer.from(`user:${key}`).toString('base64')}`,
					request_id: Buffer.from(key).toString('base64url'),
					details: { key: key.toUpperCase(), fields: { apiKey: key } },
				},
			},
			{ 'x-request-id': key, 'www-authenticate': `Bearer error="${encodeURIComponent(key)}"` },
		);
	};
}

describe('flows scanned for secrets', () => {
	it('the scanner itself finds a planted secret in each form (so zero hits means something)', () => {
		for (const secret of knownSecrets()) {
			for (const form of secretForms(secret.value)) {
				const planted = new Error('boom', { cause: { deep: [`x${form.value}y`] } });
				expect({ secret: secret.name, form: form.form, hits: findSecrets(planted).length > 0 }).toEqual({ secret: secret.name, form: form.form, hits: true });
			}
		}
		expect(() => assertNoSecrets('plain', { ok: 'nothing secret here', n: 1 })).not.toThrow();
	});

	it('17hats node: success, 401, 403 and 500 answers that echo the key (stop and continue on fail)', async () => {
		seeRun('17hats ok', await runNode('seventeenHats', { resource: 'contact', operation: 'getAll', returnAll: false, limit: 2 }, hatsCreds()), 'Node');
		for (const status of [401, 403, 500]) {
			hats.intercept = async (req, next) => (req.path.startsWith('/v1/contacts') ? await echo(status)(req) : await next());
			for (const continueOnFail of [false, true]) {
				const result = await runNode('seventeenHats', { resource: 'contact', operation: 'get', contactId: { __rl: true, mode: 'id', value: 'ct_1' } }, hatsCreds(), [{}], continueOnFail);
				if (!continueOnFail) expect(result.error('Node')).toBeDefined();
				seeRun(`17hats ${status}${continueOnFail ? ' continueOnFail' : ''}`, result, 'Node');
			}
		}
		hats.intercept = undefined;
		seeRun('17hats wrong key', await runNode('seventeenHats', { resource: 'account', operation: 'get' }, hatsCreds('17h_wrong_key_but_long_enough_000')), 'Node');
	});

	it('GHL node: success, a revoked token, a scope refusal', async () => {
		seeRun('GHL ok', await runNode('ghl', { resource: 'contact', operation: 'getAll', returnAll: false, limit: 2 }, ghlCreds()), 'Node');
		const limited = ghl.issueToken(['locations.readonly'], { label: 'limited' });
		registerSecret('limited GHL token', limited);
		const scoped = await runNode('ghl', { resource: 'contact', operation: 'getAll', returnAll: false, limit: 2 }, ghlCreds(limited));
		expect(scoped.error('Node')).toBeDefined();
		seeRun('GHL 403 scope', scoped, 'Node');
		ghl.revokeToken(limited);
		const revoked = await runNode('ghl', { resource: 'location', operation: 'get' }, ghlCreds(limited));
		expect(revoked.error('Node')?.httpCode).toBe('401');
		seeRun('GHL 401 revoked', revoked, 'Node');
	});

	it('GHL node: a failed OAuth2 refresh (the token endpoint refuses)', async () => {
		const api = nock(GHL_BASE)
			.get(`/locations/${LOCATION_ID}`)
			.reply(401, { statusCode: 401, message: 'Invalid JWT' })
			.post('/oauth/token')
			.reply(400, { error: 'invalid_grant', error_description: 'refresh token is invalid' });
		try {
			const result = await harness.runWorkflow({
				nodes: [{ name: 'Node', type: nodeType('ghl'), parameters: { authentication: 'oAuth2', resource: 'location', operation: 'get' } } as never],
				credentials: { ghlOAuth2Api: ghlOAuth2Credentials() },
			});
			expect(api.isDone()).toBe(true);
			expect(result.error('Node')?.message).toMatch(/could not be refreshed/);
			seeRun('GHL OAuth2 refresh failure', result, 'Node');
		} finally {
			nock.cleanAll();
		}
	});

	it('sync node: a contact synced, then the same with a 17hats 500 echoing the key', async () => {
		const contact = { event: 'ContactCreate', entity: 'Contact', data: { id: 'ghl-c-1', locationId: LOCATION_ID, firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' } };
		const ok = await runNode('ghlTo17hatsSync', { entity: 'auto' }, hatsCreds(), [contact]);
		expect(ok.error('Node')).toBeUndefined();
		seeRun('sync ok', ok, 'Node');
		hats.intercept = async (req, next) => (req.path.startsWith('/v1/contacts') ? await echo(500)(req) : await next());
		const failed = await runNode('ghlTo17hatsSync', { entity: 'auto', options: { maxAttempts: 1 } }, hatsCreds(), [{ ...contact, data: { ...contact.data, id: 'ghl-c-2', email: 'b@example.com' } }], true);
		seeRun('sync 500', failed, 'Node');
	});

	it('GHL Trigger: accepted and refused deliveries over HTTP (signatures are secrets too)', async () => {
		const keys = createWebhookKeys();
		registerSecret('webhook Ed25519 private key', keys.ed25519.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
		const trigger = await createTriggerHarness({
			type: 'ghlTrigger',
			parameters: { source: 'app', verification: 'ed25519', ed25519PublicKeys: keys.ed25519.publicPem },
			downstream: [{ name: 'Write', type: 'n8n-nodes-base.noOp', parameters: {} }],
			extraPackages: [coreNodes('noOp')],
		});
		const server = await serveTrigger(trigger);
		try {
			const raw = Buffer.from(JSON.stringify({ type: 'ContactCreate', locationId: LOCATION_ID, id: 'c1', webhookId: 'wh-secret-scan', timestamp: new Date().toISOString() }));
			const signature = signatureHeaders(raw, keys)['x-ghl-signature'];
			registerSecret('webhook signature', signature);
			const answers = [
				await postRaw(server.url, raw, [['content-type', 'application/json'], ['x-ghl-signature', signature]]),
				await postRaw(server.url, raw, [['content-type', 'application/json'], ['x-ghl-signature', signature]]),
				await postRaw(server.url, Buffer.from('{"type":"x"}'), [['x-ghl-signature', signature]]),
			];
			expect(answers.map((a) => a.status)).toEqual([200, 409, 401]);
			answers.forEach((a, i) => see(`trigger answer ${i}`, a));
			server.calls.forEach((call, i) => {
				see(`trigger call ${i}: items`, call.items);
				if (call.execution) see(`trigger call ${i}: execution record`, call.execution.run);
			});
		} finally {
			await server.close();
		}
	});

	it('every item, error, log line and execution record: zero hits', () => {
		see('log lines', logLines);
		const hits = scanned.flatMap(({ label, value }) => findSecrets(value).map((hit) => ({ label, ...hit })));
		writeFigures('secrets', {
			secretsKnown: knownSecrets().length,
			formsPerSecret: Math.round(knownSecrets().reduce((n, s) => n + secretForms(s.value).length, 0) / knownSecrets().length),
			valuesScanned: scanned.length,
			logLinesScanned: logLines.length,
			hits: hits.length,
		});
		expect(logLines.length).toBeGreaterThan(0);
		expect(hits).toEqual([]);
	});
});
