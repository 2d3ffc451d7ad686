import type { OperationDefinition } from '../../../common/operation';
import { CONTACT_MAP } from '../../helpers/maps';
import { creatableContactBody } from '../bodies';
import { metadataField } from '../common.descriptions';
import { contactAdditionalFields, contactIdentityFields } from './contact.fields';

export const createContact: OperationDefinition = {
	resource: 'contact',
	operation: 'create',
	name: 'Create',
	action: 'Create a contact',
	description: 'Create a 17hats contact',
	method: 'POST',
	path: '/contacts',
	scopes: ['contacts:write'],
	properties: [...contactIdentityFields, contactAdditionalFields, metadataField],
	request: (p) => ({
		body: creatableContactBody(p, CONTACT_MAP, { optional: ['email', 'firstName', 'lastName'], collection: 'additionalFields' }),
	}),
};
