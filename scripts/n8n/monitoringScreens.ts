/**
 * Screenshots for the README's Monitoring section, taken from the real n8n
 * editor of the playground (`npm run n8n:screenshots` calls this after the
 * template canvases): a sync fails and raises the alert, the daily report
 * runs, then the executions list, the failed execution, the Error workflow
 * setting, the alert and the report are captured.
 */
import { join } from 'path';

import type { Page } from 'playwright-core';

import { log } from './lib';
import { executionsOf, nextFinished, runFromTrigger, setUpAlert, setUpReport } from './monitoringCases';
import type { Playground } from './playground';

const BROKEN_INVOICE_ID = '6fb1c0de0000badda7a0d0c5';

/** What `stageMonitoring` made happen: the workflow and execution ids to open. */
export interface MonitoringStage {
	syncId: string;
	alertId: string;
	reportId: string;
	failedId: string;
	alertRunId: string;
	reportRunId: string;
}

/** Makes things happen worth showing: synced records, a failed invoice sync with its alert, a report. */
export async function stageMonitoring(pg: Playground): Promise<MonitoringStage> {
	const { rest, sandbox, n8n } = pg;
	const wf = (prefix: string) => {
		const found = pg.workflows.find((w) => w.file.startsWith(prefix));
		if (!found) throw new Error(`no template ${prefix}`);
		return found.wf;
	};
	const hook = (prefix: string) => `${n8n.url}/webhook/${String(wf(prefix).nodes.find((n) => n.type.endsWith('.ghlTrigger'))?.webhookId)}/ghl`;
	const [alertWf, syncWf, reportWf] = [wf('08'), wf('03'), wf('09')];
	await setUpAlert(rest, alertWf.id, sandbox.sink.hookUrl('alerts'), [syncWf.id]);

	const syncBefore = await executionsOf(rest, { workflowId: syncWf.id });
	const alertBefore = await executionsOf(rest, { workflowId: alertWf.id });
	const contact = sandbox.ghl.store.contacts.values()[0] as { id: string };
	await sandbox.ghl.fire('ContactCreate', { to: hook('01'), overrides: { id: contact.id } });
	const paid = (sandbox.ghl.store.invoices.values() as Array<{ _id: string; status: string }>).find((i) => i.status === 'paid');
	await sandbox.ghl.fire('InvoicePaid', { to: hook('03'), overrides: { _id: paid?._id, id: paid?._id } });
	const synced = await nextFinished(rest, syncWf.id, syncBefore);
	await sandbox.ghl.fire('InvoiceSent', { to: hook('03'), overrides: { _id: BROKEN_INVOICE_ID, total: null } });
	const failed = await nextFinished(rest, syncWf.id, [...syncBefore, synced]);
	const alert = await nextFinished(rest, alertWf.id, alertBefore);

	await setUpReport(rest, n8n.url, reportWf.id, sandbox.sink.hookUrl('reports'));
	const reportBefore = await executionsOf(rest, { workflowId: reportWf.id });
	await runFromTrigger(rest, reportWf.id, 'Every Morning');
	const report = await nextFinished(rest, reportWf.id, reportBefore, 60_000);
	return { syncId: syncWf.id, alertId: alertWf.id, reportId: reportWf.id, failedId: failed.id, alertRunId: alert.id, reportRunId: report.id };
}

const NODE = '[data-test-id="canvas-node"]';

/** An execution's page (the workflow's executions on the left, the run on a read-only canvas), optionally with a node opened. */
async function openExecution(
	page: Page,
	url: string,
	workflowId: string,
	executionId: string,
	open: { node?: string; outputAs?: 'Schema' | 'JSON' } = {},
): Promise<void> {
	await page.goto(`${url}/workflow/${workflowId}/executions/${executionId}`, { waitUntil: 'networkidle' });
	await page.waitForSelector(NODE, { timeout: 60_000 });
	await page.waitForTimeout(1500);
	// Toasts ("Problem in node …") would cover the panel.
	for (const close of await page.locator('.el-notification__closeBtn').all()) await close.click().catch(() => undefined);
	if (open.node) {
		await page.locator(`${NODE}[data-node-name="${open.node}"]`).dblclick();
		// The panel fills in pieces (parameters, then the input's schema): wait until it is done.
		await page.getByText(/Loading fields/).first().waitFor({ state: 'hidden', timeout: 60_000 });
		await page.waitForTimeout(3000);
	}
	if (open.outputAs) {
		await page.locator('[data-test-id="output-panel"] [data-test-id="ndv-run-data-display-mode"]').getByText(open.outputAs, { exact: true }).click();
		await page.waitForTimeout(1000);
	}
}

export async function shootMonitoring(page: Page, url: string, s: MonitoringStage, outDir: string): Promise<string[]> {
	// The editor's pages load slowly on a busy machine: wait for them rather than fail.
	page.setDefaultNavigationTimeout(120_000);
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

	await openExecution(page, url, s.syncId, s.failedId, { node: 'Create or Update 17hats Contract' });
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

	await openExecution(page, url, s.alertId, s.alertRunId, { node: 'Compose Alert', outputAs: 'Schema' });
	await shot('alert');

	await openExecution(page, url, s.reportId, s.reportRunId, { node: 'Compose Report', outputAs: 'Schema' });
	await shot('report');
	return saved;
}

/** Stages the runs, then captures the screens: docs/images/n8n-monitoring-*.png. */
export async function captureMonitoringScreens(page: Page, pg: Playground, outDir: string): Promise<string[]> {
	return await shootMonitoring(page, pg.n8n.url, await stageMonitoring(pg), outDir);
}
