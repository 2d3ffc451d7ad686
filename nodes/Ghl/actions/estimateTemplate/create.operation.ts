import type { OperationDefinition } from '../../../common/operation';
import { billingBody, billingProperties, type BillingShape } from '../invoice/billing.fields';

export const estimateTemplateShape: BillingShape = {
	itemsKey: 'items',
	liveMode: true,
	businessDetails: true,
	discount: true,
	extras: ['title', 'termsNotes', 'estimateNumberPrefix', 'automaticTaxesEnabled'],
};

export const createEstimateTemplate: OperationDefinition = {
	resource: 'estimateTemplate',
	operation: 'create',
	name: 'Create',
	action: 'Create an estimate template',
	description: 'Create an estimate template',
	method: 'POST',
	path: '/invoices/estimate/template',
	scopes: [],
	properties: billingProperties(estimateTemplateShape),
	request: (p) => ({ body: billingBody(p, estimateTemplateShape) }),
};
