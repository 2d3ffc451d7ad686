import type { OperationDefinition } from '../../../common/operation';
import { locator, PROJECT } from '../common.descriptions';

export const getProject: OperationDefinition = {
	resource: 'project',
	operation: 'get',
	name: 'Get',
	action: 'Get a project',
	description: 'Get a 17hats project by ID',
	method: 'GET',
	path: '/projects/{id}',
	scopes: ['projects:read'],
	properties: [locator(PROJECT)],
	request: (p) => ({ pathParams: { id: p.pathId('projectId') } }),
};
