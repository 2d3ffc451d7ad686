import type { ResourceDefinition } from '../../../common/operation';
import { createProject } from './create.operation';
import { getProject } from './get.operation';
import { getManyProjects } from './getAll.operation';

export const projectResource: ResourceDefinition = {
	name: 'Project',
	value: 'project',
	description: 'A 17hats project (a contact needs one before documents are sent)',
	operations: [createProject, getProject, getManyProjects],
};
