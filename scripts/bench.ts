/**
 * Speed at the limits: `npm run bench` prints one table and writes
 * docs/benchmarks.md and docs/benchmarks.json. A measurement, not a test
 * (test/sandbox/bench.smoke.test.ts runs a small version for correctness).
 *
 * - backfill: N items through the GHL node and the 17hats node, one request
 *   each, against the fake APIs with a tight limit, in fixed and sliding
 *   windows: 429s, the busiest sliding window at the server, % of ceiling.
 * - peer: the same kind of backfill on one fake GHL at 100 / 10 s with n8n's
 *   built-in HighLevel node (defaults, Retry On Fail, and the naive loop) and
 *   with this package's GHL node (and GHL node → sync node).
 * - sync10k: 10,000 contacts through the sync node in a child process: peak RSS.
 * - mapping: µs per item of normalising and mapping a GHL record, 100 to 10,000.
 * - webhook: GHL Trigger intake of signed deliveries next to raw verify + parse.
 *
 * Exits 1 when a run of this package's nodes got a 429, failed an item or put
 * more than the limit into any sliding window at the server.
 *
 * Options (env): BENCH_ITEMS (300), BENCH_LIMIT (50), BENCH_WINDOW_MS (2000),
 * BENCH_CONCURRENCY (10); BENCH_PEER_ITEMS (300); BENCH_SYNC_ITEMS (10000),
 * BENCH_SYNC_DRY_RUN (true); BENCH_SECTIONS (backfill,peer,sync10k,mapping,webhook);
 * BENCH_WEBHOOK_DELIVERIES (2000).
 * The docs are written only when every section ran.
 */
import '../test/support/setupEnv';

import { writeFileSync } from 'fs';
import { loadavg } from 'os';
import { resolve } from 'path';

import type { WindowKind } from '../sandbox/common/rateLimit';
import { backfillGhl, backfillHats, type BackfillResult, type BackfillSettings } from './bench/backfill';
import { runMapping } from './bench/mapping';
import { runSyncMemory } from './bench/memory';
import { DEFAULT_WEBHOOK_SETTINGS, runWebhook } from './bench/webhook';
import { GHL_DOCUMENTED_LIMIT, runPeer, type PeerRow } from './bench/peer';
import { consoleTable, machineInfo, machineLine, markdownTable, type TableRow } from './bench/report';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

const settings = {
	backfill: {
		items: num('BENCH_ITEMS', 300),
		limit: num('BENCH_LIMIT', 50),
		windowMs: num('BENCH_WINDOW_MS', 2000),
		concurrency: num('BENCH_CONCURRENCY', 10),
	},
	peer: { items: num('BENCH_PEER_ITEMS', 300), ...GHL_DOCUMENTED_LIMIT, kind: 'fixed' as WindowKind },
	sync10k: { items: num('BENCH_SYNC_ITEMS', 10_000), dryRun: process.env.BENCH_SYNC_DRY_RUN !== 'false' },
	mapping: { sizes: [100, 1_000, 10_000] },
	webhook: { ...DEFAULT_WEBHOOK_SETTINGS, deliveries: num('BENCH_WEBHOOK_DELIVERIES', DEFAULT_WEBHOOK_SETTINGS.deliveries) },
};

const ALL_SECTIONS = ['backfill', 'peer', 'sync10k', 'mapping', 'webhook'];
const sections = (process.env.BENCH_SECTIONS ?? ALL_SECTIONS.join(',')).split(',').map((s) => s.trim());

const TARGETS = {
	pctOfCeiling: 97,
	peakRssMb: 300,
	usPerItem: 15,
	/** µs/item at 10,000 over µs/item at 100: "flat". */
	mappingGrowth: 1.5,
	/** Trigger intake over raw verify + parse. */
	webhookRatioToRaw: 0.8,
	/** Intake with 50,000 remembered ids over intake with none (≤ 10 % slower). */
	webhookRatioFullStore: 0.9,
};

const rows: TableRow[] = [];
const results: Record<string, unknown> = {};
/** Correctness problems: any makes the run exit 1. */
const problems: string[] = [];
/** Speed and memory targets: reported, not failed (they depend on the machine). */
const targets: Array<{ target: string; met: boolean; value: string }> = [];

function checkCorrect(label: string, r: { http429: number; failed: number; maxInAnyWindow: number }, limit: number): void {
	if (r.http429 > 0) problems.push(`${label}: ${r.http429} × 429`);
	if (r.failed > 0) problems.push(`${label}: ${r.failed} failed items`);
	if (r.maxInAnyWindow > limit) problems.push(`${label}: OVER THE LIMIT, ${r.maxInAnyWindow} requests in one sliding window (limit ${limit})`);
}

function backfillRow(r: BackfillResult): TableRow {
	return {
		section: 'backfill',
		run: r.label,
		items: `${r.succeeded} / ${r.failed}`,
		requests: `${r.requests} (${r.http429})`,
		busiest: `${r.maxInAnyWindow} / ${r.limit}`,
		wallMs: r.wallMs,
		pctOfCeiling: r.pctOfCeiling,
		note: `each window ${r.windowLagMs} ms longer than the limit needs`,
	};
}

/** One API's backfill runs (fixed and sliding windows) summed up: the worst of each measure. */
function summary(runs: BackfillResult[]) {
	return {
		pctOfCeiling: Math.min(...runs.map((r) => r.pctOfCeiling)),
		http429: runs.reduce((n, r) => n + r.http429, 0),
		succeeded: runs.reduce((n, r) => n + r.succeeded, 0),
		failed: runs.reduce((n, r) => n + r.failed, 0),
		maxInAnyWindow: Math.max(...runs.map((r) => r.maxInAnyWindow)),
		runs,
	};
}

async function backfillSection(): Promise<void> {
	const base: Omit<BackfillSettings, 'kind'> = settings.backfill;
	const kinds: WindowKind[] = ['fixed', 'sliding'];
	const ghl: BackfillResult[] = [];
	const hats: BackfillResult[] = [];
	for (const kind of kinds) ghl.push(await backfillGhl({ ...base, kind }));
	for (const kind of kinds) hats.push(await backfillHats({ ...base, kind }));
	for (const r of [...ghl, ...hats]) {
		rows.push(backfillRow(r));
		checkCorrect(`backfill ${r.label}`, r, r.limit);
	}
	const [g, h] = [summary(ghl), summary(hats)];
	results.backfill = {
		...base,
		ghl: g,
		hats: h,
		maxInAnyWindow: { ghl: g.maxInAnyWindow, hats: h.maxInAnyWindow, limit: base.limit },
	};
	for (const [api, s] of [['GHL', g], ['17hats', h]] as const) {
		targets.push({ target: `backfill ${api} ≥ ${TARGETS.pctOfCeiling} % of ceiling`, met: s.pctOfCeiling >= TARGETS.pctOfCeiling, value: `${s.pctOfCeiling} %` });
	}
}

async function peerSection(): Promise<void> {
	const peer = await runPeer(settings.peer);
	const byKey: Record<string, PeerRow> = {};
	for (const r of peer) {
		byKey[r.key] = r;
		rows.push({
			section: `peer (GHL ${settings.peer.limit} / ${settings.peer.windowMs / 1000} s)`,
			run: r.label,
			items: `${r.succeeded} / ${r.failed}`,
			requests: `${r.requests} (${r.http429})`,
			busiest: `${r.maxInAnyWindow} / ${settings.peer.limit}`,
			wallMs: r.wallMs,
			pctOfCeiling: r.pctOfCeiling,
			note: r.error ? `stopped: ${r.error}` : r.key === 'oursSync' ? 'ceiling of the GHL requests; the sync\'s 17hats requests come after them' : undefined,
		});
		if (r.key === 'ours' || r.key === 'oursSync') checkCorrect(`peer ${r.label}`, r, settings.peer.limit);
	}
	results.peer = { ...settings.peer, ...byKey };
}

async function syncSection(): Promise<void> {
	const { items, dryRun } = settings.sync10k;
	const r = await runSyncMemory(items, dryRun);
	rows.push({
		section: 'sync10k',
		run: `${items} contacts through the sync node${dryRun ? ' (dry run)' : ''}, defaults`,
		items: `${r.succeeded} / ${r.failed}`,
		wallMs: r.wallMs,
		note: `peak RSS ${r.peakRssMb} MB (${r.baselineRssMb} MB before the run); heap after a full GC ${r.heapAfterMb} MB (${r.heapBeforeMb} MB before); credential reads per item ${r.credentialReadsPerItem}`,
	});
	if (r.failed > 0) problems.push(`sync10k: ${r.failed} failed items`);
	results.sync10k = r;
	targets.push({ target: `sync10k peak RSS ≤ ${TARGETS.peakRssMb} MB`, met: r.peakRssMb <= TARGETS.peakRssMb, value: `${r.peakRssMb} MB` });
	targets.push({ target: 'credentials read at most once per item (sync node)', met: r.credentialReadsPerItem <= 1, value: String(r.credentialReadsPerItem) });
}

function mappingSection(): void {
	const r = runMapping(settings.mapping.sizes);
	const series = (by: Record<number, number>) => settings.mapping.sizes.map((s) => by[s]).join(' / ');
	rows.push({
		section: 'mapping',
		run: `normalise + map, ${settings.mapping.sizes.join(' / ')} records`,
		note: `µs/item: contact ${series(r.contact)}; invoice (contact + contract + invoice) ${series(r.invoice)}; growth ×${r.growth}`,
	});
	results.mapping = r;
	targets.push({ target: `mapping ≤ ${TARGETS.usPerItem} µs/item`, met: r.usPerItem <= TARGETS.usPerItem, value: `${r.usPerItem} µs` });
	targets.push({ target: `mapping flat (growth ≤ ×${TARGETS.mappingGrowth})`, met: r.growth <= TARGETS.mappingGrowth, value: `×${r.growth}` });
}

async function webhookSection(): Promise<void> {
	const r = await runWebhook(settings.webhook);
	const us = (perSecond: number) => (1e6 / perSecond).toFixed(0);
	rows.push({
		section: 'webhook',
		run: `GHL Trigger webhook(), ${r.bodyBytes} B InvoicePaid, Ed25519`,
		items: `${r.accepted} / ${r.refused}`,
		note: `${r.eventsPerSecond}/s (${us(r.eventsPerSecond)} µs) vs raw verify + parse ${r.rawEventsPerSecond}/s (${us(r.rawEventsPerSecond)} µs): ×${r.ratioToRaw}; with ${r.storeSize} remembered ids ${r.fullStoreEventsPerSecond}/s: ×${r.ratioFullStore}`,
	});
	if (r.refused > 0) problems.push(`webhook: ${r.refused} signed deliveries refused`);
	results.webhook = r;
	targets.push({ target: `webhook intake ≥ ${TARGETS.webhookRatioToRaw} of raw verify + parse`, met: r.ratioToRaw >= TARGETS.webhookRatioToRaw, value: `×${r.ratioToRaw}` });
	targets.push({ target: `webhook intake with ${r.storeSize} remembered ids ≥ ${TARGETS.webhookRatioFullStore} of none`, met: r.ratioFullStore >= TARGETS.webhookRatioFullStore, value: `×${r.ratioFullStore}` });
}

function markdown(machine: ReturnType<typeof machineInfo>, at: string): string {
	const b = settings.backfill;
	return [
		'# Benchmarks',
		'',
		`Generated by \`npm run bench\` (scripts/bench.ts) on ${at}. Raw numbers: [benchmarks.json](benchmarks.json).`,
		'',
		`**Machine:** ${machineLine(machine)}.`,
		'',
		'**Settings**',
		`- backfill: ${b.items} items, one request each (GHL node *Location: Get*, 17hats node *Account: Get*), fake server limit ${b.limit} requests / ${b.windowMs / 1000} s, in fixed and in sliding windows; Request Options → Concurrency ${b.concurrency}.`,
		`- peer: ${settings.peer.items} contacts by id on one fake GHL at ${settings.peer.limit} / ${settings.peer.windowMs / 1000} s (fixed window), each run with fresh windows. n8n's built-in HighLevel node v2 (n8n-nodes-base 2.40.2, credential \`highLevelOAuth2Api\`) runs unchanged; its requests to https://services.leadconnectorhq.com are forwarded to the fake GHL by nock. The naive way: Loop Over Items with batch size 1 around the built-in node with Retry On Fail (5 tries, 5 s apart, n8n's maximum).`,
		`- sync10k: ${settings.sync10k.items} GHL contacts through the GHL to 17hats Sync node${settings.sync10k.dryRun ? ' in dry run' : ''} (its default options) in a child process against the fake 17hats; peak RSS is the child's \`ru_maxrss\` (n8n-core, the package and the input included); the heap after a full GC, with the output still held, shows what the run keeps.`,
		`- webhook: the GHL Trigger's \`webhook()\` in n8n-core's WebhookContext (a context per delivery, as n8n builds it; n8n's HTTP server, body parser and the execution an accepted delivery starts are not counted), Event = All, Ed25519 verification, an IP allowlist of 3 ranges, replay guard on; ${settings.webhook.deliveries} distinct signed InvoicePaid deliveries per pass, ${settings.webhook.rounds} rounds alternating: store empty, store holding ${settings.webhook.storedIds} ids (each after untimed deliveries that settle the store), and raw \`crypto.verify\` + \`JSON.parse\` of the same bodies; CPU time; each rate is the best of its rounds (the fastest pass is the least disturbed by other processes; every round's time is in benchmarks.json).`,
		`- mapping: \`normalizeItem\` + \`applyMapping\` (built code) on HighLevel's ContactCreate / InvoiceSent examples, each record different; CPU time per item (\`process.cpuUsage\`, so time lost to other processes does not count), median of 7 samples of at least 20,000 items.`,
		'',
		'**Definitions**',
		'- *Busiest window*: the most requests the fake server logged in any window-long stretch (a sliding window), 429s included.',
		'- *% of ceiling*: the shortest time the limit allows for the items ((⌈items / limit⌉ − 1) × window) over the wall time of the workflow; shown only when every item succeeded. The rest is the workflow\'s start, the last burst\'s own time and, per window, the time between a request\'s answer and the next request reaching the server (the backfill notes give that per window, from the server\'s log).',
		'- n8n stops a workflow at a node error: a node that stopped has 0 items out, whatever the server answered.',
		'',
		markdownTable(rows),
		'',
		'**Targets**',
		'',
		...targets.map((t) => `- ${t.met ? '✅' : '❌'} ${t.target}: ${t.value}`),
		'',
		'Correctness (0 × 429, 0 failed items, never above the limit in any sliding window for this package\'s nodes): ' +
			(problems.length === 0 ? 'no problem.' : problems.join('; ')),
		'',
	].join('\n');
}

async function main(): Promise<void> {
	const machine = machineInfo();
	const at = new Date().toISOString();
	console.log(`Benchmark: ${machineLine(machine)}\n`);
	const run = (name: string) => sections.includes(name);
	// Mapping first: timed in a process nothing else has warmed or filled yet.
	if (run('mapping')) mappingSection();
	if (run('backfill')) await backfillSection();
	if (run('peer')) await peerSection();
	if (run('sync10k')) await syncSection();
	if (run('webhook')) await webhookSection();
	machine.loadEnd = Math.round(loadavg()[0] * 100) / 100;

	console.log(consoleTable(rows));
	console.log('');
	for (const t of targets) console.log(`${t.met ? 'met   ' : 'MISSED'} ${t.target}: ${t.value}`);
	console.log(problems.length === 0 ? '\nNo 429, no failed item, no window over the limit.' : `\n${problems.join('\n')}`);

	if (ALL_SECTIONS.every(run)) {
		const docs = resolve(__dirname, '..', 'docs');
		writeFileSync(resolve(docs, 'benchmarks.md'), markdown(machine, at));
		writeFileSync(resolve(docs, 'benchmarks.json'), `${JSON.stringify({ generatedAt: at, machine, settings, ...results, problems }, null, 2)}\n`);
		console.log('\nWrote docs/benchmarks.md and docs/benchmarks.json.');
	} else {
		console.log(`\nOnly ${sections.join(', ')} ran: docs/benchmarks.* left as they are.`);
	}
	process.exitCode = problems.length > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
