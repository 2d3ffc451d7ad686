/**
 * Webhook signatures exactly as GHL makes them, over the raw body bytes:
 *   x-ghl-signature: base64 Ed25519 signature (current scheme)
 *   x-wh-signature:  base64 RSA-SHA256 signature (legacy, deprecated 2026-07-01)
 * GHL publishes its public keys; the sandbox generates its own pairs and
 * exposes the public halves (GET /__admin/keys) so receivers can be pointed at them.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'crypto';

export interface WebhookKeys {
	ed25519: { privateKey: KeyObject; publicPem: string };
	rsa: { privateKey: KeyObject; publicPem: string };
}

export interface WebhookKeyInput {
	/** PKCS#8 PEM; generated when absent. */
	ed25519PrivatePem?: string;
	rsaPrivatePem?: string;
}

function pair(type: 'ed25519' | 'rsa', privatePem?: string): { privateKey: KeyObject; publicPem: string } {
	const privateKey = privatePem
		? createPrivateKey(privatePem)
		: type === 'ed25519'
			? generateKeyPairSync('ed25519').privateKey
			: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
	const publicPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
	return { privateKey, publicPem };
}

export function createWebhookKeys(input: WebhookKeyInput = {}): WebhookKeys {
	return { ed25519: pair('ed25519', input.ed25519PrivatePem), rsa: pair('rsa', input.rsaPrivatePem) };
}

/** Both signature headers for one serialised body. */
export function signatureHeaders(raw: Buffer, keys: WebhookKeys): { 'x-ghl-signature': string; 'x-wh-signature': string } {
	return {
		'x-ghl-signature': sign(null, raw, keys.ed25519.privateKey).toString('base64'),
		'x-wh-signature': sign('sha256', raw, keys.rsa.privateKey).toString('base64'),
	};
}

/** Receiver-side checks, as a consumer would write them (used by tests). */
export function verifyGhlSignature(raw: Buffer, signatureB64: string, ed25519PublicPem: string): boolean {
	try {
		return verify(null, raw, ed25519PublicPem, Buffer.from(signatureB64, 'base64'));
	} catch {
		return false;
	}
}

export function verifyWhSignature(raw: Buffer, signatureB64: string, rsaPublicPem: string): boolean {
	try {
		return verify('sha256', raw, rsaPublicPem, Buffer.from(signatureB64, 'base64'));
	} catch {
		return false;
	}
}
