/** A little starting data so the sandbox is useful right after `npm run sandbox`. */
import { createRecord, DEFS } from './resources';
import type { HatsStore } from './store';

export function seedStore(store: HatsStore): void {
	const meta = { source: 'sandbox-seed' };
	const ada = createRecord(store, DEFS.contacts, {
		first_name: 'Ada',
		last_name: 'Lovelace',
		email: 'ada@example.com',
		phone: '+15555550101',
		company: 'Analytical Engines Ltd',
		type: 'client',
		address: { street: '12 St James Sq', city: 'London', postal_code: 'SW1Y 4JH', country: 'GB' },
		tags: ['vip'],
		metadata: meta,
	});
	createRecord(store, DEFS.contacts, {
		first_name: 'Grace',
		last_name: 'Hopper',
		email: 'grace@example.com',
		type: 'hot_lead',
		metadata: meta,
	});
	createRecord(store, DEFS.contacts, {
		first_name: 'Alan',
		last_name: 'Turing',
		email: 'alan@example.com',
		type: 'cold_prospect',
		metadata: meta,
	});
	// Only Ada has a project, so sends to the others answer project_required.
	const project = createRecord(store, DEFS.projects, { contact_id: ada.contact_id, name: 'Ada onboarding', metadata: meta });
	createRecord(store, DEFS.documents, {
		contact_id: ada.contact_id,
		project_id: project.project_id,
		template_id: 'tpl_standard_quote',
		name: 'Quote for Ada',
		document_type: 'quote',
		metadata: meta,
	});
}
