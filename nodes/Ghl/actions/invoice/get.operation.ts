import type { OperationDefinition } from '../../../common/operation';
import { idField, locationIdField } from '../common.descriptions';
import { altOf } from '../../helpers/request';

export const getInvoice: OperationDefinition = {
	resource: 'invoice',
	operation: 'get',
	name: 'Get',
	action: 'Get an invoice',
	description: 'Get an invoice by ID',
	method: 'GET',
	path: '/invoices/{invoiceId}',
	scopes: ['invoices.readonly'],
	properties: [idField('Invoice ID', 'invoiceId'), locationIdField],
	request: (p) => ({ pathParams: { invoiceId: p.pathId('invoiceId') }, qs: altOf(p) }),
};
