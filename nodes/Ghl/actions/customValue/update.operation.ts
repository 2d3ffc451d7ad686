import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { locationPathId, unwrap } from '../../helpers/request';
import { customValueIdField, nameField, valueField } from './fields';

export const updateCustomValue: OperationDefinition = {
	resource: 'customValue',
	operation: 'update',
	name: 'Update',
	action: 'Update a custom value',
	description: 'Change a custom value’s name and value',
	method: 'PUT',
	path: '/locations/{locationId}/customValues/{id}',
	scopes: ['locations/customValues.write'],
	properties: [locationIdField, customValueIdField, nameField, valueField],
	request: (p) => ({
		pathParams: { locationId: locationPathId(p), id: p.pathId('customValueId') },
		body: { name: p.required('name'), value: p.required('value') },
	}),
	output: unwrap('customValue'),
};
