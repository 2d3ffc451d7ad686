import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { locationPathId, unwrap } from '../../helpers/request';
import { customFieldIdField } from './fields';

export const getCustomField: OperationDefinition = {
	resource: 'customField',
	operation: 'get',
	name: 'Get',
	action: 'Get a custom field',
	description: 'Get a custom field by ID',
	method: 'GET',
	path: '/locations/{locationId}/customFields/{id}',
	scopes: ['locations/customFields.readonly'],
	properties: [locationIdField, customFieldIdField],
	request: (p) => ({ pathParams: { locationId: locationPathId(p), id: p.pathId('customFieldId') } }),
	output: unwrap('customField'),
};
