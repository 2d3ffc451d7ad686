/**
 * `npm run test:n8n`, 17hats Trigger part: a polling trigger in the real n8n
 * (2.40.7) against the fake 17hats, its memory in n8n's static data.
 * - activation runs the first poll at once (n8n does): it records what
 *   exists and starts no execution; n8n saves the node's static data;
 * - an invoice paid in 17hats → the next scheduled poll (n8n's shortest is
 *   every minute; sub-minute crons are refused) starts one execution with one
 *   `InvoicePaid` for it;
 * - an invoice voided while n8n is down, then a restart (same user folder and
 *   database): n8n polls once on startup, and that execution carries only
 *   `InvoiceVoided` — the paid invoice is not reported again (the memory came
 *   back from the database; had it been lost, the restart would only have
 *   recorded the state and the void would be missed).
 * Restarts n8n: run it after cases that need n8n's memory untouched, or
 * before the replay cases (they restart n8n too).
 */
import type { Sandbox } from '../../sandbox';
import { createRecord, DEFS, updateRecord } from '../../sandbox/hats/resources';
import { PACKAGE_NAME, executionDetail, listExecutions, type CaseContext, type ExecutionSummary, type N8nRest } from './lib';

export interface HatsTriggerContext extends CaseContext {
	/** Stops n8n and starts it again on the same user folder and database, logged in again. */
	restartN8n(): Promise<void>;
}

const TRIGGER = '17hats Trigger';
/** One scheduled poll a minute, plus n8n's start-up and execution time. */
const POLL_WAIT_MS = 100_000;

function assert(cond: unknown, msg: string): asserts cond {
	if (!cond) throw new Error(msg);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const finished = (e: ExecutionSummary) => !['new', 'running', 'waiting'].includes(e.status);

/** Finished executions of the workflow not in `before`, waiting until at least `atLeast` or the timeout. */
async function newExecutions(rest: N8nRest, workflowId: string, before: ExecutionSummary[], atLeast: number, timeoutMs: number) {
	const known = new Set(before.map((e) => e.id));
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const fresh = (await listExecutions(rest, workflowId)).filter((e) => !known.has(e.id));
		if (fresh.length >= atLeast && fresh.every(finished)) return fresh;
		if (Date.now() > deadline) return fresh;
		await sleep(1000);
	}
}

/** The trigger's output items (event + id) of one execution. */
async function emitted(rest: N8nRest, executionId: string): Promise<string[]> {
	const detail = await executionDetail(rest, executionId);
	return detail.output(TRIGGER).map((j) => `${String(j.event)}:${String(j.id)}`);
}

function hatsInvoice(sb: Sandbox, contactId: string, amount: number): string {
	return String(createRecord(sb.hats.store, DEFS.invoices, { contact_id: contactId, amount, status: 'sent' }).invoice_id);
}

export async function runHatsTriggerCases(ctx: HatsTriggerContext): Promise<void> {
	const { check, rest, sandbox: sb } = ctx;
	const contact = createRecord(sb.hats.store, DEFS.contacts, { first_name: 'Poll', last_name: 'Client', email: `poll${Date.now()}@example.com` });
	const contactId = String(contact.contact_id);
	const toPay = hatsInvoice(sb, contactId, 400);
	const toVoid = hatsInvoice(sb, contactId, 250);
	let workflowId = '';
	let paidRun = '';

	const ok = await check('17hats Trigger: activation records the state, starts no execution, and n8n saves the memory', async () => {
		const created = await rest.ok<{ id: string }>('POST', '/rest/workflows', {
			name: '17hats Trigger (test:n8n)',
			nodes: [
				{
					id: 'hats-trigger',
					name: TRIGGER,
					type: `${PACKAGE_NAME}.seventeenHatsTrigger`,
					typeVersion: 1,
					position: [0, 0],
					parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, resource: 'invoice', events: ['created', 'paid', 'voided'] },
					credentials: { seventeenHatsApi: { id: 'seventeenHatsKey1', name: '17hats API' } },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
			active: false,
		});
		workflowId = created.id;
		// Only this trigger's reads: earlier cases and templates listed invoices too.
		const since = new Date().toISOString();
		await rest.activate(workflowId);
		await sleep(3000);
		const runs = await listExecutions(rest, workflowId);
		assert(runs.length === 0, `activation started ${runs.length} execution(s): ${runs.map((e) => e.id).join(', ')}`);
		const reads = sb.hats.requestLog.list({ path: /^\/v1\/invoices$/ }).filter((r) => r.at >= since);
		assert(reads.length > 0 && reads.every((r) => typeof r.query.updated_since === 'string'), 'the first poll did not list invoices with updated_since');
		const stored = await rest.ok<{ staticData?: unknown }>('GET', `/rest/workflows/${workflowId}`);
		const memory = JSON.stringify(stored.staticData ?? null);
		assert(memory.includes('"changes"') && memory.includes('"horizon"'), `n8n did not save the trigger's static data: ${memory.slice(0, 300)}`);
		return `workflow ${workflowId} active; ${reads.length} list read(s) with updated_since; static data saved (${memory.length} chars)`;
	});
	if (!ok) return;

	await check('17hats Trigger: an invoice paid in 17hats → one execution with one InvoicePaid at the next poll', async () => {
		const before = await listExecutions(rest, workflowId);
		updateRecord(sb.hats.store, DEFS.invoices, toPay, { status: 'paid' });
		const runs = await newExecutions(rest, workflowId, before, 1, POLL_WAIT_MS);
		assert(runs.length === 1, `expected one execution within ${POLL_WAIT_MS / 1000} s, got ${runs.length}`);
		assert(runs[0].status === 'success', `execution ${runs[0].id} ${runs[0].status}`);
		const items = await emitted(rest, runs[0].id);
		assert(JSON.stringify(items) === JSON.stringify([`InvoicePaid:${toPay}`]), `execution ${runs[0].id} emitted ${JSON.stringify(items)}`);
		paidRun = runs[0].id;
		return `execution ${runs[0].id}: ${items.join(', ')}`;
	});

	await check('17hats Trigger: after an n8n restart the memory is back — the paid invoice is not reported again, a new void is, once', async () => {
		const before = await listExecutions(rest, workflowId);
		// Changed while n8n restarts: the start-up poll must find it.
		updateRecord(sb.hats.store, DEFS.invoices, toVoid, { status: 'void' });
		await ctx.restartN8n();
		const runs = await newExecutions(rest, workflowId, before, 1, POLL_WAIT_MS);
		assert(runs.length >= 1, `no execution within ${POLL_WAIT_MS / 1000} s of the restart`);
		const all = (await Promise.all(runs.map(async (r) => await emitted(rest, r.id)))).flat();
		assert(JSON.stringify(all) === JSON.stringify([`InvoiceVoided:${toVoid}`]), `after the restart: ${runs.length} execution(s) emitted ${JSON.stringify(all)}`);
		// The next scheduled poll reports nothing (no second void, no paid).
		const afterRestart = await listExecutions(rest, workflowId);
		const extra = await newExecutions(rest, workflowId, afterRestart, 1, 70_000);
		assert(extra.length === 0, `a later poll started ${extra.length} execution(s): ${extra.map((e) => e.id).join(', ')}`);
		return `execution ${runs[0].id}: ${all.join(', ')} (paid reported once, by ${paidRun}); no execution in the next 70 s`;
	});
}
