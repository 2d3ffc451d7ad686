import type { OperationDefinition } from '../../../common/operation';

import { billingBody, billingProperties, estimateTemplateIdField } from '../invoice/billing.fields';
import { estimateTemplateShape } from './create.operation';

export const updateEstimateTemplate: OperationDefinition = {
	resource: 'estimateTemplate',
	operation: 'update',
	name: 'Update',
	action: 'Update an estimate template',
	description: 'Replace an estimate template’s details and line items',
	method: 'PUT',
	path: '/invoices/estimate/template/{templateId}',
	scopes: [],
	properties: [estimateTemplateIdField, ...billingProperties(estimateTemplateShape)],
	request: (p) => ({ pathParams: { templateId: p.pathId('templateId') }, body: billingBody(p, estimateTemplateShape) }),
};
