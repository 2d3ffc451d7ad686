import type { OperationDefinition } from '../../../common/operation';
import { returnAllFields } from '../../../common/describe';
import { locationIdField } from '../common.descriptions';
import { listFilters, listQuery } from '../invoice/billing.fields';

export const getAllEstimateTemplates: OperationDefinition = {
	resource: 'estimateTemplate',
	operation: 'getAll',
	name: 'Get Many',
	action: 'Get many estimate templates',
	description: 'List estimate templates (offset pagination)',
	method: 'GET',
	path: '/invoices/estimate/template',
	scopes: [],
	properties: [locationIdField, ...returnAllFields(100), listFilters(['search'])],
	request: (p) => ({ qs: listQuery(p) }),
	pagination: { type: 'offset', itemsKey: 'data', pageSize: 100, totalKey: 'totalCount' },
};
