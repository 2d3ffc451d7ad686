import type { ResourceDefinition } from '../../../common/operation';
import { completeContactTask } from './complete.operation';
import { createContactTask } from './create.operation';
import { deleteContactTask } from './delete.operation';
import { getContactTask } from './get.operation';
import { getAllContactTasks } from './getAll.operation';
import { updateContactTask } from './update.operation';

export const contactTaskResource: ResourceDefinition = {
	name: 'Contact Task',
	value: 'contactTask',
	description: 'A to-do on a contact',
	operations: [createContactTask, getContactTask, getAllContactTasks, updateContactTask, completeContactTask, deleteContactTask],
};
