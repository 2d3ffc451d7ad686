import type { OperationDefinition } from '../../../common/operation';
import { idField, locationIdField } from '../common.descriptions';
import { altOf } from '../../helpers/request';

export const voidInvoice: OperationDefinition = {
	resource: 'invoice',
	operation: 'void',
	name: 'Void',
	action: 'Void an invoice',
	description: 'Void an invoice',
	method: 'POST',
	path: '/invoices/{invoiceId}/void',
	scopes: ['invoices.write'],
	properties: [idField('Invoice ID', 'invoiceId'), locationIdField],
	request: (p) => ({ pathParams: { invoiceId: p.pathId('invoiceId') }, body: altOf(p) }),
};
