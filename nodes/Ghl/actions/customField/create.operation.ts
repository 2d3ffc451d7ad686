import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { locationPathId, unwrap } from '../../helpers/request';
import { customFieldBody, customFieldOptions, modelField } from './fields';

export const createCustomField: OperationDefinition = {
	resource: 'customField',
	operation: 'create',
	name: 'Create',
	action: 'Create a custom field',
	description: 'Create a contact or opportunity custom field',
	method: 'POST',
	path: '/locations/{locationId}/customFields',
	scopes: ['locations/customFields.write'],
	properties: [
		locationIdField,
		modelField,
		{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '' },
		{
			displayName: 'Data Type',
			name: 'dataType',
			type: 'options',
			options: [
				{ name: 'Checkbox', value: 'CHECKBOX' },
				{ name: 'Date', value: 'DATE' },
				{ name: 'File Upload', value: 'FILE_UPLOAD' },
				{ name: 'Large Text', value: 'LARGE_TEXT' },
				{ name: 'Monetary', value: 'MONETORY' },
				{ name: 'Multiple Options', value: 'MULTIPLE_OPTIONS' },
				{ name: 'Numerical', value: 'NUMERICAL' },
				{ name: 'Phone', value: 'PHONE' },
				{ name: 'Radio', value: 'RADIO' },
				{ name: 'Single Option', value: 'SINGLE_OPTIONS' },
				{ name: 'Text', value: 'TEXT' },
				{ name: 'Text Box List', value: 'TEXTBOX_LIST' },
			],
			default: 'TEXT',
		},
		customFieldOptions(),
	],
	request: (p) => ({
		pathParams: { locationId: locationPathId(p) },
		body: { name: p.required('name'), dataType: p.required('dataType'), model: p.required('model'), ...customFieldBody(p) },
	}),
	output: unwrap('customField'),
};
