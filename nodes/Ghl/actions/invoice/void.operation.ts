import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { altOf } from '../../helpers/request';
import { invoiceIdField } from './billing.fields';

export const voidInvoice: OperationDefinition = {
	resource: 'invoice',
	operation: 'void',
	name: 'Void',
	action: 'Void an invoice',
	description: 'Void an invoice',
	method: 'POST',
	path: '/invoices/{invoiceId}/void',
	scopes: ['invoices.write'],
	properties: [invoiceIdField, locationIdField],
	request: (p) => ({ pathParams: { invoiceId: p.pathId('invoiceId') }, body: altOf(p) }),
};
