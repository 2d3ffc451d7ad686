import type { ResourceDefinition } from '../../../common/operation';
import { addContactFollowers } from './addFollowers.operation';
import { addContactTags } from './addTags.operation';
import { addContactToCampaign } from './addToCampaign.operation';
import { addContactToWorkflow } from './addToWorkflow.operation';
import { createContact } from './create.operation';
import { deleteContact } from './delete.operation';
import { findDuplicateContact } from './findDuplicate.operation';
import { getContact } from './get.operation';
import { getAllContacts } from './getAll.operation';
import { getContactAppointments } from './getAppointments.operation';
import { removeContactFollowers } from './removeFollowers.operation';
import { removeContactFromAllCampaigns } from './removeFromAllCampaigns.operation';
import { removeContactFromCampaign } from './removeFromCampaign.operation';
import { removeContactFromWorkflow } from './removeFromWorkflow.operation';
import { removeContactTags } from './removeTags.operation';
import { searchContacts } from './search.operation';
import { updateContact } from './update.operation';
import { upsertContact } from './upsert.operation';

export const contactResource: ResourceDefinition = {
	name: 'Contact',
	value: 'contact',
	description: 'A person in the HighLevel CRM',
	operations: [
		createContact,
		upsertContact,
		getContact,
		getAllContacts,
		searchContacts,
		findDuplicateContact,
		updateContact,
		deleteContact,
		addContactTags,
		removeContactTags,
		addContactToWorkflow,
		removeContactFromWorkflow,
		addContactToCampaign,
		removeContactFromCampaign,
		removeContactFromAllCampaigns,
		addContactFollowers,
		removeContactFollowers,
		getContactAppointments,
	],
};
