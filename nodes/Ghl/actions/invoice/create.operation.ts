import type { OperationDefinition } from '../../../common/operation';
import { unwrap } from '../../helpers/request';
import { billingBody, billingProperties, newInvoiceShape, type BillingShape } from './billing.fields';

/** CreateInvoiceDto requires businessDetails and discount (sent empty when left unset). */
const shape: BillingShape = { ...newInvoiceShape, businessDetails: true, discount: true };

export const createInvoice: OperationDefinition = {
	resource: 'invoice',
	operation: 'create',
	name: 'Create',
	action: 'Create an invoice',
	description: 'Create a draft invoice',
	method: 'POST',
	path: '/invoices/',
	scopes: ['invoices.write'],
	properties: billingProperties(shape),
	request: (p) => ({ body: billingBody(p, shape) }),
	output: unwrap('invoice'),
};
