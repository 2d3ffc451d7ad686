import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

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
	/** The credential used, and what to do when the API refuses it (401). */
	credential?: { name: string; onRejected?: string };
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
	const rejected = status === 401 && failure.credential?.onRejected;
	const parts = [
		// A refused key or token is the user's to replace: say which credential and how, first.
		rejected ? `The credential "${failure.credential?.name}" was refused. ${failure.credential?.onRejected}` : undefined,
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
	return redactError(error, secrets);
}

/**
 * Redacts, in place, every field an n8n error keeps (message, messages,
 * description, httpCode, context, errorResponse, cause chain, stack, …): an
 * API may echo the credential in any of them. The node is left alone (shared
 * with the workflow).
 */
export function redactError<E extends Error>(error: E, secrets: readonly string[]): E {
	for (const key of Object.getOwnPropertyNames(error)) {
		if (key === 'node') continue;
		const descriptor = Object.getOwnPropertyDescriptor(error, key);
		if (!descriptor || !('value' in descriptor) || !(descriptor.writable || descriptor.configurable)) continue;
		const value: unknown = descriptor.value;
		if (value === null || value === undefined || (typeof value !== 'string' && typeof value !== 'object')) continue;
		Object.defineProperty(error, key, { ...descriptor, value: redactValue(value, secrets) });
	}
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

/** Why n8n could not refresh an OAuth2 credential's access token, read from what n8n-core threw. */
export interface TokenRefreshFailure {
	/** What the token endpoint said, in words. */
	reason: string;
}

function tokenEndpointSays(body: unknown): string | undefined {
	if (typeof body === 'string') {
		// client-oauth2 keeps the raw text of a body it could not read as an OAuth error.
		try {
			return tokenEndpointSays(JSON.parse(body)) ?? (body.trim().slice(0, 300) || undefined);
		} catch {
			return body.trim().slice(0, 300) || undefined;
		}
	}
	if (!body || typeof body !== 'object') return undefined;
	const b = body as Record<string, unknown>;
	const text = [b.error_description, b.message, b.error].find((v) => typeof v === 'string' && v.trim() !== '');
	const code = typeof b.error === 'string' && b.error !== text ? ` (${b.error})` : '';
	return typeof text === 'string' ? `${text.slice(0, 300)}${code}` : undefined;
}

/**
 * Recognises a failed token refresh in an error n8n threw from an OAuth2
 * request: n8n-core's own "needs to be reconnected" error (an `invalid_grant`
 * answer), or client-oauth2's `AuthError` (`EAUTH`, another OAuth error code)
 * and `ResponseError` (`ESTATUS`, a body without one, as HighLevel's 400s).
 */
export function tokenRefreshFailure(error: unknown): TokenRefreshFailure | undefined {
	return findInErrorChain(error, (candidate): TokenRefreshFailure | undefined => {
		const c = candidate as { failure?: { cause?: unknown }; code?: unknown; body?: unknown; status?: unknown };
		if (c.failure?.cause === 'credential-invalid') {
			return { reason: 'The refresh token was refused (invalid_grant): it expired, was revoked, or the app was uninstalled from the location' };
		}
		if (c.code === 'EAUTH' && 'body' in c) {
			return { reason: tokenEndpointSays(c.body) ?? 'The token endpoint refused the refresh' };
		}
		if (c.code === 'ESTATUS' && typeof c.status === 'number') {
			const says = tokenEndpointSays(c.body);
			return { reason: `The token endpoint answered HTTP ${c.status}${says ? `: ${says}` : ''}` };
		}
		return undefined;
	});
}

/**
 * The error for a failed refresh: names the credential type and tells how to
 * reconnect, instead of reporting a network failure.
 */
export function tokenRefreshError(
	node: INode,
	credential: { typeName: string; displayName: string },
	failure: TokenRefreshFailure,
	secrets: readonly string[],
	itemIndex?: number,
): NodeOperationError {
	const named = node.credentials?.[credential.typeName]?.name;
	const open = named ? `Open the credential "${named}"` : `Open the ${credential.displayName} credential`;
	const error = new NodeOperationError(node, `${credential.displayName}: the access token could not be refreshed`, {
		itemIndex,
		description: `${failure.reason.replace(/[.\s]+$/, '')}. ${open} and reconnect it (Connect my account) to get a new token.`,
		failure: { cause: 'credential-invalid' },
	});
	return redactError(error, secrets);
}
