/**
 * GHL-shaped error bodies. GHL's services are NestJS: errors look like
 * `{ statusCode, message, error }` (UnauthorizedDTO / BadRequestDTO /
 * UnprocessableDTO in common-schemas.json, 422 carries `message: string[]`),
 * and GHL adds a `traceId` clients should surface in their errors.
 */
import { randomUUID } from 'crypto';
import type { SandboxResponse } from '../common/http';

const REASONS: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	409: 'Conflict',
	422: 'Unprocessable Entity',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	503: 'Service Unavailable',
};

export function ghlErrorBody(status: number, message: string | string[], extra?: Record<string, unknown>): Record<string, unknown> {
	return { statusCode: status, message, error: REASONS[status] ?? 'Error', ...extra, traceId: randomUUID() };
}

export function ghlError(status: number, message: string | string[], extra?: Record<string, unknown>): SandboxResponse {
	return { status, body: ghlErrorBody(status, message, extra) };
}

/** Thrown by handlers to answer with a GHL error; the pipeline turns it into a response. */
export class GhlHttpError extends Error {
	constructor(
		readonly status: number,
		readonly messages: string | string[],
		readonly extra?: Record<string, unknown>,
	) {
		super(Array.isArray(messages) ? messages.join('; ') : messages);
	}

	toResponse(): SandboxResponse {
		return ghlError(this.status, this.messages, this.extra);
	}
}

export const badRequest = (message: string, extra?: Record<string, unknown>) => new GhlHttpError(400, message, extra);
/** 422 is what GHL's validation pipe answers; its message is a list. */
export const unprocessable = (...messages: string[]) => new GhlHttpError(422, messages);
export const notFound = (message: string) => new GhlHttpError(404, message);
export const forbidden = (message: string) => new GhlHttpError(403, message);
