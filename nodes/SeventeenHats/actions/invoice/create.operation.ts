import type { OperationDefinition } from '../../../common/operation';
import { INVOICE_MAP } from '../../helpers/maps';
import { recordBody } from '../bodies';
import { CONTACT, locator, metadataField } from '../common.descriptions';
import { amountField, invoiceAdditionalFields } from './invoice.fields';

export const createInvoice: OperationDefinition = {
	resource: 'invoice',
	operation: 'create',
	name: 'Create',
	action: 'Create an invoice',
	description: 'Create a 17hats invoice for a contact, optionally against a contract',
	method: 'POST',
	path: '/invoices',
	scopes: ['invoices:write'],
	properties: [locator(CONTACT), amountField, invoiceAdditionalFields, metadataField],
	request: (p) => ({ body: recordBody(p, INVOICE_MAP, { required: ['contactId', 'amount'], collection: 'additionalFields' }) }),
};
