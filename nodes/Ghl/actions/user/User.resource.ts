import type { ResourceDefinition } from '../../../common/operation';
import { getUser } from './get.operation';
import { getAllUsers } from './getAll.operation';

export const userResource: ResourceDefinition = {
	name: 'User',
	value: 'user',
	description: 'A HighLevel team member',
	operations: [getUser, getAllUsers],
};
