import type { OperationDefinition } from '../../../common/operation';
import { returnAllFields } from '../../../common/describe';
import { locationIdField } from '../common.descriptions';
import { listFilters, listQuery } from '../invoice/billing.fields';

export const getAllEstimates: OperationDefinition = {
	resource: 'estimate',
	operation: 'getAll',
	name: 'Get Many',
	action: 'Get many estimates',
	description: 'List estimates (offset pagination)',
	method: 'GET',
	path: '/invoices/estimate/list',
	scopes: [],
	properties: [locationIdField, ...returnAllFields(100), listFilters(['status', 'contactId', 'startAt', 'endAt', 'search'])],
	request: (p) => ({ qs: listQuery(p) }),
	pagination: { type: 'offset', itemsKey: 'estimates', pageSize: 100, totalKey: 'total' },
};
