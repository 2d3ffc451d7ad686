/**
 * Starts both fake servers: GHL (default 127.0.0.1:4010) and 17hats
 * (default 127.0.0.1:4020). Env SANDBOX_GHL_PORT / SANDBOX_HATS_PORT override
 * the defaults; 0 picks a free port.
 */
import type { FaultConfig } from './common/faults';
import type { LimiterOptions } from './common/rateLimit';
import { startWebhookSink, type WebhookSink } from './common/sink';
import { startGhlSandbox } from './ghl';
import { startHatsSandbox, type HatsSandbox, type HatsSandboxOptions } from './hats';
import { DEFAULT_GHL_PORT, DEFAULT_HATS_PORT } from './ports';

export { startHatsSandbox, type HatsSandbox, type HatsSandboxOptions } from './hats';
export { startGhlSandbox } from './ghl';
export { startWebhookSink, type WebhookSink, type SinkEntry } from './common/sink';

export type GhlSandbox = Awaited<ReturnType<typeof startGhlSandbox>>;

export interface SandboxOptions {
	ghlPort?: number;
	hatsPort?: number;
	/** The webhook sink (alerts, reports); default any free port, env SANDBOX_SINK_PORT. */
	sinkPort?: number;
	/** Seed both servers with a little data (default true). */
	seed?: boolean;
	ghl?: { rateLimit?: LimiterOptions; faults?: FaultConfig };
	hats?: Omit<HatsSandboxOptions, 'port' | 'seed'>;
}

export interface Sandbox {
	ghl: GhlSandbox;
	hats: HatsSandbox;
	sink: WebhookSink;
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
	const sinkPort = portFrom(opts.sinkPort, 'SANDBOX_SINK_PORT', 0);
	const [ghl, hats, sink] = await Promise.allSettled([
		startGhlSandbox({ port: ghlPort, seed, ...(opts.ghl ?? {}) }),
		startHatsSandbox({ ...(opts.hats ?? {}), port: hatsPort, seed }),
		startWebhookSink({ port: sinkPort }),
	]);
	if (ghl.status === 'rejected' || hats.status === 'rejected' || sink.status === 'rejected') {
		// Do not leave the other servers listening when one failed (e.g. port in use).
		if (ghl.status === 'fulfilled') await ghl.value.close();
		if (hats.status === 'fulfilled') await hats.value.close();
		if (sink.status === 'fulfilled') await sink.value.close();
		throw [ghl, hats, sink].map((r) => (r.status === 'rejected' ? (r.reason as unknown) : undefined)).find((r) => r !== undefined);
	}
	return {
		ghl: ghl.value,
		hats: hats.value,
		sink: sink.value,
		close: async () => {
			await Promise.all([ghl.value.close(), hats.value.close(), sink.value.close()]);
		},
	};
}
