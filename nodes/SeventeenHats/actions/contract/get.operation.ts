import type { OperationDefinition } from '../../../common/operation';
import { CONTRACT, locator } from '../common.descriptions';

export const getContract: OperationDefinition = {
	resource: 'contract',
	operation: 'get',
	name: 'Get',
	action: 'Get a contract',
	description: 'Get a 17hats contract by ID',
	method: 'GET',
	path: '/contracts/{id}',
	scopes: ['contracts:read'],
	properties: [locator(CONTRACT)],
	request: (p) => ({ pathParams: { id: p.pathId('contractId') } }),
};
