import type { OperationDefinition } from '../../../common/operation';
import { contactIdField } from '../common.descriptions';
import { unwrap } from '../../helpers/request';
import { noteBody, noteIdField, noteOptions } from './fields';

export const updateContactNote: OperationDefinition = {
	resource: 'contactNote',
	operation: 'update',
	name: 'Update',
	action: 'Update a contact note',
	description: 'Change a note of a contact',
	method: 'PUT',
	path: '/contacts/{contactId}/notes/{id}',
	scopes: ['contacts.write'],
	properties: [
		contactIdField,
		noteIdField,
		{ displayName: 'Body', name: 'body', type: 'string', typeOptions: { rows: 4 }, default: '' },
		noteOptions(),
	],
	request: (p) => ({
		pathParams: { contactId: p.pathId('contactId'), id: p.pathId('noteId') },
		body: noteBody(p, false),
	}),
	output: unwrap('note'),
};
