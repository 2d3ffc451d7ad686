/**
 * Secret scan for the reliability suite: serialises anything a test produced
 * (items, errors with every own property and cause chain, log lines, execution
 * records) and fails naming where a test secret appears and in which form,
 * never the secret itself.
 *
 * Known secrets: every credential value in test/support/fixtures.ts, the
 * sandbox's default 17hats key, and whatever a test registers at run time
 * (`registerSecret`: sandbox tokens, rotated keys, webhook signatures, PEMs).
 */
import { inspect } from 'util';
import { DEFAULT_HATS_API_KEY } from '../../sandbox/hats';
import * as fixtures from '../support/fixtures';

export interface NamedSecret {
	name: string;
	value: string;
}

export interface SecretForm {
	/** e.g. `raw`, `base64`, `basic-auth base64 (offset 1)`, `url-encoded`. */
	form: string;
	value: string;
	/** Case-insensitive match (raw and URL-encoded text; never base64, which is case-significant). */
	ignoreCase: boolean;
}

/** Shorter values would match by chance. */
const MIN_SECRET_LENGTH = 8;
const SENSITIVE_KEY = /token|secret|key|password|signature/i;

function credentialSecrets(): NamedSecret[] {
	const found: NamedSecret[] = [];
	const walk = (prefix: string, value: unknown) => {
		if (value === null || typeof value !== 'object') return;
		for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
			if (typeof v === 'string' && SENSITIVE_KEY.test(k) && !/url$/i.test(k) && !/^https?:/.test(v) && v.length >= MIN_SECRET_LENGTH) found.push({ name: `${prefix}.${k}`, value: v });
			else walk(`${prefix}.${k}`, v);
		}
	};
	walk('ghlPitCredentials', fixtures.ghlPitCredentials());
	walk('ghlOAuth2Credentials', fixtures.ghlOAuth2Credentials());
	walk('hatsCredentials', fixtures.hatsCredentials());
	return found;
}

const registered: NamedSecret[] = [];

/** The fixture and sandbox secrets plus every registered one, de-duplicated by value. */
export function knownSecrets(): NamedSecret[] {
	const all: NamedSecret[] = [
		{ name: 'PIT_TOKEN', value: fixtures.PIT_TOKEN },
		{ name: 'OAUTH_ACCESS_TOKEN', value: fixtures.OAUTH_ACCESS_TOKEN },
		{ name: 'HATS_API_KEY', value: fixtures.HATS_API_KEY },
		{ name: 'DEFAULT_HATS_API_KEY (sandbox)', value: DEFAULT_HATS_API_KEY },
		...credentialSecrets(),
		...registered,
	];
	const seen = new Set<string>();
	return all.filter((s) => s.value.length >= MIN_SECRET_LENGTH && !seen.has(s.value) && seen.add(s.value));
}

/** Adds a run-time secret (a sandbox token, a rotated key, a signature, a PEM) to every later scan. */
export function registerSecret(name: string, value: string | undefined | null): void {
	if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) return;
	if (!registered.some((s) => s.value === value)) registered.push({ name, value });
}

/**
 * The part of base64(prefix + secret) that depends only on the secret, for a
 * prefix of `offset` bytes: found inside base64 of any text that holds the
 * secret at that alignment (Basic auth `user:secret`, `secret:`, a JSON blob).
 */
function base64Core(secret: Buffer, offset: 0 | 1 | 2): string {
	const encoded = Buffer.concat([Buffer.alloc(offset, 0x3a), secret]).toString('base64');
	const start = offset === 0 ? 0 : 4;
	const end = Math.floor((offset + secret.length) / 3) * 4;
	return encoded.slice(start, end);
}

/** Every form of one secret the scan looks for, most specific first. */
export function secretForms(secret: string): SecretForm[] {
	const forms: SecretForm[] = [];
	const add = (form: string, value: string, ignoreCase: boolean) => {
		if (value.length >= MIN_SECRET_LENGTH && !forms.some((f) => f.value === value)) forms.push({ form, value, ignoreCase });
	};
	const bytes = Buffer.from(secret, 'utf8');
	add('raw', secret, true);
	add('url-encoded', encodeURIComponent(secret), true);
	add('url-encoded twice', encodeURIComponent(encodeURIComponent(secret)), true);
	add('form-encoded', new URLSearchParams({ x: secret }).toString().slice(2), true);
	add('json-escaped', JSON.stringify(secret).slice(1, -1), true);
	add('base64', bytes.toString('base64'), false);
	add('base64url', bytes.toString('base64url'), false);
	add('basic-auth base64 (secret:)', Buffer.from(`${secret}:`).toString('base64'), false);
	for (const offset of [0, 1, 2] as const) {
		const core = base64Core(bytes, offset);
		add(offset === 0 ? 'base64 (inside a longer value)' : `basic-auth/base64 (user:secret, offset ${offset})`, core, false);
		add(offset === 0 ? 'base64url (inside a longer value)' : `base64url (offset ${offset})`, core.replace(/\+/g, '-').replace(/\//g, '_'), false);
	}
	add('hex', bytes.toString('hex'), true);
	// A PEM is found by any line of its body.
	if (secret.includes('-----BEGIN')) {
		secret
			.split(/\r?\n/)
			.filter((line) => line.length >= 16 && !line.startsWith('-----'))
			.forEach((line, i) => add(`PEM line ${i + 1}`, line, false));
	}
	return forms;
}

interface Piece {
	path: string;
	text: string;
}

/** Every string reachable from `value`, with its path: own properties (enumerable or not), Error fields, causes, Maps, Sets, Buffers. */
function collect(value: unknown, path: string, out: Piece[], seen: WeakSet<object>, depth: number): void {
	if (value === null || value === undefined) return;
	if (typeof value === 'string') {
		out.push({ path, text: value });
		return;
	}
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || typeof value === 'symbol') {
		out.push({ path, text: String(value) });
		return;
	}
	if (typeof value === 'function') {
		if (value.name) out.push({ path: `${path}.name`, text: value.name });
		return;
	}
	if (typeof value !== 'object') return;
	if (seen.has(value)) return;
	seen.add(value);
	if (depth > 200) {
		out.push({ path, text: safeInspect(value) });
		return;
	}
	if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
		const buf = Buffer.from(value);
		out.push({ path: `${path}<utf8>`, text: buf.toString('utf8') });
		out.push({ path: `${path}<latin1>`, text: buf.toString('latin1') });
		return;
	}
	if (value instanceof Map) {
		for (const [k, v] of value) {
			collect(k, `${path}<key>`, out, seen, depth + 1);
			collect(v, `${path}[${String(k)}]`, out, seen, depth + 1);
		}
		return;
	}
	if (value instanceof Set) {
		let i = 0;
		for (const v of value) collect(v, `${path}<set ${i++}>`, out, seen, depth + 1);
		return;
	}
	if (value instanceof Date) {
		out.push({ path, text: Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString() });
		return;
	}
	if (value instanceof Error) {
		// message, stack and cause are own non-enumerable properties on most errors; read them explicitly too.
		collect(value.message, `${path}.message`, out, seen, depth + 1);
		collect(value.stack, `${path}.stack`, out, seen, depth + 1);
		collect((value as { cause?: unknown }).cause, `${path}.cause`, out, seen, depth + 1);
	}
	const keys: Array<string | symbol> = [...Object.getOwnPropertyNames(value), ...Object.getOwnPropertySymbols(value)];
	for (const key of keys) {
		const name = typeof key === 'symbol' ? key.toString() : key;
		out.push({ path: `${path}<key>`, text: name });
		let child: unknown;
		try {
			const desc = Object.getOwnPropertyDescriptor(value, key);
			child = desc && 'value' in desc ? desc.value : (value as Record<string | symbol, unknown>)[key];
		} catch (error) {
			child = `<getter threw: ${(error as Error)?.message}>`;
		}
		collect(child, `${path}.${name}`, out, seen, depth + 1);
	}
}

function safeInspect(value: unknown): string {
	try {
		return inspect(value, { depth: 50, showHidden: true, maxArrayLength: Infinity, maxStringLength: Infinity, breakLength: Infinity });
	} catch (error) {
		return `<inspect threw: ${(error as Error)?.message}>`;
	}
}

function safeStringify(value: unknown): string {
	try {
		return JSON.stringify(value) ?? '';
	} catch (error) {
		return `<JSON.stringify threw: ${(error as Error)?.message}>`;
	}
}

export interface SecretHit {
	secret: string;
	form: string;
	path: string;
}

function asNamed(extra: ReadonlyArray<string | NamedSecret>): NamedSecret[] {
	return extra.map((s, i) => (typeof s === 'string' ? { name: `extra secret #${i + 1}`, value: s } : s));
}

/** Where the secrets appear in `value` (names, forms and paths only). */
export function findSecrets(value: unknown, secrets: ReadonlyArray<string | NamedSecret> = []): SecretHit[] {
	const pieces: Piece[] = [];
	collect(value, '$', pieces, new WeakSet(), 0);
	// The whole value as logs and n8n would write it.
	pieces.push({ path: 'JSON.stringify($)', text: safeStringify(value) });
	pieces.push({ path: 'util.inspect($)', text: safeInspect(value) });
	pieces.push({ path: 'String($)', text: (() => {
		try {
			return String(value);
		} catch {
			return '';
		}
	})() });
	const lowered = pieces.map((p) => p.text.toLowerCase());
	const all = [...knownSecrets(), ...asNamed(secrets).filter((s) => s.value.length >= MIN_SECRET_LENGTH)];
	const hits: SecretHit[] = [];
	for (const secret of all) {
		for (const form of secretForms(secret.value)) {
			const needle = form.ignoreCase ? form.value.toLowerCase() : form.value;
			const at = pieces.findIndex((p, i) => (form.ignoreCase ? lowered[i] : p.text).includes(needle));
			if (at >= 0) {
				hits.push({ secret: secret.name, form: form.form, path: pieces[at].path });
				break;
			}
		}
	}
	return hits;
}

/**
 * Throws when any known (or given) secret appears in `value` in any form.
 * The message names the label, the secret's name, the form and where: never the value.
 */
export function assertNoSecrets(label: string, value: unknown, secrets: ReadonlyArray<string | NamedSecret> = []): void {
	const hits = findSecrets(value, secrets);
	if (hits.length === 0) return;
	const lines = hits.map((h) => `  - ${h.secret} as ${h.form} at ${h.path}`);
	throw new Error(`${label}: ${hits.length} secret(s) found:\n${lines.join('\n')}`);
}
