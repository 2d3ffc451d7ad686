import type { OperationDefinition } from '../../../common/operation';
import { PROJECT_MAP } from '../../helpers/maps';
import { recordBody } from '../bodies';
import { CONTACT, locator, metadataField, nameField } from '../common.descriptions';
import { projectAdditionalFields } from './project.fields';

export const createProject: OperationDefinition = {
	resource: 'project',
	operation: 'create',
	name: 'Create',
	action: 'Create a project',
	description: 'Create a project for a contact (needed before documents are sent)',
	method: 'POST',
	path: '/projects',
	scopes: ['projects:write'],
	properties: [locator(CONTACT), nameField, projectAdditionalFields, metadataField],
	request: (p) => ({ body: recordBody(p, PROJECT_MAP, { required: ['contactId', 'name'], collection: 'additionalFields' }) }),
};
