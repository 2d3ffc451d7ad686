import type { OperationDefinition } from '../../../common/operation';
import { billingBody, billingProperties, type BillingShape } from '../invoice/billing.fields';

export const estimateShape: BillingShape = {
	contact: true,
	issueDate: true,
	liveMode: true,
	frequency: true,
	itemsKey: 'items',
	businessDetails: true,
	discount: true,
	extras: ['title', 'termsNotes', 'estimateNumber', 'estimateNumberPrefix', 'expiryDate', 'automaticTaxesEnabled', 'autoInvoice'],
};

export const createEstimate: OperationDefinition = {
	resource: 'estimate',
	operation: 'create',
	name: 'Create',
	action: 'Create an estimate',
	description: 'Create an estimate (quote)',
	method: 'POST',
	path: '/invoices/estimate',
	scopes: [],
	properties: billingProperties(estimateShape),
	request: (p) => ({ body: billingBody(p, estimateShape) }),
};
