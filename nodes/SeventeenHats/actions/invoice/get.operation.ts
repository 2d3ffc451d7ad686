import type { OperationDefinition } from '../../../common/operation';
import { invoiceIdField } from '../common.descriptions';

export const getInvoice: OperationDefinition = {
	resource: 'invoice',
	operation: 'get',
	name: 'Get',
	action: 'Get an invoice',
	description: 'Get a 17hats invoice by ID',
	method: 'GET',
	path: '/invoices/{id}',
	scopes: ['invoices:read'],
	properties: [invoiceIdField],
	request: (p) => ({ pathParams: { id: p.pathId('invoiceId') } }),
};
