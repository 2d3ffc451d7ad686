import type { OperationDefinition } from '../../../common/operation';
import { idField } from '../common.descriptions';

export const getUser: OperationDefinition = {
	resource: 'user',
	operation: 'get',
	name: 'Get',
	action: 'Get a user',
	description: 'Get a user by ID',
	method: 'GET',
	path: '/users/{userId}',
	scopes: ['users.readonly'],
	properties: [idField('User ID', 'userId')],
	request: (p) => ({ pathParams: { userId: p.pathId('userId') } }),
};
