import { returnAllFields } from '../../../common/describe';
import type { OperationDefinition } from '../../../common/operation';
import { listQuery } from '../../helpers/body';
import { HATS_PAGINATION, idFilter, listFilters } from '../common.descriptions';

export const getManyProjects: OperationDefinition = {
	resource: 'project',
	operation: 'getAll',
	name: 'Get Many',
	action: 'Get many projects',
	description: 'List 17hats projects, optionally filtered',
	method: 'GET',
	path: '/projects',
	scopes: ['projects:read'],
	properties: [...returnAllFields(), listFilters([idFilter('Contact ID', 'contactId')])],
	request: (p) => ({ qs: listQuery(p.collection('filters')) }),
	pagination: HATS_PAGINATION,
};
