/**
 * One scenario per template: what happens in GHL (API changes that make the
 * fake GHL deliver signed webhooks, fired events, new/changed documents,
 * recurring-invoice runs; for 10–12 what the studio does in 17hats, through
 * its API) and how the template is started. Shared by
 * test/templates (which then check the fake 17hats) and `npm run demo`
 * (which reports on them). Scenarios leave no subscription behind.
 */
import type { IDataObject } from 'n8n-workflow';

import { SEED } from '../../sandbox/ghl';
import type { SinkEntry } from '../../sandbox/index';
import { ghlAdmin, ghlApi, sinkChannel, TemplateRunner, type FlowRun, type SandboxEnv, type WebhookEndpoint } from './templates';

export interface WebhookStats {
	/** Deliveries that reached the endpoint. */
	received: number;
	/** Answered 200 and started an execution. */
	started: number;
	/** Answered 200 without an execution (event not selected in the trigger). */
	ignored: number;
	/** Refused (bad signature/secret 401, replay 409, …). */
	rejected: number;
}

export interface ScenarioResult {
	runner: TemplateRunner;
	webhooks?: WebhookStats;
	/** Poll rounds that reported something / poll events reported. */
	polls?: { rounds: number; events: number };
	/** What the scenario did in GHL, for the report. */
	story: string[];
	/** What the template posted to its channel (the sandbox's webhook sink). */
	delivered?: SinkEntry[];
	/** 17hats → GHL templates: the writes the syncs sent, counted in the fakes' request logs. */
	writes?: { ghl: number; hats: number };
	/** Two-way template, per change: rounds (GHL webhooks, then one 17hats poll) until neither side had anything new, and the writes sent. */
	settled?: Array<{ change: string; rounds: number; ghl: number; hats: number }>;
}

export interface Scenario {
	file: string;
	title: string;
	run(env: SandboxEnv): Promise<ScenarioResult>;
}

const ALT = (env: SandboxEnv) => ({ altId: env.ghl.locationId, altType: 'location' });

function stats(endpoint: WebhookEndpoint): WebhookStats {
	const started = endpoint.calls.filter((c) => c.started).length;
	const ok = endpoint.calls.filter((c) => c.status === 200).length;
	return { received: endpoint.calls.length, started, ignored: ok - started, rejected: endpoint.calls.length - ok };
}

/** Waits until the fake GHL has delivered everything and the executions are done. */
async function settle(env: SandboxEnv, runner: TemplateRunner): Promise<void> {
	await env.ghl.whenIdle();
	await runner.idle();
}

async function withWebhook(
	env: SandboxEnv,
	file: string,
	events: string[] | undefined,
	act: (runner: TemplateRunner, endpoint: WebhookEndpoint, story: string[]) => Promise<void>,
): Promise<ScenarioResult> {
	const runner = await TemplateRunner.create(file, env);
	const endpoint = await runner.listen('GHL Trigger');
	const story: string[] = [];
	if (events) env.ghl.subscribe(endpoint.url, events);
	try {
		await act(runner, endpoint, story);
		await settle(env, runner);
	} finally {
		env.ghl.unsubscribe(endpoint.url);
		await runner.close();
	}
	return { runner, webhooks: stats(endpoint), story };
}

export const CONTACT_IDS = { ava: SEED.contacts[0], ben: SEED.contacts[1], cleo: SEED.contacts[2], dev: SEED.contacts[3], eli: SEED.contacts[4] };

export const scenarios: Scenario[] = [
	{
		file: '01-ghl-contact-to-17hats-contact.json',
		title: 'GHL contact created/updated → 17hats contact',
		run: (env) =>
			withWebhook(env, '01-ghl-contact-to-17hats-contact.json', ['ContactCreate', 'ContactUpdate', 'ContactTagUpdate'], async (runner, endpoint, story) => {
				const { contact } = (await ghlApi(env, 'POST', '/contacts/', {
					locationId: env.ghl.locationId,
					firstName: 'Fay',
					lastName: 'Lindqvist',
					email: 'Fay.Lindqvist@Example.com',
					phone: '+46 70-123 45 67',
					companyName: 'Lindqvist Photo AB',
					tags: ['wedding'],
				})) as { contact: { id: string } };
				await settle(env, runner);
				story.push(`GHL API: contact Fay Lindqvist created (${contact.id}) → ContactCreate delivered`);
				await ghlApi(env, 'PUT', `/contacts/${contact.id}`, { phone: '+46 70 765 43 21', city: 'Malmö' });
				await settle(env, runner);
				story.push('GHL API: Fay\'s phone and city changed → ContactUpdate delivered');
				await env.ghl.fire('ContactCreate', { to: endpoint.url, overrides: { id: CONTACT_IDS.dev } });
				await settle(env, runner);
				await env.ghl.fire('ContactUpdate', { to: endpoint.url, overrides: { id: CONTACT_IDS.dev } });
				story.push('fired: ContactCreate + ContactUpdate (unchanged) for Dev Patel');
				await settle(env, runner);
				await env.ghl.fire('OpportunityCreate', { to: endpoint.url });
				story.push('fired: OpportunityCreate (not selected in the trigger → ignored)');
			}),
	},
	{
		file: '02a-ghl-document-poll-to-17hats-document.json',
		title: 'GHL document created / status changed (poll) → 17hats document',
		run: async (env) => {
			const runner = await TemplateRunner.create('02a-ghl-document-poll-to-17hats-document.json', env);
			const story: string[] = [];
			let rounds = 0;
			let events = 0;
			try {
				const first = await runner.poll();
				story.push(`poll 1: baseline of ${env.ghl.store.documents.values().length} existing GHL documents (nothing reported)`);
				if (first) throw new Error('The first poll reported old documents');
				const created = await ghlAdmin(env, 'POST', '/documents', {
					name: 'Moreau portrait session',
					contactId: CONTACT_IDS.eli,
					status: 'sent',
					amount: 650,
				});
				await ghlAdmin(env, 'PATCH', `/documents/${SEED.documents.sent}`, { status: 'completed' });
				story.push(`GHL: document "Moreau portrait session" sent (${String(created._id)}); "Ortiz wedding proposal" signed (sent → completed)`);
				const run = await runner.poll();
				if (run) {
					rounds++;
					events += run.itemsIn;
				}
				story.push(`poll 2: ${run?.itemsIn ?? 0} events`);
				const again = await runner.poll();
				story.push(`poll 3: ${again?.itemsIn ?? 0} events (each change is reported once)`);
			} finally {
				await runner.close();
			}
			return { runner, polls: { rounds, events }, story };
		},
	},
	{
		file: '02b-ghl-document-workflow-webhook-to-17hats-document.json',
		title: 'GHL document status changed (GHL workflow webhook) → 17hats document',
		run: (env) =>
			withWebhook(env, '02b-ghl-document-workflow-webhook-to-17hats-document.json', undefined, async (runner, endpoint, story) => {
				// The GHL workflow's Webhook action: posts when a document's status changes.
				// (The sandbox has no workflow unsubscribe; the subscription ends with reset.)
				env.ghl.subscribeWorkflow(endpoint.url, { secret: env.workflowSecret });
				await ghlAdmin(env, 'PATCH', `/documents/${SEED.documents.completed}`, { status: 'accepted' });
				await settle(env, runner);
				story.push('GHL: "Stone & Co welcome agreement" accepted → the GHL workflow\'s Webhook action posted it');
				await ghlAdmin(env, 'PATCH', `/documents/${SEED.documents.sent}`, { status: 'viewed' });
				await settle(env, runner);
				story.push('GHL: "Ortiz wedding proposal" viewed → posted by the GHL workflow');
				await env.ghl.fireWorkflowWebhook('document_viewed', { to: endpoint.url, secret: 'not-the-secret', documentId: SEED.documents.sent });
				story.push('a post to the same URL with the wrong secret (refused 401)');
			}),
	},
	{
		file: '03-ghl-invoice-to-17hats-contract.json',
		title: 'GHL invoice events → 17hats contract (+ invoice, documents attached)',
		run: (env) =>
			withWebhook(env, '03-ghl-invoice-to-17hats-contract.json', undefined, async (runner, endpoint, story) => {
				await env.ghl.fire('InvoiceCreate', { to: endpoint.url, overrides: { _id: SEED.invoices.draft } });
				await settle(env, runner);
				await env.ghl.fire('InvoiceSent', { to: endpoint.url, overrides: { _id: SEED.invoices.sent } });
				await settle(env, runner);
				await env.ghl.fire('InvoicePaid', { to: endpoint.url, overrides: { _id: SEED.invoices.paid } });
				await settle(env, runner);
				story.push('fired: InvoiceCreate (Ben, draft), InvoiceSent (Cleo), InvoicePaid (Ava)');
				await env.ghl.fire('InvoicePaid', { to: endpoint.url, overrides: { _id: SEED.invoices.paid } });
				story.push('fired: InvoicePaid (Ava) again — a redelivery');
			}),
	},
	{
		file: '04-ghl-new-client-welcome-agreement.json',
		title: 'New client → 17hats welcome agreement generated and sent',
		run: (env) =>
			withWebhook(env, '04-ghl-new-client-welcome-agreement.json', ['ContactCreate', 'ContactTagUpdate'], async (runner, endpoint, story) => {
				await ghlApi(env, 'POST', `/contacts/${CONTACT_IDS.ben}/tags`, { tags: ['client'] });
				await settle(env, runner);
				story.push('GHL API: Ben Ortiz tagged "client" → ContactTagUpdate delivered');
				const { contact } = (await ghlApi(env, 'POST', '/contacts/', {
					locationId: env.ghl.locationId,
					firstName: 'Gus',
					lastName: 'Hale',
					email: 'gus.hale@example.com',
					tags: ['Client', 'referral'],
				})) as { contact: { id: string } };
				await settle(env, runner);
				story.push(`GHL API: new contact Gus Hale (${contact.id}) created with tag "Client"`);
				await ghlApi(env, 'POST', '/contacts/', { locationId: env.ghl.locationId, firstName: 'Hana', lastName: 'Ito', email: 'hana.ito@example.com', tags: ['hot lead'] });
				await settle(env, runner);
				story.push('GHL API: new contact Hana Ito (a lead, no client tag) → filtered out');
				await env.ghl.fire('ContactTagUpdate', { to: endpoint.url, overrides: { id: CONTACT_IDS.ben } });
				story.push('fired: ContactTagUpdate for Ben again (agreement is sent once per contact)');
			}),
	},
	{
		file: '05-ghl-recurring-invoice-renewal-notice.json',
		title: 'Recurring invoice → renewal notice sent, contract updated',
		run: async (env) => {
			const runner = await TemplateRunner.create('05-ghl-recurring-invoice-renewal-notice.json', env);
			const story: string[] = [];
			try {
				await runner.start('Every Morning');
				story.push('day 1: schedule trigger → the monthly retainer\'s current invoice');
				const next = await ghlAdmin(env, 'POST', `/schedules/${SEED.scheduleId}/run`);
				story.push(`GHL: the recurring schedule issued its next invoice #${String(next.invoiceNumber)} (${String(next.issueDate)})`);
				await runner.start('Every Morning');
				story.push('day 2: schedule trigger → the new period');
				await runner.start('Every Morning');
				story.push('day 3: schedule trigger → nothing new (no second notice)');
			} finally {
				await runner.close();
			}
			return { runner, story };
		},
	},
	{
		file: '06-ghl-invoice-status-to-17hats.json',
		title: 'Invoice status pushed from GHL to 17hats (sent, partially paid, paid, void)',
		run: async (env) => {
			const file = '06-ghl-invoice-status-to-17hats.json';
			let polls = { rounds: 0, events: 0 };
			const result = await withWebhook(
				env,
				file,
				['InvoiceSent', 'InvoicePartiallyPaid', 'InvoicePaid', 'InvoiceVoid'],
				async (runner, endpoint, story) => {
					await runner.poll('GHL Poll Trigger');
					story.push('poll 1: baseline of the GHL invoices');
					await ghlApi(env, 'POST', `/invoices/${SEED.invoices.draft}/send`, { ...ALT(env), userId: SEED.users.owner, action: 'send_manually', liveMode: false });
					await settle(env, runner);
					await ghlApi(env, 'POST', `/invoices/${SEED.invoices.sent}/record-payment`, { ...ALT(env), mode: 'card', amount: 300 });
					await settle(env, runner);
					await ghlApi(env, 'POST', `/invoices/${SEED.invoices.sent}/record-payment`, { ...ALT(env), mode: 'bank_transfer' });
					await settle(env, runner);
					story.push('GHL API: Ben\'s invoice sent; Cleo\'s invoice paid 300 then the rest → InvoiceSent, InvoicePartiallyPaid, InvoicePaid delivered');
					env.ghl.unsubscribe(endpoint.url);
					await ghlApi(env, 'POST', `/invoices/${SEED.invoices.draft}/void`, ALT(env));
					story.push('GHL API: Ben\'s invoice voided while the webhook was down (InvoiceVoid lost)');
					const run = await runner.poll('GHL Poll Trigger');
					polls = { rounds: run ? 1 : 0, events: run?.itemsIn ?? 0 };
					story.push(`poll 2: ${run?.itemsIn ?? 0} status changes → the void is caught, the rest is already current`);
				},
			);
			return { ...result, polls };
		},
	},
	{
		file: '07-ghl-backfill-contacts-and-invoices.json',
		title: 'Backfill: all GHL contacts and open invoices → 17hats',
		run: async (env) => {
			const runner = await TemplateRunner.create('07-ghl-backfill-contacts-and-invoices.json', env);
			const story: string[] = [];
			// Rate-limit safety: 17hats answers some requests 429 (Retry-After 1 s) or 503.
			await hatsFaults(env, { seed: 17, rate429: 0.1, rate503: 0.05 });
			try {
				const run = await runner.start('Run Backfill');
				const stats = (await hatsFaults(env)).stats as Record<string, number>;
				story.push(`manual run: ${run.ghlRecordsRead} GHL records read (contacts + invoices, every page)`);
				story.push(`17hats answered ${stats['429']}× 429 and ${stats['503']}× 503 of ${stats.requests} requests (injected): all retried, nothing lost`);
				await hatsFaults(env, {});
				const again = await runner.start('Run Backfill');
				story.push(`second run: ${again.syncOutputs.filter((o) => o.action === 'skipped').length} of ${again.syncOutputs.length} items skipped (already in sync)`);
			} finally {
				await hatsFaults(env, {});
				await runner.close();
			}
			return { runner, story };
		},
	},
	{
		file: '08-ghl-17hats-sync-failure-alert.json',
		title: 'A failed sync → alert naming the GHL record, the error and the execution',
		run: async (env) => {
			const alert = await TemplateRunner.create('08-ghl-17hats-sync-failure-alert.json', env);
			const channel = sinkChannel('Send Alert');
			const before = env.sink.received(channel).length;
			const failing = await withWebhook(env, '03-ghl-invoice-to-17hats-contract.json', undefined, async (runner, endpoint, story) => {
				// What a user does in template 03's Workflow settings → Error workflow.
				runner.useErrorWorkflow(alert);
				story.push('template 03 (invoice → contract) has this template as its Error workflow');
				await env.ghl.fire('InvoiceSent', { to: endpoint.url, overrides: { _id: BROKEN_INVOICE_ID, total: null } });
				await settle(env, runner);
				const failed = runner.runs.find((r) => r.error);
				story.push(`fired: InvoiceSent for GHL invoice ${BROKEN_INVOICE_ID} with an empty total → execution ${failed?.executionId ?? '?'} of template 03 failed: ${failed?.error ?? 'it did not fail'}`);
			});
			await alert.close();
			const delivered = env.sink.received(channel).slice(before);
			return { runner: alert, story: [...failing.story, `the alert posted to the channel (${delivered.length}):`, ...delivered.flatMap(textLines).map((l) => `  ${l}`)], delivered };
		},
	},
	{
		file: '09-ghl-17hats-daily-sync-report.json',
		title: "Daily sync report from n8n's executions: created / updated / skipped / failed",
		run: async (env) => {
			needsExecutions(env);
			const runner = await TemplateRunner.create('09-ghl-17hats-daily-sync-report.json', env);
			const channel = sinkChannel('Send Report');
			const before = env.sink.received(channel).length;
			const saved = env.executions.list().length;
			try {
				await runner.start('Every Morning');
			} finally {
				await runner.close();
			}
			const delivered = env.sink.received(channel).slice(before);
			return {
				runner,
				story: [`schedule trigger → read the ${saved} saved executions from n8n's executions API (with their data); the report posted to the channel:`, ...delivered.flatMap(textLines).map((l) => `  ${l}`)],
				delivered,
			};
		},
	},
	{
		file: '10-17hats-agreement-signed-to-ghl-opportunity-won.json',
		title: '17hats agreement signed → GHL opportunity won + contact tagged',
		run: async (env) => {
			const runner = await TemplateRunner.create('10-17hats-agreement-signed-to-ghl-opportunity-won.json', env);
			const story: string[] = [];
			const writes = { ghl: 0, hats: 0 };
			let polls = { rounds: 0, events: 0 };
			const tag = uniqueTag();
			try {
				// The sticky note's setup: choose the pipeline and the stage from GHL's lists.
				const { pipeline, won } = await wonStage(env);
				Object.assign(runner.node('Mark Opportunity Won').parameters, { pipelineId: pipeline, stageId: won });
				story.push(`setup: Pipeline "Sales Pipeline", Stage "Won" chosen on Mark Opportunity Won (${pipeline} / ${won})`);
				// A lead in GHL with an open opportunity; the studio has the same client in 17hats (same e-mail, not linked yet).
				const lena = await ghlContact(env, { firstName: 'Lena', lastName: 'Fischer', email: `lena.fischer.${tag}@example.com` });
				const { opportunity } = (await ghlApi(env, 'POST', '/opportunities/', {
					locationId: env.ghl.locationId,
					pipelineId: pipeline,
					pipelineStageId: SEED.stages[1],
					name: 'Fischer wedding',
					status: 'open',
					contactId: lena,
					monetaryValue: 3200,
				})) as { opportunity: { id: string } };
				story.push(`GHL: lead Lena Fischer (${lena}) with opportunity "Fischer wedding" open in "Proposal Sent" (${opportunity.id})`);
				const first = await runner.poll('17hats Trigger');
				story.push(`poll 1: baseline of the 17hats contracts (${first ? 'reported something!' : 'nothing reported'})`);
				const lenaHats = await hatsApi(env, 'POST', '/contacts', { first_name: 'Lena', last_name: 'Fischer', email: `lena.fischer.${tag}@example.com` });
				const omarHats = await hatsApi(env, 'POST', '/contacts', { first_name: 'Omar', last_name: 'Haddad', email: `omar.haddad.${tag}@example.com` });
				const lenaContract = await hatsApi(env, 'POST', '/contracts', { contact_id: lenaHats.contact_id, name: 'Fischer wedding agreement', amount: 3200 });
				const omarContract = await hatsApi(env, 'POST', '/contracts', { contact_id: omarHats.contact_id, name: 'Haddad portrait agreement', amount: 900 });
				for (const k of [lenaContract, omarContract]) await hatsApi(env, 'POST', `/contracts/${String(k.contract_id)}/status`, { status: 'sent' });
				const sent = await runner.poll('17hats Trigger');
				story.push(`17hats: agreements sent to Lena (${String(lenaContract.contract_id)}) and to Omar Haddad, a client only in 17hats → poll 2: ${sent ? `${sent.itemsIn} events` : 'nothing (only "signed" starts the workflow)'}`);
				for (const k of [lenaContract, omarContract]) await hatsApi(env, 'POST', `/contracts/${String(k.contract_id)}/status`, { status: 'signed' });
				const mark = logMark();
				const signed = await runner.poll('17hats Trigger');
				polls = { rounds: signed ? 1 : 0, events: signed?.itemsIn ?? 0 };
				Object.assign(writes, syncWrites(env, mark));
				story.push(`17hats: both sign → poll 3: ${signed?.itemsIn ?? 0} ContractStatusChanged → ${describeOutputs(signed)}; ${writes.ghl} GHL writes, ${writes.hats} 17hats writes (links)`);
				const again = await runner.poll('17hats Trigger');
				story.push(`poll 4: ${again ? `${again.itemsIn} events` : 'nothing (the links written to 17hats are not status changes)'}`);
				if (signed) {
					const before = logMark();
					const rerun = await runner.execute('17hats Trigger', signed.result.output('17hats Trigger').map((json) => ({ json })), 'poll');
					const w = syncWrites(env, before);
					story.push(`the same items run again (a retried execution) → ${describeOutputs(rerun)}; ${w.ghl} GHL writes`);
				}
			} finally {
				await runner.close();
			}
			return { runner, story, writes, polls };
		},
	},
	{
		file: '11-17hats-invoice-paid-to-ghl-invoice-paid.json',
		title: '17hats invoice paid → GHL invoice paid (payment recorded once)',
		run: async (env) => {
			const runner = await TemplateRunner.create('11-17hats-invoice-paid-to-ghl-invoice-paid.json', env);
			const story: string[] = [];
			const writes = { ghl: 0, hats: 0 };
			let polls = { rounds: 0, events: 0 };
			// GHL invoices reach 17hats through template 03, running next to this one.
			const forward = await TemplateRunner.create('03-ghl-invoice-to-17hats-contract.json', env);
			const endpoint = await forward.listen('GHL Trigger');
			env.ghl.subscribe(endpoint.url, ['InvoiceCreate', 'InvoiceSent', 'InvoicePaid']);
			try {
				await runner.poll('17hats Trigger');
				story.push('poll 1: baseline of the 17hats invoices; template 03 (GHL invoice → 17hats) is active next to this one');
				const { invoice } = (await ghlApi(env, 'POST', '/invoices/text2pay', {
					...ALT(env),
					action: 'send',
					userId: SEED.users.owner,
					liveMode: false,
					name: 'Moreau portrait session',
					currency: 'USD',
					issueDate: new Date().toISOString().slice(0, 10),
					items: [{ name: 'Portrait session', amount: 650, qty: 1, currency: 'USD' }],
					contactDetails: { id: CONTACT_IDS.eli, name: 'Eli Moreau', email: 'eli.moreau@example.com', phoneNo: '+33612345678' },
					sentTo: { email: ['eli.moreau@example.com'] },
				})) as { invoice: { _id: string; invoiceNumber: string } };
				await settle(env, forward);
				story.push(`GHL: invoice #${invoice.invoiceNumber} (${invoice._id}, 650 USD) created and sent to Eli → template 03 filed it in 17hats (${describeOutputs(...forward.runs)})`);
				const hatsInvoice = await hatsInvoiceFor(env, invoice._id);
				const none = await runner.poll('17hats Trigger');
				story.push(`poll 2: ${none ? `${none.itemsIn} events` : 'nothing (a new unpaid invoice is not "paid")'}`);
				await hatsApi(env, 'POST', `/invoices/${String(hatsInvoice.invoice_id)}/status`, { status: 'paid' });
				const mark = logMark();
				const forwardBefore = forward.runs.length;
				const paid = await runner.poll('17hats Trigger');
				polls = { rounds: paid ? 1 : 0, events: paid?.itemsIn ?? 0 };
				await settle(env, forward);
				Object.assign(writes, syncWrites(env, mark));
				story.push(`17hats: Eli pays invoice ${String(hatsInvoice.invoice_id)} → poll 3: ${paid?.itemsIn ?? 0} InvoicePaid → ${describeOutputs(paid)}`);
				story.push(`GHL's InvoicePaid came back to template 03 → ${describeOutputs(...forward.runs.slice(forwardBefore))}; in all ${writes.ghl} GHL write(s), ${writes.hats} 17hats write(s)`);
				const again = await runner.poll('17hats Trigger');
				story.push(`poll 4: ${again ? `${again.itemsIn} events` : 'nothing'}`);
				if (paid) {
					const before = logMark();
					const rerun = await runner.execute('17hats Trigger', paid.result.output('17hats Trigger').map((json) => ({ json })), 'poll');
					story.push(`the same item again (a retried execution) → ${describeOutputs(rerun)}; ${syncWrites(env, before).ghl} GHL writes`);
				}
				const payments = env.ghl.store.invoices.get(invoice._id)?.payments ?? [];
				story.push(`GHL invoice ${invoice._id}: status ${String(env.ghl.store.invoices.get(invoice._id)?.status)}, ${payments.length} payment(s) recorded`);
			} finally {
				env.ghl.unsubscribe(endpoint.url);
				await forward.close();
				await runner.close();
			}
			return { runner, story, writes, polls };
		},
	},
	{
		file: '12-ghl-17hats-two-way-contact-sync.json',
		title: 'GHL ⇄ 17hats two-way contact sync, without echoes',
		run: async (env) => {
			const runner = await TemplateRunner.create('12-ghl-17hats-two-way-contact-sync.json', env);
			const endpoint = await runner.listen('GHL Trigger');
			env.ghl.subscribe(endpoint.url, ['ContactCreate', 'ContactUpdate', 'ContactTagUpdate']);
			const story: string[] = [];
			const writes = { ghl: 0, hats: 0 };
			const settled: NonNullable<ScenarioResult['settled']> = [];
			const polls = { rounds: 0, events: 0 };
			const tag = uniqueTag();
			/** Both directions until a round has nothing to do: GHL webhooks run, then one 17hats poll. */
			const bothWays = async (what: string) => {
				const mark = logMark();
				const runsBefore = runner.runs.length;
				let rounds = 0;
				for (;;) {
					if (++rounds > 6) throw new Error(`${what}: the two directions did not settle in 6 rounds (a loop)`);
					await settle(env, runner);
					const polled = await runner.poll('17hats Trigger');
					if (polled) {
						polls.rounds++;
						polls.events += polled.itemsIn;
					}
					await settle(env, runner);
					if (!polled) break;
				}
				const w = syncWrites(env, mark);
				writes.ghl += w.ghl;
				writes.hats += w.hats;
				settled.push({ change: what, rounds, ...w });
				story.push(`${what} → ${describeOutputs(...runner.runs.slice(runsBefore))}; settled in ${rounds} round(s): ${w.ghl} GHL write(s), ${w.hats} 17hats write(s)`);
			};
			try {
				await runner.poll('17hats Trigger');
				story.push('17hats Trigger activated: baseline of the 17hats contacts (nothing reported)');
				const jonas = await ghlContact(env, { firstName: 'Jonas', lastName: 'Berg', email: `jonas.berg.${tag}@example.com`, phone: '+46 70 111 22 33' });
				await bothWays(`GHL: contact Jonas Berg created (${jonas})`);
				const [jonasHats] = (await hatsApi(env, 'GET', `/contacts?email=${encodeURIComponent(`jonas.berg.${tag}@example.com`)}`)).data as IDataObject[];
				await hatsApi(env, 'PATCH', `/contacts/${String(jonasHats.contact_id)}`, { phone: '+46 70 999 88 77', company: 'Berg Studio AB' });
				await bothWays('17hats: Jonas\'s phone and company edited in 17hats');
				const kira = await hatsApi(env, 'POST', '/contacts', { first_name: 'Kira', last_name: 'Holm', email: `kira.holm.${tag}@example.com`, tags: ['referral'] });
				await bothWays(`17hats: new contact Kira Holm (${String(kira.contact_id)})`);
				const kiraGhl = String((await hatsApi(env, 'GET', `/contacts/${String(kira.contact_id)}`)).external_id);
				await ghlApi(env, 'POST', `/contacts/${kiraGhl}/tags`, { tags: ['vip'] });
				await bothWays('GHL: Kira tagged "vip"');
			} finally {
				env.ghl.unsubscribe(endpoint.url);
				await runner.close();
			}
			return { runner, story, writes, settled, polls, webhooks: stats(endpoint) };
		},
	},
];

/** A GHL invoice whose total is empty: 17hats cannot get a contract amount from it (bad data, no retry helps). */
export const BROKEN_INVOICE_ID = '6fb1c0de0000badda7a00001';

/** The executions the scenarios ran so far, for the report; the report template needs them served. */
function needsExecutions(env: SandboxEnv): asserts env is SandboxEnv & Required<Pick<SandboxEnv, 'executions' | 'n8nApi'>> {
	if (!env.executions || !env.n8nApi) throw new Error('The report scenario needs env.executions and env.n8nApi (the fake n8n executions API)');
}

/** The text of what reached the channel, one story line per line. */
const textLines = (entry: SinkEntry | undefined) => String((entry?.body as { text?: unknown } | undefined)?.text ?? '(nothing received)').split('\n');

/** GET (no config) or POST the fake 17hats' fault injection. */
async function hatsFaults(env: SandboxEnv, config?: Record<string, number>): Promise<Record<string, unknown>> {
	const res = await fetch(`${env.hats.origin}/__admin/faults`, {
		method: config ? 'POST' : 'GET',
		headers: { 'content-type': 'application/json' },
		body: config ? JSON.stringify(config) : undefined,
	});
	return (await res.json()) as Record<string, unknown>;
}

export function scenarioFor(file: string): Scenario {
	const s = scenarios.find((x) => x.file === file);
	if (!s) throw new Error(`No scenario for ${file}`);
	return s;
}

// ------------------------------------------------- 17hats → GHL scenarios

/** Makes e-mails unique per run: the demo runs every scenario on one sandbox. */
const uniqueTag = () => Date.now().toString(36);

/** A call to the fake 17hats' API with the sandbox key (what the studio does in 17hats). */
export async function hatsApi(env: Pick<SandboxEnv, 'hats'>, method: string, path: string, body?: IDataObject): Promise<IDataObject> {
	const res = await fetch(`${env.hats.url}${path}`, {
		method,
		headers: { authorization: `Bearer ${env.hats.apiKey}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const json = (await res.json()) as IDataObject;
	if (res.status >= 300) throw new Error(`17hats sandbox ${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
	return json;
}

async function ghlContact(env: SandboxEnv, fields: IDataObject): Promise<string> {
	const { contact } = (await ghlApi(env, 'POST', '/contacts/', { locationId: env.ghl.locationId, ...fields })) as { contact: { id: string } };
	return contact.id;
}

/** The pipeline and its "Won" stage, as the node's lists offer them. */
export async function wonStage(env: SandboxEnv): Promise<{ pipeline: string; won: string }> {
	const { pipelines } = (await ghlApi(env, 'GET', `/opportunities/pipelines?locationId=${env.ghl.locationId}`)) as { pipelines: Array<{ id: string; name: string; stages: Array<{ id: string; name: string }> }> };
	const pipeline = pipelines.find((p) => p.name === 'Sales Pipeline');
	const won = pipeline?.stages.find((s) => s.name === 'Won');
	if (!pipeline || !won) throw new Error('The GHL sandbox has no "Sales Pipeline" with a "Won" stage');
	return { pipeline: pipeline.id, won: won.id };
}

/** The 17hats invoice the GHL → 17hats sync filed for a GHL invoice. */
async function hatsInvoiceFor(env: SandboxEnv, ghlInvoiceId: string): Promise<IDataObject> {
	const { data } = (await hatsApi(env, 'GET', `/invoices?external_id=${ghlInvoiceId}`)) as { data: IDataObject[] };
	if (data.length !== 1) throw new Error(`Expected one 17hats invoice for GHL invoice ${ghlInvoiceId}, found ${data.length}`);
	return data[0];
}

/** A point in the fakes' request logs: writes after it are the syncs'. */
const logMark = () => new Date().toISOString();

/** Writes (not reads, searches or admin calls) the fakes received after `mark`. */
export function syncWrites(env: SandboxEnv, mark: string): { ghl: number; hats: number } {
	const isWrite = (e: { method: string; path: string; at: string }) => e.at > mark && e.method !== 'GET' && !e.path.endsWith('/search') && !e.path.startsWith('/__admin');
	return { ghl: env.ghl.requestLog.list().filter(isWrite).length, hats: env.hats.requestLog.list().filter(isWrite).length };
}

/** "updated 1, skipped 2" over the sync items of some executions. */
function describeOutputs(...runs: Array<FlowRun | null | undefined>): string {
	const by: Record<string, number> = {};
	for (const o of runs.flatMap((r) => r?.syncOutputs ?? [])) {
		const key = `${String(o.action)}${o.reason ? ` (${String(o.reason)})` : ''}`;
		by[key] = (by[key] ?? 0) + 1;
	}
	return Object.entries(by).map(([k, n]) => `${k} ${n}`).join(', ') || 'no sync items';
}
