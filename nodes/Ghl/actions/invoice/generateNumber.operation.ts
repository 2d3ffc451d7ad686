import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { altOf } from '../../helpers/request';

export const generateInvoiceNumber: OperationDefinition = {
	resource: 'invoice',
	operation: 'generateNumber',
	name: 'Generate Number',
	action: 'Generate an invoice number',
	description: 'Get the next free invoice number',
	method: 'GET',
	path: '/invoices/generate-invoice-number',
	scopes: ['invoices.readonly'],
	properties: [locationIdField],
	request: (p) => ({ qs: altOf(p) }),
};
