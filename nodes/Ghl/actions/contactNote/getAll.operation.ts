import type { OperationDefinition } from '../../../common/operation';
import { returnAllFields } from '../../../common/describe';
import { contactIdField } from '../common.descriptions';
import { itemsOf, limited } from '../../helpers/request';

export const getAllContactNotes: OperationDefinition = {
	resource: 'contactNote',
	operation: 'getAll',
	name: 'Get Many',
	action: 'Get many contact notes',
	description: 'List the notes of a contact (HighLevel returns them in one page)',
	method: 'GET',
	path: '/contacts/{contactId}/notes',
	scopes: ['contacts.readonly'],
	properties: [contactIdField, ...returnAllFields()],
	request: (p) => ({ pathParams: { contactId: p.pathId('contactId') } }),
	output: (body, p) => limited(itemsOf('notes')(body), p),
};
