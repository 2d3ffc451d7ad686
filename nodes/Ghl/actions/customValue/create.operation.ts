import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { locationPathId, unwrap } from '../../helpers/request';
import { nameField, valueField } from './fields';

export const createCustomValue: OperationDefinition = {
	resource: 'customValue',
	operation: 'create',
	name: 'Create',
	action: 'Create a custom value',
	description: 'Create a custom value',
	method: 'POST',
	path: '/locations/{locationId}/customValues',
	scopes: ['locations/customValues.write'],
	properties: [locationIdField, nameField, valueField],
	request: (p) => ({ pathParams: { locationId: locationPathId(p) }, body: { name: p.required('name'), value: p.required('value') } }),
	output: unwrap('customValue'),
};
