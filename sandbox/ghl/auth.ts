/**
 * Request gatekeeping in GHL's order: bearer token (401), Version header (400),
 * then — after the rate limiter — the endpoint's scope (403 naming the scope).
 * Tokens are Private Integration Tokens bound to one location with a scope list.
 */
import { header, bearerToken, type SandboxRequest, type SandboxResponse } from '../common/http';
import { ghlError } from './errors';
import { uuid } from './ids';

export const API_VERSION = '2021-07-28';

export interface TokenGrant {
	token: string;
	locationId: string;
	scopes: string[];
	label?: string;
}

export class TokenRegistry {
	private tokens = new Map<string, TokenGrant>();

	/** A new PIT ("pit-<uuid>", the format GHL issues) for a location and scope set. */
	issue(locationId: string, scopes: string[], label?: string): TokenGrant {
		return this.add({ token: `pit-${uuid()}`, locationId, scopes: [...scopes], label });
	}

	add(grant: TokenGrant): TokenGrant {
		this.tokens.set(grant.token, grant);
		return grant;
	}

	get(token: string): TokenGrant | undefined {
		return this.tokens.get(token);
	}

	/** Rotation: the old token stops working (GHL can keep it alive for 7 days; tests want it gone now). */
	revoke(token: string): boolean {
		return this.tokens.delete(token);
	}

	/** For admin state: never the token itself. */
	describe(): Array<{ label?: string; locationId: string; scopes: string[]; tokenSuffix: string }> {
		return [...this.tokens.values()].map((g) => ({ label: g.label, locationId: g.locationId, scopes: g.scopes, tokenSuffix: g.token.slice(-4) }));
	}
}

export function authenticate(req: SandboxRequest, tokens: TokenRegistry): TokenGrant | SandboxResponse {
	const token = bearerToken(req);
	if (!token) return ghlError(401, 'Invalid token: access token is missing');
	const grant = tokens.get(token);
	if (!grant) return ghlError(401, 'Invalid token: access token is invalid');
	return grant;
}

export function checkVersion(req: SandboxRequest): SandboxResponse | undefined {
	const v = header(req, 'version');
	if (!v) return ghlError(400, 'Version header was not found');
	if (v !== API_VERSION) return ghlError(400, `Version header value ${v} is not supported; use ${API_VERSION}`);
	return undefined;
}

/**
 * Any one of `required` is enough (GHL lists alternatives, e.g. Location-Access
 * or Agency-Access). Real GHL answers 401 "The token is not authorized for this
 * scope."; the sandbox defaults to 403 and names the scope (configurable).
 */
export function checkScopes(grant: TokenGrant, required: string[], status: 401 | 403 = 403): SandboxResponse | undefined {
	if (required.length === 0 || required.some((s) => grant.scopes.includes(s))) return undefined;
	return ghlError(status, `The token is not authorized for this scope. Missing scope: ${required.join(' or ')}`, { requiredScopes: required });
}
