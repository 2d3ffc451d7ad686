import type { OperationDefinition } from '../../../common/operation';
import { returnAllFields } from '../../../common/describe';
import { locationIdField } from '../common.descriptions';
import { listFilters, listQuery } from './billing.fields';

export const getAllInvoices: OperationDefinition = {
	resource: 'invoice',
	operation: 'getAll',
	name: 'Get Many',
	action: 'Get many invoices',
	description: 'List invoices, filtered by status, contact and dates (offset pagination)',
	method: 'GET',
	path: '/invoices/',
	scopes: ['invoices.readonly'],
	properties: [
		locationIdField,
		...returnAllFields(100),
		listFilters(['status', 'contactId', 'startAt', 'endAt', 'search', 'paymentMode', 'sortOrder']),
	],
	request: (p) => ({ qs: listQuery(p) }),
	pagination: { type: 'offset', itemsKey: 'invoices', pageSize: 100, totalKey: 'total' },
};
