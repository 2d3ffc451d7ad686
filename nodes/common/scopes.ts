/**
 * Scope pre-checks: an operation declares the scopes it needs and the
 * credential records the scopes it was granted. Checking before the request
 * turns an opaque 401/403 into a message that names the missing scope.
 */
export function missingScopes(granted: readonly string[] | undefined, required: readonly string[]): string[] {
	// A credential that records no scopes at all is not checked: the API decides.
	if (!granted || granted.length === 0) return [];
	const have = new Set(granted);
	return required.filter((scope) => !have.has(scope));
}

/** Parses scopes stored as an array or as a space/comma separated string. */
export function parseScopes(value: unknown): string[] {
	if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '');
	if (typeof value === 'string') return value.split(/[\s,]+/).filter((v) => v !== '');
	return [];
}
