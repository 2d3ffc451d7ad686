import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { done, locationPathId } from '../../helpers/request';
import { customFieldIdField } from './fields';

export const deleteCustomField: OperationDefinition = {
	resource: 'customField',
	operation: 'delete',
	name: 'Delete',
	action: 'Delete a custom field',
	description: 'Delete a custom field',
	method: 'DELETE',
	path: '/locations/{locationId}/customFields/{id}',
	scopes: ['locations/customFields.write'],
	properties: [locationIdField, customFieldIdField],
	request: (p) => ({ pathParams: { locationId: locationPathId(p), id: p.pathId('customFieldId') } }),
	output: done((p) => ({ id: p.required('customFieldId') })),
};
