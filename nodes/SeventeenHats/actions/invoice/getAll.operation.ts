import { returnAllFields } from '../../../common/describe';
import type { OperationDefinition } from '../../../common/operation';
import { listQuery } from '../../helpers/body';
import { HATS_PAGINATION, idFilter, INVOICE_STATUSES, listFilters, statusField } from '../common.descriptions';

export const getManyInvoices: OperationDefinition = {
	resource: 'invoice',
	operation: 'getAll',
	name: 'Get Many',
	action: 'Get many invoices',
	description: 'List 17hats invoices, optionally filtered',
	method: 'GET',
	path: '/invoices',
	scopes: ['invoices:read'],
	properties: [
		...returnAllFields(),
		listFilters([idFilter('Contact ID', 'contactId'), idFilter('Contract ID', 'contractId'), statusField(INVOICE_STATUSES)]),
	],
	request: (p) => ({ qs: listQuery(p.collection('filters')) }),
	pagination: HATS_PAGINATION,
};
