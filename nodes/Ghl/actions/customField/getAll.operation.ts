import type { OperationDefinition } from '../../../common/operation';
import { returnAllFields } from '../../../common/describe';
import { locationIdField } from '../common.descriptions';
import { itemsOf, limited, locationPathId } from '../../helpers/request';

export const getAllCustomFields: OperationDefinition = {
	resource: 'customField',
	operation: 'getAll',
	name: 'Get Many',
	action: 'Get many custom fields',
	description: 'List the custom fields of contacts, opportunities or both',
	method: 'GET',
	path: '/locations/{locationId}/customFields',
	scopes: ['locations/customFields.readonly'],
	properties: [
		locationIdField,
		{
			displayName: 'Object',
			name: 'model',
			type: 'options',
			options: [
				{ name: 'All', value: 'all' },
				{ name: 'Contact', value: 'contact' },
				{ name: 'Opportunity', value: 'opportunity' },
			],
			default: 'contact',
		},
		...returnAllFields(),
	],
	request: (p) => ({ pathParams: { locationId: locationPathId(p) }, qs: { model: p.required('model') } }),
	output: (body, p) => limited(itemsOf('customFields')(body), p),
};
