import type { OperationDefinition } from '../../../common/operation';

export const getAccount: OperationDefinition = {
	resource: 'account',
	operation: 'get',
	name: 'Get',
	action: 'Get the account',
	description: 'Get the 17hats account the API key belongs to, with its granted scopes',
	method: 'GET',
	path: '/me',
	scopes: [],
	properties: [],
};
