/** Contract fields shared by create and update. */
import type { INodeProperties } from 'n8n-workflow';

import { CONTACT, CONTRACT_STATUSES, fieldsCollection, locator, nameField, PROJECT, statusField } from '../common.descriptions';

export const currencyField: INodeProperties = {
	displayName: 'Currency',
	name: 'currency',
	type: 'string',
	default: 'USD',
	description: 'ISO 4217 code, e.g. USD',
};

const contractFields: INodeProperties[] = [
	{ displayName: 'Amount', name: 'amount', type: 'number', typeOptions: { minValue: 0, numberPrecision: 2 }, default: 0 },
	{ displayName: 'Auto Renew', name: 'autoRenew', type: 'boolean', default: false, description: 'Whether the contract renews itself' },
	currencyField,
	{ displayName: 'Document IDs', name: 'documentIds', type: 'string', default: '', description: 'Comma-separated document IDs' },
	{ displayName: 'End Date', name: 'endDate', type: 'dateTime', default: '' },
	locator(PROJECT, false),
	{ displayName: 'Renewal Date', name: 'renewalDate', type: 'dateTime', default: '' },
	{ displayName: 'Start Date', name: 'startDate', type: 'dateTime', default: '' },
	statusField(CONTRACT_STATUSES),
];

export const contractAdditionalFields = fieldsCollection('additionalFields', contractFields);

export const contractUpdateFields = fieldsCollection('updateFields', [
	locator(CONTACT, false),
	{ ...nameField, required: false },
	...contractFields,
]);
