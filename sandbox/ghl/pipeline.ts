/**
 * One API request, start to end: token → Version → rate limit → scope →
 * handler, with X-RateLimit-* headers on every answer past authentication.
 */
import type { SandboxRequest, SandboxResponse } from '../common/http';
import { authenticate, checkScopes, checkVersion, type TokenGrant, type TokenRegistry } from './auth';
import { GhlHttpError, ghlError } from './errors';
import type { GhlRateLimiter } from './rateLimit';
import { checkRequestBody } from './requestSchema';
import type { EventSink } from './resources/kit';
import type { ResolvedRoute } from './routes';
import type { GhlStore } from './store';

export interface PipelineDeps {
	store: GhlStore;
	tokens: TokenRegistry;
	limiter: GhlRateLimiter;
	events: EventSink;
	baseUrl: () => string;
	scopeErrorStatus: 401 | 403;
}

export function createPipeline(deps: PipelineDeps) {
	return async (route: ResolvedRoute, req: SandboxRequest): Promise<SandboxResponse> => {
		const auth = authenticate(req, deps.tokens);
		if (!isGrant(auth)) return auth;
		const badVersion = checkVersion(req);
		if (badVersion) return badVersion;

		const limit = deps.limiter.take(auth.locationId);
		if (limit.rejection) return limit.rejection;
		const withLimits = (res: SandboxResponse): SandboxResponse => ({ ...res, headers: { ...limit.headers, ...(res.headers ?? {}) } });

		const denied = checkScopes(auth, route.scopes, deps.scopeErrorStatus);
		if (denied) return withLimits(denied);
		try {
			checkRequestBody(route.method, route.path, req.body);
			const res = await route.handler({ req, store: deps.store, locationId: auth.locationId, events: deps.events, baseUrl: deps.baseUrl() });
			return withLimits(res);
		} catch (e) {
			if (e instanceof GhlHttpError) return withLimits(e.toResponse());
			return withLimits(ghlError(500, `Internal server error: ${(e as Error).message}`));
		}
	};
}

function isGrant(v: TokenGrant | SandboxResponse): v is TokenGrant {
	return typeof (v as TokenGrant).token === 'string';
}

/** NestJS's answer for an unknown route, which is what GHL's gateway returns. */
export function notFoundRoute(req: SandboxRequest): SandboxResponse {
	return ghlError(404, `Cannot ${req.method} ${req.path}`);
}
