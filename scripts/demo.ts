/**
 * `npm run demo`: every workflow template in templates/ runs end to end on the
 * local sandbox — the fake GHL delivers signed webhooks (or is polled, or read
 * by a manual/scheduled run), the template executes in n8n's own engine
 * (n8n-core WorkflowExecute, with n8n-nodes-base for the core nodes), and the
 * records land in the fake 17hats. Prints a report per flow and a sample of the
 * synced records; the 17hats → GHL templates change 17hats through its API,
 * the 17hats Trigger polls it, and GHL is updated (with the writes counted).
 * Exits non-zero if any flow fails. Loopback only: no account,
 * key or network is needed.
 *
 * The engine, trigger runner and scenarios are the test modules
 * (test/support/templates.ts, templateScenarios.ts), so the demo runs exactly
 * what `npm test` checks.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { mask } from './mask';

// n8n-core keeps instance settings under N8N_USER_FOLDER: use a throwaway one (before n8n-core loads).
const userFolder = mkdtempSync(join(tmpdir(), 'n8n-ghl17hats-demo-'));
process.env.N8N_USER_FOLDER = userFolder;
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL ?? 'silent';

type IDataObject = Record<string, unknown>;

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number) => (s: string) => (useColor ? `\u001b[${code}m${s}\u001b[0m` : s);
const bold = paint(1);
const dim = paint(2);
const green = paint(32);
const red = paint(31);

function counts(byKind: Record<string, number> | undefined): string {
	if (!byKind) return '0';
	const total = Object.values(byKind).reduce((a, b) => a + b, 0);
	const parts = Object.entries(byKind)
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([k, n]) => `${k} ${n}`);
	return `${total}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

/** The 17hats to GHL Sync's output items (they list `writes`; the GHL to 17hats Sync's list `steps`). */
function reverseItems(runs: Array<{ syncOutputs: IDataObject[] }>): IDataObject[] {
	return runs.flatMap((r) => r.syncOutputs).filter((o) => Array.isArray(o.writes));
}

function byEntity(items: IDataObject[]): Record<string, number> | undefined {
	if (items.length === 0) return undefined;
	const out: Record<string, number> = {};
	for (const o of items) out[String(o.entity)] = (out[String(o.entity)] ?? 0) + 1;
	return out;
}

function ms(n: number): string {
	return n < 1000 ? `${n} ms` : `${(n / 1000).toFixed(1)} s`;
}

function pad(s: string, n: number): string {
	return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

async function main(): Promise<number> {
	const { startSandbox } = await import('../sandbox/index');
	const { hatsState, templateFiles, templateHarness, totals } = await import('../test/support/templates');
	const { scenarios } = await import('../test/support/templateScenarios');
	const { ExecutionStore, startExecutionsApi } = await import('../test/support/executionsApi');

	const t0 = Date.now();
	// 17hats' sandbox limit is 120 requests/min per key. The demo sends more than that in its
	// first minute, so at 120 it takes ~65 s, waiting for the window without a single 429 or
	// failure (checked); it allows 600 to finish in seconds. The backfill injects 429/503 instead.
	const hatsLimit = { max: 600, windowMs: 60_000 };
	const sandbox = await startSandbox({ ghlPort: 0, hatsPort: 0, hats: { rateLimit: hatsLimit } });
	// n8n's executions list: every flow's executions are saved, and the report template reads them through n8n's API.
	const executions = new ExecutionStore();
	const n8nApi = await startExecutionsApi(executions, { apiKey: `demo-n8n-api-key-${Date.now()}` });
	const env = {
		ghl: sandbox.ghl,
		hats: sandbox.hats,
		sink: sandbox.sink,
		workflowSecret: 'demo-workflow-secret-7f3a9c2e51b84d06',
		executions,
		n8nApi: { baseUrl: n8nApi.baseUrl, apiKey: n8nApi.apiKey },
	};
	let exitCode = 0;
	try {
		await templateHarness();
		console.log(bold('GHL ⇄ 17hats: every workflow template, end to end, on the local sandbox'));
		console.log(`  fake GHL      ${env.ghl.url}   location ${env.ghl.locationId}, Private Integration Token ${mask(env.ghl.token)}`);
		console.log(`  fake 17hats   ${env.hats.url}   API key ${mask(env.hats.apiKey)}, rate limit ${hatsLimit.max} requests/min`);
		console.log(`  channel       ${env.sink.origin}/hooks/<channel>   webhook sink standing in for Slack/Teams/…, alerts and reports land here`);
		console.log(`  n8n API       ${env.n8nApi.baseUrl}/executions   the executions saved by this demo, for the report template (API key ${mask(env.n8nApi.apiKey)})`);
		console.log('  engine        n8n-core 2.40.3 WorkflowExecute + n8n-nodes-base 2.40.2 (the versions n8n 2.40.7 ships), package loaded from dist/');
		console.log(dim('  Webhooks are signed by the fake GHL (Ed25519) and verified by the GHL Trigger; the document workflow webhook uses a shared secret (a GHL Webhook Shared Secret credential).'));

		const files = templateFiles();
		const missing = files.filter((f) => !scenarios.some((s) => s.file === f));
		if (missing.length) throw new Error(`No demo scenario for: ${missing.join(', ')}`);

		const summary: Array<{ file: string; ok: boolean; line: string }> = [];
		for (const [index, scenario] of scenarios.entries()) {
			const before = await hatsState(env);
			const started = Date.now();
			console.log(`\n${bold(`[${index + 1}/${scenarios.length}] ${scenario.title}`)}`);
			console.log(dim(`      templates/${scenario.file}`));
			let ok = true;
			try {
				const result = await scenario.run(env);
				const elapsed = Date.now() - started;
				const after = await hatsState(env);
				const t = totals(result.runner.runs);
				for (const line of result.story) console.log(`      · ${line}`);
				const inParts: string[] = [];
				if (result.webhooks) {
					const w = result.webhooks;
					inParts.push(`${w.received} webhook deliveries (${w.started} started an execution, ${w.ignored} ignored, ${w.rejected} refused)`);
				}
				if (result.polls) inParts.push(`${result.polls.events} poll events`);
				if (t.ghlRecordsRead) inParts.push(`${t.ghlRecordsRead} GHL records read`);
				console.log(`  events in       ${inParts.join('; ') || '—'}`);
				console.log(`  executions      ${t.executions} (${t.failedExecutions} failed)`);
				console.log(`  sync items      ${Object.entries(t.items).map(([a, n]) => `${a} ${n}`).join(', ') || 'none'}`);
				console.log(`  17hats records  created ${counts(t.records.created)}`);
				console.log(`                  updated ${counts(t.records.updated)}`);
				console.log(`                  skipped ${counts(t.records.skipped)}`);
				console.log(`                  failed  ${counts(t.records.failed)}`);
				const delta = Object.keys(after.data)
					.map((r) => [r, (after.data[r]?.length ?? 0) - (before.data[r]?.length ?? 0)] as const)
					.filter(([, d]) => d !== 0)
					.map(([r, d]) => `${r} ${d > 0 ? '+' : ''}${d}`);
				console.log(`  17hats store    ${delta.join(', ') || 'no new records'} ${dim('(GET /__admin/state)')}`);
				// 17hats → GHL syncs: their items are GHL records (contact, opportunity, invoice payment).
				const reverse = reverseItems(result.runner.runs);
				if (reverse.length) console.log(`  GHL records     ${['created', 'updated', 'skipped'].map((a) => `${a} ${counts(byEntity(reverse.filter((o) => o.action === a)))}`).join('; ')}`);
				if (result.writes) console.log(`  writes          GHL ${result.writes.ghl}, 17hats ${result.writes.hats} ${dim("(sent by the syncs, from the fakes' request logs)")}`);
				for (const s of result.settled ?? []) console.log(`  settled         ${s.change}: ${s.rounds} rounds, GHL ${s.ghl} / 17hats ${s.hats} writes`);
				console.log(`  time            ${ms(elapsed)} ${dim(`(engine ${ms(t.ms)})`)}`);
				if (result.delivered) console.log(`  to the channel  ${result.delivered.length} POST(s) ${dim(`(${env.sink.origin}/__admin/sink)`)}`);
				if (t.errors.length) for (const e of t.errors) console.log(red(`  error           ${e}`));
				ok = t.failedExecutions === 0 && !t.records.failed && (t.items.failed ?? 0) === 0 && t.executions > 0 && result.delivered?.length !== 0;
				const reverseCount = (action: string) => reverseItems(result.runner.runs).filter((o) => o.action === action).length;
				const created = Object.values(t.records.created ?? {}).reduce((a, b) => a + b, 0) + reverseCount('created');
				const updated = Object.values(t.records.updated ?? {}).reduce((a, b) => a + b, 0) + reverseCount('updated');
				const skipped = Object.values(t.records.skipped ?? {}).reduce((a, b) => a + b, 0) + reverseCount('skipped');
				summary.push({
					file: scenario.file,
					ok,
					line: `${pad(String(t.executions), 5)} ${pad(String(created), 8)} ${pad(String(updated), 8)} ${pad(String(skipped), 8)} ${pad(String(t.records.failed ? counts(t.records.failed) : 0), 7)} ${ms(elapsed)}`,
				});
			} catch (error) {
				ok = false;
				console.log(red(`  FAILED: ${(error as Error).stack ?? String(error)}`));
				summary.push({ file: scenario.file, ok, line: 'scenario failed' });
			}
			console.log(`  result          ${ok ? green('OK') : red('FAILED')}`);
			if (!ok) exitCode = 1;
		}

		console.log(`\n${bold('Summary')}  ${dim('(records per flow: 17hats records, a sync item touching several (contact, project, document, contract, invoice …); GHL records for the 17hats → GHL flows)')}`);
		console.log(`  ${pad('template', 58)} ${pad('runs', 5)} ${pad('created', 8)} ${pad('updated', 8)} ${pad('skipped', 8)} ${pad('failed', 7)} time`);
		for (const s of summary) console.log(`  ${s.ok ? green('✓') : red('✗')} ${pad(s.file, 56)} ${s.line}`);

		const state = await hatsState(env);
		console.log(`\n${bold('Sample of the synced records in the fake 17hats')} ${dim(`(${env.hats.origin}/__admin/state)`)}`);
		const fromGhl = (r: IDataObject) => {
			const m = (r.metadata ?? {}) as IDataObject;
			return m.source === 'ghl' || m.source === 'ghl-sync';
		};
		const show: Array<[string, string[]]> = [
			['contacts', ['contact_id', 'first_name', 'last_name', 'email', 'phone', 'type', 'external_id']],
			['documents', ['document_id', 'name', 'document_type', 'status', 'contact_id', 'external_id']],
			['contracts', ['contract_id', 'name', 'status', 'amount', 'currency', 'renewal_date', 'document_ids', 'external_id']],
			['invoices', ['invoice_id', 'number', 'status', 'amount', 'amount_paid', 'contract_id', 'external_id']],
		];
		for (const [resource, fields] of show) {
			const rows = (state.data[resource] ?? []).filter(fromGhl);
			console.log(`  ${bold(resource)}: ${rows.length} from GHL (of ${(state.data[resource] ?? []).length})`);
			for (const row of rows.slice(0, resource === 'documents' ? 6 : 4)) {
				const parts = fields
					.filter((f) => row[f] !== undefined && row[f] !== null && !(Array.isArray(row[f]) && (row[f] as unknown[]).length === 0))
					.map((f) => `${f}=${Array.isArray(row[f]) ? `[${(row[f] as unknown[]).join(',')}]` : String(row[f])}`);
				console.log(`    ${parts.join('  ')}`);
			}
		}

		console.log(`\n${bold('Open the same flows in a real n8n editor')}`);
		console.log('  npm run n8n          # real n8n 2.40.7 with this package, the templates imported and wired to the sandbox');
		console.log('  or import by hand:   n8n → Workflows → Import from File → templates/<file>.json, then follow its sticky notes');
		console.log('  (setup per template, credentials and scopes: docs/templates.md)');
		console.log(`\n${exitCode === 0 ? green(bold('All flows OK')) : red(bold('Some flows FAILED'))} in ${ms(Date.now() - t0)}`);
	} finally {
		await n8nApi.close();
		await sandbox.close();
		rmSync(userFolder, { recursive: true, force: true });
	}
	return exitCode;
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		console.error(red(`demo failed: ${error.stack ?? String(error)}`));
		process.exit(1);
	},
);
