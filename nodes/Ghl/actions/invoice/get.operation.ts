import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { altOf } from '../../helpers/request';
import { invoiceIdField } from './billing.fields';

export const getInvoice: OperationDefinition = {
	resource: 'invoice',
	operation: 'get',
	name: 'Get',
	action: 'Get an invoice',
	description: 'Get an invoice by ID',
	method: 'GET',
	path: '/invoices/{invoiceId}',
	scopes: ['invoices.readonly'],
	properties: [invoiceIdField, locationIdField],
	request: (p) => ({ pathParams: { invoiceId: p.pathId('invoiceId') }, qs: altOf(p) }),
};
