/**
 * The trigger's settings, read and checked once per set of node parameters
 * (in practice once per activation) instead of on every delivery: reading
 * them through n8n and turning PEM keys into key objects cost more than
 * verifying the signature.
 *
 * Keyed by the node's saved parameters, so a changed setting (a new key, an
 * allowlist, an option) is a new key and takes effect on the next delivery.
 * Parameters holding an expression are never cached: an expression may
 * resolve differently per delivery. A shared-secret credential can change
 * without the parameters changing: its values are part of the entry and
 * compared on every delivery (the credential itself is still read each time).
 */
import type { INode } from 'n8n-workflow';

import type { TriggerSettings } from './handler';

/** Distinct parameter sets kept (every GHL Trigger of the process); the oldest goes first. */
export const SETTINGS_CACHE_ENTRIES = 256;

export interface CredentialValues {
	secret?: unknown;
	headerName?: unknown;
}

interface Entry {
	settings: TriggerSettings;
	/** Whether the settings came from the shared-secret credential (then `credential` must still match). */
	usesCredential: boolean;
	credential?: CredentialValues;
}

const entries = new Map<string, Entry>();

/** In JSON.stringify's output a string value follows `:`, `[` or `,`; one starting with `=` is an n8n expression. */
const EXPRESSION_VALUE = /[:,[]"=/;

/** The cache key for a node's settings (looked up as is; only a key without an expression is ever stored). */
export function settingsKey(node: INode): string {
	return `${node.type}\n${node.typeVersion}\n${JSON.stringify(node.parameters)}`;
}

function sameCredential(a: CredentialValues | undefined, b: CredentialValues | undefined): boolean {
	if (a === undefined || b === undefined) return a === b;
	return a.secret === b.secret && a.headerName === b.headerName;
}

/** The cached entry for `key`, whether it depends on the credential. */
export function cachedSettings(key: string): Entry | undefined {
	return entries.get(key);
}

/** Whether a cached entry still holds for the credential read now. */
export function credentialStillMatches(entry: Entry, credential: CredentialValues | undefined): boolean {
	return !entry.usesCredential || sameCredential(entry.credential, credential);
}

/** Keeps the settings for `key`, unless a parameter is an expression (it may resolve differently per delivery). */
export function rememberSettings(key: string, settings: TriggerSettings, credential?: CredentialValues): void {
	if (EXPRESSION_VALUE.test(key)) return;
	entries.delete(key);
	if (entries.size >= SETTINGS_CACHE_ENTRIES) entries.delete(entries.keys().next().value as string);
	entries.set(key, {
		settings,
		usesCredential: settings.verification === 'sharedSecret',
		credential: credential ? { secret: credential.secret, headerName: credential.headerName } : undefined,
	});
}

/** Forgets every cached setting (tests; an n8n restart does the same). */
export function clearSettingsCache(): void {
	entries.clear();
}
