/**
 * Which OAuth/PIT scope each endpoint needs.
 * Source of truth, in order: scopes.json (GHL's scope → endpoints list), then the
 * operation's `security` in the OpenAPI spec (scopes.json misses e.g.
 * POST /contacts/search, POST /contacts/upsert, /custom-fields/*), then the
 * route's own `scope` (documents & contracts, which neither file lists).
 */
import { loadScopes, loadSpec, SPEC_FILES } from './reference';

/** 'GET /contacts/:contactId/' and 'GET /contacts/{id}' both become 'GET /contacts/:'. */
export function endpointKey(method: string, pattern: string): string {
	const p = pattern
		.replace(/\{[^}]+\}/g, ':')
		.replace(/:[A-Za-z0-9_]+/g, ':')
		.replace(/\/+$/, '');
	return `${method.toUpperCase()} ${p || '/'}`;
}

let table: Map<string, string[]> | undefined;

/** endpointKey → scopes that allow it (any one is enough). */
export function scopeTable(): Map<string, string[]> {
	if (table) return table;
	const t = new Map<string, string[]>();
	const addAll = (key: string, scopes: string[]) => {
		const cur = t.get(key) ?? [];
		for (const s of scopes) if (!cur.includes(s)) cur.push(s);
		if (cur.length) t.set(key, cur);
	};
	for (const entry of loadScopes()) {
		for (const ep of entry.endpoints) {
			const [method, ...rest] = ep.split(' ');
			addAll(endpointKey(method, rest.join(' ')), [entry.scope]);
		}
	}
	for (const file of SPEC_FILES) {
		const spec = loadSpec(file);
		for (const [p, ops] of Object.entries(spec.paths)) {
			for (const [method, op] of Object.entries(ops)) {
				const key = endpointKey(method, p);
				if (t.has(key)) continue; // scopes.json wins
				const scopes = (op.security ?? []).flatMap((req) => Object.values(req).flat());
				addAll(key, scopes);
			}
		}
	}
	table = t;
	return t;
}

/** Scopes accepted for an endpoint; `fallback` when the reference files name none. */
export function requiredScopes(method: string, pattern: string, fallback?: string): string[] {
	const found = scopeTable().get(endpointKey(method, pattern));
	if (found?.length) return found;
	return fallback ? [fallback] : [];
}

/** Every scope the fake server knows: the default token gets all of them. */
export function allKnownScopes(extra: string[] = []): string[] {
	const set = new Set<string>(extra);
	for (const scopes of scopeTable().values()) scopes.forEach((s) => set.add(s));
	return [...set].sort();
}
