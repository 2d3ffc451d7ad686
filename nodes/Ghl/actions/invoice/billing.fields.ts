/**
 * The fields invoices, invoice schedules, invoice templates and estimates
 * share (HighLevel's invoice DTOs are alike): name, contact, currency, line
 * items, discount, business details, dates and the rest. Each operation says
 * which parts its DTO needs; `billingBody` builds the body in the spec's names.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { filtersCollection } from '../../../common/describe';
import type { ItemParameters } from '../../../common/operation';
import { compact, jsonObject, locationOf, parseJsonValue } from '../../helpers/request';
import { additionalFieldsCollection, contactIdField, jsonField, locationIdField, recordLocator } from '../common.descriptions';

export interface BillingShape {
	/** `contactDetails` ({ id, name, email, phoneNo }, all four always sent). */
	contact?: boolean;
	/** `sentTo` ({ email: [], phoneNo: [] }) from the contact's email/phone. */
	sentTo?: boolean;
	issueDate?: boolean;
	dueDate?: 'required' | 'optional';
	liveMode?: boolean;
	/** `schedule` (invoice schedules). */
	schedule?: boolean;
	/** `frequencySettings` (estimates). */
	frequency?: boolean;
	/** Name of the line items key: `items` (create) or `invoiceItems` (invoice update). */
	itemsKey: 'items' | 'invoiceItems';
	/** Optional scalar fields the DTO accepts, offered under Additional Fields. */
	extras: string[];
	/** Whether `businessDetails` is required (sent as {} when left empty). */
	businessDetails?: boolean;
	/** Whether `discount` is required (sent as 0 % when left empty). */
	discount?: boolean;
}

/** A new invoice (Create, Create and Send): contact and recipients, issue/due dates, live mode, line items. */
export const newInvoiceShape: BillingShape = {
	contact: true,
	sentTo: true,
	issueDate: true,
	dueDate: 'optional',
	liveMode: true,
	itemsKey: 'items',
	extras: ['title', 'termsNotes', 'invoiceNumber', 'invoiceNumberPrefix', 'automaticTaxesEnabled'],
};

const EXTRA_FIELDS: Record<string, INodeProperties> = {
	title: { displayName: 'Title', name: 'title', type: 'string', default: '', description: 'Heading shown on the document, e.g. INVOICE' },
	termsNotes: { displayName: 'Terms & Notes', name: 'termsNotes', type: 'string', typeOptions: { rows: 3 }, default: '' },
	invoiceNumber: { displayName: 'Invoice Number', name: 'invoiceNumber', type: 'string', default: '' },
	invoiceNumberPrefix: { displayName: 'Invoice Number Prefix', name: 'invoiceNumberPrefix', type: 'string', default: '' },
	estimateNumber: { displayName: 'Estimate Number', name: 'estimateNumber', type: 'number', default: 0 },
	estimateNumberPrefix: { displayName: 'Estimate Number Prefix', name: 'estimateNumberPrefix', type: 'string', default: '' },
	expiryDate: { displayName: 'Expiry Date', name: 'expiryDate', type: 'dateTime', default: '' },
	automaticTaxesEnabled: {
		displayName: 'Automatic Taxes',
		name: 'automaticTaxesEnabled',
		type: 'boolean',
		default: false,
		description: 'Whether HighLevel calculates taxes automatically',
	},
	description: { displayName: 'Description', name: 'description', type: 'string', default: '' },
	internal: { displayName: 'Internal', name: 'internal', type: 'boolean', default: false, description: 'Whether the template is internal' },
	autoInvoice: { displayName: 'Auto Invoice', name: 'autoInvoice', type: 'boolean', default: false, description: 'Whether an invoice is created automatically when the estimate is accepted' },
};

const lineItemsField: INodeProperties = {
	displayName: 'Line Items',
	name: 'lineItems',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add line item',
	required: true,
	default: {},
	options: [
		{
			displayName: 'Item',
			name: 'item',
			values: [
				{
					displayName: 'Amount',
					name: 'amount',
					type: 'number',
					default: 0,
					description: 'Unit price',
				},
				{
					displayName: 'Description',
					name: 'description',
					type: 'string',
					default: '',
				},
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
				},
				{
					displayName: 'Price ID',
					name: 'priceId',
					type: 'string',
					default: '',
				},
				{
					displayName: 'Product ID',
					name: 'productId',
					type: 'string',
					default: '',
				},
				{
					displayName: 'Quantity',
					name: 'qty',
					type: 'number',
					default: 1
				},
				{
					displayName: 'Type',
					name: 'type',
					type: 'options',
					options: [
						{
							name: 'One Time',
							value: 'one_time',
						},
						{
							name: 'Recurring',
							value: 'recurring',
						},
					],
					default: 'one_time',
				},
			],
		},
	],
};

export function billingProperties(shape: BillingShape): INodeProperties[] {
	const props: INodeProperties[] = [
		locationIdField,
		{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', description: 'Internal name' },
	];
	if (shape.contact) {
		props.push(
			contactIdField,
			{ displayName: 'Contact Name', name: 'contactName', type: 'string', required: true, default: '' },
			{ displayName: 'Contact Email', name: 'contactEmail', type: 'string', placeholder: 'name@email.com', default: '', required: !!shape.sentTo },
			{ displayName: 'Contact Phone', name: 'contactPhone', type: 'string', default: '' },
		);
	}
	props.push({ displayName: 'Currency', name: 'currency', type: 'string', required: true, default: 'USD' });
	if (shape.issueDate) {
		props.push({ displayName: 'Issue Date', name: 'issueDate', type: 'dateTime', default: '', description: 'Defaults to today' });
	}
	if (shape.dueDate) {
		props.push({ displayName: 'Due Date', name: 'dueDate', type: 'dateTime', default: '', required: shape.dueDate === 'required' });
	}
	if (shape.liveMode) {
		props.push({ displayName: 'Live Mode', name: 'liveMode', type: 'boolean', default: true, description: 'Whether this is a live (not test-mode) document' });
	}
	if (shape.schedule) {
		props.push(
			jsonField(
				'Schedule (JSON)',
				'scheduleJson',
				'When invoices go out, e.g. {"executeAt":"2025-01-01T00:00:00Z","rrule":{"intervalType":"monthly","interval":1,"startDate":"2025-01-01","dayOfMonth":1}}',
				true,
				'{}',
			),
		);
	}
	if (shape.frequency) {
		props.push(jsonField('Frequency Settings (JSON)', 'frequencySettingsJson', 'E.g. {"enabled":false}', true, '{"enabled":false}'));
	}
	props.push(lineItemsField);
	const discountType: INodeProperties = {
		displayName: 'Discount Type',
		name: 'discountType',
		type: 'options',
		options: [
			{ name: 'Percentage', value: 'percentage' },
			{ name: 'Fixed', value: 'fixed' },
		],
		default: 'percentage',
	};
	const discountValue: INodeProperties = { displayName: 'Discount Value', name: 'discountValue', type: 'number', default: 0 };
	const options: INodeProperties[] = [
		discountType,
		discountValue,
		jsonField('Business Details (JSON)', 'businessDetails', 'E.g. {"name":"Acme","phoneNo":"+1 555 0100","website":"acme.com"}'),
		jsonField(
			'Other Fields (JSON)',
			'otherFields',
			'Any other fields of the request in HighLevel\'s names (e.g. paymentMethods, lateFeesConfiguration, attachments), merged into the body',
		),
		...shape.extras.map((key) => EXTRA_FIELDS[key]),
	].sort((a, b) => a.displayName.localeCompare(b.displayName));
	props.push(additionalFieldsCollection(options));
	return props;
}

function dateOnly(value: string | undefined): string | undefined {
	if (!value) return undefined;
	return value.length >= 10 ? value.slice(0, 10) : value;
}

function today(): string {
	return new Date().toISOString().slice(0, 10);
}

/** Line items in the spec's InvoiceItemDto shape; at least one is needed. */
export function lineItems(p: ItemParameters, currency: string): IDataObject[] {
	const ui = p.get<IDataObject>('lineItems', {}) ?? {};
	const rows = (ui.item ?? []) as IDataObject[];
	const items = rows
		.filter((row) => String(row.name ?? '').trim() !== '')
		.map((row) =>
			compact({
				name: row.name,
				description: row.description,
				productId: row.productId,
				priceId: row.priceId,
				type: row.type,
				currency,
				amount: Number(row.amount ?? 0),
				qty: Number(row.qty ?? 1),
			}),
		);
	if (items.length === 0) {
		throw new NodeOperationError(p.ctx.getNode(), 'Add at least one line item with a name', { itemIndex: p.itemIndex });
	}
	return items;
}

export function billingBody(p: ItemParameters, shape: BillingShape): IDataObject {
	const extra = p.collection('additionalFields');
	const currency = p.required('currency');
	const body: IDataObject = {
		altId: locationOf(p),
		altType: 'location',
		name: p.required('name'),
		currency,
	};
	if (shape.contact) {
		const email = p.optional('contactEmail');
		const phone = p.optional('contactPhone');
		// ContactDetailsDto requires all four keys: an unknown email or phone goes as "".
		body.contactDetails = {
			id: p.required('contactId'),
			name: p.required('contactName'),
			email: email ?? '',
			phoneNo: phone ?? '',
		};
		if (shape.sentTo) {
			if (!email) {
				throw new NodeOperationError(p.ctx.getNode(), 'The field "Contact Email" is required', { itemIndex: p.itemIndex });
			}
			body.sentTo = compact({ email: [email], phoneNo: phone ? [phone] : [] });
		}
	}
	if (shape.issueDate) body.issueDate = dateOnly(p.optional('issueDate')) ?? today();
	if (shape.dueDate === 'required') body.dueDate = dateOnly(p.required('dueDate'));
	else if (shape.dueDate) {
		const due = dateOnly(p.optional('dueDate'));
		if (due) body.dueDate = due;
	}
	if (shape.liveMode) body.liveMode = p.get<boolean>('liveMode', true);
	if (shape.schedule) body.schedule = jsonObject(p, 'scheduleJson');
	// FrequencySettingsDto requires `enabled` and `schedule`, even for a one-off estimate.
	if (shape.frequency) body.frequencySettings = { enabled: false, schedule: {}, ...jsonObject(p, 'frequencySettingsJson') };
	body[shape.itemsKey] = lineItems(p, currency);

	const business = parseJsonValue(p, extra.businessDetails, 'Business Details');
	if (business && typeof business === 'object') body.businessDetails = business as IDataObject;
	else if (shape.businessDetails) body.businessDetails = {};
	if (extra.discountType !== undefined || extra.discountValue !== undefined || shape.discount) {
		body.discount = { type: extra.discountType ?? 'percentage', value: Number(extra.discountValue ?? 0) };
	}
	for (const key of shape.extras) {
		const value = extra[key];
		if (value === undefined || value === '') continue;
		body[key] = key === 'expiryDate' ? (dateOnly(String(value)) as string) : value;
	}
	const other = parseJsonValue(p, extra.otherFields, 'Other Fields');
	if (other && typeof other === 'object' && !Array.isArray(other)) Object.assign(body, other);
	return body;
}

/** Location → altId/altType query for invoice-family reads and deletes. */
/** The records invoices, schedules, templates and estimates are addressed by. */
export const invoiceIdField = recordLocator({ displayName: 'Invoice ID', name: 'invoiceId', searchListMethod: 'searchInvoices', description: 'The HighLevel invoice' });
export const invoiceScheduleIdField = recordLocator({ displayName: 'Schedule ID', name: 'scheduleId', searchListMethod: 'searchInvoiceSchedules', description: 'The invoice schedule' });
export const invoiceTemplateIdField = recordLocator({ displayName: 'Template ID', name: 'templateId', searchListMethod: 'searchInvoiceTemplates', description: 'The invoice template' });
export const estimateIdField = recordLocator({ displayName: 'Estimate ID', name: 'estimateId', searchListMethod: 'searchEstimates', description: 'The HighLevel estimate' });
export const estimateTemplateIdField = recordLocator({ displayName: 'Template ID', name: 'templateId', searchListMethod: 'searchEstimateTemplates', description: 'The estimate template' });

export const altLocationFields: INodeProperties[] = [locationIdField];

const FILTERS: Record<string, INodeProperties> = {
	status: { displayName: 'Status', name: 'status', type: 'string', default: '', placeholder: 'paid', description: 'E.g. draft, sent, payment_processing, paid, partially_paid, void.' },
	contactId: { displayName: 'Contact ID', name: 'contactId', type: 'string', default: '' },
	startAt: { displayName: 'Start Date', name: 'startAt', type: 'dateTime', default: '', description: 'From this date (YYYY-MM-DD is sent)' },
	endAt: { displayName: 'End Date', name: 'endAt', type: 'dateTime', default: '', description: 'Up to this date (YYYY-MM-DD is sent)' },
	search: { displayName: 'Search', name: 'search', type: 'string', default: '', description: 'Text matched against ID, name, email or phone' },
	paymentMode: {
		displayName: 'Payment Mode',
		name: 'paymentMode',
		type: 'options',
		options: [
			{ name: 'Default', value: 'default' },
			{ name: 'Live', value: 'live' },
			{ name: 'Test', value: 'test' },
		],
		default: 'default',
	},
	sortOrder: {
		displayName: 'Sort by Issue Date',
		name: 'sortOrder',
		type: 'options',
		options: [
			{ name: 'Ascending', value: 'ascend' },
			{ name: 'Descending', value: 'descend' },
		],
		default: 'descend',
	},
};

export function listFilters(keys: string[]): INodeProperties {
	return filtersCollection(keys.map((k) => FILTERS[k]).sort((a, b) => a.displayName.localeCompare(b.displayName)));
}

/** altId/altType plus the chosen filters, as the list endpoints want them (dates as YYYY-MM-DD). */
export function listQuery(p: ItemParameters): IDataObject {
	const filters = p.collection('filters');
	const qs: IDataObject = { altId: locationOf(p), altType: 'location' };
	for (const [key, value] of Object.entries(filters)) {
		if (value === '' || value === undefined || value === null) continue;
		qs[key] = key === 'startAt' || key === 'endAt' ? (dateOnly(String(value)) as string) : value;
		if (key === 'sortOrder') qs.sortField = 'issueDate';
	}
	return qs;
}
