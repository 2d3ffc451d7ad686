import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { altOf } from '../../helpers/request';
import { estimateTemplateIdField } from '../invoice/billing.fields';

export const previewEstimateTemplate: OperationDefinition = {
	resource: 'estimateTemplate',
	operation: 'preview',
	name: 'Preview',
	action: 'Preview an estimate template',
	description: 'Get an estimate template as it would be rendered',
	method: 'GET',
	path: '/invoices/estimate/template/preview',
	scopes: [],
	properties: [estimateTemplateIdField, locationIdField],
	request: (p) => ({ qs: { ...altOf(p), templateId: p.required('templateId') } }),
};
