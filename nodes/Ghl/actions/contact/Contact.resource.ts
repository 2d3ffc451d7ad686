import type { ResourceDefinition } from '../../../common/operation';
import { getContact } from './get.operation';
import { getAllContacts } from './getAll.operation';

export const contactResource: ResourceDefinition = {
	name: 'Contact',
	value: 'contact',
	description: 'A person in the HighLevel CRM',
	operations: [getContact, getAllContacts],
};
