/**
 * `npm run test:n8n`, GHL Trigger part: replayed deliveries and body edges in
 * the real n8n (2.40.7). A "delivery" is the exact bytes and signature headers
 * the fake GHL sent, captured once and resent unchanged, as an attacker or a
 * misbehaving proxy would.
 * - resent seconds later → 409, no second execution;
 * - 10 copies at once → one 200, nine 409, exactly one execution, and only it
 *   runs the sync node (17hats records and request log checked);
 * - after an n8n restart (same user folder and database) → the execution, if
 *   any, stops at the trigger: the sync node does not run, nothing is written;
 * - the answer n8n really sends for an accepted delivery, and the body limits
 *   (413 oversize, 400 too deep / not UTF-8, a byte order mark accepted), on a
 *   workflow of its own whose trigger trusts a key generated here.
 * Runs last: it restarts n8n.
 */
import { generateKeyPairSync, randomUUID, sign } from 'crypto';
import { createServer } from 'http';
import type { AddressInfo } from 'net';

import type { Sandbox } from '../../sandbox';
import { PACKAGE_NAME, executionDetail, listExecutions, type CaseContext, type ExecutionSummary, type N8nRest } from './lib';

export interface ReplayContext extends CaseContext {
	/** Stops n8n and starts it again on the same user folder and database, logged in again. */
	restartN8n(): Promise<void>;
}

interface Delivery {
	body: Buffer;
	headers: Record<string, string>;
	webhookId: string;
}

interface Answer {
	status: number;
	contentType: string;
	body: unknown;
	text: string;
}

function assert(cond: unknown, msg: string): asserts cond {
	if (!cond) throw new Error(msg);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const finished = (e: ExecutionSummary) => !['new', 'running', 'waiting'].includes(e.status);

/** What the fake GHL sends for `event`, captured at a local receiver instead of n8n. */
async function capture(sb: Sandbox, event: string, overrides: Record<string, unknown>): Promise<Delivery> {
	let captured: Delivery | undefined;
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const headers: Record<string, string> = {};
			for (const name of ['content-type', 'x-ghl-signature', 'x-wh-signature']) {
				const value = req.headers[name];
				if (typeof value === 'string') headers[name] = value;
			}
			const body = Buffer.concat(chunks);
			captured = { body, headers, webhookId: String((JSON.parse(body.toString('utf8')) as { webhookId?: unknown }).webhookId) };
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{}');
		});
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	try {
		const { port } = server.address() as AddressInfo;
		const result = await sb.ghl.fire(event, { to: `http://127.0.0.1:${port}/capture`, overrides });
		assert(result.status === 200 && captured, `capturing ${event} failed (${result.status})`);
		return captured;
	} finally {
		await new Promise<void>((done) => server.close(() => done()));
	}
}

async function post(url: string, body: Buffer, headers: Record<string, string>): Promise<Answer> {
	const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
	const text = await res.text();
	let parsed: unknown = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		// not JSON
	}
	return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: parsed, text };
}

const resend = async (url: string, d: Delivery) => await post(url, d.body, d.headers);

/**
 * The workflow's executions that started after `before`, once at least
 * `atLeast` of them exist, all have finished, and `settleMs` has passed (so a
 * late one is seen too).
 */
async function newExecutions(
	rest: N8nRest,
	workflowId: string,
	before: ExecutionSummary[],
	{ atLeast = 0, settleMs = 1000 }: { atLeast?: number; settleMs?: number } = {},
): Promise<ExecutionSummary[]> {
	const known = new Set(before.map((e) => e.id));
	const started = Date.now();
	for (;;) {
		const fresh = (await listExecutions(rest, workflowId)).filter((e) => !known.has(e.id));
		if (fresh.length >= atLeast && fresh.every(finished) && Date.now() - started >= settleMs) return fresh;
		if (Date.now() - started > settleMs + 60_000) {
			throw new Error(`after ${Math.round((Date.now() - started) / 1000)} s: ${fresh.map((e) => `${e.id} ${e.status}`).join(', ') || 'no execution'} (wanted at least ${atLeast}, all finished)`);
		}
		await sleep(300);
	}
}

/** Waits until n8n serves a trigger's URL (after activation or a restart): an unsigned POST is refused 401, not 404. */
async function untilRegistered(url: string): Promise<void> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const answer = await post(url, Buffer.from('{}'), {});
		if (answer.status === 401) return;
		if (Date.now() > deadline) throw new Error(`the trigger URL still answers ${answer.status} after 60 s: ${answer.text.slice(0, 200)}`);
		await sleep(500);
	}
}

/** The 2xx writes the fake 17hats answered since `since` for contacts linked to the GHL contact. */
function contactWrites(sb: Sandbox, since: string, ghlContactId: string): string[] {
	const linkedIds = (sb.hats.store.all('contacts') as Array<Record<string, unknown>>)
		.filter((c) => String(c.external_id ?? '').includes(ghlContactId))
		.map((c) => String(c.contact_id));
	return sb.hats.requestLog
		.list({ since, path: /\/contacts(\/|$)/ })
		.filter((e) => e.method !== 'GET' && e.status >= 200 && e.status < 300)
		.filter((e) => {
			const externalId = (e.body as { external_id?: unknown } | undefined)?.external_id;
			return (typeof externalId === 'string' && externalId.includes(ghlContactId)) || linkedIds.some((id) => e.path.includes(`/contacts/${id}`));
		})
		.map((e) => `${e.method} ${e.path.slice(e.path.indexOf('/contacts'))} ${e.status}`);
}

const linkedContacts = (sb: Sandbox, ghlContactId: string) =>
	(sb.hats.store.all('contacts') as Array<Record<string, unknown>>).filter((c) => String(c.external_id ?? '').includes(ghlContactId)).length;

export async function runReplayCases(ctx: ReplayContext): Promise<void> {
	const { check, sandbox: sb } = ctx;
	const contacts = sb.ghl.store.contacts.values() as Array<{ id: string }>;
	// Contacts the other webhook cases do not use (they take the first two).
	const [contactA, contactB, contactC] = contacts.slice(-3);
	const wf01 = () => ctx.template('01');
	const syncNode = () => wf01().nodes.find((n) => n.type === `${PACKAGE_NAME}.ghlTo17hatsSync`)?.name ?? '(no sync node in 01)';

	await check('replay: the same signed delivery resent 2 s later → 409, no second execution', async () => {
		const wf = wf01();
		const url = ctx.hookUrl(wf);
		const d = await capture(sb, 'ContactUpdate', { id: contactA.id, firstName: `Replay${Date.now() % 100000}` });
		const before = await listExecutions(ctx.rest, wf.id);
		const first = await resend(url, d);
		assert(first.status === 200, `first delivery answered ${first.status}: ${first.text.slice(0, 200)}`);
		const [run] = await newExecutions(ctx.rest, wf.id, before, { atLeast: 1 });
		assert(run?.status === 'success', `first delivery's execution: ${run ? `${run.id} ${run.status}` : 'none'}`);
		assert((await executionDetail(ctx.rest, run.id)).ranNodes.includes(syncNode()), `execution ${run.id} did not run "${syncNode()}"`);
		await sleep(2000);
		const afterFirst = await listExecutions(ctx.rest, wf.id);
		const again = await resend(url, d);
		assert(again.status === 409, `the resend answered ${again.status}: ${again.text.slice(0, 200)}`);
		const extra = await newExecutions(ctx.rest, wf.id, afterFirst, { settleMs: 5000 });
		assert(extra.length === 0, `the resend started ${extra.length} execution(s): ${extra.map((e) => e.id).join(', ')}`);
		return `200 → execution ${run.id} ran "${syncNode()}"; resend 2 s later → 409 ${again.text}; no execution within 5 s`;
	});

	await check('replay: 10 copies at once → one 200 and nine 409, exactly one execution reaches the 17hats write', async () => {
		const wf = wf01();
		const url = ctx.hookUrl(wf);
		const d = await capture(sb, 'ContactUpdate', { id: contactB.id, firstName: `Tenfold${Date.now() % 100000}` });
		const before = await listExecutions(ctx.rest, wf.id);
		const since = new Date().toISOString();
		const answers = await Promise.all(Array.from({ length: 10 }, async () => await resend(url, d)));
		const statuses = answers.map((a) => a.status).sort();
		assert(JSON.stringify(statuses) === JSON.stringify([200, ...Array(9).fill(409)]), `statuses: ${statuses.join(', ')}`);
		const runs = await newExecutions(ctx.rest, wf.id, before, { atLeast: 1, settleMs: 5000 });
		assert(runs.length === 1, `${runs.length} executions: ${runs.map((e) => `${e.id} ${e.status}`).join(', ')}`);
		const detail = await executionDetail(ctx.rest, runs[0].id);
		assert(detail.status === 'success' && detail.ranNodes.includes(syncNode()), `execution ${detail.id} ${detail.status}, ran: ${detail.ranNodes.join(', ')}`);
		const writes = contactWrites(sb, since, contactB.id);
		assert(writes.length > 0, 'the fake 17hats logged no write for the contact');
		assert(linkedContacts(sb, contactB.id) === 1, `${linkedContacts(sb, contactB.id)} 17hats contacts are linked to ${contactB.id}`);
		const action = String(detail.output(syncNode())[0]?.action);
		return `1 execution (${detail.id}, sync ${action}); 17hats writes: ${writes.join(', ')}; 1 linked 17hats contact`;
	});

	await check('replay: after an n8n restart the same delivery again → the execution stops at the trigger, nothing written', async () => {
		const wf = wf01();
		const url = ctx.hookUrl(wf);
		const d = await capture(sb, 'ContactUpdate', { id: contactC.id, firstName: `Restart${Date.now() % 100000}` });
		const before = await listExecutions(ctx.rest, wf.id);
		const first = await resend(url, d);
		assert(first.status === 200, `first delivery answered ${first.status}`);
		const [run] = await newExecutions(ctx.rest, wf.id, before, { atLeast: 1 });
		assert(run?.status === 'success' && (await executionDetail(ctx.rest, run.id)).ranNodes.includes(syncNode()), `first delivery's execution did not run the sync: ${run?.id} ${run?.status}`);

		const restartStarted = Date.now();
		await ctx.restartN8n();
		await untilRegistered(url);
		const restartMs = Date.now() - restartStarted;

		const afterRestart = await listExecutions(ctx.rest, wf.id);
		const since = new Date().toISOString();
		const replay = await resend(url, d);
		assert(replay.status === 200 || replay.status === 409, `the replay after the restart answered ${replay.status}: ${replay.text.slice(0, 200)}`);
		const runs = await newExecutions(ctx.rest, wf.id, afterRestart, { atLeast: replay.status === 200 ? 1 : 0, settleMs: 5000 });
		const details = await Promise.all(runs.map(async (e) => await executionDetail(ctx.rest, e.id)));
		const reached = details.filter((e) => e.ranNodes.includes(syncNode()));
		assert(reached.length === 0, `execution(s) ${reached.map((e) => e.id).join(', ')} ran "${syncNode()}"`);
		const writes = contactWrites(sb, since, contactC.id);
		assert(writes.length === 0, `17hats writes after the replay: ${writes.join(', ')}`);
		const dropped = details.map((e) => `${e.id} ${e.status}, ran [${e.ranNodes.join(', ')}], customData ${JSON.stringify(e.customData)}`);
		if (replay.status === 200) {
			assert(details.length === 1, `${details.length} executions after the replay`);
			assert(details[0].customData.ghlReplayDropped === '1', `no ghlReplayDropped custom data: ${JSON.stringify(details[0].customData)}`);
		}
		const next = await resend(url, d);
		assert(next.status === 409, `a further copy in the restarted process answered ${next.status}`);
		return `restart ${Math.round(restartMs / 1000)} s; replay → ${replay.status}; ${dropped.join('; ') || 'no execution'}; no 17hats write; next copy → 409`;
	});

	// ---------------------------------------------------------------- body edges
	const key = generateKeyPairSync('ed25519');
	const webhookId = randomUUID();
	const edgeUrl = `${ctx.n8nUrl}/webhook/${webhookId}/ghl`;
	let edgeWorkflowId = '';
	const signed = (body: Buffer) => ({ 'x-ghl-signature': sign(null, body, key.privateKey).toString('base64') });
	const event = (extra: Record<string, unknown> = {}) => ({
		type: 'ContactCreate',
		locationId: sb.ghl.locationId,
		id: contactA.id,
		timestamp: new Date().toISOString(),
		webhookId: randomUUID(),
		...extra,
	});
	const edgeCase = async (name: string, body: Buffer, expectStatus: number, expectError?: string) =>
		await check(`GHL Trigger body edges: ${name} → ${expectStatus}${expectError ? ` ${expectError}` : ''}`, async () => {
			assert(edgeWorkflowId, 'the body-edge workflow was not activated');
			const before = await listExecutions(ctx.rest, edgeWorkflowId);
			const answer = await post(edgeUrl, body, signed(body));
			assert(answer.status === expectStatus, `n8n answered ${answer.status}: ${answer.text.slice(0, 300)}`);
			if (expectError) assert((answer.body as { error?: string }).error === expectError, `error ${answer.text.slice(0, 300)}`);
			const runs = await newExecutions(ctx.rest, edgeWorkflowId, before, expectStatus === 200 ? { atLeast: 1 } : { settleMs: 3000 });
			assert(runs.length === (expectStatus === 200 ? 1 : 0), `${runs.length} execution(s)`);
			if (runs.length === 1) assert(runs[0].status === 'success', `execution ${runs[0].id} ended ${runs[0].status}`);
			return `${answer.status} ${answer.text.slice(0, 160)}${runs.length ? `; execution ${runs[0].id} ${runs[0].status}` : '; no execution'}`;
		});

	await check('GHL Trigger body edges: a workflow whose trigger trusts a test key activates', async () => {
		const created = await ctx.rest.ok<{ id: string }>('POST', '/rest/workflows', {
			name: 'GHL Trigger body edges',
			nodes: [
				{
					id: randomUUID(),
					name: 'GHL Trigger',
					type: `${PACKAGE_NAME}.ghlTrigger`,
					typeVersion: 1,
					position: [0, 0],
					webhookId,
					parameters: { source: 'app', verification: 'ed25519', ed25519PublicKeys: key.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
				},
				{ id: randomUUID(), name: 'Then', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
			],
			connections: { 'GHL Trigger': { main: [[{ node: 'Then', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
			active: false,
		});
		await ctx.rest.activate(created.id);
		// n8n answers 404 for a moment after activating.
		await untilRegistered(edgeUrl);
		edgeWorkflowId = created.id;
		return `workflow ${created.id}`;
	});

	await check("GHL Trigger body edges: an accepted delivery gets the trigger's own JSON answer from n8n", async () => {
		assert(edgeWorkflowId, 'the body-edge workflow was not activated');
		const body = event();
		const bytes = Buffer.from(JSON.stringify(body));
		const answer = await post(edgeUrl, bytes, signed(bytes));
		assert(answer.status === 200, `n8n answered ${answer.status}: ${answer.text}`);
		assert(/application\/json/.test(answer.contentType), `content-type ${answer.contentType}`);
		const expected = { received: true, event: 'ContactCreate', webhookId: body.webhookId };
		assert(JSON.stringify(answer.body) === JSON.stringify(expected), `answer ${answer.text}, expected ${JSON.stringify(expected)}`);
		return `${answer.status} ${answer.contentType} ${answer.text}`;
	});

	const deep = (levels: number) => Buffer.from(`${'{"a":'.repeat(levels)}${JSON.stringify(event())}${'}'.repeat(levels)}`);
	await edgeCase('a 2 MB signed body', Buffer.from(JSON.stringify(event({ padding: 'x'.repeat(2 * 1024 * 1024) }))), 413, 'body_too_large');
	await edgeCase('a signed body nested 100,000 deep', deep(100_000), 400, 'too_deep');
	await edgeCase('a signed body nested 65 deep', deep(64), 400, 'too_deep');
	const json = Buffer.from(JSON.stringify(event({ firstName: 'René' })));
	const at = json.indexOf(Buffer.from('René'));
	await edgeCase('a signed body with a Latin-1 byte (not UTF-8)', Buffer.concat([json.subarray(0, at + 3), Buffer.from([0xe9]), json.subarray(at + 5)]), 400, 'invalid_utf8');
	await edgeCase('a signed body starting with a UTF-8 byte order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(event()))]), 200);
}
