/**
 * HighLevel's official reference (OpenAPI specs, scope table, webhook event
 * schemas/examples), as far as the fake server and the tests use it. The fake
 * server derives scopes and webhook payloads from it instead of hand-copies,
 * so it cannot drift from GHL's docs.
 *
 * Reads only the committed extract in ./reference-data (written by
 * scripts/extract-ghl-reference.js, which alone reads the full reference
 * beside the checkout), so a clone with nothing beside it runs as is.
 */
import * as fs from 'fs';
import * as path from 'path';

/** The committed extract of HighLevel's reference. */
export const REFERENCE_DATA_DIR = path.join(__dirname, 'reference-data');

const cache = new Map<string, unknown>();

function readJson<T>(rel: string): T {
	const file = path.join(REFERENCE_DATA_DIR, rel);
	if (!cache.has(file)) cache.set(file, JSON.parse(fs.readFileSync(file, 'utf8')));
	return cache.get(file) as T;
}

export interface ScopeEntry {
	scope: string;
	endpoints: string[];
}

export function loadScopes(): ScopeEntry[] {
	return readJson<ScopeEntry[]>('scopes.json');
}

export type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; type?: unknown };

export interface WebhookEventDoc {
	schema?: JsonSchema;
	example?: Record<string, unknown>;
}

export function listWebhookEvents(): string[] {
	return fs
		.readdirSync(path.join(REFERENCE_DATA_DIR, 'webhook-events'))
		.filter((f) => f.endsWith('.json'))
		.map((f) => f.slice(0, -5))
		.sort();
}

export function loadWebhookEvent(eventType: string): WebhookEventDoc {
	if (!/^[A-Za-z]+$/.test(eventType)) throw new Error(`Invalid event type "${eventType}".`);
	const file = path.join(REFERENCE_DATA_DIR, 'webhook-events', `${eventType}.json`);
	if (!fs.existsSync(file)) throw new Error(`Unknown GHL webhook event "${eventType}".`);
	return readJson<WebhookEventDoc>(path.join('webhook-events', `${eventType}.json`));
}

export interface OpenApiDoc {
	paths: Record<string, Record<string, OpenApiOperation>>;
	components?: { schemas?: Record<string, JsonSchema> };
}

export interface OpenApiOperation {
	security?: Array<Record<string, string[]>>;
	responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}

/** Spec files the fake server implements (file names under openapi/; scripts/extract-ghl-reference.js extracts these). */
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
