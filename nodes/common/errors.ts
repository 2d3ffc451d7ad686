import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { redactText, redactValue } from './redact';

/** What an API's error body says, read by the API's own profile. */
export interface ApiErrorDetails {
	message?: string;
	/** GHL `traceId`, 17hats `request_id`: what support asks for. */
	traceId?: string;
	/** Field-level detail, when the API gives it. */
	details?: string;
}

export interface ApiFailure {
	api: string;
	method: string;
	path: string;
	status?: number;
	body?: unknown;
	networkCode?: string;
	networkMessage?: string;
	attempts: number;
	details: ApiErrorDetails;
}

/**
 * Builds the NodeApiError a user sees: the API's own message first, then the
 * HTTP status, the trace id and how often we tried. Everything is redacted.
 */
export function apiError(node: INode, failure: ApiFailure, secrets: readonly string[], itemIndex?: number): NodeApiError {
	const { api, status, details } = failure;
	const where = `${failure.method} ${failure.path}`;
	const message = redactText(
		details.message ??
			(failure.networkCode
				? `${api} could not be reached (${failure.networkCode})`
				: `${api} answered ${status ?? 'without a status'}`),
		secrets,
	);
	const parts = [
		status !== undefined ? `${api} answered HTTP ${status} to ${where}.` : `${where} failed: ${failure.networkMessage ?? failure.networkCode ?? 'network error'}.`,
		details.details ? `Details: ${details.details}.` : undefined,
		details.traceId ? `Trace ID: ${details.traceId}.` : undefined,
		failure.attempts > 1 ? `Gave up after ${failure.attempts} attempts.` : undefined,
	].filter((p): p is string => p !== undefined);
	const response: JsonObject = redactValue(
		{
			api,
			method: failure.method,
			path: failure.path,
			httpCode: status !== undefined ? String(status) : null,
			traceId: details.traceId ?? null,
			body: (failure.body ?? null) as JsonObject,
			attempts: failure.attempts,
		},
		secrets,
	) as JsonObject;
	const error = new NodeApiError(node, response, {
		message: message.length > 0 ? message : `${api} request failed`,
		description: redactText(parts.join(' '), secrets),
		httpCode: status !== undefined ? String(status) : undefined,
		itemIndex,
	});
	// n8n shows `context` in the error panel; keep the trace id where users look.
	if (details.traceId) error.context.traceId = details.traceId;
	return error;
}

/**
 * The first value `pick` finds on an error or the errors it wraps: n8n wraps
 * the HTTP client's error (`cause`, `errorResponse`), which holds the details.
 */
export function findInErrorChain<T>(error: unknown, pick: (candidate: object) => T | undefined): T | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const found = pick(current);
		if (found !== undefined) return found;
		const next = current as { cause?: unknown; errorResponse?: unknown };
		current = next.cause ?? next.errorResponse;
	}
	return undefined;
}

/** Finds a Node.js network error code (ECONNRESET …) on an error or its causes. */
export function networkErrorCode(error: unknown): string | undefined {
	return findInErrorChain(error, (candidate) => {
		const code = (candidate as { code?: unknown }).code;
		return typeof code === 'string' && /^E[A-Z_]+$/.test(code) ? code : undefined;
	});
}
