/** The 17hats error envelope: `{ error: { code, message, request_id, details? } }`. */
import type { SandboxResponse } from '../common/http';

export type ErrorCode =
	| 'unauthorized'
	| 'key_rotated'
	| 'insufficient_scope'
	| 'not_found'
	| 'validation_failed'
	| 'duplicate_external_id'
	| 'already_sent'
	| 'modified'
	| 'rate_limited'
	| 'project_required'
	| 'internal'
	| 'unavailable'
	| 'bad_request';

export const STATUS_OF: Record<ErrorCode, number> = {
	unauthorized: 401,
	key_rotated: 401,
	insufficient_scope: 403,
	not_found: 404,
	validation_failed: 422,
	duplicate_external_id: 409,
	already_sent: 409,
	modified: 409,
	rate_limited: 429,
	project_required: 422,
	internal: 500,
	unavailable: 503,
	bad_request: 400,
};

/** Thrown by handlers; turned into the envelope (with the request id) by the server. */
export class HatsError extends Error {
	constructor(
		readonly code: ErrorCode,
		message: string,
		readonly details?: Record<string, unknown>,
		readonly headers: Record<string, string> = {},
	) {
		super(message);
	}
}

export function errorResponse(requestId: string, code: ErrorCode, message: string, details?: Record<string, unknown>, headers: Record<string, string> = {}): SandboxResponse {
	return {
		status: STATUS_OF[code],
		body: { error: { code, message, request_id: requestId, ...(details ? { details } : {}) } },
		headers,
	};
}

export function validationFailed(errors: Array<{ field: string; message: string }>): HatsError {
	const fields = [...new Set(errors.flatMap((e) => e.field.split('|')))];
	return new HatsError(
		'validation_failed',
		`Validation failed: ${errors.map((e) => (e.field.includes('|') ? e.message : `${e.field || 'body'} ${e.message}`)).join('; ')}`,
		{ fields, errors },
	);
}
