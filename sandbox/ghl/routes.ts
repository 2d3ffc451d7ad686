/**
 * The fake GHL API's route table: every endpoint, grouped by spec file, with
 * the scopes it needs (from the reference files, see scopes.ts).
 */
import { Router, type SandboxRequest, type SandboxResponse } from '../common/http';
import { contactRoutes } from './resources/contacts';
import { customFieldRoutes } from './resources/customFields';
import { scheduleRoutes } from './resources/invoiceSchedules';
import { invoiceRoutes } from './resources/invoices';
import { templateAndEstimateRoutes } from './resources/invoiceTemplates';
import type { RouteDef } from './resources/kit';
import { locationRoutes } from './resources/locations';
import { opportunityRoutes } from './resources/opportunities';
import { proposalRoutes } from './resources/proposals';
import { userRoutes } from './resources/users';
import { requiredScopes } from './scopes';

export const ROUTE_GROUPS: Record<string, RouteDef[]> = {
	'contacts.json': contactRoutes,
	'invoices.json': [...invoiceRoutes, ...scheduleRoutes, ...templateAndEstimateRoutes],
	'proposals.json': proposalRoutes,
	'locations.json': locationRoutes,
	'custom-fields.json': customFieldRoutes,
	'users.json': userRoutes,
	'opportunities.json': opportunityRoutes,
};

export interface ResolvedRoute extends RouteDef {
	scopes: string[];
}

/** Static segments before parameters, so '/invoices/schedule' is not taken for '/invoices/:invoiceId'. */
function specificity(path: string): number[] {
	return path.split('/').filter(Boolean).map((s) => (s.startsWith(':') ? 1 : 0));
}

function compareSpecificity(a: RouteDef, b: RouteDef): number {
	const x = specificity(a.path);
	const y = specificity(b.path);
	for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
	return x.length - y.length;
}

export function resolvedRoutes(): ResolvedRoute[] {
	return Object.values(ROUTE_GROUPS)
		.flat()
		.map((r) => ({ ...r, scopes: requiredScopes(r.method, r.path, r.scope) }))
		.sort(compareSpecificity);
}

/** Each route's handler is the request pipeline bound to that route. */
export function buildApiRouter(routes: ResolvedRoute[], pipeline: (route: ResolvedRoute, req: SandboxRequest) => Promise<SandboxResponse>): Router {
	const router = new Router();
	for (const r of routes) router.add(r.method, r.path, (req) => pipeline(r, req));
	return router;
}

/** Union of the scopes the routes need: what the sandbox's default token is granted. */
export function routeScopes(routes: ResolvedRoute[]): string[] {
	// Only the first alternative of each route: that is the scope a real PIT would be given.
	return [...new Set(routes.map((r) => r.scopes[0]).filter((s): s is string => !!s))].sort();
}
