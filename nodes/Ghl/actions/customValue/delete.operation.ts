import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { done, locationPathId } from '../../helpers/request';
import { customValueIdField } from './fields';

export const deleteCustomValue: OperationDefinition = {
	resource: 'customValue',
	operation: 'delete',
	name: 'Delete',
	action: 'Delete a custom value',
	description: 'Delete a custom value',
	method: 'DELETE',
	path: '/locations/{locationId}/customValues/{id}',
	scopes: ['locations/customValues.write'],
	properties: [locationIdField, customValueIdField],
	request: (p) => ({ pathParams: { locationId: locationPathId(p), id: p.pathId('customValueId') } }),
	output: done((p) => ({ id: p.required('customValueId') })),
};
