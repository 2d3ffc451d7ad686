import type { OperationDefinition } from '../../../common/operation';
import { contactIdField } from '../common.descriptions';
import { unwrap } from '../../helpers/request';
import { noteBody, noteOptions } from './fields';

export const createContactNote: OperationDefinition = {
	resource: 'contactNote',
	operation: 'create',
	name: 'Create',
	action: 'Create a contact note',
	description: 'Add a note to a contact',
	method: 'POST',
	path: '/contacts/{contactId}/notes',
	scopes: ['contacts.write'],
	properties: [
		contactIdField,
		{ displayName: 'Body', name: 'body', type: 'string', typeOptions: { rows: 4 }, required: true, default: '' },
		noteOptions(),
	],
	request: (p) => ({ pathParams: { contactId: p.pathId('contactId') }, body: noteBody(p, true) }),
	output: unwrap('note'),
};
