import { contactWorkflowOperation } from '../shared.operations';

/** DELETE /contacts/{contactId}/workflow/{workflowId}: take the contact out of the workflow. */
export const removeContactFromWorkflow = contactWorkflowOperation('remove');
