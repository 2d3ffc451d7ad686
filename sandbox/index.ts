/**
 * Starts both fake servers: GHL (default 127.0.0.1:4010) and 17hats
 * (default 127.0.0.1:4020). Env SANDBOX_GHL_PORT / SANDBOX_HATS_PORT override
 * the defaults; 0 picks a free port.
 */
import type { FaultConfig } from './common/faults';
import type { LimiterOptions } from './common/rateLimit';
import { startGhlSandbox } from './ghl';
import { startHatsSandbox, type HatsSandbox, type HatsSandboxOptions } from './hats';
import { DEFAULT_GHL_PORT, DEFAULT_HATS_PORT } from './ports';

export { startHatsSandbox, type HatsSandbox, type HatsSandboxOptions } from './hats';
export { startGhlSandbox } from './ghl';

export type GhlSandbox = Awaited<ReturnType<typeof startGhlSandbox>>;

export interface SandboxOptions {
	ghlPort?: number;
	hatsPort?: number;
	/** Seed both servers with a little data (default true). */
	seed?: boolean;
	ghl?: { rateLimit?: LimiterOptions; faults?: FaultConfig };
	hats?: Omit<HatsSandboxOptions, 'port' | 'seed'>;
}

export interface Sandbox {
	ghl: GhlSandbox;
	hats: HatsSandbox;
	close(): Promise<void>;
}

export { DEFAULT_GHL_PORT, DEFAULT_HATS_PORT } from './ports';

function portFrom(explicit: number | undefined, envName: string, fallback: number): number {
	if (explicit !== undefined) return explicit;
	const raw = process.env[envName];
	if (raw === undefined || raw === '') return fallback;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${envName} must be a port number (0 = any free port), got "${raw}"`);
	return n;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
	const seed = opts.seed ?? true;
	const ghlPort = portFrom(opts.ghlPort, 'SANDBOX_GHL_PORT', DEFAULT_GHL_PORT);
	const hatsPort = portFrom(opts.hatsPort, 'SANDBOX_HATS_PORT', DEFAULT_HATS_PORT);
	const [ghl, hats] = await Promise.allSettled([
		startGhlSandbox({ port: ghlPort, seed, ...(opts.ghl ?? {}) }),
		startHatsSandbox({ ...(opts.hats ?? {}), port: hatsPort, seed }),
	]);
	if (ghl.status === 'rejected' || hats.status === 'rejected') {
		// Do not leave the other server listening when one failed (e.g. port in use).
		if (ghl.status === 'fulfilled') await ghl.value.close();
		if (hats.status === 'fulfilled') await hats.value.close();
		throw ghl.status === 'rejected' ? ghl.reason : (hats as PromiseRejectedResult).reason;
	}
	return {
		ghl: ghl.value,
		hats: hats.value,
		close: async () => {
			await Promise.all([ghl.value.close(), hats.value.close()]);
		},
	};
}
