/**
 * Memory: N GHL contacts through the GHL to 17hats Sync node in n8n's engine,
 * in a process of its own so its peak RSS is the sync's alone (the fake
 * 17hats runs in the parent). Prints one JSON line: SyncMemoryResult.
 *
 *   node --require tsx/cjs --expose-gc scripts/bench/sync10k.ts <17hats base URL> <items> <dryRun: true|false>
 * with the API key in BENCH_HATS_API_KEY (tsx's CommonJS hook runs in the
 * process; its ESM loader would add a worker thread to the RSS).
 */
import '../../test/support/setupEnv';

import { createHarness, FixtureCredentialsHelper, nodeType } from '../../test/support/harness';
import { ghlContacts } from './records';

export interface SyncMemoryResult {
	items: number;
	dryRun: boolean;
	succeeded: number;
	failed: number;
	actions: Record<string, number>;
	wallMs: number;
	peakRssMb: number;
	/** RSS before the run (n8n-core and the package loaded, the input built). */
	baselineRssMb: number;
	/** Heap in use before the run and after it (a full GC, the output still held): what the run keeps. */
	heapBeforeMb: number;
	heapAfterMb: number;
	/** Times n8n was asked for the 17hats credential (its decrypted data), per item. */
	credentialReadsPerItem: number;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** With --expose-gc: the heap in use once garbage is gone. */
function liveHeapMb(): number {
	(globalThis as { gc?: () => void }).gc?.();
	return mb(process.memoryUsage().heapUsed);
}

async function main(): Promise<void> {
	const [baseUrl, count, dry] = process.argv.slice(2);
	const items = Number(count);
	const dryRun = dry === 'true';
	const harness = await createHarness();
	const input = ghlContacts(items).map((json) => ({ json }));
	const heapBeforeMb = liveHeapMb();
	const baselineRssMb = mb(process.memoryUsage().rss);
	// Count what n8n would read from its database and decrypt.
	let credentialReads = 0;
	const getDecrypted = FixtureCredentialsHelper.prototype.getDecrypted;
	FixtureCredentialsHelper.prototype.getDecrypted = async function (this: FixtureCredentialsHelper, ...args: Parameters<typeof getDecrypted>) {
		credentialReads++;
		return await getDecrypted.apply(this, args);
	};
	const started = Date.now();
	const result = await harness.runWorkflow({
		nodes: [{ name: 'Sync', type: nodeType('ghlTo17hatsSync'), onError: 'continueRegularOutput', parameters: { entity: 'contact', dryRun } }],
		input,
		credentials: { seventeenHatsApi: { apiKey: process.env.BENCH_HATS_API_KEY ?? '', baseUrl, scopes: [] } } as never,
	});
	const wallMs = Date.now() - started;
	// ru_maxrss is in kilobytes on Linux; read before the GC below.
	const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
	const error = result.error('Sync');
	if (error) throw new Error(`The sync node failed: ${error.message}`);
	const output = result.output('Sync');
	const actions: Record<string, number> = {};
	for (const item of output) actions[String(item.action)] = (actions[String(item.action)] ?? 0) + 1;
	const succeeded = output.filter((item) => item.error === undefined && item.action !== 'failed').length;
	const out: SyncMemoryResult = {
		items,
		dryRun,
		succeeded,
		failed: items - succeeded,
		actions,
		wallMs,
		peakRssMb,
		baselineRssMb,
		heapBeforeMb,
		heapAfterMb: liveHeapMb(),
		credentialReadsPerItem: Math.round((credentialReads / items) * 100) / 100,
	};
	process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((e: unknown) => {
	process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
	process.exit(1);
});
