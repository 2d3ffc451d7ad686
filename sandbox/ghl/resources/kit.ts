/**
 * What every resource module uses: the route declaration type, the per-request
 * context, and small helpers for GHL's parameter conventions (locationId in the
 * query or body, altId/altType for invoices, string-typed limit/offset).
 */
import type { SandboxRequest, SandboxResponse } from '../../common/http';
import { forbidden, unprocessable } from '../errors';
import type { GhlStore } from '../store';

/** Where auto-delivered events go: the webhook layer builds, signs and delivers them. */
export interface EventSink {
	emit(eventType: string, data: Record<string, unknown>): void;
	/** Document status changes, for GHL-workflow-style webhooks. */
	documentChanged?(documentId: string): void;
}

export interface RouteContext {
	req: SandboxRequest;
	store: GhlStore;
	/** The location the token belongs to. */
	locationId: string;
	events: EventSink;
	/** Origin of this server, for nextPageUrl and share links. */
	baseUrl: string;
}

export interface RouteDef {
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	/** Router pattern, e.g. '/contacts/:contactId'. Same spelling as the OpenAPI path. */
	path: string;
	/** Only used when neither scopes.json nor the spec names a scope for this endpoint. */
	scope?: string;
	handler: (ctx: RouteContext) => SandboxResponse | Promise<SandboxResponse>;
}

export const ok = (body: unknown): SandboxResponse => ({ status: 200, body });
export const created = (body: unknown): SandboxResponse => ({ status: 201, body });

export const nowIso = (): string => new Date().toISOString();
export const today = (): string => nowIso().slice(0, 10);

/** The JSON body as an object (GHL answers 422 for anything else). */
export function bodyOf(ctx: RouteContext): Record<string, unknown> {
	const b = ctx.req.body;
	if (b === undefined || b === null) return {};
	if (typeof b !== 'object' || Array.isArray(b)) throw unprocessable('body must be an object');
	return b as Record<string, unknown>;
}

export function str(v: unknown): string | undefined {
	return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

export function requireFields(body: Record<string, unknown>, ...names: string[]): void {
	const missing = names.filter((n) => body[n] === undefined || body[n] === null || body[n] === '');
	if (missing.length) throw unprocessable(...missing.map((n) => `${n} should not be empty`));
}

/** A location id given by the caller must be the token's location (GHL answers 403 otherwise). */
export function checkLocation(ctx: RouteContext, given: string | undefined, name = 'locationId'): string {
	if (!given) throw unprocessable(`${name} should not be empty`);
	if (given !== ctx.locationId) throw forbidden('The token does not have access to this location.');
	return given;
}

export function locationFromQuery(ctx: RouteContext, name = 'locationId'): string {
	return checkLocation(ctx, ctx.req.query.get(name) ?? undefined, name);
}

/** Invoices and friends identify the owner with altId + altType=location. */
export function checkAlt(ctx: RouteContext, source: 'query' | 'body'): void {
	const get = (n: string) => (source === 'query' ? (ctx.req.query.get(n) ?? undefined) : str(bodyOf(ctx)[n]));
	const altType = get('altType');
	if (!altType) throw unprocessable('altType should not be empty');
	if (altType !== 'location') throw unprocessable('altType must be one of the following values: location');
	checkLocation(ctx, get('altId'), 'altId');
}

/** Integer query parameter with bounds; GHL answers 422 for bad values. */
export function intParam(
	ctx: RouteContext,
	name: string,
	opts: { def?: number; min?: number; max?: number; required?: boolean } = {},
): number {
	const raw = ctx.req.query.get(name);
	if (raw === null || raw === '') {
		if (opts.required) throw unprocessable(`${name} should not be empty`);
		return opts.def ?? 0;
	}
	const n = Number(raw);
	if (!Number.isFinite(n) || !Number.isInteger(n)) throw unprocessable(`${name} must be a number`);
	if (opts.min !== undefined && n < opts.min) throw unprocessable(`${name} must not be less than ${opts.min}`);
	if (opts.max !== undefined && n > opts.max) throw unprocessable(`${name} must not be greater than ${opts.max}`);
	return n;
}

export function numberField(v: unknown, name: string, def?: number): number {
	if (v === undefined || v === null) {
		if (def !== undefined) return def;
		throw unprocessable(`${name} should not be empty`);
	}
	const n = typeof v === 'string' ? Number(v) : v;
	if (typeof n !== 'number' || !Number.isFinite(n)) throw unprocessable(`${name} must be a number`);
	return n;
}

/** Case-insensitive "contains" over a few fields, for the `query`/`search` parameters. */
export function textMatch(q: string | null | undefined, ...values: unknown[]): boolean {
	if (!q) return true;
	const needle = q.toLowerCase();
	return values.some((v) => typeof v === 'string' && v.toLowerCase().includes(needle));
}

/** Copies the listed keys that are present in `src` (undefined means "not sent"). */
export function pick<T extends object>(src: Record<string, unknown>, keys: readonly string[]): Partial<T> {
	const out: Record<string, unknown> = {};
	for (const k of keys) if (src[k] !== undefined) out[k] = src[k];
	return out as Partial<T>;
}

/** Drops undefined values so JSON answers look like GHL's (absent, not null). */
export function compact<T extends object>(o: T): T {
	return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
