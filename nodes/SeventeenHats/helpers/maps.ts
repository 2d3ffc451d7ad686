/** Node parameter → 17hats field, per resource (see docs/17hats-api.yaml). */
import { plain, RECORD_FIELDS, toAddress, toDate, toList, toNumber, toUpper, type FieldMap } from './body';

const money = (key: string) => ({ key, convert: toNumber });
const date = (key: string) => ({ key, convert: toDate });
const currency = { key: 'currency', convert: toUpper };

export const CONTACT_MAP: FieldMap = {
	...plain('firstName', 'lastName', 'email', 'phone', 'company', 'type', 'notes'),
	address: { key: 'address', convert: toAddress },
	tags: { key: 'tags', convert: toList },
	...RECORD_FIELDS,
};

export const PROJECT_MAP: FieldMap = { ...plain('contactId', 'name', 'status'), ...RECORD_FIELDS };

export const DOCUMENT_MAP: FieldMap = {
	...plain('contactId', 'projectId', 'templateId', 'name', 'documentType', 'status', 'url'),
	...RECORD_FIELDS,
};

export const CONTRACT_MAP: FieldMap = {
	...plain('contactId', 'projectId', 'name', 'status', 'autoRenew'),
	amount: money('amount'),
	currency,
	startDate: date('start_date'),
	endDate: date('end_date'),
	renewalDate: date('renewal_date'),
	documentIds: { key: 'document_ids', convert: toList },
	...RECORD_FIELDS,
};

export const INVOICE_MAP: FieldMap = {
	...plain('contactId', 'contractId', 'number', 'status'),
	amount: money('amount'),
	amountPaid: money('amount_paid'),
	currency,
	dueDate: date('due_date'),
	...RECORD_FIELDS,
};

/** Status changes (`POST /{res}/{id}/status`). */
export const STATUS_MAP: FieldMap = { ...plain('status', 'reason'), lastSyncedAt: RECORD_FIELDS.lastSyncedAt };
