import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ItemParameters } from '../../../common/operation';
import { compact, listOf } from '../../helpers/request';
import { additionalFieldsCollection, recordLocator } from '../common.descriptions';

export const customFieldIdField: INodeProperties = recordLocator({ displayName: 'Custom Field ID', name: 'customFieldId', searchListMethod: 'searchCustomFields', description: "The location's custom field (contact or opportunity)" });

export const modelField: INodeProperties = {
	displayName: 'Object',
	name: 'model',
	type: 'options',
	options: [
		{ name: 'Contact', value: 'contact' },
		{ name: 'Opportunity', value: 'opportunity' },
	],
	default: 'contact',
	description: 'Which records the field belongs to',
};

export function customFieldOptions(): INodeProperties {
	return additionalFieldsCollection([
		{ displayName: 'Accepted File Formats', name: 'acceptedFormat', type: 'string', default: '', placeholder: '.pdf,.docx', description: 'For file upload fields, comma-separated' },
		{ displayName: 'Allow Multiple Files', name: 'isMultipleFile', type: 'boolean', default: false, description: 'Whether a file upload field takes several files' },
		{ displayName: 'Max Number of Files', name: 'maxNumberOfFiles', type: 'number', default: 1 },
		{ displayName: 'Options', name: 'textBoxListOptions', type: 'string', default: '', description: 'For option fields: comma-separated labels' },
		{ displayName: 'Placeholder', name: 'placeholder', type: 'string', default: '' },
		{ displayName: 'Position', name: 'position', type: 'number', default: 0 },
	]);
}

export function customFieldBody(p: ItemParameters): IDataObject {
	const extra = p.collection('additionalFields');
	const body: IDataObject = compact({ ...extra });
	if (body.acceptedFormat !== undefined) body.acceptedFormat = listOf(body.acceptedFormat);
	if (body.textBoxListOptions !== undefined) {
		body.textBoxListOptions = listOf(body.textBoxListOptions).map((label) => ({ label, prefillValue: '' }));
	}
	return body;
}
