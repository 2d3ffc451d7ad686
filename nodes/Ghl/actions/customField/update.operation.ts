import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { locationPathId, unwrap } from '../../helpers/request';
import { customFieldBody, customFieldIdField, customFieldOptions, modelField } from './fields';

export const updateCustomField: OperationDefinition = {
	resource: 'customField',
	operation: 'update',
	name: 'Update',
	action: 'Update a custom field',
	description: 'Rename or change a custom field',
	method: 'PUT',
	path: '/locations/{locationId}/customFields/{id}',
	scopes: ['locations/customFields.write'],
	properties: [
		locationIdField,
		customFieldIdField,
		modelField,
		{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '' },
		customFieldOptions(),
	],
	request: (p) => ({
		pathParams: { locationId: locationPathId(p), id: p.pathId('customFieldId') },
		body: { name: p.required('name'), model: p.required('model'), ...customFieldBody(p) },
	}),
	output: unwrap('customField'),
};
