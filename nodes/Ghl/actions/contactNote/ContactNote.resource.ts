import type { ResourceDefinition } from '../../../common/operation';
import { createContactNote } from './create.operation';
import { deleteContactNote } from './delete.operation';
import { getContactNote } from './get.operation';
import { getAllContactNotes } from './getAll.operation';
import { updateContactNote } from './update.operation';

export const contactNoteResource: ResourceDefinition = {
	name: 'Contact Note',
	value: 'contactNote',
	description: 'A note on a contact',
	operations: [createContactNote, getContactNote, getAllContactNotes, updateContactNote, deleteContactNote],
};
