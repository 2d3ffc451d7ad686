/**
 * The monitoring templates, run in n8n's engine against the sandbox:
 * - 08, the error workflow: a sync execution fails (bad GHL data), n8n's error
 *   workflow data reaches the Error Trigger, and the alert posted to the
 *   channel (the sandbox's webhook sink) names the GHL record, the error, the
 *   time and the execution;
 * - 09, the daily report: reads the saved executions through n8n's public
 *   executions API (a fake serving the engine's own runs) with n8n-nodes-base's
 *   n8n node, and posts the day's created / updated / skipped / failed counts
 *   with the failures listed.
 */
import type { IDataObject } from 'n8n-workflow';

import { resetBuckets } from '../../dist/nodes/common/rateLimiter';
import { startSandbox, type Sandbox, type SinkEntry } from '../../sandbox/index';
import { ExecutionStore, startExecutionsApi, type ExecutionsApi, type StoredExecution } from '../support/executionsApi';
import { BROKEN_INVOICE_ID, scenarioFor } from '../support/templateScenarios';
import { loadTemplate, N8N_BASE_URL, sinkChannel, templateHarness, TemplateRunner, totals, type SandboxEnv } from '../support/templates';

jest.setTimeout(60_000);

const ALERT = '08-ghl-17hats-sync-failure-alert.json';
const REPORT = '09-ghl-17hats-daily-sync-report.json';
const API_KEY = 'n8n-api-key-for-tests-0123456789';

let sandbox: Sandbox;
let api: ExecutionsApi;
const executions = new ExecutionStore();
let env: SandboxEnv;

beforeAll(async () => {
	sandbox = await startSandbox({ ghlPort: 0, hatsPort: 0, hats: { rateLimit: { max: 10_000, windowMs: 60_000 } } });
	api = await startExecutionsApi(executions, { apiKey: API_KEY });
	env = {
		ghl: sandbox.ghl,
		hats: sandbox.hats,
		sink: sandbox.sink,
		workflowSecret: 'monitoring-test-secret-0123456789',
		executions,
		n8nApi: { baseUrl: api.baseUrl, apiKey: API_KEY },
	};
	await templateHarness();
});
afterAll(async () => {
	await api.close();
	await sandbox.close();
});
beforeEach(async () => {
	env.ghl.reset();
	await fetch(`${env.hats.origin}/__admin/reset`, { method: 'POST' });
	await fetch(`${env.sink.origin}/__admin/reset`, { method: 'POST' });
	executions.clear();
	api.requests.length = 0;
	resetBuckets();
});

const body = (entry: SinkEntry | undefined) => (entry?.body ?? {}) as IDataObject;

describe('the webhook sink (the alert / report channel)', () => {
	it('records what is posted per channel, answers 200, and shows it on its admin API', async () => {
		const res = await fetch(env.sink.hookUrl('alerts'), { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer secret-token' }, body: JSON.stringify({ text: 'hello' }) });
		expect(res.status).toBe(200);
		await fetch(env.sink.hookUrl('other'), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'plain text' });
		expect(env.sink.received('alerts')).toEqual([expect.objectContaining({ channel: 'alerts', method: 'POST', body: { text: 'hello' } })]);
		expect(env.sink.received('alerts')[0].headers.authorization).toBe('Bearer [REDACTED]');
		expect(env.sink.received('other')[0].body).toBe('plain text');
		const admin = (await (await fetch(`${env.sink.origin}/__admin/sink?channel=alerts`)).json()) as { received: SinkEntry[] };
		expect(admin.received.map((e) => e.body)).toEqual([{ text: 'hello' }]);
		expect((await fetch(`${env.sink.origin}/hooks`, { method: 'POST' })).status).toBe(404);
		await fetch(`${env.sink.origin}/__admin/reset`, { method: 'POST' });
		expect(env.sink.received()).toEqual([]);
	});

	it('waitFor resolves on a later post and rejects after its timeout', async () => {
		const waiting = env.sink.waitFor('later', (e) => body(e).n === 2, 5000);
		await fetch(env.sink.hookUrl('later'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"n":1}' });
		await fetch(env.sink.hookUrl('later'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"n":2}' });
		expect(body(await waiting)).toEqual({ n: 2 });
		await expect(env.sink.waitFor('never', undefined, 50)).rejects.toThrow(/received nothing .* "never"/);
	});

	it('can be made to fail like the other fakes (faults), so a failing channel is testable', async () => {
		await fetch(`${env.sink.origin}/__admin/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"rate500":1}' });
		expect((await fetch(env.sink.hookUrl('alerts'), { method: 'POST', body: '{}' })).status).toBe(500);
		expect(env.sink.received('alerts')).toEqual([]);
	});
});

describe('08 error workflow: a failed sync → one readable alert', () => {
	test('names the GHL record, the error, the failed node, the time and links the failed execution', async () => {
		const result = await scenarioFor(ALERT).run(env);
		const failed = executions.list().find((e) => e.status === 'error');
		expect(failed).toMatchObject({ workflowId: 'ghl17hatsTpl0003', mode: 'webhook' });
		// The failed execution carries the record as custom data, so the executions list finds it by GHL id.
		expect(failed?.run.data.resultData.metadata).toMatchObject({ ghlId: BROKEN_INVOICE_ID, entity: 'invoice', action: 'failed' });
		expect(totals(result.runner.runs)).toMatchObject({ executions: 1, failedExecutions: 0, errors: [] });
		expect(result.delivered).toHaveLength(1);
		const alert = body(result.delivered?.[0]);
		const t03 = loadTemplate('03-ghl-invoice-to-17hats-contract.json');
		expect(alert).toMatchObject({
			workflow: t03.name,
			workflowId: 'ghl17hatsTpl0003',
			ghlRecord: `invoice ${BROKEN_INVOICE_ID}`,
			failedNode: 'Create or Update 17hats Contract',
			executionId: failed?.id,
			executionUrl: `${N8N_BASE_URL}workflow/ghl17hatsTpl0003/executions/${failed?.id}`,
			mode: 'webhook',
		});
		expect(alert.error).toMatch(/amount.*has no value.*GHL field "total"/);
		expect(Date.parse(String(alert.failedAt))).toBeGreaterThan(Date.now() - 60_000);
		const text = String(alert.text);
		expect(text).toContain(`GHL record: invoice ${BROKEN_INVOICE_ID}`);
		expect(text).toContain(`Execution: ${String(alert.executionUrl)}`);
		expect(text).toContain(`Error: ${String(alert.error)}`);
		// Delivered by the HTTP Request node as JSON to the channel set up after import.
		expect(result.delivered?.[0]).toMatchObject({ channel: sinkChannel('Send Alert'), method: 'POST' });
	});

	test('no alert without the Error workflow setting, nor for a manual run (as in n8n)', async () => {
		const alert = await TemplateRunner.create(ALERT, env);
		const runner = await TemplateRunner.create('03-ghl-invoice-to-17hats-contract.json', env);
		const endpoint = await runner.listen('GHL Trigger');
		await env.ghl.fire('InvoiceSent', { to: endpoint.url, overrides: { _id: BROKEN_INVOICE_ID, total: null } });
		await runner.idle();
		const [unwatched] = runner.runs;
		expect(unwatched.error).toMatch(/amount/);
		// The same event run by hand (the editor's "Execute step" on the sync node with the trigger's output).
		runner.useErrorWorkflow(alert);
		const sync = 'Create or Update 17hats Contract';
		expect(unwatched.result.items('GHL Trigger')).toHaveLength(1);
		const manual = await runner.execute(sync, unwatched.result.items('GHL Trigger'), 'manual');
		await runner.close();
		expect(manual.error).toMatch(/amount/);
		expect(alert.runs).toHaveLength(0);
		expect(env.sink.received()).toEqual([]);
	});

	test("reads n8n's error data as n8n documents it: the 17hats record an error names, and a trigger that failed before any execution", async () => {
		const alert = await TemplateRunner.create(ALERT, env);
		const apiFailure = {
			execution: {
				id: '231',
				url: 'https://n8n.example.com/workflow/wf1/executions/231',
				error: {
					message: 'Contact: Internal error',
					description: '17hats answered HTTP 500 to PATCH /contacts/ct_8f2a01. Gave up after 5 attempts.',
					context: { ghlId: 'c1A2b3', entity: 'contact' },
					timestamp: Date.parse('2026-03-02T09:14:03Z'),
				},
				lastNodeExecuted: 'Create or Update 17hats Contact',
				mode: 'webhook',
			},
			workflow: { id: 'wf1', name: 'GHL contact → 17hats contact' },
		};
		const triggerFailure = { trigger: { error: { message: 'Invalid public key', timestamp: Date.parse('2026-03-02T10:00:00Z') }, mode: 'trigger' }, workflow: { id: 'wf2', name: 'Poll' } };
		const first = await alert.execute('On Sync Failure', [{ json: apiFailure }], 'error');
		const second = await alert.execute('On Sync Failure', [{ json: triggerFailure }], 'error');
		expect([first.error, second.error]).toEqual([undefined, undefined]);
		const [a, b] = env.sink.received(sinkChannel('Send Alert')).map(body);
		expect(a).toMatchObject({
			ghlRecord: 'contact c1A2b3',
			hatsRecord: 'contacts/ct_8f2a01',
			error: 'Contact: Internal error — 17hats answered HTTP 500 to PATCH /contacts/ct_8f2a01. Gave up after 5 attempts.',
			failedAt: '2026-03-02T09:14:03.000Z',
			executionUrl: 'https://n8n.example.com/workflow/wf1/executions/231',
		});
		expect(b).toMatchObject({ ghlRecord: '', hatsRecord: '', error: 'Invalid public key', failedNode: 'the trigger (no execution was started)', executionUrl: '', failedAt: '2026-03-02T10:00:00.000Z' });
		expect(String(b.text)).toContain('GHL record: not known');
	});
});

describe("09 daily report from n8n's executions API", () => {
	test('counts created / updated / skipped / failed of the last 24 hours and lists the failures with their links', async () => {
		expect((await scenarioFor('01-ghl-contact-to-17hats-contact.json').run(env)).runner.runs.length).toBeGreaterThan(0);
		await scenarioFor(ALERT).run(env);
		// An execution from two days ago is outside the report's window.
		const [old] = executions.list();
		executions.add({ ...old, startedAt: new Date(Date.now() - 48 * 3600_000), stoppedAt: new Date(Date.now() - 48 * 3600_000 + 1000) });

		const inWindow = executions.list().filter((e) => e.startedAt.getTime() > Date.now() - 24 * 3600_000);
		const syncItems = inWindow.flatMap((e) => Object.values(e.run.data.resultData.runData).flat().flatMap((task) => task.data?.main?.[0] ?? []).map((i) => i.json));
		const count = (action: string) => syncItems.filter((j) => j.action === action && 'ghlId' in j).length;
		const expected = { created: count('created'), updated: count('updated'), skipped: count('skipped') };
		expect(expected.created).toBeGreaterThan(0);
		expect(expected.skipped).toBeGreaterThan(0);

		const result = await scenarioFor(REPORT).run(env);
		expect(totals(result.runner.runs)).toMatchObject({ executions: 1, failedExecutions: 0, errors: [] });
		expect(result.delivered).toHaveLength(1);
		const report = body(result.delivered?.[0]);
		const failedExecution = inWindow.find((e) => e.status === 'error');
		expect(report).toMatchObject({ ...expected, failed: 1, executions: inWindow.length });
		expect(report.failures).toEqual([
			expect.objectContaining({
				action: 'failed',
				entity: 'invoice',
				ghlId: BROKEN_INVOICE_ID,
				executionId: failedExecution?.id,
				workflowId: 'ghl17hatsTpl0003',
				url: `${N8N_BASE_URL}workflow/ghl17hatsTpl0003/executions/${failedExecution?.id}`,
				error: expect.stringMatching(/amount.*has no value/),
			}),
		]);
		const text = String(report.text);
		expect(text).toContain(`Created: ${expected.created} · Updated: ${expected.updated} · Skipped: ${expected.skipped} · Failed: 1`);
		expect(text).toContain(`• invoice ${BROKEN_INVOICE_ID} at `);
		// The n8n node asked n8n's API with the key, for the executions' data.
		expect(api.requests[0]).toMatchObject({ method: 'GET', path: '/api/v1/executions', query: expect.objectContaining({ includeData: 'true' }) });
	});

	test('reads every page, leaves out its own executions, and reports a quiet day as zeros', async () => {
		const quiet = await scenarioFor(REPORT).run(env);
		expect(body(quiet.delivered?.[0])).toMatchObject({ executions: 0, created: 0, updated: 0, skipped: 0, failed: 0, failures: [] });
		expect(String(body(quiet.delivered?.[0]).text)).toContain('No failures.');

		await scenarioFor('01-ghl-contact-to-17hats-contact.json').run(env);
		const template = executions.list().find((e) => e.workflowId === 'ghl17hatsTpl0001' && e.status === 'success');
		// 240 more saved executions: more than two pages of the API.
		for (let i = 0; i < 240; i++) executions.add({ ...template!, startedAt: new Date(), stoppedAt: new Date() });
		const own = executions.list().filter((e) => e.workflowId === 'ghl17hatsTpl0009').length;
		const perRun = (e: StoredExecution) =>
			Object.values(e.run.data.resultData.runData).flat().flatMap((task) => task.data?.main?.[0] ?? []).filter((i) => 'ghlId' in i.json).length;
		const items = executions.list().filter((e) => e.workflowId !== 'ghl17hatsTpl0009').reduce((n, e) => n + perRun(e), 0);
		const busy = await scenarioFor(REPORT).run(env);
		const report = body(busy.delivered?.[0]);
		expect(own).toBe(1);
		expect(report.executions).toBe(executions.list().length - own - 1);
		expect(Number(report.created) + Number(report.updated) + Number(report.skipped) + Number(report.failed)).toBe(items);
		expect(api.requests.filter((r) => r.path === '/api/v1/executions').length).toBeGreaterThanOrEqual(4);
	});
});
