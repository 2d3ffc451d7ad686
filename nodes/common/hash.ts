import { createHash } from 'crypto';

/** A short, stable fingerprint: lets us key per-credential state without keeping the secret. */
export function fingerprint(...parts: string[]): string {
	return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 16);
}
