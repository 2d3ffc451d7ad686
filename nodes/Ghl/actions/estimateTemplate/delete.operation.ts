import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { altOf, done } from '../../helpers/request';
import { estimateTemplateIdField } from '../invoice/billing.fields';

export const deleteEstimateTemplate: OperationDefinition = {
	resource: 'estimateTemplate',
	operation: 'delete',
	name: 'Delete',
	action: 'Delete an estimate template',
	description: 'Delete an estimate template',
	method: 'DELETE',
	path: '/invoices/estimate/template/{templateId}',
	scopes: [],
	properties: [estimateTemplateIdField, locationIdField],
	request: (p) => ({ pathParams: { templateId: p.pathId('templateId') }, body: altOf(p) }),
	output: done((p) => ({ id: p.required('templateId') })),
};
