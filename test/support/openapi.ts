/**
 * Contract checks against an OpenAPI document (default: docs/17hats-api.yaml).
 * Resolves the operation by method + concrete path (full URL or path; the
 * server base path such as /v1 is stripped).
 *
 *   validateRequest({ method: 'POST', path: '/v1/contacts', body })   // what a node sends
 *   validateResponse({ method: 'GET', path: '/v1/contacts', status: 200, body, headers })
 *
 * Both return { valid, errors: string[], issues, operation }; expectValid()
 * turns an invalid result into a readable assertion failure.
 */
import * as path from 'path';
import { OpenApiValidator, type QueryInput, type ValidationResult } from '../../sandbox/common/openapi';

export type { ValidationResult, Issue } from '../../sandbox/common/openapi';
export { OpenApiValidator } from '../../sandbox/common/openapi';

export const HATS_OPENAPI_PATH = path.resolve(__dirname, '../../docs/17hats-api.yaml');

const cache = new Map<string, OpenApiValidator>();

/** One compiled validator per document per process. */
export function openApi(file: string = HATS_OPENAPI_PATH): OpenApiValidator {
	let v = cache.get(file);
	if (!v) {
		v = OpenApiValidator.fromFile(file);
		cache.set(file, v);
	}
	return v;
}

export function validateRequest(
	req: { method: string; path: string; query?: QueryInput; body?: unknown; headers?: Record<string, unknown> },
	file?: string,
): ValidationResult {
	return openApi(file).validateRequest(req);
}

export function validateResponse(
	res: { method: string; path: string; status: number; body?: unknown; headers?: Record<string, unknown> | Headers },
	file?: string,
): ValidationResult {
	return openApi(file).validateResponse(res);
}

/** Throws with every problem listed when the result is not valid. */
export function expectValid(result: ValidationResult, what = ''): void {
	if (!result.valid) {
		const op = result.operation ? `${result.operation.method} ${result.operation.path}` : 'unknown operation';
		throw new Error(`OpenAPI contract violated${what ? ` (${what})` : ''} by ${op}:\n  ${result.errors.join('\n  ')}`);
	}
}
