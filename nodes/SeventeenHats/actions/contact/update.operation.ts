import type { OperationDefinition } from '../../../common/operation';
import { CONTACT_MAP } from '../../helpers/maps';
import { CONTACT, locator, metadataField, metadataModeField } from '../common.descriptions';
import { recordKeyOf, updateFrom } from '../records';
import { contactUpdateFields } from './contact.fields';

export const updateContact: OperationDefinition = {
	resource: 'contact',
	operation: 'update',
	name: 'Update',
	action: 'Update a contact',
	description: 'Update a 17hats contact; metadata is merged unless Metadata Mode is Replace',
	method: 'PATCH',
	path: '/contacts/{id}',
	scopes: ['contacts:write'],
	properties: [locator(CONTACT), contactUpdateFields, metadataField, metadataModeField],
	recordKey: recordKeyOf('contacts', 'contactId'),
	execute: updateFrom('contacts', 'contactId', CONTACT_MAP),
};
