/**
 * Runs scripts/bench/sync10k.ts in a child process against a fake 17hats in
 * this one, and returns what it measured.
 */
import { execFile } from 'child_process';
import { resolve } from 'path';

import { startHatsSandbox } from '../../sandbox/hats';
import type { SyncMemoryResult } from './sync10k';

export type { SyncMemoryResult } from './sync10k';

export async function runSyncMemory(items: number, dryRun: boolean): Promise<SyncMemoryResult> {
	// The limit is not what is measured here.
	const hats = await startHatsSandbox({ port: 0, seed: false, rateLimit: { max: 10_000_000, windowMs: 60_000 } });
	try {
		const stdout = await new Promise<string>((done, fail) => {
			execFile(
				process.execPath,
				['--require', 'tsx/cjs', '--expose-gc', resolve(__dirname, 'sync10k.ts'), hats.url, String(items), String(dryRun)],
				{ env: { ...process.env, BENCH_HATS_API_KEY: hats.apiKey }, maxBuffer: 16 * 1024 * 1024 },
				(error, out, err) => (error ? fail(new Error(`${error.message}\n${err}`)) : done(out)),
			);
		});
		return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as SyncMemoryResult;
	} finally {
		await hats.close();
	}
}
