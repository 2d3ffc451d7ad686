/**
 * The workflow templates (templates/*.json), imported as they are and run in
 * n8n's engine against the sandbox: signed webhooks from the fake GHL over
 * HTTP into each template's GHL Trigger, polls, schedule and manual runs; the
 * records must land correctly in the fake 17hats (GET /__admin/state). The
 * 17hats → GHL templates (10–12): 17hats changed through its API, the 17hats
 * Trigger polled, and the fake GHL's records and both fakes' write counts checked.
 * Core nodes come from n8n-nodes-base 2.40.2 (what n8n 2.40.7 ships).
 */
import type { IDataObject, INode, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { resetBuckets } from '../../dist/nodes/common/rateLimiter';
import { SEED } from '../../sandbox/ghl';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { PACKAGE_NAME } from '../support/harness';
import { CONTACT_IDS, scenarioFor, scenarios, type ScenarioResult } from '../support/templateScenarios';
import {
	byExternalId,
	CHANNEL_URL_PLACEHOLDER,
	CORE_NODE_TYPES,
	hatsState,
	loadTemplate,
	templateFiles,
	templateHarness,
	totals,
	type HatsState,
	type SandboxEnv,
} from '../support/templates';

jest.setTimeout(60_000);

let sandbox: Sandbox;
let env: SandboxEnv;

beforeAll(async () => {
	sandbox = await startSandbox({ ghlPort: 0, hatsPort: 0, hats: { rateLimit: { max: 10_000, windowMs: 60_000 } } });
	env = { ghl: sandbox.ghl, hats: sandbox.hats, sink: sandbox.sink, workflowSecret: 'template-test-secret-0123456789abcdef' };
	await templateHarness();
});
afterAll(async () => await sandbox.close());
beforeEach(async () => {
	env.ghl.reset();
	await fetch(`${env.hats.origin}/__admin/reset`, { method: 'POST' });
	resetBuckets();
});

const OUR_NODES = ['ghl', 'ghlTrigger', 'ghlPollTrigger', 'seventeenHats', 'seventeenHatsTrigger', 'ghlTo17hatsSync', 'hatsToGhlSync'];

describe('every template is valid n8n workflow JSON', () => {
	const files = templateFiles();

	it('has one template per use case and a scenario for each', () => {
		expect(files).toHaveLength(13);
		expect(scenarios.map((s) => s.file).sort()).toEqual(files);
	});

	it.each(files)('%s: known node types and versions, wired and set up as n8n would load it', async (file) => {
		const t = loadTemplate(file);
		const harness = await templateHarness();
		expect(typeof t.id).toBe('string');
		expect(t.name.length).toBeGreaterThan(5);
		expect(t.settings).toMatchObject({ executionOrder: 'v1' });
		const names = t.nodes.map((n) => n.name);
		expect(new Set(names).size).toBe(names.length);
		expect(new Set(t.nodes.map((n) => n.id)).size).toBe(names.length);
		expect(t.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote').length).toBeGreaterThanOrEqual(2);

		for (const node of t.nodes as INode[]) {
			const [pkg, short] = node.type.split('.');
			if (pkg === PACKAGE_NAME) expect(OUR_NODES).toContain(short);
			else expect({ node: node.name, pkg, allowed: CORE_NODE_TYPES.includes(short) }).toEqual({ node: node.name, pkg: 'n8n-nodes-base', allowed: true });
			expect(node.id).toMatch(/^[0-9a-f-]{36}$/);
			expect(node.position).toHaveLength(2);
			// The type loads at this version, and the parameters have no issues (n8n refuses to run a node with issues).
			const type = harness.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
			const description = type.description as INodeTypeDescription;
			const parameters = NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, node, description);
			const issues = NodeHelpers.getNodeParametersIssues(description.properties, { ...node, parameters: parameters ?? {} }, description);
			expect({ node: node.name, issues: issues?.parameters ?? {} }).toEqual({ node: node.name, issues: {} });
			// Credentials are referenced by id and name, of a type the node accepts.
			const accepted = (description.credentials ?? []).map((c) => c.name);
			for (const [credType, ref] of Object.entries(node.credentials ?? {})) {
				expect(accepted).toContain(credType);
				expect(ref).toEqual({ id: expect.any(String), name: expect.any(String) });
			}
			if (short === 'ghlTrigger') expect(node.webhookId).toMatch(/^[0-9a-f-]{36}$/);
			// A channel URL is the user's to paste: every HTTP Request node ships the placeholder.
			if (node.type === 'n8n-nodes-base.httpRequest') expect({ node: node.name, url: node.parameters.url }).toEqual({ node: node.name, url: CHANNEL_URL_PLACEHOLDER });
		}
		for (const [from, outputs] of Object.entries(t.connections)) {
			expect(names).toContain(from);
			for (const group of outputs.main ?? []) for (const c of group ?? []) expect(names).toContain(c.node);
		}
		// Secrets are left for the user to set: no key or secret ships in a template.
		const json = JSON.stringify(t);
		expect(json).not.toMatch(/BEGIN PUBLIC KEY|pit-|17h_|api_key/i);
	});

	it('gives every webhook template its own stable webhook path', () => {
		const ids = files.flatMap((f) => loadTemplate(f).nodes.filter((n) => n.webhookId).map((n) => n.webhookId));
		expect(ids.length).toBeGreaterThanOrEqual(5);
		expect(new Set(ids).size).toBe(ids.length);
	});
});

function expectClean(result: ScenarioResult): void {
	const t = totals(result.runner.runs);
	expect({ errors: t.errors, failedExecutions: t.failedExecutions }).toEqual({ errors: [], failedExecutions: 0 });
	expect(t.items.failed ?? 0).toBe(0);
}

const contactOf = (s: HatsState, ghlContactId: string) => {
	const [c] = byExternalId(s, 'contacts', ghlContactId);
	expect(c).toBeDefined();
	return c;
};

describe('templates run end to end against the sandbox', () => {
	test('01 contact created/updated → 17hats contact, replay skipped', async () => {
		const result = await scenarioFor('01-ghl-contact-to-17hats-contact.json').run(env);
		expectClean(result);
		expect(result.webhooks).toEqual({ received: 5, started: 4, ignored: 1, rejected: 0 });
		const actions = result.runner.runs.flatMap((r) => r.syncOutputs.map((o) => o.action));
		expect(actions).toEqual(['created', 'updated', 'created', 'skipped']);

		const s = await hatsState(env);
		const fay = s.data.contacts.find((c) => c.first_name === 'Fay') as IDataObject;
		expect(fay).toMatchObject({
			last_name: 'Lindqvist',
			email: 'fay.lindqvist@example.com',
			phone: '+46707654321',
			company: 'Lindqvist Photo AB',
			tags: ['wedding'],
			metadata: { source: 'ghl', ghl_location_id: SEED.locationId },
		});
		expect(fay.external_id).toEqual((fay.metadata as IDataObject).ghl_id);
		expect(fay.last_synced_at).toEqual(expect.any(String));
		expect(contactOf(s, CONTACT_IDS.dev)).toMatchObject({ first_name: 'Dev', last_name: 'Patel', email: 'dev.patel@example.com' });
		expect(s.data.contacts.filter((c) => c.email === 'dev.patel@example.com')).toHaveLength(1);
	});

	test('02a document poll → new and changed documents, mapped and linked to their contacts', async () => {
		const result = await scenarioFor('02a-ghl-document-poll-to-17hats-document.json').run(env);
		expectClean(result);
		expect(result.polls).toEqual({ rounds: 1, events: 2 });
		const s = await hatsState(env);
		const created = env.ghl.store.documents.values().find((d) => d.name === 'Moreau portrait session');
		const [moreau] = byExternalId(s, 'documents', String(created?._id));
		const [ortiz] = byExternalId(s, 'documents', SEED.documents.sent);
		const eli = contactOf(s, CONTACT_IDS.eli);
		const ben = contactOf(s, CONTACT_IDS.ben);
		expect(moreau).toMatchObject({ name: 'Moreau portrait session', document_type: 'quote', status: 'sent', contact_id: eli.contact_id });
		expect(ortiz).toMatchObject({ name: 'Ortiz wedding proposal', status: 'completed', contact_id: ben.contact_id });
		expect(ortiz.metadata).toMatchObject({ source: 'ghl', ghl_id: SEED.documents.sent, ghl_contact_id: CONTACT_IDS.ben, ghl_location_id: SEED.locationId });
		expect(ortiz.project_id).toEqual(s.data.projects.find((p) => p.contact_id === ben.contact_id)?.project_id);
		// The untouched seeded document was only baselined.
		expect(byExternalId(s, 'documents', SEED.documents.completed)).toHaveLength(0);
	});

	test('02b document workflow webhook → 17hats document; a wrong secret is refused', async () => {
		const result = await scenarioFor('02b-ghl-document-workflow-webhook-to-17hats-document.json').run(env);
		expectClean(result);
		expect(result.webhooks).toEqual({ received: 3, started: 2, ignored: 0, rejected: 1 });
		const s = await hatsState(env);
		const [stone] = byExternalId(s, 'documents', SEED.documents.completed);
		const [ortiz] = byExternalId(s, 'documents', SEED.documents.sent);
		expect(stone).toMatchObject({ name: 'Stone & Co welcome agreement', status: 'accepted', contact_id: contactOf(s, CONTACT_IDS.ava).contact_id });
		expect(String(stone.url)).toContain(SEED.documents.completed);
		expect(ortiz).toMatchObject({ status: 'viewed', contact_id: contactOf(s, CONTACT_IDS.ben).contact_id });
	});

	test('03 invoice events → contracts following the invoice, invoices recorded, documents attached', async () => {
		// Ava's GHL documents are in 17hats first (the document flow), so her contract gets them attached.
		expectClean(await scenarioFor('02b-ghl-document-workflow-webhook-to-17hats-document.json').run(env));
		const result = await scenarioFor('03-ghl-invoice-to-17hats-contract.json').run(env);
		expectClean(result);
		expect(result.webhooks).toMatchObject({ received: 4, started: 4 });
		expect(result.runner.runs.flatMap((r) => r.syncOutputs.map((o) => o.action))).toEqual(['created', 'created', 'created', 'skipped']);

		const s = await hatsState(env);
		const [draft] = byExternalId(s, 'contracts', `invoice:${SEED.invoices.draft}`);
		const [sent] = byExternalId(s, 'contracts', `invoice:${SEED.invoices.sent}`);
		const [paid] = byExternalId(s, 'contracts', `invoice:${SEED.invoices.paid}`);
		expect(draft).toMatchObject({ status: 'draft', amount: 1500, currency: 'USD', contact_id: contactOf(s, CONTACT_IDS.ben).contact_id });
		expect(sent).toMatchObject({ status: 'sent', amount: 800 });
		const ava = contactOf(s, CONTACT_IDS.ava);
		const [avaDoc] = byExternalId(s, 'documents', SEED.documents.completed);
		expect(paid).toMatchObject({ status: 'active', amount: 2400, contact_id: ava.contact_id, document_ids: [avaDoc.document_id] });
		expect(byExternalId(s, 'invoices', SEED.invoices.paid)[0]).toMatchObject({
			contract_id: paid.contract_id,
			number: '1003',
			status: 'paid',
			amount: 2400,
			amount_paid: 2400,
		});
		expect(byExternalId(s, 'invoices', SEED.invoices.draft)[0]).toMatchObject({ contract_id: draft.contract_id, status: 'draft' });
		expect(s.data.contracts).toHaveLength(3);
	});

	test('04 new client → welcome agreement generated from the template and sent, once per contact', async () => {
		const result = await scenarioFor('04-ghl-new-client-welcome-agreement.json').run(env);
		expectClean(result);
		const s = await hatsState(env);
		const gus = env.ghl.store.contacts.values().find((c) => c.firstName === 'Gus');
		const welcome = s.data.documents.filter((d) => String(d.external_id).startsWith('welcome:'));
		expect(welcome.map((d) => d.external_id).sort()).toEqual([`welcome:${CONTACT_IDS.ben}`, `welcome:${String(gus?.id)}`].sort());
		for (const doc of welcome) {
			expect(doc).toMatchObject({ template_id: 'tpl_welcome_agreement', name: 'Welcome Agreement', status: 'sent' });
			expect(doc.project_id).toEqual(expect.any(String));
		}
		// The lead without the client tag was filtered out before the sync.
		expect(s.data.contacts.find((c) => c.email === 'hana.ito@example.com')).toBeUndefined();
		const [replay] = result.runner.runs[result.runner.runs.length - 1].syncOutputs;
		expect(replay).toMatchObject({ action: 'skipped', ghlId: CONTACT_IDS.ben });
	});

	test('05 recurring invoice → contract renewal updated, one renewal notice per period', async () => {
		const result = await scenarioFor('05-ghl-recurring-invoice-renewal-notice.json').run(env);
		expectClean(result);
		expect(result.runner.runs).toHaveLength(3);
		const s = await hatsState(env);
		const [contract] = byExternalId(s, 'contracts', `schedule:${SEED.scheduleId}`);
		const schedule = env.ghl.store.schedules.get(SEED.scheduleId);
		const issueDates = (schedule?.invoiceIds ?? []).map((id) => String(env.ghl.store.invoices.get(id)?.issueDate).slice(0, 10)).sort();
		expect(issueDates).toHaveLength(2);
		const next = new Date(`${issueDates[1]}T00:00:00Z`);
		next.setUTCMonth(next.getUTCMonth() + 1);
		expect(contract).toMatchObject({ auto_renew: true, renewal_date: next.toISOString().slice(0, 10), amount: 800 });
		expect(contract.metadata).toMatchObject({ ghl_schedule_id: SEED.scheduleId });
		const notices = s.data.documents.filter((d) => String(d.external_id).startsWith(`renewal:${SEED.scheduleId}:`));
		expect(notices.map((d) => d.external_id).sort()).toEqual(issueDates.map((d) => `renewal:${SEED.scheduleId}:${d}`));
		for (const n of notices) expect(n).toMatchObject({ template_id: 'tpl_renewal_notice', status: 'sent' });
		for (const id of schedule?.invoiceIds ?? []) {
			expect(byExternalId(s, 'invoices', id)[0]).toMatchObject({ contract_id: contract.contract_id });
		}
		expect(result.runner.runs[2].syncOutputs.map((o) => o.action)).toEqual(['skipped']);
	});

	test('06 invoice status (sent, partially paid, paid, void) reaches 17hats; the poll catches a lost webhook', async () => {
		const result = await scenarioFor('06-ghl-invoice-status-to-17hats.json').run(env);
		expectClean(result);
		expect(result.webhooks).toMatchObject({ received: 3, started: 3, rejected: 0 });
		expect(result.polls).toEqual({ rounds: 1, events: 2 });
		const webhookRuns = result.runner.runs.filter((r) => r.source === 'webhook');
		expect(webhookRuns.map((r) => r.syncOutputs[0].changes)).toEqual([
			expect.objectContaining({ 'invoice.status': expect.objectContaining({ after: 'sent' }) }),
			expect.objectContaining({ 'invoice.status': expect.objectContaining({ after: 'partially_paid' }) }),
			expect.objectContaining({ 'invoice.status': { before: 'partially_paid', after: 'paid' } }),
		]);
		const s = await hatsState(env);
		expect(byExternalId(s, 'invoices', SEED.invoices.sent)[0]).toMatchObject({ status: 'paid', amount: 800, amount_paid: 800 });
		expect(byExternalId(s, 'contracts', `invoice:${SEED.invoices.sent}`)[0]).toMatchObject({ status: 'active' });
		expect(byExternalId(s, 'invoices', SEED.invoices.draft)[0]).toMatchObject({ status: 'void' });
		expect(byExternalId(s, 'contracts', `invoice:${SEED.invoices.draft}`)[0]).toMatchObject({ status: 'void' });
		const pollRun = result.runner.runs.find((r) => r.source === 'poll');
		expect(pollRun?.syncOutputs.map((o) => `${String(o.ghlId)}:${String(o.action)}`).sort()).toEqual(
			[`${SEED.invoices.draft}:updated`, `${SEED.invoices.sent}:skipped`].sort(),
		);
	});

	test('07 backfill: every contact and open invoice, through injected 429/503s, and a re-run changes nothing', async () => {
		const result = await scenarioFor('07-ghl-backfill-contacts-and-invoices.json').run(env);
		expectClean(result);
		const [first, second] = result.runner.runs;
		expect(first.ghlRecordsRead).toBe(5 + 3);
		const s = await hatsState(env);
		for (const id of Object.values(CONTACT_IDS)) expect(byExternalId(s, 'contacts', id)).toHaveLength(1);
		// Open invoices only: the sent one, not the draft or the paid one.
		expect(s.data.contracts.map((c) => c.external_id)).toEqual([`invoice:${SEED.invoices.sent}`]);
		expect(byExternalId(s, 'invoices', SEED.invoices.sent)[0]).toMatchObject({ status: 'sent', amount: 800 });
		expect(second.syncOutputs).toHaveLength(6);
		expect(second.syncOutputs.every((o) => o.action === 'skipped')).toBe(true);
	});
});

describe('17hats → GHL templates run end to end against the sandbox', () => {
	const ghlContactsByEmail = (email: string) => env.ghl.store.contacts.values().filter((c) => String(c.email).toLowerCase() === email.toLowerCase());
	const hatsContactsByName = (s: HatsState, first: string) => s.data.contacts.filter((c) => c.first_name === first);
	const ghlWrites = (o: IDataObject) => ((o.writes as IDataObject[] | undefined) ?? []).filter((w) => w.api === 'ghl');

	test('10 agreement signed in 17hats → the GHL opportunity moves to Won in the chosen stage, the contact is tagged; a re-run writes nothing', async () => {
		const result = await scenarioFor('10-17hats-agreement-signed-to-ghl-opportunity-won.json').run(env);
		expectClean(result);
		// Sent is filtered out by the trigger; the links written back are no status change: one poll execution, then the re-run.
		expect(result.runner.runs.map((r) => [r.source, r.itemsIn])).toEqual([['poll', 2], ['poll', 2]]);
		expect(result.polls).toEqual({ rounds: 1, events: 2 });
		const [signed, rerun] = result.runner.runs;
		const s = await hatsState(env);
		const [lenaHats] = hatsContactsByName(s, 'Lena');
		const [omarHats] = hatsContactsByName(s, 'Omar');
		const [lena] = ghlContactsByEmail(String(lenaHats.email));
		const [omar] = ghlContactsByEmail(String(omarHats.email));
		// Lena existed in GHL with an open opportunity: matched by e-mail, her opportunity moved (not a second one).
		expect(ghlContactsByEmail(String(lenaHats.email))).toHaveLength(1);
		const lenaOpps = env.ghl.store.opportunities.values().filter((o) => o.contactId === lena.id);
		expect(lenaOpps).toHaveLength(1);
		expect(lenaOpps[0]).toMatchObject({ name: 'Fischer wedding', status: 'won', pipelineId: SEED.pipelineId, pipelineStageId: SEED.stages[2] });
		expect(lena.tags).toEqual(expect.arrayContaining(['client', 'signed']));
		// Omar was only in 17hats: a GHL contact and a won opportunity named after the agreement.
		expect(omar).toMatchObject({ firstName: 'Omar', lastName: 'Haddad', tags: expect.arrayContaining(['client', 'signed']) });
		const omarOpps = env.ghl.store.opportunities.values().filter((o) => o.contactId === omar.id);
		expect(omarOpps).toHaveLength(1);
		expect(omarOpps[0]).toMatchObject({ name: 'Haddad portrait agreement', status: 'won', monetaryValue: 900, pipelineStageId: SEED.stages[2] });
		expect(signed.syncOutputs).toEqual([
			expect.objectContaining({ action: 'updated', entity: 'contract', ghlId: lenaOpps[0].id, changes: expect.objectContaining({ status: { before: 'open', after: 'won' }, pipelineStageId: { before: SEED.stages[1], after: SEED.stages[2] }, tags: { added: ['client', 'signed'] } }) }),
			expect.objectContaining({ action: 'created', entity: 'contract', ghlId: omarOpps[0].id }),
		]);
		// Linked both ways in 17hats.
		expect(lenaHats).toMatchObject({ external_id: lena.id });
		expect(omarHats).toMatchObject({ external_id: omar.id });
		const contractOf = (contactId: unknown) => s.data.contracts.find((k) => k.contact_id === contactId) as IDataObject;
		expect(contractOf(lenaHats.contact_id)).toMatchObject({ status: 'signed', metadata: expect.objectContaining({ ghl_opportunity_id: lenaOpps[0].id }) });
		expect(contractOf(omarHats.contact_id)).toMatchObject({ status: 'signed', metadata: expect.objectContaining({ ghl_opportunity_id: omarOpps[0].id }) });
		// GHL: Lena's opportunity + tags; Omar's contact, opportunity, tags. 17hats: the two contacts' and contracts' links.
		expect(result.writes).toEqual({ ghl: 5, hats: 4 });
		expect(rerun.syncOutputs.map((o) => [o.action, o.reason])).toEqual([['skipped', 'in_sync'], ['skipped', 'in_sync']]);
		expect(rerun.syncOutputs.flatMap(ghlWrites)).toEqual([]);
	});

	test('11 invoice paid in 17hats → the payment recorded on the GHL invoice once; the GHL echo changes nothing', async () => {
		const result = await scenarioFor('11-17hats-invoice-paid-to-ghl-invoice-paid.json').run(env);
		expectClean(result);
		expect(result.runner.runs.map((r) => [r.source, r.itemsIn])).toEqual([['poll', 1], ['poll', 1]]);
		expect(result.polls).toEqual({ rounds: 1, events: 1 });
		const ghlInvoice = env.ghl.store.invoices.values().find((i) => i.name === 'Moreau portrait session');
		expect(ghlInvoice).toMatchObject({ status: 'paid', total: 650, amountPaid: 650, amountDue: 0 });
		expect(ghlInvoice?.payments).toHaveLength(1);
		const s = await hatsState(env);
		const [hatsInvoice] = byExternalId(s, 'invoices', String(ghlInvoice?._id));
		expect(hatsInvoice).toMatchObject({ status: 'paid', amount: 650, amount_paid: 650 });
		const [paid, rerun] = result.runner.runs;
		expect(paid.syncOutputs).toEqual([
			expect.objectContaining({ action: 'updated', entity: 'invoice', hatsId: hatsInvoice.invoice_id, ghlId: ghlInvoice?._id, changes: { amountPaid: { before: 0, after: 650 } } }),
		]);
		expect(rerun.syncOutputs).toEqual([expect.objectContaining({ action: 'skipped', reason: 'already_paid' })]);
		expect(rerun.syncOutputs.flatMap(ghlWrites)).toEqual([]);
		// GHL: the one payment. 17hats: template 03 activates the contract on GHL's InvoicePaid; the invoice itself is already paid.
		expect(result.writes).toEqual({ ghl: 1, hats: 1 });
		expect(byExternalId(s, 'contracts', `invoice:${String(ghlInvoice?._id)}`)[0]).toMatchObject({ status: 'active' });
	});

	test('12 two-way contacts: each change settles in a bounded number of writes, no echo, no duplicate', async () => {
		const result = await scenarioFor('12-ghl-17hats-two-way-contact-sync.json').run(env);
		expectClean(result);
		// GHL deliveries: Jonas created (by hand), Jonas updated (by the 17hats → GHL sync), Kira created (by it), Kira tagged (by hand).
		expect(result.webhooks).toEqual({ received: 4, started: 4, ignored: 0, rejected: 0 });
		expect(result.polls).toEqual({ rounds: 6, events: 6 });
		const s = await hatsState(env);
		const [jonasHats] = hatsContactsByName(s, 'Jonas');
		const [kiraHats] = hatsContactsByName(s, 'Kira');
		expect(hatsContactsByName(s, 'Jonas')).toHaveLength(1);
		expect(hatsContactsByName(s, 'Kira')).toHaveLength(1);
		const jonas = ghlContactsByEmail(String(jonasHats.email));
		const kira = ghlContactsByEmail(String(kiraHats.email));
		expect(jonas).toHaveLength(1);
		expect(kira).toHaveLength(1);
		// GHL → 17hats, then the 17hats edit back to GHL.
		expect(jonasHats).toMatchObject({ external_id: jonas[0].id, phone: '+46709998877', company: 'Berg Studio AB' });
		expect(jonas[0]).toMatchObject({ phone: '+46709998877', companyName: 'Berg Studio AB' });
		// 17hats → GHL, then the GHL tag back to 17hats.
		expect(kiraHats).toMatchObject({ external_id: kira[0].id, tags: expect.arrayContaining(['referral', 'vip']) });
		expect(kira[0]).toMatchObject({ firstName: 'Kira', lastName: 'Holm', tags: expect.arrayContaining(['referral', 'vip']) });
		// Writes per change, from the fakes' request logs; a round is the GHL webhooks, then one 17hats poll; the last round finds nothing.
		expect(result.settled?.map(({ rounds, ghl, hats }) => ({ rounds, ghl, hats }))).toEqual([
			// GHL create → the 17hats create; the 17hats Trigger reports it and the reverse sync finds it in sync.
			{ rounds: 2, ghl: 0, hats: 1 },
			// 17hats edit → the GHL update and the 17hats link (ghl_updated_at); GHL's echo brings the phone back in E.164 (as GHL stores it), once.
			{ rounds: 3, ghl: 1, hats: 2 },
			// 17hats create → the GHL create and the 17hats link; GHL's ContactCreate adds the forward sync's source marks.
			{ rounds: 3, ghl: 1, hats: 2 },
			// GHL tag → the 17hats tags; the reverse sync finds them in sync.
			{ rounds: 2, ghl: 0, hats: 1 },
		]);
	});
});
