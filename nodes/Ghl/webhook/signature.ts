/**
 * Webhook signature checks over the exact raw request bytes.
 *   x-ghl-signature: base64 Ed25519 signature (HighLevel's current scheme)
 *   x-wh-signature:  base64 RSA-SHA256 signature (legacy)
 *   shared secret:   a header a GHL workflow's Webhook action sends
 * Several public keys may be configured at once (key rotation): a signature
 * passes when any of them verifies it.
 */
import { createHash, createPublicKey, timingSafeEqual, verify, type KeyObject } from 'crypto';

export type KeyKind = 'ed25519' | 'rsa';

const PEM_BLOCK = /-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g;

/** A problem with configured keys, phrased for the user. */
export class KeyConfigError extends Error {}

/**
 * Reads every PEM public key in `text` (several may be pasted one after the
 * other). A bare base64 line is accepted too: an SPKI DER key or, for
 * Ed25519, the raw 32-byte key.
 */
export function parsePublicKeys(text: string, kind: KeyKind, label: string): KeyObject[] {
	const trimmed = (text ?? '').trim();
	if (trimmed === '') return [];
	const blocks = trimmed.match(PEM_BLOCK) ?? [];
	const rest = trimmed.replace(PEM_BLOCK, '').trim();
	const keys: KeyObject[] = [];
	for (const [index, block] of blocks.entries()) {
		keys.push(readKey(() => createPublicKey(block), kind, `${label} #${index + 1}`));
	}
	for (const [index, line] of rest
		.split(/[\s,]+/)
		.filter((l) => l !== '')
		.entries()) {
		if (!/^[A-Za-z0-9+/=_-]+$/.test(line)) {
			throw new KeyConfigError(
				`${label}: "${line.slice(0, 24)}…" is not a PEM public key (-----BEGIN PUBLIC KEY----- … -----END PUBLIC KEY-----)`,
			);
		}
		const der = Buffer.from(line, 'base64');
		const position = `${label} #${blocks.length + index + 1}`;
		if (kind === 'ed25519' && der.length === 32) {
			// Raw Ed25519 key: wrap it in the fixed SPKI prefix.
			const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), der]);
			keys.push(readKey(() => createPublicKey({ key: spki, format: 'der', type: 'spki' }), kind, position));
		} else {
			keys.push(readKey(() => createPublicKey({ key: der, format: 'der', type: 'spki' }), kind, position));
		}
	}
	return keys;
}

function readKey(make: () => KeyObject, kind: KeyKind, label: string): KeyObject {
	let key: KeyObject | undefined;
	let reason = '';
	try {
		key = make();
	} catch (error) {
		reason = (error as Error).message;
	}
	if (!key) throw new KeyConfigError(`${label} is not a valid public key (${reason})`);
	if (key.asymmetricKeyType !== kind) {
		throw new KeyConfigError(
			`${label} is an ${String(key.asymmetricKeyType).toUpperCase()} key, but an ${kind === 'rsa' ? 'RSA' : 'Ed25519'} key is needed here`,
		);
	}
	return key;
}

function decodeSignature(signature: string): Buffer | undefined {
	const value = signature.trim();
	if (value === '' || !/^[A-Za-z0-9+/=_-]+$/.test(value)) return undefined;
	const bytes = Buffer.from(value, 'base64');
	return bytes.length > 0 ? bytes : undefined;
}

/** True when any key verifies `signature` (base64) over `raw`. */
export function verifySignature(raw: Buffer, signature: string, keys: KeyObject[], kind: KeyKind): boolean {
	const bytes = decodeSignature(signature);
	if (!bytes) return false;
	for (const key of keys) {
		try {
			const ok =
				kind === 'ed25519' ? verify(null, raw, key, bytes) : verify('sha256', raw, key, bytes);
			if (ok) return true;
		} catch {
			// A malformed signature for this key type fails this key only.
		}
	}
	return false;
}

/** Constant-time comparison of a presented secret with the configured one. */
export function secretMatches(presented: string, expected: string): boolean {
	if (expected === '') return false;
	// Hashing first makes the comparison length-independent.
	const a = createHash('sha256').update(presented, 'utf8').digest();
	const b = createHash('sha256').update(expected, 'utf8').digest();
	return timingSafeEqual(a, b);
}
