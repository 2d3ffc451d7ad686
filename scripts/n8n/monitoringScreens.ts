/**
 * Screenshots for the README's Monitoring section, taken from the real n8n
 * editor of the playground (`npm run n8n:screenshots` calls this after the
 * template canvases): a sync fails and raises the alert, the daily report
 * runs, then the executions list, the failed execution, the Error workflow
 * setting, the alert and the report are captured.
 */
import { join } from 'path';

import type { Page } from 'playwright-core';

import { log, type N8nRest } from './lib';
import type { Playground } from './playground';

const CHANNEL_URL_PLACEHOLDER = 'https://hooks.example.com/replace-with-your-channel-webhook';
const BROKEN_INVOICE_ID = '6fb1c0de0000badda7a0d0c5';

interface StoredWorkflow {
	id: string;
	versionId: string;
	nodes: Array<{ name: string; type: string; parameters: Record<string, unknown>; credentials?: Record<string, { id: string; name: string }> }>;
	settings?: Record<string, unknown>;
}

interface Execution {
	id: string;
	status: string;
	workflowId: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function edit(rest: N8nRest, id: string, change: (wf: StoredWorkflow) => void): Promise<void> {
	const wf = await rest.ok<StoredWorkflow>('GET', `/rest/workflows/${id}`);
	change(wf);
	await rest.ok('PATCH', `/rest/workflows/${id}`, { versionId: wf.versionId, nodes: wf.nodes, settings: wf.settings });
}

async function latestFinished(rest: N8nRest, workflowId: string, timeoutMs = 60_000): Promise<Execution> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const [latest] = (await rest.ok<{ results: Execution[] }>('GET', `/rest/executions?filter=${filter}&limit=1`)).results;
		if (latest && !['new', 'running', 'waiting'].includes(latest.status)) return latest;
		if (Date.now() > deadline) throw new Error(`no finished execution of ${workflowId}`);
		await sleep(300);
	}
}

/** Makes things happen worth showing: a synced contact, a failed invoice sync with its alert, a report. */
async function stage(pg: Playground): Promise<{ failed: Execution; alert: Execution; report: Execution; syncId: string; alertId: string; reportId: string }> {
	const { rest, sandbox, n8n } = pg;
	const wf = (prefix: string) => {
		const found = pg.workflows.find((w) => w.file.startsWith(prefix));
		if (!found) throw new Error(`no template ${prefix}`);
		return found.wf;
	};
	const hook = (prefix: string) => `${n8n.url}/webhook/${String(wf(prefix).nodes.find((n) => n.type.endsWith('.ghlTrigger'))?.webhookId)}/ghl`;
	const toSink = (channel: string) => (w: StoredWorkflow) => {
		for (const n of w.nodes) if (n.type === 'n8n-nodes-base.httpRequest' && n.parameters.url === CHANNEL_URL_PLACEHOLDER) n.parameters.url = sandbox.sink.hookUrl(channel);
	};
	const [alertWf, syncWf, reportWf] = [wf('08'), wf('03'), wf('09')];
	await edit(rest, alertWf.id, toSink('alerts'));
	await rest.activate(alertWf.id);
	await edit(rest, syncWf.id, (w) => (w.settings = { ...(w.settings ?? {}), errorWorkflow: alertWf.id }));
	await rest.activate(syncWf.id);

	const contact = sandbox.ghl.store.contacts.values()[0] as { id: string };
	await sandbox.ghl.fire('ContactCreate', { to: hook('01'), overrides: { id: contact.id } });
	const paid = (sandbox.ghl.store.invoices.values() as Array<{ _id: string; status: string }>).find((i) => i.status === 'paid');
	await sandbox.ghl.fire('InvoicePaid', { to: hook('03'), overrides: { _id: paid?._id, id: paid?._id } });
	await latestFinished(rest, syncWf.id);
	await sandbox.ghl.fire('InvoiceSent', { to: hook('03'), overrides: { _id: BROKEN_INVOICE_ID, total: null } });
	await sleep(1500);
	const failed = await latestFinished(rest, syncWf.id);
	const alert = await latestFinished(rest, alertWf.id);

	const key = await rest.ok<{ rawApiKey: string }>('POST', '/rest/api-keys', { label: 'daily sync report', scopes: ['execution:list', 'execution:read'], expiresAt: null });
	const cred = await rest.ok<{ id: string; name: string }>('POST', '/rest/credentials', { name: 'n8n API', type: 'n8nApi', data: { apiKey: key.rawApiKey, baseUrl: `${n8n.url}/api/v1` } });
	await edit(rest, reportWf.id, (w) => {
		toSink('reports')(w);
		for (const n of w.nodes) if (n.credentials?.n8nApi) n.credentials.n8nApi = { id: cred.id, name: cred.name };
	});
	await rest.ok('POST', `/rest/workflows/${reportWf.id}/run`, { triggerToStartFrom: { name: 'Every Morning' } });
	await sleep(1000);
	const report = await latestFinished(rest, reportWf.id);
	return { failed, alert, report, syncId: syncWf.id, alertId: alertWf.id, reportId: reportWf.id };
}

/** What `stageMonitoring` made happen: the workflow and execution ids to open. */
export interface MonitoringStage {
	syncId: string;
	alertId: string;
	reportId: string;
	failedId: string;
	alertRunId: string;
	reportRunId: string;
}

export async function stageMonitoring(pg: Playground): Promise<MonitoringStage> {
	const s = await stage(pg);
	return { syncId: s.syncId, alertId: s.alertId, reportId: s.reportId, failedId: s.failed.id, alertRunId: s.alert.id, reportRunId: s.report.id };
}

const NODE = '[data-test-id="canvas-node"]';

/** An execution's page (the workflow's executions on the left, the run on a read-only canvas), optionally with a node opened. */
async function openExecution(page: Page, url: string, workflowId: string, executionId: string, nodeName?: string, outputAs?: 'Schema' | 'JSON'): Promise<void> {
	await page.goto(`${url}/workflow/${workflowId}/executions/${executionId}`, { waitUntil: 'networkidle' });
	await page.waitForSelector(NODE, { timeout: 60_000 });
	await page.waitForTimeout(1500);
	// Toasts ("Problem in node …") would cover the panel.
	for (const close of await page.locator('.el-notification__closeBtn').all()) await close.click().catch(() => undefined);
	if (nodeName) {
		await page.locator(`${NODE}[data-node-name="${nodeName}"]`).dblclick();
		await page.waitForTimeout(2000);
	}
	if (outputAs) {
		await page.locator('[data-test-id="output-panel"] [data-test-id="ndv-run-data-display-mode"]').getByText(outputAs, { exact: true }).click();
		await page.waitForTimeout(1000);
	}
}

export async function shootMonitoring(page: Page, url: string, s: MonitoringStage, outDir: string): Promise<string[]> {
	const saved: string[] = [];
	const shot = async (name: string) => {
		const target = join(outDir, `n8n-monitoring-${name}.png`);
		await page.screenshot({ path: target });
		saved.push(target);
		log(`saved ${target}`);
	};

	await page.goto(`${url}/home/executions`, { waitUntil: 'networkidle' });
	await page.waitForSelector('[data-test-id="global-execution-list-item"]', { timeout: 60_000 });
	await page.waitForTimeout(1000);
	await shot('executions');
	await page.locator('[data-test-id="executions-filter-button"]').click();
	await page.waitForSelector('[data-test-id="execution-filter-form"]', { timeout: 20_000 });
	await page.waitForTimeout(800);
	await shot('executions-filter');
	await page.keyboard.press('Escape');

	await openExecution(page, url, s.syncId, s.failedId, 'Create or Update 17hats Contract');
	await shot('failed-execution');

	await page.goto(`${url}/workflow/${s.syncId}`, { waitUntil: 'networkidle' });
	await page.waitForSelector(NODE, { timeout: 60_000 });
	await page.waitForTimeout(1000);
	await page.locator('[data-test-id="workflow-menu"]').click();
	await page.locator('[data-test-id="workflow-menu-item-settings"]').click();
	await page.waitForSelector('[data-test-id="workflow-settings-error-workflow"]', { timeout: 20_000 });
	await page.waitForTimeout(1000);
	await shot('error-workflow-setting');
	await page.keyboard.press('Escape');

	await openExecution(page, url, s.alertId, s.alertRunId, 'Compose Alert', 'Schema');
	await shot('alert');

	await openExecution(page, url, s.reportId, s.reportRunId, 'Compose Report', 'Schema');
	await shot('report');
	return saved;
}

/** Stages the runs, then captures the screens: docs/images/n8n-monitoring-*.png. */
export async function captureMonitoringScreens(page: Page, pg: Playground, outDir: string): Promise<string[]> {
	return await shootMonitoring(page, pg.n8n.url, await stageMonitoring(pg), outDir);
}
