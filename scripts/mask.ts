/** Shows enough of a secret to recognise it, never all of it (used by what the dev scripts print). */
export function mask(secret: string): string {
	return secret.length <= 8 ? '****' : `${secret.slice(0, 6)}…(${secret.length} chars)`;
}
