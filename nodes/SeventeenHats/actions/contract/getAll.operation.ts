import { returnAllFields } from '../../../common/describe';
import type { OperationDefinition } from '../../../common/operation';
import { listQuery } from '../../helpers/body';
import { CONTRACT_STATUSES, HATS_PAGINATION, idFilter, listFilters, statusField } from '../common.descriptions';

export const getManyContracts: OperationDefinition = {
	resource: 'contract',
	operation: 'getAll',
	name: 'Get Many',
	action: 'Get many contracts',
	description: 'List 17hats contracts, optionally filtered',
	method: 'GET',
	path: '/contracts',
	scopes: ['contracts:read'],
	properties: [...returnAllFields(), listFilters([idFilter('Contact ID', 'contactId'), statusField(CONTRACT_STATUSES)])],
	request: (p) => ({ qs: listQuery(p.collection('filters')) }),
	pagination: HATS_PAGINATION,
};
