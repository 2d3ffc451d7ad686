/**
 * The /__admin endpoints every fake server exposes the same way (no auth, no
 * rate limit, no faults): state, reset, request log, fault config.
 * A server adds its own admin routes (rotate-key, fire, ...) on the same router.
 */
import { Router, json, type SandboxRequest, type SandboxResponse } from './http';
import { FAULT_KEYS, FaultInjector, type FaultConfig } from './faults';
import { RequestLog } from './requestLog';

export interface AdminOptions {
	faults: FaultInjector;
	requestLog: RequestLog;
	/** Snapshot for GET /__admin/state. */
	state: () => unknown;
	/** POST /__admin/reset: restore the server's initial state (and reseed if it was seeded). */
	reset: () => void | Promise<void>;
}

/** Adds GET state, POST reset, GET requests, GET/POST faults under /__admin. */
export function mountAdmin(router: Router, opts: AdminOptions): Router {
	router
		.add('GET', '/__admin/state', () => json(200, opts.state()))
		.add('POST', '/__admin/reset', async () => {
			await opts.reset();
			opts.requestLog.clear();
			opts.faults.configure({});
			return json(200, { ok: true });
		})
		.add('GET', '/__admin/requests', (req) => {
			const path = req.query.get('path') ?? undefined;
			const entries = opts.requestLog.list({
				method: req.query.get('method') ?? undefined,
				path,
				since: req.query.get('since') ?? undefined,
			});
			if (req.query.get('clear') === '1') opts.requestLog.clear();
			return json(200, { requests: entries });
		})
		.add('GET', '/__admin/faults', () => json(200, { config: opts.faults.config(), stats: opts.faults.stats() }))
		.add('POST', '/__admin/faults', (req) => {
			const cfg = parseFaultConfig(req.body);
			if (typeof cfg === 'string') return json(400, { error: { code: 'bad_request', message: cfg } });
			opts.faults.configure(cfg);
			return json(200, { config: opts.faults.config(), stats: opts.faults.stats() });
		});
	return router;
}

/** Validates a FaultConfig body; returns an error message string when invalid. */
export function parseFaultConfig(body: unknown): FaultConfig | string {
	if (body === undefined || body === null) return {};
	if (typeof body !== 'object' || Array.isArray(body)) return 'Body must be a JSON object (FaultConfig).';
	const cfg: FaultConfig = {};
	for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
		if (!FAULT_KEYS.includes(k as keyof FaultConfig)) return `Unknown fault setting "${k}". Known: ${FAULT_KEYS.join(', ')}.`;
		if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return `"${k}" must be a non-negative number.`;
		if (k.startsWith('rate') && v > 1) return `"${k}" is a probability between 0 and 1.`;
		cfg[k as keyof FaultConfig] = v;
	}
	return cfg;
}

/** Routes a request through a router: 404 / 405 when nothing matches. */
export async function dispatch(
	router: Router,
	req: SandboxRequest,
	notFound: (req: SandboxRequest, allowed: string[]) => SandboxResponse,
): Promise<SandboxResponse> {
	const m = router.match(req.method, req.path);
	if (!m) return notFound(req, router.allowedMethods(req.path));
	req.params = m.params;
	return m.handler(req);
}
