/** Document fields shared by create and update. */
import type { INodeProperties } from 'n8n-workflow';

import {
	CONTACT,
	DOCUMENT_STATUSES,
	DOCUMENT_TYPES,
	fieldsCollection,
	locator,
	nameField,
	PROJECT,
	statusField,
	TEMPLATE,
} from '../common.descriptions';

export const documentTypeField: INodeProperties = {
	displayName: 'Document Type',
	name: 'documentType',
	type: 'options',
	options: DOCUMENT_TYPES,
	required: true,
	default: 'quote',
};

const documentFields: INodeProperties[] = [
	locator(PROJECT, false),
	statusField(DOCUMENT_STATUSES),
	locator(TEMPLATE, false),
	{ displayName: 'URL', name: 'url', type: 'string', default: '', description: 'Link to the document' },
];

export const documentAdditionalFields = fieldsCollection('additionalFields', documentFields);

export const documentUpdateFields = fieldsCollection('updateFields', [
	locator(CONTACT, false),
	{ ...documentTypeField, required: false },
	{ ...nameField, required: false },
	...documentFields,
]);

export const messageField: INodeProperties = {
	displayName: 'Message',
	name: 'message',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	description: 'Optional note in the email to the contact',
};
