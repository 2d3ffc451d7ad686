import type { OperationDefinition } from '../../../common/operation';
import { CONTACT_MAP } from '../../helpers/maps';
import { creatableContactBody } from '../bodies';
import { externalIdField, metadataField, metadataModeField } from '../common.descriptions';
import { upsertKeyOf, upsertRecord } from '../records';
import { contactAdditionalFields, contactIdentityFields } from './contact.fields';

export const upsertContact: OperationDefinition = {
	resource: 'contact',
	operation: 'upsert',
	name: 'Create or Update',
	action: 'Create or update a contact',
	description: 'Find the contact by external ID, then by email; update it, or create it when there is none',
	method: 'POST',
	path: '/contacts',
	scopes: ['contacts:read', 'contacts:write'],
	properties: [
		{ ...externalIdField, description: 'Matched first, e.g. the GHL contact ID' },
		...contactIdentityFields,
		{ ...contactAdditionalFields, options: contactAdditionalFields.options?.filter((o) => o.name !== 'externalId') },
		metadataField,
		metadataModeField,
	],
	recordKey: upsertKeyOf('contacts'),
	execute: async (op) =>
		await upsertRecord(
			op,
			'contacts',
			creatableContactBody(op.params, CONTACT_MAP, { optional: ['externalId', 'email', 'firstName', 'lastName'], collection: 'additionalFields' }),
		),
};
