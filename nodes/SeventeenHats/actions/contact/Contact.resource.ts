import type { ResourceDefinition } from '../../../common/operation';
import { createContact } from './create.operation';
import { deleteContact } from './delete.operation';
import { getContact } from './get.operation';
import { getManyContacts } from './getAll.operation';
import { updateContact } from './update.operation';
import { upsertContact } from './upsert.operation';

export const contactResource: ResourceDefinition = {
	name: 'Contact',
	value: 'contact',
	description: 'A 17hats contact (lead or client)',
	operations: [createContact, upsertContact, deleteContact, getContact, getManyContacts, updateContact],
};
