/** Users (openapi/users.json): list by location, get one. Read-only in the sandbox. */
import { badRequest } from '../errors';
import type { User } from '../store';
import { locationFromQuery, ok, type RouteDef } from './kit';

/** UserSchema minus `scopes`, which the spec types as a single enum string (it is a list in practice). */
export function userView(u: User) {
	return { ...u, permissions: { ...u.permissions }, roles: { ...u.roles, locationIds: [...u.roles.locationIds] } };
}

export const userRoutes: RouteDef[] = [
	{
		method: 'GET',
		path: '/users/',
		handler: (ctx) => {
			const locationId = locationFromQuery(ctx);
			return ok({ users: ctx.store.users.values().filter((u) => !u.deleted && u.roles.locationIds.includes(locationId)).map(userView) });
		},
	},
	{
		method: 'GET',
		path: '/users/:userId',
		handler: (ctx) => {
			const u = ctx.store.users.get(ctx.req.params.userId);
			if (!u || u.deleted) throw badRequest('User not found');
			return ok(userView(u));
		},
	},
];
