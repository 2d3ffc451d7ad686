import type { OperationDefinition } from '../../../common/operation';
import { recordLocator } from '../common.descriptions';

export const getUser: OperationDefinition = {
	resource: 'user',
	operation: 'get',
	name: 'Get',
	action: 'Get a user',
	description: 'Get a user by ID',
	method: 'GET',
	path: '/users/{userId}',
	scopes: ['users.readonly'],
	properties: [recordLocator({ displayName: 'User ID', name: 'userId', searchListMethod: 'searchUsers', description: 'A user of the location' })],
	request: (p) => ({ pathParams: { userId: p.pathId('userId') } }),
};
