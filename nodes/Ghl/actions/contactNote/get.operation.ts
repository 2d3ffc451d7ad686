import type { OperationDefinition } from '../../../common/operation';
import { contactIdField } from '../common.descriptions';
import { unwrap } from '../../helpers/request';
import { noteIdField } from './fields';

export const getContactNote: OperationDefinition = {
	resource: 'contactNote',
	operation: 'get',
	name: 'Get',
	action: 'Get a contact note',
	description: 'Get one note of a contact',
	method: 'GET',
	path: '/contacts/{contactId}/notes/{id}',
	scopes: ['contacts.readonly'],
	properties: [contactIdField, noteIdField],
	request: (p) => ({ pathParams: { contactId: p.pathId('contactId'), id: p.pathId('noteId') } }),
	output: unwrap('note'),
};
