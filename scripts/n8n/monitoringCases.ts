/**
 * `npm run test:n8n`, monitoring part: the error-workflow template (08) and the
 * daily-report template (09) in the real n8n, with the sandbox's webhook sink
 * as the channel.
 * - 08: template 03 gets 08 as its Error workflow (as in Workflow settings);
 *   a GHL invoice with an empty total makes 03's execution fail; n8n runs 08,
 *   which posts an alert naming the GHL invoice, the error and the execution.
 * - The failed execution carries the GHL record as custom data, and n8n's
 *   executions list finds it by that value.
 * - 09: an n8n API key is created as the owner (POST /rest/api-keys), put in
 *   an `n8nApi` credential, 09 is run; its report must match what n8n's public
 *   executions API says happened.
 */
import type { SinkEntry } from '../../sandbox';
import type { CaseContext, N8nRest } from './lib';

export type MonitoringContext = CaseContext;

/** Placeholder the templates' HTTP Request nodes ship with (test/support/templates.ts CHANNEL_URL_PLACEHOLDER). */
export const CHANNEL_URL_PLACEHOLDER = 'https://hooks.example.com/replace-with-your-channel-webhook';
const BROKEN_INVOICE_ID = '6fb1c0de0000badda7a0n8n1';
const SYNC_ACTIONS = ['created', 'updated', 'skipped', 'failed'];

export interface Execution {
	id: string;
	status: string;
	mode: string;
	workflowId: string;
	startedAt?: string;
}

export interface StoredWorkflow {
	id: string;
	name: string;
	versionId: string;
	nodes: Array<{ name: string; type: string; parameters: Record<string, unknown>; credentials?: Record<string, { id: string; name: string }> }>;
	settings?: Record<string, unknown>;
}

function assert(cond: unknown, msg: string): asserts cond {
	if (!cond) throw new Error(msg);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const DONE = (e: Execution) => !['new', 'running', 'waiting'].includes(e.status);

export async function executionsOf(rest: N8nRest, filter: Record<string, unknown>): Promise<Execution[]> {
	const q = encodeURIComponent(JSON.stringify(filter));
	return (await rest.ok<{ results: Execution[] }>('GET', `/rest/executions?filter=${q}&limit=100`)).results;
}

/** Waits for a finished execution of the workflow that is not among `known`. */
export async function nextFinished(rest: N8nRest, workflowId: string, known: Execution[], timeoutMs = 30_000): Promise<Execution> {
	const seen = new Set(known.map((e) => e.id));
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const fresh = (await executionsOf(rest, { workflowId })).filter((e) => !seen.has(e.id));
		const done = fresh.find(DONE);
		if (done) return done;
		assert(Date.now() < deadline, `no finished execution of ${workflowId} within ${timeoutMs / 1000} s`);
		await sleep(300);
	}
}

/** What a user does in the editor, saved through the editor's own API: change nodes and/or settings. */
export async function editWorkflow(rest: N8nRest, id: string, edit: (wf: StoredWorkflow) => void): Promise<StoredWorkflow> {
	const wf = await rest.ok<StoredWorkflow>('GET', `/rest/workflows/${id}`);
	edit(wf);
	return await rest.ok<StoredWorkflow>('PATCH', `/rest/workflows/${id}`, { versionId: wf.versionId, nodes: wf.nodes, settings: wf.settings });
}

/** Points every HTTP Request node still on the placeholder at the sink channel. */
export function pointChannelsAt(wf: StoredWorkflow, url: string): void {
	const nodes = wf.nodes.filter((n) => n.type === 'n8n-nodes-base.httpRequest' && n.parameters.url === CHANNEL_URL_PLACEHOLDER);
	assert(nodes.length > 0, `${wf.name} has no HTTP Request node with the channel placeholder`);
	for (const n of nodes) n.parameters.url = url;
}

/** The alert template's setup: its channel, published (n8n 2.x runs only a published error workflow), named in the sync workflow's settings. */
export async function setUpAlert(rest: N8nRest, alertId: string, channelUrl: string, syncIds: string[]): Promise<void> {
	await editWorkflow(rest, alertId, (wf) => pointChannelsAt(wf, channelUrl));
	await rest.activate(alertId);
	for (const id of syncIds) {
		// Workflow settings → Error workflow, then publish (the active version is what webhooks run).
		await editWorkflow(rest, id, (wf) => (wf.settings = { ...(wf.settings ?? {}), errorWorkflow: alertId }));
		await rest.activate(id);
	}
}

/**
 * The report template's setup, headless: an n8n API key created as the owner
 * (POST /rest/api-keys), an `n8nApi` credential holding it, the channel URL.
 * Returns the key for the caller's own API reads (never printed).
 */
export async function setUpReport(rest: N8nRest, n8nUrl: string, reportId: string, channelUrl: string): Promise<{ apiKey: string; baseUrl: string }> {
	const key = await rest.ok<{ rawApiKey?: string }>('POST', '/rest/api-keys', {
		label: 'daily sync report',
		scopes: ['execution:list', 'execution:read'],
		expiresAt: null,
	});
	assert(typeof key.rawApiKey === 'string' && key.rawApiKey.length > 20, 'POST /rest/api-keys returned no key');
	const baseUrl = `${n8nUrl}/api/v1`;
	const cred = await rest.ok<{ id: string; name: string }>('POST', '/rest/credentials', { name: 'n8n API', type: 'n8nApi', data: { apiKey: key.rawApiKey, baseUrl } });
	await editWorkflow(rest, reportId, (wf) => {
		pointChannelsAt(wf, channelUrl);
		for (const n of wf.nodes) if (n.credentials?.n8nApi) n.credentials.n8nApi = { id: cred.id, name: cred.name };
	});
	return { apiKey: key.rawApiKey, baseUrl };
}

/** Runs a workflow as the editor's "Execute workflow" does, from the named trigger. */
export async function runFromTrigger(rest: N8nRest, workflowId: string, trigger: string): Promise<void> {
	await rest.ok('POST', `/rest/workflows/${workflowId}/run`, { triggerToStartFrom: { name: trigger } });
}

const bodyOf = (e: SinkEntry) => (e.body ?? {}) as Record<string, unknown>;

export async function runMonitoringCases(ctx: MonitoringContext): Promise<void> {
	const { check, rest, n8nUrl, sandbox } = ctx;
	const sink = sandbox.sink;
	let failedExecution: Execution | undefined;
	let alertWorkflowId = '';

	await check('08: a failed sync execution runs the error workflow; the alert names the GHL record, the error and links the execution', async () => {
		const alert = ctx.template('08');
		const sync = ctx.template('03');
		alertWorkflowId = alert.id;
		await setUpAlert(rest, alert.id, sink.hookUrl('n8n-alerts'), [sync.id]);
		const beforeSync = await executionsOf(rest, { workflowId: sync.id });
		const beforeAlert = await executionsOf(rest, { workflowId: alert.id });
		const delivery = await sandbox.ghl.fire('InvoiceSent', { to: ctx.hookUrl(sync), overrides: { _id: BROKEN_INVOICE_ID, total: null } });
		assert(delivery.status === 200, `n8n answered the webhook ${delivery.status}`);
		failedExecution = await nextFinished(rest, sync.id, beforeSync);
		assert(failedExecution.status === 'error', `03's execution ${failedExecution.id} ended "${failedExecution.status}", expected "error"`);
		const alertRun = await nextFinished(rest, alert.id, beforeAlert);
		assert(alertRun.status === 'success' && alertRun.mode === 'error', `the error workflow's execution ${alertRun.id} is ${alertRun.status} (mode ${alertRun.mode})`);
		const got = bodyOf(await sink.waitFor('n8n-alerts', (e) => bodyOf(e).executionId === failedExecution?.id, 10_000));
		const url = `${n8nUrl}/workflow/${sync.id}/executions/${failedExecution.id}`;
		assert(got.ghlRecord === `invoice ${BROKEN_INVOICE_ID}`, `alert GHL record is "${String(got.ghlRecord)}"`);
		assert(/amount.*has no value/.test(String(got.error)), `alert error is "${String(got.error)}"`);
		assert(got.executionUrl === url, `alert link is "${String(got.executionUrl)}", expected ${url}`);
		assert(got.workflow === sync.name && got.mode === 'webhook', `alert names workflow "${String(got.workflow)}" (mode ${String(got.mode)})`);
		assert(!Number.isNaN(Date.parse(String(got.failedAt))), `alert time "${String(got.failedAt)}" is not a date`);
		const text = String(got.text);
		assert(text.includes(`GHL record: invoice ${BROKEN_INVOICE_ID}`) && text.includes(url), `alert text lacks the record or the link:\n${text}`);
		return `execution ${failedExecution.id} failed → error workflow execution ${alertRun.id} → POST to the channel: ${text.split('\n').slice(0, 2).join(' / ')}`;
	});

	await check('the failed execution keeps the GHL record as custom data (filterable where n8n\'s license allows)', async () => {
		assert(failedExecution, 'no failed execution from the previous check');
		const saved = await rest.ok<{ customData?: Record<string, string> }>('GET', `/rest/executions/${failedExecution.id}`);
		const expected: Record<string, string> = { action: 'failed', entity: 'invoice', ghlId: BROKEN_INVOICE_ID };
		const custom = saved.customData ?? {};
		assert(Object.keys(expected).every((k) => custom[k] === expected[k]), `custom data of ${failedExecution.id}: ${JSON.stringify(custom)}`);
		// Filtering the list by custom data is a licensed feature (registered Community, Enterprise); unlicensed n8n ignores the filter.
		const settings = await rest.ok<{ enterprise?: { advancedExecutionFilters?: boolean } }>('GET', '/rest/settings');
		assert(typeof settings.enterprise?.advancedExecutionFilters === 'boolean', 'GET /rest/settings no longer says whether advanced execution filters are licensed');
		const byGhlId = await executionsOf(rest, { metadata: [{ key: 'ghlId', value: BROKEN_INVOICE_ID, exactMatch: true }] });
		if (settings.enterprise?.advancedExecutionFilters) {
			assert(byGhlId.length === 1 && byGhlId[0].id === failedExecution.id, `filtering by ghlId gave ${byGhlId.map((e) => e.id).join(',') || 'nothing'}`);
			return `customData ${JSON.stringify(saved.customData)}; the executions list filtered by ghlId finds execution ${failedExecution.id} only`;
		}
		const all = await executionsOf(rest, {});
		assert(byGhlId.length === all.length, 'an unlicensed n8n applied the custom-data filter: the docs need updating');
		return `customData ${JSON.stringify(saved.customData)}; this n8n is not licensed for advanced execution filters, so the list ignores the ghlId filter (${byGhlId.length} of ${all.length}), as documented`;
	});

	await check("09: daily report with a real n8n API key — counts match n8n's executions, the failure is listed with its link", async () => {
		assert(failedExecution, 'no failed execution from the 08 check');
		const report = ctx.template('09');
		const { apiKey, baseUrl } = await setUpReport(rest, n8nUrl, report.id, sink.hookUrl('n8n-reports'));
		// What the report should say, read from n8n's public API with the same key.
		const res = await fetch(`${baseUrl}/executions?includeData=true&limit=250`, { headers: { 'X-N8N-API-KEY': apiKey } });
		assert(res.status === 200, `GET /api/v1/executions answered ${res.status}`);
		const listed = ((await res.json()) as { data: Array<Execution & { data?: { resultData?: { runData?: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }>> } }>> } } }> }).data;
		const since = Date.now() - 24 * 3600_000;
		const counted = listed.filter((e) => e.workflowId !== report.id && Date.parse(String(e.startedAt)) >= since);
		const outcomes = counted.flatMap((e) =>
			Object.values(e.data?.resultData?.runData ?? {})
				.flat()
				.flatMap((task) => task.data?.main?.[0] ?? [])
				.map((item) => item.json)
				.filter((j) => SYNC_ACTIONS.includes(String(j.action)) && 'ghlId' in j),
		);
		const expected = {
			created: outcomes.filter((j) => j.action === 'created').length,
			updated: outcomes.filter((j) => j.action === 'updated').length,
			skipped: outcomes.filter((j) => j.action === 'skipped').length,
			failed: outcomes.filter((j) => j.action === 'failed').length + counted.filter((e) => e.status === 'error' || e.status === 'crashed').length,
		};
		assert(expected.created > 0 && expected.failed > 0, `n8n's executions show ${JSON.stringify(expected)}: the earlier checks should have created and failed something`);

		const before = await executionsOf(rest, { workflowId: report.id });
		await runFromTrigger(rest, report.id, 'Every Morning');
		const run = await nextFinished(rest, report.id, before, 60_000);
		assert(run.status === 'success', `the report's execution ${run.id} ended "${run.status}"`);
		const got = bodyOf(await sink.waitFor('n8n-reports', undefined, 10_000));
		const counts = { created: got.created, updated: got.updated, skipped: got.skipped, failed: got.failed };
		assert(JSON.stringify(counts) === JSON.stringify(expected), `report counts ${JSON.stringify(counts)}, n8n's executions say ${JSON.stringify(expected)}`);
		assert(got.executions === counted.length, `report covers ${String(got.executions)} executions, n8n lists ${counted.length} in the last 24 h`);
		const failures = (got.failures ?? []) as Array<Record<string, unknown>>;
		const listedFailure = failures.find((f) => f.executionId === failedExecution?.id);
		assert(listedFailure?.ghlId === BROKEN_INVOICE_ID, `the report does not list GHL invoice ${BROKEN_INVOICE_ID}: ${JSON.stringify(failures).slice(0, 400)}`);
		assert(listedFailure.url === `${n8nUrl}/workflow/${String(listedFailure.workflowId)}/executions/${failedExecution.id}`, `failure link is ${String(listedFailure.url)}`);
		assert(!failures.some((f) => f.workflowId === alertWorkflowId), 'the report lists the alert workflow as a failure');
		return `${String(got.text).split('\n').slice(0, 2).join(' / ')} (execution ${run.id}; API key created headless via POST /rest/api-keys)`;
	});
}
