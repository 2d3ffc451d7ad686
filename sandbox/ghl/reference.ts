/**
 * Loads HighLevel's official reference files (OpenAPI specs, scopes.json,
 * webhook event schemas/examples). The fake server derives scopes and webhook
 * payloads from them instead of hand-copies, so it cannot drift from GHL's docs.
 *
 * Lookup order: $GHL_REFERENCE_DIR, <repo>/reference/ghl, <repo>/../shared/reference/ghl.
 */
import * as fs from 'fs';
import * as path from 'path';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

export function referenceDir(): string {
	const candidates = [
		process.env.GHL_REFERENCE_DIR,
		path.join(REPO_ROOT, 'reference', 'ghl'),
		path.join(REPO_ROOT, '..', 'shared', 'reference', 'ghl'),
	].filter((p): p is string => !!p);
	for (const dir of candidates) {
		if (fs.existsSync(path.join(dir, 'scopes.json'))) return dir;
	}
	throw new Error(`GHL reference files not found (looked in: ${candidates.join(', ')}); set GHL_REFERENCE_DIR.`);
}

const cache = new Map<string, unknown>();

function readJson<T>(rel: string): T {
	const file = path.join(referenceDir(), rel);
	if (!cache.has(file)) cache.set(file, JSON.parse(fs.readFileSync(file, 'utf8')));
	return cache.get(file) as T;
}

export interface ScopeEntry {
	scope: string;
	endpoints: string[];
	webhookEvents: string[];
	access: string;
}

export function loadScopes(): ScopeEntry[] {
	return readJson<ScopeEntry[]>('scopes.json');
}

export type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; type?: unknown };

export interface WebhookEventDoc {
	schema?: JsonSchema;
	example?: Record<string, unknown>;
	description?: string;
}

export function listWebhookEvents(): string[] {
	return fs
		.readdirSync(path.join(referenceDir(), 'webhook-events'))
		.filter((f) => f.endsWith('.json'))
		.map((f) => f.slice(0, -5))
		.sort();
}

export function loadWebhookEvent(eventType: string): WebhookEventDoc {
	if (!/^[A-Za-z]+$/.test(eventType)) throw new Error(`Invalid event type "${eventType}".`);
	const file = path.join(referenceDir(), 'webhook-events', `${eventType}.json`);
	if (!fs.existsSync(file)) throw new Error(`Unknown GHL webhook event "${eventType}".`);
	return readJson<WebhookEventDoc>(path.join('webhook-events', `${eventType}.json`));
}

export interface OpenApiDoc {
	paths: Record<string, Record<string, OpenApiOperation>>;
	components?: { schemas?: Record<string, JsonSchema> };
}

export interface OpenApiOperation {
	operationId?: string;
	security?: Array<Record<string, string[]>>;
	parameters?: Array<{ name: string; in: string; required?: boolean }>;
	responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}

/** Spec files the fake server implements (file names under openapi/). */
export const SPEC_FILES = [
	'contacts',
	'invoices',
	'proposals',
	'locations',
	'custom-fields',
	'users',
	'opportunities',
] as const;

export function loadSpec(name: string): OpenApiDoc {
	return readJson<OpenApiDoc>(path.join('openapi', `${name}.json`));
}

export function loadCommonSchemas(): OpenApiDoc {
	return readJson<OpenApiDoc>(path.join('openapi', 'common-schemas.json'));
}
