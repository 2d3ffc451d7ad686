import type { OperationDefinition } from '../../../common/operation';
import { contactIdField } from '../common.descriptions';
import { done } from '../../helpers/request';
import { noteIdField } from './fields';

export const deleteContactNote: OperationDefinition = {
	resource: 'contactNote',
	operation: 'delete',
	name: 'Delete',
	action: 'Delete a contact note',
	description: 'Delete a note of a contact',
	method: 'DELETE',
	path: '/contacts/{contactId}/notes/{id}',
	scopes: ['contacts.write'],
	properties: [contactIdField, noteIdField],
	request: (p) => ({ pathParams: { contactId: p.pathId('contactId'), id: p.pathId('noteId') } }),
	output: done((p) => ({ id: p.required('noteId') })),
};
