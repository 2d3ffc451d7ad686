import type { OperationDefinition } from '../../../common/operation';
import { customFieldsUiField, locationIdField } from '../common.descriptions';
import { locationOf, unwrap } from '../../helpers/request';
import { contactBody, contactFields } from './fields';

export const createContact: OperationDefinition = {
	resource: 'contact',
	operation: 'create',
	name: 'Create',
	action: 'Create a contact',
	description: 'Create a new contact',
	method: 'POST',
	path: '/contacts/',
	scopes: ['contacts.write'],
	properties: [locationIdField, contactFields('create'), customFieldsUiField('contact')],
	request: (p) => ({ body: { locationId: locationOf(p), ...contactBody(p) } }),
	output: unwrap('contact'),
};
