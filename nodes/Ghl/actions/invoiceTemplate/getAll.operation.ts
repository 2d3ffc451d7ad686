import type { OperationDefinition } from '../../../common/operation';
import { returnAllFields } from '../../../common/describe';
import { locationIdField } from '../common.descriptions';
import { listFilters, listQuery } from '../invoice/billing.fields';

export const getAllInvoiceTemplates: OperationDefinition = {
	resource: 'invoiceTemplate',
	operation: 'getAll',
	name: 'Get Many',
	action: 'Get many invoice templates',
	description: 'List invoice templates (offset pagination)',
	method: 'GET',
	path: '/invoices/template',
	scopes: ['invoices/template.readonly'],
	properties: [locationIdField, ...returnAllFields(100), listFilters(['status', 'startAt', 'endAt', 'search', 'paymentMode'])],
	request: (p) => ({ qs: listQuery(p) }),
	pagination: { type: 'offset', itemsKey: 'data', pageSize: 100, totalKey: 'totalCount' },
};
