import type { OperationDefinition } from '../../../common/operation';
import { contactIdField, customFieldsUiField } from '../common.descriptions';
import { unwrap } from '../../helpers/request';
import { contactBody, contactFields } from './fields';

export const updateContact: OperationDefinition = {
	resource: 'contact',
	operation: 'update',
	name: 'Update',
	action: 'Update a contact',
	description: 'Update a contact’s fields and custom fields',
	method: 'PUT',
	path: '/contacts/{contactId}',
	scopes: ['contacts.write'],
	properties: [contactIdField, contactFields('update'), customFieldsUiField('contact')],
	request: (p) => ({ pathParams: { contactId: p.pathId('contactId') }, body: contactBody(p) }),
	output: unwrap('contact'),
};
