import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { altOf, done } from '../../helpers/request';
import { invoiceIdField } from './billing.fields';

export const deleteInvoice: OperationDefinition = {
	resource: 'invoice',
	operation: 'delete',
	name: 'Delete',
	action: 'Delete an invoice',
	description: 'Delete a draft invoice',
	method: 'DELETE',
	path: '/invoices/{invoiceId}',
	scopes: ['invoices.write'],
	properties: [invoiceIdField, locationIdField],
	request: (p) => ({ pathParams: { invoiceId: p.pathId('invoiceId') }, qs: altOf(p) }),
	output: done((p) => ({ id: p.required('invoiceId') })),
};
