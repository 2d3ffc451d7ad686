import type { OperationDefinition } from '../../../common/operation';
import { idField, locationIdField } from '../common.descriptions';
import { altOf } from '../../helpers/request';

export const previewEstimateTemplate: OperationDefinition = {
	resource: 'estimateTemplate',
	operation: 'preview',
	name: 'Preview',
	action: 'Preview an estimate template',
	description: 'Get an estimate template as it would be rendered',
	method: 'GET',
	path: '/invoices/estimate/template/preview',
	scopes: [],
	properties: [idField('Template ID', 'templateId'), locationIdField],
	request: (p) => ({ qs: { ...altOf(p), templateId: p.required('templateId') } }),
};
