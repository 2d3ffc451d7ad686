import type { OperationDefinition } from '../../../common/operation';
import { idField, locationIdField } from '../common.descriptions';
import { altOf, done } from '../../helpers/request';

export const deleteEstimateTemplate: OperationDefinition = {
	resource: 'estimateTemplate',
	operation: 'delete',
	name: 'Delete',
	action: 'Delete an estimate template',
	description: 'Delete an estimate template',
	method: 'DELETE',
	path: '/invoices/estimate/template/{templateId}',
	scopes: [],
	properties: [idField('Template ID', 'templateId'), locationIdField],
	request: (p) => ({ pathParams: { templateId: p.pathId('templateId') }, body: altOf(p) }),
	output: done((p) => ({ id: p.required('templateId') })),
};
