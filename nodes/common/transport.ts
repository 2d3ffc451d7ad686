/**
 * The one place HTTP happens. Each API (GHL, 17hats) describes itself in an
 * `ApiProfile`; `createTransport` turns a profile into that API's transport:
 * scope pre-check, https check, per-credential token bucket, the request via
 * `httpRequestWithAuthentication`, retries with backoff, and errors that carry
 * the API's message, status and trace id with every secret redacted.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import {
	apiError,
	findInErrorChain,
	networkErrorCode,
	tokenRefreshError,
	tokenRefreshFailure,
	type ApiErrorDetails,
	type ApiFailure,
} from './errors';
import { paginate, pagingIn, type PaginationStyle } from './pagination';
import { bucketFor, type RateLimitObservation } from './rateLimiter';
import { redactText } from './redact';
import { requestPath, type PathParams } from './requestPath';
import {
	backoffDelayMs,
	DEFAULT_RETRY_POLICY,
	isRetryableNetworkCode,
	isRetryableStatus,
	retryAfterMs,
	type HeaderBag,
	type RetryPolicy,
} from './retry';
import { missingScopes } from './scopes';

export type ApiContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

/** What a credential resolves to, for one API. */
export interface ApiConnection {
	credentialType: string;
	baseUrl: string;
	/** Scopes the credential says it has; undefined or empty skips the pre-check. */
	grantedScopes?: string[];
	/** Identifies the credential for rate limiting without holding the secret. */
	bucketKey: string;
	/** Values to redact from anything shown to the user. */
	secrets: string[];
	/** Defaults taken from the credential, e.g. GHL's location id. */
	defaults: IDataObject;
	/** Set when the credential cannot be used (e.g. an http base URL); nothing is sent. */
	problem?: string;
}

export interface ApiProfile {
	/** Display name in messages: "HighLevel", "17hats". */
	api: string;
	/** Name of the node parameter that picks the credential type, if there is a choice. */
	credentialType(ctx: ApiContext, itemIndex: number): string;
	connection(credentialType: string, credentials: ICredentialDataDecryptedObject): ApiConnection;
	/** Headers every request carries (e.g. GHL's `Version`). */
	headers: Record<string, string>;
	readError(body: unknown): ApiErrorDetails;
	readRateLimit(headers: HeaderBag): RateLimitObservation | undefined;
	/** The documented limit, used until the API's headers say otherwise. */
	defaultRateLimit: { limit: number; windowMs: number };
	/** Scope named in messages, e.g. "HighLevel scope". */
	scopeNoun: string;
	/** Credential type → the name the editor shows ("GHL OAuth2 API"), for messages about the credential. */
	credentialDisplayNames?: Readonly<Record<string, string>>;
	/** Credential type → what to do when the API refuses it (401: revoked, rotated, expired). */
	credentialRejected?: Readonly<Record<string, string>>;
}

export interface ApiRequest {
	method: IHttpRequestMethods;
	/**
	 * Path template below the base URL, e.g. `/contacts/{contactId}`; each
	 * `{name}` segment is filled from `pathParams`. Never put an id into the
	 * path by hand: the transport refuses any URL that leaves this shape.
	 */
	path: string;
	pathParams?: PathParams;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	/** Scopes the call needs; checked before anything is sent. */
	scopes?: readonly string[];
	itemIndex?: number;
	/** Statuses returned as answers instead of errors (e.g. 404 for "not found"). */
	acceptStatus?: readonly number[];
	retry?: Partial<RetryPolicy>;
	/**
	 * Whether sending the request twice does no harm. Defaults to true for every
	 * method but POST. A POST that is not marked idempotent (record a payment,
	 * send a document) is retried only when the API surely did not process it
	 * (429, 503), never after a timeout or a dropped connection.
	 */
	idempotent?: boolean;
	timeoutMs?: number;
}

export interface ApiResponse<T = unknown> {
	status: number;
	headers: HeaderBag;
	body: T;
}

interface FullResponse {
	body: unknown;
	headers: HeaderBag;
	statusCode: number;
}

export interface Transport {
	profile: ApiProfile;
	connect(ctx: ApiContext, itemIndex?: number): Promise<ApiConnection>;
	request<T = unknown>(ctx: ApiContext, req: ApiRequest): Promise<ApiResponse<T>>;
	/** The parsed body of a successful request. */
	call<T = IDataObject>(ctx: ApiContext, req: ApiRequest): Promise<T>;
	/** Every item across pages (or the first `limit`). */
	all(ctx: ApiContext, req: ApiRequest, style: PaginationStyle, limit?: number): Promise<IDataObject[]>;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** A credential read once: what the transport uses, and the decrypted data n8n's request helper needs. */
interface ResolvedConnection {
	connection: ApiConnection;
	credentials: ICredentialsDecrypted;
}

/** Credentials read inside `reuseConnections`, per n8n context: item → credential type → the read. */
const openScopes = new WeakMap<ApiContext, { depth: number; items: Map<number, Map<string, Promise<ResolvedConnection>>> }>();

/**
 * Runs `work` reading each credential at most once per item for `ctx`: every
 * `connect`, request and page inside reuses the first read (in n8n each read
 * is a database query and a decryption). Scopes nest; what was read is
 * dropped when the outermost ends, so a long-lived context (a poll trigger's)
 * reads afresh next time. Outside a scope every request reads the credential.
 */
export async function reuseConnections<T>(ctx: ApiContext, work: () => Promise<T>): Promise<T> {
	let scope = openScopes.get(ctx);
	if (!scope) {
		scope = { depth: 0, items: new Map() };
		openScopes.set(ctx, scope);
	}
	scope.depth++;
	try {
		return await work();
	} finally {
		if (--scope.depth === 0) openScopes.delete(ctx);
	}
}

/** Forgets what the open scope read for an item that is done (a long run holds no more than it needs). */
export function releaseConnections(ctx: ApiContext, itemIndex: number): void {
	openScopes.get(ctx)?.items.delete(itemIndex);
}

export function createTransport(profile: ApiProfile): Transport {
	async function readConnection(ctx: ApiContext, credentialType: string, itemIndex: number): Promise<ResolvedConnection> {
		const data = await ctx.getCredentials(credentialType, itemIndex);
		const connection = profile.connection(credentialType, data);
		if (connection.problem) {
			throw new NodeOperationError(ctx.getNode(), connection.problem, { itemIndex });
		}
		const details = ctx.getNode().credentials?.[credentialType];
		return {
			connection,
			credentials: { id: details?.id ?? '', name: details?.name ?? credentialType, type: credentialType, data },
		};
	}

	async function resolve(ctx: ApiContext, itemIndex: number): Promise<ResolvedConnection> {
		const credentialType = profile.credentialType(ctx, itemIndex);
		const scope = openScopes.get(ctx);
		if (!scope) return await readConnection(ctx, credentialType, itemIndex);
		let item = scope.items.get(itemIndex);
		if (!item) {
			item = new Map();
			scope.items.set(itemIndex, item);
		}
		let reading = item.get(credentialType);
		if (!reading) {
			reading = readConnection(ctx, credentialType, itemIndex);
			item.set(credentialType, reading);
		}
		return await reading;
	}

	async function connect(ctx: ApiContext, itemIndex = 0): Promise<ApiConnection> {
		return (await resolve(ctx, itemIndex)).connection;
	}

	async function request<T>(ctx: ApiContext, req: ApiRequest): Promise<ApiResponse<T>> {
		const itemIndex = req.itemIndex ?? 0;
		const { connection, credentials } = await resolve(ctx, itemIndex);
		const node = ctx.getNode();
		const path = checkedPath(ctx, connection, req, itemIndex);

		const missing = missingScopes(connection.grantedScopes, req.scopes ?? []);
		if (missing.length > 0) {
			throw new NodeOperationError(
				node,
				`The credential lacks the ${profile.scopeNoun} "${missing.join('", "')}" needed for ${req.method} ${req.path}`,
				{
					itemIndex,
					description: `Grant ${missing.length > 1 ? 'these scopes' : 'this scope'} to the token or app in ${profile.api}, then add ${missing.length > 1 ? 'them' : 'it'} to the credential's Granted Scopes. Nothing was sent.`,
				},
			);
		}

		const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...req.retry };
		const bucket = bucketFor(
			connection.bucketKey,
			profile.defaultRateLimit.limit,
			profile.defaultRateLimit.windowMs,
		);
		const options: IHttpRequestOptions = {
			method: req.method,
			baseURL: connection.baseUrl,
			url: path,
			qs: req.qs,
			body: req.body,
			headers: { Accept: 'application/json', ...profile.headers },
			json: true,
			returnFullResponse: true,
			// Every status comes back as a response, except 401: n8n refreshes an
			// expired OAuth2 token only when a 401 is thrown.
			ignoreHttpStatusErrors: { ignore: true, except: [401] },
			timeout: req.timeoutMs ?? DEFAULT_TIMEOUT_MS,
		};

		const safeToRepeat = req.idempotent ?? req.method !== 'POST';
		const fail = (failure: Omit<ApiFailure, 'api' | 'method' | 'path'>) =>
			apiError(
				node,
				{
					api: profile.api,
					method: req.method,
					path,
					...failure,
					credential: {
						// The name the user gave the credential in n8n.
						name: node.credentials?.[connection.credentialType]?.name ?? profile.credentialDisplayNames?.[connection.credentialType] ?? connection.credentialType,
						onRejected: profile.credentialRejected?.[connection.credentialType],
					},
				},
				connection.secrets,
				itemIndex,
			);

		for (let attempt = 1; ; attempt++) {
			// Wait for a token: bursts stay under the API's limit by design.
			for (let wait = bucket.take(); wait > 0; wait = bucket.take()) await sleep(wait);

			let response: FullResponse;
			try {
				// The credential read above, so n8n does not read it again per request
				// (an OAuth2 credential n8n still reads itself, to refresh its token).
				response = (await ctx.helpers.httpRequestWithAuthentication.call(
					ctx,
					connection.credentialType,
					{ ...options, headers: { ...options.headers } },
					{ credentialsDecrypted: credentials },
				)) as FullResponse;
			} catch (error) {
				bucket.settled();
				const thrown = thrownResponse(error);
				if (thrown) {
					// A 401 that survived n8n's token refresh (or a non-OAuth2 credential).
					response = thrown;
				} else {
					// A failed OAuth2 refresh is about the credential, not the network.
					const refresh = tokenRefreshFailure(error);
					if (refresh) {
						const credential = {
							typeName: connection.credentialType,
							displayName: profile.credentialDisplayNames?.[connection.credentialType] ?? connection.credentialType,
						};
						throw tokenRefreshError(node, credential, refresh, connection.secrets, itemIndex);
					}
					const code = networkErrorCode(error);
					if (safeToRepeat && isRetryableNetworkCode(code) && attempt < policy.maxAttempts) {
						await sleep(backoffDelayMs(attempt, policy, undefined));
						continue;
					}
					throw fail({
						networkCode: code,
						networkMessage: redactText(String((error as Error).message ?? error), connection.secrets),
						attempts: attempt,
						details: {},
					});
				}
			}

			const observation = profile.readRateLimit(response.headers);
			if (observation) bucket.observe(observation);
			bucket.settled();

			const status = response.statusCode;
			if ((status >= 200 && status < 300) || req.acceptStatus?.includes(status)) {
				return { status, headers: response.headers, body: response.body as T };
			}

			// 429 and 503 mean the API did not do the work; other 5xx may have done it.
			const repeatable = safeToRepeat || status === 429 || status === 503;
			if (repeatable && isRetryableStatus(status) && attempt < policy.maxAttempts) {
				const hint =
					retryAfterMs(response.headers) ??
					(status === 429 ? (observation?.resetInMs ?? observation?.windowMs) : undefined);
				const delay = backoffDelayMs(attempt, policy, hint);
				if (delay <= policy.maxWaitMs) {
					if (status === 429) bucket.block(delay);
					await sleep(delay);
					continue;
				}
			}

			throw fail({ status, body: response.body, attempts: attempt, details: profile.readError(response.body) });
		}
	}

	async function call<T>(ctx: ApiContext, req: ApiRequest): Promise<T> {
		return (await request<T>(ctx, req)).body;
	}

	async function all(
		ctx: ApiContext,
		req: ApiRequest,
		style: PaginationStyle,
		limit?: number,
	): Promise<IDataObject[]> {
		// Every page uses the credential read for the first.
		return await reuseConnections(ctx, async () => {
			if (pagingIn(style) === 'body') {
				// Paging lives in the body (GHL contact search): every page keeps the whole body.
				const body = (Array.isArray(req.body) ? {} : (req.body ?? {})) as IDataObject;
				return await paginate(style, body, async (next) => await call(ctx, { ...req, body: next }), limit);
			}
			return await paginate(style, req.qs ?? {}, async (qs) => await call(ctx, { ...req, qs }), limit);
		});
	}

	return { profile, connect, request, call, all };
}

/**
 * The HTTP response inside an error n8n threw for a status we did not ignore
 * (401): n8n wraps the client's error, which carries the response.
 */
function thrownResponse(error: unknown): FullResponse | undefined {
	return findInErrorChain(error, (candidate) => {
		const response = (candidate as { response?: { status?: unknown; data?: unknown; headers?: unknown } }).response;
		return response && typeof response.status === 'number'
			? { statusCode: response.status, body: response.data, headers: (response.headers ?? {}) as HeaderBag }
			: undefined;
	});
}

/**
 * The request's path, filled from its template and proven (on the URL the
 * client will request) to keep the template's shape below the base URL.
 * Anything else fails the item before a request is sent.
 */
function checkedPath(ctx: ApiContext, connection: ApiConnection, req: ApiRequest, itemIndex: number): string {
	const built = requestPath(connection.baseUrl, req.path, req.pathParams);
	if ('path' in built) return built.path;
	throw new NodeOperationError(ctx.getNode(), built.refused, {
		itemIndex,
		description: `Every path parameter must stay exactly one segment of ${req.method} ${req.path}; anything else could reach another endpoint. Nothing was sent.`,
	});
}
