/**
 * Seed data: one location with a few of everything, fixed ids so tests and
 * workflow templates can name them. Dates are relative to "now" so
 * date-range filters behave like they would on a live account.
 */
import { recompute } from './resources/invoiceCommon';
import type { Contact, GhlStore, Invoice, ProposalDocument } from './store';

export const SEED = {
	locationId: 'SbxLoc7Hq2Vd9Kp4Wm1Z',
	companyId: 'SbxCmp3Nf8Lr6Tx2Qa5J',
	users: { owner: 'SbxUsr1Aa2Bb3Cc4Dd5E', staff: 'SbxUsr6Ff7Gg8Hh9Ii0J' },
	customFields: { companySize: 'SbxCf01CompanySize01', eventDate: 'SbxCf02EventDate0002', leadDetail: 'SbxCf03LeadDetail003' },
	contacts: ['SbxCon01Ava000000001', 'SbxCon02Ben000000002', 'SbxCon03Cleo00000003', 'SbxCon04Dev000000004', 'SbxCon05Eli000000005'],
	pipelineId: 'SbxPipe1Sales0000001',
	stages: ['5b0f9f4e-0001-4c1e-9a55-000000000001', '5b0f9f4e-0002-4c1e-9a55-000000000002', '5b0f9f4e-0003-4c1e-9a55-000000000003'],
	opportunities: ['SbxOpp01000000000001', 'SbxOpp02000000000002'],
	invoices: { draft: '65a000000000000000000001', sent: '65a000000000000000000002', paid: '65a000000000000000000003' },
	scheduleId: '65a0000000000000000000a1',
	invoiceTemplateId: '65a0000000000000000000b1',
	proposalTemplateId: '65a0000000000000000000c1',
	documents: { sent: '65a0000000000000000000d1', completed: '65a0000000000000000000d2' },
} as const;

const daysAgo = (d: number, h = 0) => new Date(Date.now() - d * 86400000 - h * 3600000).toISOString();
const dateOnly = (iso: string) => iso.slice(0, 10);

export function seedStore(store: GhlStore): void {
	store.clear();
	store.location = {
		id: SEED.locationId,
		companyId: SEED.companyId,
		name: 'Sandbox Studio',
		address: '100 Market St',
		city: 'Austin',
		state: 'TX',
		country: 'US',
		postalCode: '78701',
		website: 'https://studio.example.com',
		timezone: 'America/Chicago',
		email: 'hello@studio.example.com',
		phone: '+15125550100',
		settings: { allowDuplicateContact: false, allowDuplicateOpportunity: false, allowFacebookNameMerge: false, disableContactTimezone: false },
	};
	const L = SEED.locationId;

	const allPerms = { contactsEnabled: true, opportunitiesEnabled: true, invoiceEnabled: true, settingsEnabled: true, tagsEnabled: true };
	store.users.set(SEED.users.owner, {
		id: SEED.users.owner,
		name: 'Olivia Owner',
		firstName: 'Olivia',
		lastName: 'Owner',
		email: 'olivia@studio.example.com',
		phone: '+15125550101',
		extension: '',
		roles: { type: 'account', role: 'admin', locationIds: [L], restrictSubAccount: false },
		permissions: allPerms,
		deleted: false,
	});
	store.users.set(SEED.users.staff, {
		id: SEED.users.staff,
		name: 'Sam Staff',
		firstName: 'Sam',
		lastName: 'Staff',
		email: 'sam@studio.example.com',
		phone: '+15125550102',
		extension: '12',
		roles: { type: 'account', role: 'user', locationIds: [L], restrictSubAccount: false },
		permissions: { ...allPerms, settingsEnabled: false },
		deleted: false,
	});

	const cf = (id: string, name: string, key: string, dataType: string, position: number, options: string[] = []) =>
		store.customFields.set(id, { id, locationId: L, name, fieldKey: `contact.${key}`, dataType, position, model: 'contact', picklistOptions: options, showInForms: true, dateAdded: daysAgo(90), dateUpdated: daysAgo(90) });
	cf(SEED.customFields.companySize, 'Company Size', 'company_size', 'TEXT', 0);
	cf(SEED.customFields.eventDate, 'Event Date', 'event_date', 'DATE', 50);
	cf(SEED.customFields.leadDetail, 'Lead Detail', 'lead_detail', 'SINGLE_OPTIONS', 100, ['Referral', 'Website', 'Instagram']);

	store.customValues.set('SbxCv01BookingLink01', { id: 'SbxCv01BookingLink01', locationId: L, name: 'Booking Link', fieldKey: '{{ custom_values.booking_link }}', value: 'https://studio.example.com/book' });

	for (const [i, name] of ['client', 'hot lead', 'wedding', 'vip'].entries()) {
		const id = `SbxTag0${i + 1}${name.replace(/\W/g, '').padEnd(12, '0').slice(0, 12)}`;
		store.tags.set(id, { id, locationId: L, name });
	}

	const people: Array<Partial<Contact> & { firstName: string; lastName: string }> = [
		{ firstName: 'Ava', lastName: 'Stone', email: 'ava.stone@example.com', phone: '+15125550111', companyName: 'Stone & Co', tags: ['client', 'vip'], customFields: [{ id: SEED.customFields.companySize, value: '11-50' }, { id: SEED.customFields.leadDetail, value: 'Referral' }], city: 'Austin', state: 'TX' },
		{ firstName: 'Ben', lastName: 'Ortiz', email: 'ben.ortiz@example.com', phone: '+15125550112', tags: ['hot lead'], customFields: [{ id: SEED.customFields.eventDate, value: '2026-09-12' }], city: 'Dallas', state: 'TX' },
		{ firstName: 'Cleo', lastName: 'Nguyen', email: 'cleo@nguyen.example.com', companyName: 'Nguyen Events', tags: ['wedding', 'client'], customFields: [{ id: SEED.customFields.companySize, value: '1-10' }] },
		{ firstName: 'Dev', lastName: 'Patel', email: 'dev.patel@example.com', phone: '+15125550114', tags: [], customFields: [] },
		{ firstName: 'Eli', lastName: 'Moreau', email: 'eli.moreau@example.com', phone: '+33612345678', country: 'FR', tags: ['hot lead'], customFields: [{ id: SEED.customFields.leadDetail, value: 'Instagram' }] },
	];
	people.forEach((p, i) => {
		const id = SEED.contacts[i];
		const added = daysAgo(30 - i * 5, i);
		store.contacts.set(id, {
			id,
			locationId: L,
			country: 'US',
			...p,
			dnd: false,
			type: i === 0 || i === 2 ? 'customer' : 'lead',
			source: 'public api',
			tags: p.tags ?? [],
			customFields: p.customFields ?? [],
			assignedTo: i % 2 === 0 ? SEED.users.owner : SEED.users.staff,
			dateAdded: added,
			dateUpdated: added,
			followers: [],
			workflows: [],
		});
	});
	store.notes.set('SbxNote1000000000001', { id: 'SbxNote1000000000001', contactId: SEED.contacts[0], body: 'Prefers email. Signed last year.', userId: SEED.users.owner, dateAdded: daysAgo(20) });
	store.tasks.set('SbxTask1000000000001', { id: 'SbxTask1000000000001', contactId: SEED.contacts[1], title: 'Send proposal', body: 'Wedding package B', assignedTo: SEED.users.staff, dueDate: daysAgo(-3), completed: false, dateAdded: daysAgo(4) });

	store.pipelines.set(SEED.pipelineId, {
		id: SEED.pipelineId,
		locationId: L,
		name: 'Sales Pipeline',
		showInFunnel: true,
		showInPieChart: true,
		stages: ['New Lead', 'Proposal Sent', 'Won'].map((name, i) => ({ id: SEED.stages[i], name, position: i, showInFunnel: true, showInPieChart: true })),
	});
	const opp = (id: string, contactId: string, name: string, stage: number, value: number, status: 'open' | 'won') =>
		store.opportunities.set(id, { id, locationId: L, name, monetaryValue: value, pipelineId: SEED.pipelineId, pipelineStageId: SEED.stages[stage], status, contactId, assignedTo: SEED.users.owner, source: 'website', customFields: [], followers: [], lastStatusChangeAt: daysAgo(10), lastStageChangeAt: daysAgo(10), createdAt: daysAgo(12), updatedAt: daysAgo(10) });
	opp(SEED.opportunities[0], SEED.contacts[1], 'Ortiz wedding', 1, 4500, 'open');
	opp(SEED.opportunities[1], SEED.contacts[0], 'Stone & Co retainer', 2, 12000, 'won');

	const business = { name: 'Sandbox Studio', address: { addressLine1: '100 Market St', city: 'Austin', state: 'TX', countryCode: 'US', postalCode: '78701' }, phoneNo: '+15125550100', website: 'https://studio.example.com' };
	const contactDetails = (c: Contact) => ({ id: c.id, name: `${c.firstName} ${c.lastName}`, email: c.email, phoneNo: c.phone ?? '', companyName: c.companyName, address: { countryCode: c.country ?? 'US' }, customFields: [] });
	const invoice = (id: string, n: number, contact: Contact, status: Invoice['status'], amount: number, paid: number, age: number): Invoice => {
		const inv: Invoice = {
			_id: id,
			status,
			liveMode: false,
			amountPaid: paid,
			altId: L,
			altType: 'location',
			name: `${contact.firstName} ${contact.lastName} - services`,
			title: 'INVOICE',
			businessDetails: business,
			invoiceNumber: String(n),
			invoiceNumberPrefix: 'INV-',
			currency: 'USD',
			contactDetails: contactDetails(contact),
			issueDate: dateOnly(daysAgo(age)),
			dueDate: dateOnly(daysAgo(age - 14)),
			discount: { type: 'percentage', value: 0 },
			invoiceItems: [{ _id: `${id.slice(0, 20)}i001`, name: 'Photography package', currency: 'USD', amount, qty: 1, taxes: [] }],
			sentTo: { email: [contact.email] },
			total: 0,
			amountDue: 0,
			totalSummary: { subTotal: 0, discount: 0, tax: 0 },
			automaticTaxesEnabled: false,
			automaticTaxesCalculated: false,
			payments: paid ? [{ mode: 'card', amount: paid, at: daysAgo(age - 2) }] : [],
			createdAt: daysAgo(age),
			updatedAt: daysAgo(paid ? age - 2 : age),
		};
		recompute(inv);
		return inv;
	};
	const [ava, ben, cleo] = SEED.contacts.map((id) => store.contacts.get(id) as Contact);
	store.invoices.set(SEED.invoices.draft, invoice(SEED.invoices.draft, 1001, ben, 'draft', 1500, 0, 2));
	store.invoices.set(SEED.invoices.sent, invoice(SEED.invoices.sent, 1002, cleo, 'sent', 800, 0, 6));
	store.invoices.set(SEED.invoices.paid, invoice(SEED.invoices.paid, 1003, ava, 'paid', 2400, 2400, 20));
	store.invoices.get(SEED.invoices.sent)!.scheduleId = SEED.scheduleId;
	store.nextInvoiceNumber = 1004;

	store.schedules.set(SEED.scheduleId, {
		_id: SEED.scheduleId,
		status: 'active',
		liveMode: false,
		altId: L,
		altType: 'location',
		name: 'Nguyen Events - monthly retainer',
		schedule: { rrule: { intervalType: 'monthly', interval: 1, startDate: dateOnly(daysAgo(6)), dayOfMonth: Number(dateOnly(daysAgo(6)).slice(8)) } },
		invoiceIds: [SEED.invoices.sent],
		businessDetails: business,
		currency: 'USD',
		contactDetails: contactDetails(cleo),
		discount: { type: 'percentage', value: 0 },
		items: [{ _id: 'SbxSchedItem00000001', name: 'Monthly retainer', currency: 'USD', amount: 800, qty: 1, taxes: [] }],
		total: 800,
		title: 'INVOICE',
		termsNotes: 'Renews monthly until cancelled.',
		createdAt: daysAgo(7),
		updatedAt: daysAgo(6),
	});
	store.invoiceTemplates.set(SEED.invoiceTemplateId, {
		_id: SEED.invoiceTemplateId,
		altId: L,
		altType: 'location',
		name: 'Standard package',
		businessDetails: business,
		currency: 'USD',
		discount: { type: 'percentage', value: 0 },
		items: [{ _id: 'SbxTplItem0000000001', name: 'Standard package', currency: 'USD', amount: 1500, qty: 1, taxes: [] }],
		invoiceNumberPrefix: 'INV-',
		total: 1500,
		createdAt: daysAgo(60),
		updatedAt: daysAgo(60),
	});

	store.proposalTemplates.set(SEED.proposalTemplateId, {
		_id: SEED.proposalTemplateId,
		locationId: L,
		name: 'Welcome Agreement',
		type: 'proposal',
		deleted: false,
		version: 1,
		updatedBy: SEED.users.owner,
		isPublicDocument: false,
		documentCount: 2,
		createdAt: daysAgo(60),
		updatedAt: daysAgo(30),
	});
	const doc = (id: string, contact: Contact, name: string, status: ProposalDocument['status'], paymentStatus: ProposalDocument['paymentStatus'], amount: number, age: number): ProposalDocument => ({
		_id: id,
		locationId: L,
		name,
		type: 'proposal',
		deleted: false,
		isExpired: false,
		documentRevision: 1,
		fillableFields: [],
		grandTotal: { amount, currency: 'USD', discountPercentage: 0, discounts: [] },
		locale: 'en-US',
		status,
		paymentStatus,
		recipients: [
			{
				id: contact.id,
				firstName: contact.firstName,
				lastName: contact.lastName,
				email: contact.email ?? '',
				hasCompleted: status === 'completed' || status === 'accepted',
				role: 'signer',
				isPrimary: true,
				signingOrder: 1,
				contactName: `${contact.firstName} ${contact.lastName}`,
				entityName: 'contacts',
				...(status === 'completed' ? { signedDate: daysAgo(age - 1) } : {}),
			},
		],
		links: [{ referenceId: `${id}-link`, documentId: id, recipientId: contact.id, entityName: 'contacts', recipientCategory: 'recipient', documentRevision: 1, createdBy: SEED.users.owner, deleted: false }],
		templateId: SEED.proposalTemplateId,
		createdAt: daysAgo(age),
		updatedAt: daysAgo(status === 'completed' ? age - 1 : age),
	});
	store.documents.set(SEED.documents.sent, doc(SEED.documents.sent, ben, 'Ortiz wedding proposal', 'sent', 'waiting_for_payment', 4500, 5));
	store.documents.set(SEED.documents.completed, doc(SEED.documents.completed, ava, 'Stone & Co welcome agreement', 'completed', 'paid', 2400, 25));
}
