/**
 * The one reader of 17hats error bodies (`{ error: { code, message,
 * request_id, details } }`): for the transport's messages, and for the 409s
 * a caller resolves itself (duplicate_external_id, already_sent).
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ApiErrorDetails } from '../../common/errors';

export interface HatsErrorBody {
	code?: string;
	message?: string;
	requestId?: string;
	details: IDataObject;
}

const isObject = (v: unknown): v is IDataObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The error inside a 17hats answer, if the body is one. */
export function hatsErrorOf(body: unknown): HatsErrorBody | undefined {
	const error = isObject(body) ? body.error : undefined;
	if (!isObject(error)) return undefined;
	return {
		code: text(error.code),
		message: text(error.message),
		requestId: text(error.request_id),
		details: isObject(error.details) ? error.details : {},
	};
}

/** What the transport shows of a failed 17hats request. */
export function readHatsError(body: unknown): ApiErrorDetails {
	const error = hatsErrorOf(body);
	if (!error) return typeof body === 'string' && body.trim() !== '' ? { message: body.slice(0, 500) } : {};
	const fields = error.details.fields;
	return {
		message: error.message,
		traceId: error.requestId,
		details:
			[error.code ? `code ${error.code}` : undefined, fields ? `fields ${JSON.stringify(fields)}` : undefined].filter(Boolean).join(', ') ||
			undefined,
	};
}

/** The 17hats error of a request that failed with 409 and this code; undefined for any other failure. */
export function conflictOf(failure: unknown, code: string): HatsErrorBody | undefined {
	if (!(failure instanceof NodeApiError) || failure.httpCode !== '409') return undefined;
	const response = failure.errorResponse as IDataObject | undefined;
	const error = hatsErrorOf(response?.body);
	return error?.code === code ? error : undefined;
}
