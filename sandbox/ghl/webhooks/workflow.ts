/**
 * GHL-workflow-style webhooks for documents. GHL has no Marketplace events for
 * Documents & Contracts; users build a workflow (trigger "Documents & Contracts":
 * sent / viewed / completed / accepted → action "Webhook"). That action POSTs a
 * flat JSON body of the contact's standard fields (snake_case), location,
 * workflow and custom fields by name, unsigned; users can add a custom header,
 * which the sandbox models as `x-webhook-secret`.
 *
 * The reference files do not document this body; the shape follows GHL's
 * workflow webhook action (contact fields + `location` + `workflow`) with a
 * `document` object for the trigger's data.
 */
import type { Contact, DocumentStatus, GhlStore, ProposalDocument } from '../store';
import { badRequest } from '../errors';

export const WORKFLOW_KINDS = ['document_sent', 'document_viewed', 'document_completed', 'document_accepted'] as const;
export type WorkflowKind = (typeof WORKFLOW_KINDS)[number];

export const SECRET_HEADER = 'x-webhook-secret';

/** Which workflow trigger a document status corresponds to (draft has none). */
export function kindForStatus(status: DocumentStatus): WorkflowKind | undefined {
	return status === 'draft' ? undefined : (`document_${status}` as WorkflowKind);
}

export function isWorkflowKind(v: unknown): v is WorkflowKind {
	return WORKFLOW_KINDS.includes(v as WorkflowKind);
}

export function buildWorkflowPayload(kind: WorkflowKind, store: GhlStore, baseUrl: string, documentId?: string): Record<string, unknown> {
	const doc: ProposalDocument | undefined = documentId ? store.documents.get(documentId) : store.documents.values()[0];
	if (!doc) throw badRequest(documentId ? `Document ${documentId} not found` : 'No document in the sandbox to fire about');
	const primary = doc.recipients.find((r) => r.isPrimary) ?? doc.recipients[0];
	const contact: Contact | undefined = primary ? store.contacts.get(primary.id) : undefined;
	const l = store.location;
	const customByName: Record<string, unknown> = {};
	for (const f of contact?.customFields ?? []) {
		const def = store.customFields.get(f.id);
		if (def) customByName[def.name] = f.value;
	}
	return {
		contact_id: contact?.id ?? primary?.id ?? '',
		first_name: contact?.firstName ?? primary?.firstName ?? '',
		last_name: contact?.lastName ?? primary?.lastName ?? '',
		full_name: [contact?.firstName, contact?.lastName].filter(Boolean).join(' '),
		email: contact?.email ?? primary?.email ?? '',
		phone: contact?.phone ?? '',
		// GHL's workflow webhook sends tags as one comma-separated string.
		tags: (contact?.tags ?? []).join(','),
		country: contact?.country ?? '',
		date_created: contact?.dateAdded ?? '',
		full_address: [contact?.address1, contact?.city, contact?.state, contact?.postalCode].filter(Boolean).join(', '),
		contact_type: contact?.type ?? 'lead',
		...customByName,
		location: { name: l.name, address: l.address, city: l.city, state: l.state, country: l.country, postalCode: l.postalCode, fullAddress: [l.address, l.city, l.state, l.postalCode].join(', '), id: l.id },
		workflow: { id: 'SbxWorkflowDocs00001', name: `Documents & Contracts: ${kind.replace('document_', '')}` },
		triggerData: {},
		document: {
			id: doc._id,
			name: doc.name,
			type: doc.type,
			status: doc.status,
			paymentStatus: doc.paymentStatus,
			event: kind,
			amount: doc.grandTotal.amount,
			currency: doc.grandTotal.currency,
			url: new URL(`/documents/v1/${doc._id}`, baseUrl).toString(),
			recipients: doc.recipients.map((r) => ({ id: r.id, email: r.email, name: r.contactName, hasCompleted: r.hasCompleted, signedDate: r.signedDate })),
			createdAt: doc.createdAt,
			updatedAt: doc.updatedAt,
		},
		customData: {},
	};
}
