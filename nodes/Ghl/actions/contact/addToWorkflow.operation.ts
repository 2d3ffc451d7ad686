import { contactWorkflowOperation } from '../shared.operations';

/** POST /contacts/{contactId}/workflow/{workflowId}: enrol the contact (optionally from eventStartTime). */
export const addContactToWorkflow = contactWorkflowOperation('add');
