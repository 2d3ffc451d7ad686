import type { OperationDefinition } from '../../../common/operation';
import { customFieldsUiField } from '../common.descriptions';
import { unwrap } from '../../helpers/request';
import { opportunityExtras, opportunityIdField, opportunityOptions } from './fields';

export const updateOpportunity: OperationDefinition = {
	resource: 'opportunity',
	operation: 'update',
	name: 'Update',
	action: 'Update an opportunity',
	description: 'Change an opportunity’s fields, stage and custom fields',
	method: 'PUT',
	path: '/opportunities/{id}',
	scopes: ['opportunities.write'],
	properties: [opportunityIdField, opportunityOptions(true), customFieldsUiField('opportunity')],
	request: (p) => ({ pathParams: { id: p.pathId('opportunityId') }, body: opportunityExtras(p) }),
	output: unwrap('opportunity'),
};
