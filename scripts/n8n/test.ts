/**
 * `npm run test:n8n` — this package in a real n8n 2.40.7, headless:
 * installs n8n once (.cache/n8n), loads the packed package as a community
 * package, imports sandbox credentials and every template, activates them,
 * then checks node/credential types, credential tests, signed webhooks →
 * executions → 17hats records, a forged signature, and the poll trigger.
 * Prints "N passed, M failed" and exits non-zero on any failure.
 */
import { mkdirSync, rmSync } from 'fs';
import { join } from 'path';
import { sign } from 'crypto';

import { COLLECTIONS, type CollectionName } from '../../nodes/SeventeenHats/api/collections';
import { startSandbox, type Sandbox } from '../../sandbox';
import { credentialFingerprint, type RequestLogEntry } from '../../sandbox/common/requestLog';
import {
	CACHE,
	N8N_VERSION,
	N8nRest,
	PACKAGE_NAME,
	ensureN8n,
	freePort,
	importAll,
	installPackage,
	isActivatable,
	loadTemplate,
	log,
	sandboxCredentials,
	setUpTemplate,
	startN8n,
	templateFiles,
	type CredentialJson,
	type N8nOptions,
	type RunningN8n,
	type SandboxFacts,
	type TemplateJson,
} from './lib';
import { compareWithRealAuthenticate } from '../../test/support/n8nAuthConformance';
import { runMonitoringCases } from './monitoringCases';
import { runHatsTriggerCases } from './hatsTriggerCases';
import { runReplayCases } from './replayCases';

const NODE_TYPES = ['ghl', 'ghlTrigger', 'ghlPollTrigger', 'seventeenHats', 'ghlTo17hatsSync', 'seventeenHatsTrigger', 'hatsToGhlSync'];
const CREDENTIAL_TYPES = ['ghlPrivateIntegrationApi', 'ghlOAuth2Api', 'seventeenHatsApi'];
/** Poll every minute in the test's copy of the poll template: n8n 2.40 refuses anything shorter. */
const FAST_POLL = { item: [{ mode: 'everyMinute' }] };

interface Result {
	name: string;
	ok: boolean;
	ms: number;
	detail?: string;
}
const results: Result[] = [];

async function check(name: string, fn: () => Promise<string | void>): Promise<boolean> {
	const started = Date.now();
	try {
		const detail = await fn();
		results.push({ name, ok: true, ms: Date.now() - started, detail: detail || undefined });
		log(`PASS ${name}${detail ? ` — ${detail}` : ''} (${Date.now() - started} ms)`);
		return true;
	} catch (e) {
		const detail = e instanceof Error ? e.message : String(e);
		results.push({ name, ok: false, ms: Date.now() - started, detail });
		log(`FAIL ${name} — ${detail}`);
		return false;
	}
}

function assert(cond: unknown, msg: string): asserts cond {
	if (!cond) throw new Error(msg);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
	workflowId: string;
	finished?: boolean;
}

async function executions(rest: N8nRest, workflowId: string): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const data = await rest.ok<{ results: ExecutionSummary[] }>('GET', `/rest/executions?filter=${filter}&limit=100`);
	return data.results;
}

/** Waits for a finished execution of the workflow beyond the `before` ones. */
async function nextExecution(rest: N8nRest, workflowId: string, before: ExecutionSummary[], timeoutMs = 30_000): Promise<ExecutionSummary> {
	const known = new Set(before.map((e) => e.id));
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const fresh = (await executions(rest, workflowId)).filter((e) => !known.has(e.id));
		const done = fresh.find((e) => !['new', 'running', 'waiting'].includes(e.status));
		if (done) return done;
		if (Date.now() > deadline) throw new Error(`no finished execution of ${workflowId} within ${timeoutMs / 1000} s (${fresh.length} new, statuses: ${fresh.map((e) => e.status).join(',') || 'none'})`);
		await sleep(500);
	}
}

/** The first error message in an execution (its data is n8n's "flatted" JSON; a regex is enough here). */
async function executionError(rest: N8nRest, id: string): Promise<string> {
	const r = await rest.request<{ data?: string }>('GET', `/rest/executions/${id}`);
	const raw = typeof r.data?.data === 'string' ? r.data.data : r.raw;
	const m = raw.match(/"message":"((?:[^"\\]|\\.){0,400})"/);
	return m ? m[1] : raw.slice(0, 400);
}

async function expectSuccess(rest: N8nRest, workflowId: string, before: ExecutionSummary[]): Promise<ExecutionSummary> {
	const e = await nextExecution(rest, workflowId, before);
	if (e.status !== 'success') throw new Error(`execution ${e.id} ended "${e.status}": ${await executionError(rest, e.id)}`);
	return e;
}

type HatsResource = CollectionName;
type HatsRecord = Record<string, unknown>;

function hatsLinked(sb: Sandbox, resource: HatsResource, ghlId: string): HatsRecord[] {
	return (sb.hats.store.all(resource) as HatsRecord[]).filter((r) => String(r.external_id ?? '').includes(ghlId));
}

/** What a record looks like now, to tell a later write apart from an earlier one. */
const stamp = (r: HatsRecord) => `${String(r.updated_at)}|${String(r.last_synced_at)}`;

interface HatsSnapshot {
	since: string;
	/** Linked records that are new, or whose updated_at / last_synced_at moved, since the snapshot. */
	changed(): HatsRecord[];
}

/**
 * The 17hats records linked to a GHL id, remembered before a case runs, so the
 * case proves its own effect: afterwards a linked record must be new or
 * written again. A record a seed or an earlier case left behind does not count.
 */
function hatsBefore(sb: Sandbox, resource: HatsResource, ghlId: string): HatsSnapshot {
	const { idKey } = COLLECTIONS[resource];
	const known = new Map(hatsLinked(sb, resource, ghlId).map((r) => [String(r[idKey]), stamp(r)]));
	const since = new Date().toISOString();
	return {
		since,
		changed: () => hatsLinked(sb, resource, ghlId).filter((r) => known.get(String(r[idKey])) !== stamp(r)),
	};
}

/**
 * The 2xx writes (POST/PATCH/PUT) the fake 17hats answered since `since` that
 * concern this case: a body carrying the GHL id as external_id, or a path
 * naming one of the records.
 */
function hatsWrites(sb: Sandbox, resource: HatsResource, since: string, ghlId: string, recordIds: string[]): RequestLogEntry[] {
	return sb.hats.requestLog
		.list({ since, path: new RegExp(`/${resource}(/|$)`) })
		.filter((e) => e.method !== 'GET' && e.status >= 200 && e.status < 300)
		.filter((e) => {
			const externalId = (e.body as { external_id?: unknown } | undefined)?.external_id;
			return (typeof externalId === 'string' && externalId.includes(ghlId)) || recordIds.some((id) => e.path.includes(`/${resource}/${id}`));
		});
}

/** Proves a case's own effect on 17hats, or throws saying what is missing. */
function assertSynced(sb: Sandbox, resource: HatsResource, ghlId: string, snap: HatsSnapshot): string {
	const { idKey } = COLLECTIONS[resource];
	const changed = snap.changed();
	const writes = hatsWrites(sb, resource, snap.since, ghlId, changed.map((r) => String(r[idKey])));
	assert(
		changed.length > 0,
		`no 17hats ${resource} record linked to ${ghlId} was created or written during this case (linked now: ${hatsLinked(sb, resource, ghlId).length}; 2xx writes for it: ${writes.length})`,
	);
	assert(writes.length > 0, `17hats ${resource} records changed but the fake 17hats logged no 2xx write for them`);
	return `17hats ${resource}: ${changed.map((r) => `${String(r[idKey])} ← ${String(r.external_id)}`).join(', ')} (${writes.map((w) => `${w.method} ${w.path.slice(w.path.indexOf(`/${resource}`))} ${w.status}`).join(', ')})`;
}

/** Fails when a new execution of the workflow shows up within `windowMs` (polled, not a fixed sleep). */
async function expectNoExecution(rest: N8nRest, workflowId: string, before: ExecutionSummary[], windowMs: number): Promise<void> {
	const known = new Set(before.map((e) => e.id));
	const deadline = Date.now() + windowMs;
	for (;;) {
		const fresh = (await executions(rest, workflowId)).filter((e) => !known.has(e.id));
		assert(fresh.length === 0, `${fresh.length} execution(s) started: ${fresh.map((e) => `${e.id} ${e.status}`).join(', ')}`);
		if (Date.now() >= deadline) return;
		await sleep(250);
	}
}

async function main(): Promise<void> {
	const t0 = Date.now();
	let n8n: RunningN8n | undefined;
	let sb: Sandbox | undefined;
	const timings: Record<string, number> = {};
	try {
		let t = Date.now();
		ensureN8n();
		timings.install = Date.now() - t;

		const userFolder = join(CACHE, 'test');
		rmSync(userFolder, { recursive: true, force: true });
		mkdirSync(userFolder, { recursive: true });
		const o: N8nOptions = { userFolder, port: await freePort(), brokerPort: await freePort() };

		sb = await startSandbox({ ghlPort: 0, hatsPort: 0 });
		const facts: SandboxFacts = {
			ghlUrl: sb.ghl.url,
			ghlToken: sb.ghl.token,
			ghlLocationId: sb.ghl.locationId,
			ghlScopes: sb.ghl.scopes,
			ed25519Pem: sb.ghl.publicKeys.ed25519Pem,
			hatsUrl: sb.hats.url,
			hatsApiKey: sb.hats.apiKey,
			hatsScopes: sb.hats.store.keys[0]?.scopes ?? [],
			workflowSecret: 'n8n-test-shared-secret-0123456789',
		};
		const creds: CredentialJson[] = sandboxCredentials(facts);
		// The OAuth2 credential gets its own access token (a PIT minted by the sandbox stands in for it).
		const oauthCred = creds.find((c) => c.type === 'ghlOAuth2Api')!;
		(oauthCred.data.oauthTokenData as Record<string, unknown>).access_token = sb.ghl.issueToken(sb.ghl.scopes, { label: 'oauth2' });
		const files = templateFiles();
		const workflows: Array<{ file: string; wf: TemplateJson }> = files.map((file) => {
			const wf = setUpTemplate(loadTemplate(file), facts, creds);
			for (const node of wf.nodes) if (node.type === `${PACKAGE_NAME}.ghlPollTrigger` && file.includes('poll')) node.parameters.pollTimes = FAST_POLL;
			return { file, wf };
		});

		t = Date.now();
		installPackage(userFolder);
		importAll(
			o,
			creds,
			workflows.map((w) => w.wf),
		);
		timings.prepare = Date.now() - t;

		// The node tests (test/support/harness.ts) apply credentials with a port of n8n's
		// authenticate step: held here to the CredentialsHelper of the n8n just installed.
		// Before n8n starts: loading n8n's modules blocks this process for seconds, which
		// would leave a pooled connection to a running n8n dead.
		if (N8N_VERSION === '2.40.7') {
			await check("the node tests' authenticate step gives what n8n's CredentialsHelper gives", async () => {
				const report = await compareWithRealAuthenticate(join(CACHE, 'app', 'node_modules'));
				assert(report.differences.length === 0, report.differences.slice(0, 5).join('\n'));
				return `${report.compared} requests over ${report.types.length} credential types, identical`;
			});
		}

		t = Date.now();
		n8n = await startN8n(o);
		timings.boot = Date.now() - t;
		log(`n8n ${N8N_VERSION} up at ${n8n.url} in ${timings.boot} ms (log: ${n8n.logFile})`);
		const rest = new N8nRest(n8n.url);
		await rest.ownerLogin();
		const running = n8n;

		// ---------------------------------------------------------------- types
		await check('n8n lists every node type of the package', async () => {
			const types = await rest.ok<Array<{ name: string }>>('GET', '/types/nodes.json');
			const names = new Set(types.map((x) => x.name));
			const missing = NODE_TYPES.filter((n) => !names.has(`${PACKAGE_NAME}.${n}`));
			assert(missing.length === 0, `missing node types: ${missing.join(', ')}`);
			return NODE_TYPES.map((n) => `${PACKAGE_NAME}.${n}`).join(', ');
		});
		await check('n8n lists every credential type of the package', async () => {
			const types = await rest.ok<Array<{ name: string }>>('GET', '/types/credentials.json');
			const names = new Set(types.map((x) => x.name));
			const missing = CREDENTIAL_TYPES.filter((n) => !names.has(n));
			assert(missing.length === 0, `missing credential types: ${missing.join(', ')}`);
			return CREDENTIAL_TYPES.join(', ');
		});
		await check('n8n logged no load error for the package', async () => {
			const bad = running
				.log()
				.split('\n')
				.filter((l) => /ghl|17hats|seventeenHats/i.test(l) && /error|fail|warn|could not|cannot/i.test(l));
			assert(bad.length === 0, bad.slice(0, 5).join('\n'));
		});

		// ---------------------------------------------------------- credentials
		const credTest = async (c: CredentialJson, data: Record<string, unknown>) =>
			await rest.ok<{ status: string; message?: string }>('POST', '/rest/credentials/test', {
				credentials: { id: c.id, name: c.name, type: c.type, data },
			});
		for (const c of creds) {
			const isOAuth = c.type === 'ghlOAuth2Api';
			await check(`credential test succeeds: ${c.type}`, async () => {
				const r = await credTest(c, c.data);
				if (isOAuth && r.status !== 'OK' && /no testing function/i.test(r.message ?? '')) {
					// n8n tests OAuth2 credentials by connecting, not with a test request: prove the
					// stored token works by running a GHL node with it.
					return `n8n has no test request for OAuth2 types ("${r.message}"); the token is exercised by the OAuth2 workflow check below`;
				}
				assert(r.status === 'OK', `status ${r.status}: ${r.message}`);
				return r.message;
			});
			if (isOAuth) continue;
			if (c.type === 'ghlWebhookSecretApi') {
				// Nothing remote to reject a wrong secret: the test refuses an unusable one.
				await check(`credential test refuses an empty secret: ${c.type}`, async () => {
					const r = await credTest(c, { ...c.data, secret: '' });
					assert(r.status === 'Error' && /Shared Secret is empty/.test(r.message ?? ''), `status ${r.status}: ${r.message}`);
					return `"${r.message}"`;
				});
				continue;
			}
			await check(`credential test fails clearly with a bad key: ${c.type}`, async () => {
				const bad = { ...c.data, ...(c.type === 'seventeenHatsApi' ? { apiKey: 'wrong-key' } : { token: 'pit-wrong' }) };
				const r = await credTest(c, bad);
				assert(r.status === 'Error', `status ${r.status}: ${r.message}`);
				// The API said 401: n8n must report it as unauthorized, not some other failure.
				assert(/\b401\b|unauthori[sz]ed/i.test(r.message ?? ''), `the message does not report unauthorized/401: ${r.message}`);
				return `"${r.message}"`;
			});
		}

		// ----------------------------------------------------------- activation
		for (const { file, wf } of workflows) {
			if (!isActivatable(wf)) continue;
			await check(`activates ${file}`, async () => {
				await rest.activate(wf.id);
			});
		}
		// The 17hats Trigger templates (10-12) poll every few minutes; left active, a poll could
		// land inside another case's counts. Their activation is the check; the trigger's polls
		// are proven by hatsTriggerCases on a workflow of its own.
		for (const { file, wf } of workflows) {
			if (!isActivatable(wf) || !wf.nodes.some((n) => n.type === `${PACKAGE_NAME}.seventeenHatsTrigger`)) continue;
			await rest.deactivate(wf.id);
			log(`deactivated ${file} after its activation check (17hats polls)`);
		}

		/** The test's copy of a template; a missing one fails the check that needs it. */
		const template = (part: string): TemplateJson => {
			const found = workflows.find((w) => w.file.startsWith(part))?.wf;
			assert(found, `no template ${part}-*.json in templates/ (have: ${workflows.map((w) => w.file).join(', ')})`);
			return found;
		};
		const hookUrl = (wf: TemplateJson) => {
			const trig = wf.nodes.find((n) => n.type === `${PACKAGE_NAME}.ghlTrigger`);
			assert(trig?.webhookId, `${wf.name} has no GHL Trigger with a webhookId`);
			return `${running.url}/webhook/${trig.webhookId}/ghl`;
		};
		const ghl = sb.ghl;
		const sandbox = sb;

		// A new GHL document now; the poll trigger (every minute) is checked last.
		let pollDoc: { id: string; before: ExecutionSummary[]; at: number; snap: HatsSnapshot } | undefined;
		await check('fake GHL creates a new document for the 02a poll check', async () => {
			const wf02a = template('02a');
			const before = await executions(rest, wf02a.id);
			const res = await fetch(`${ghl.url}/__admin/documents`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ name: 'n8n poll test document', contactId: ghl.store.contacts.values()[0]?.id, status: 'sent', amount: 1234 }),
			});
			const doc = (await res.json()) as { _id?: string; id?: string };
			assert(res.status === 201, `sandbox answered ${res.status} to POST /__admin/documents`);
			const id = String(doc._id ?? doc.id);
			pollDoc = { id, before, at: Date.now(), snap: hatsBefore(sandbox, 'documents', id) };
			return id;
		});

		// ------------------------------------------------------------- webhooks
		const contact = ghl.store.contacts.values()[0] as { id: string; email?: string };
		const invoices = ghl.store.invoices.values() as Array<{ _id: string; status: string }>;

		const webhookCase = async (
			part: string,
			event: string,
			overrides: Record<string, unknown>,
			resource: HatsResource,
			ghlId: string | undefined,
		) => {
			await check(`${part}: signed ${event} → successful execution → 17hats ${resource} written for ${ghlId ?? '(none)'}`, async () => {
				assert(ghlId, 'the sandbox has no GHL record for this case');
				const wf = template(part);
				const before = await executions(rest, wf.id);
				const snap = hatsBefore(sandbox, resource, ghlId);
				const delivery = await ghl.fire(event, { to: hookUrl(wf), overrides });
				assert(delivery.status === 200, `n8n answered the webhook ${delivery.status}`);
				const e = await expectSuccess(rest, wf.id, before);
				return `execution ${e.id}; ${assertSynced(sandbox, resource, ghlId, snap)}`;
			});
		};
		await webhookCase('01', 'ContactCreate', { id: contact.id }, 'contacts', contact.id);
		// 03 and 06 each get their own invoice, so neither can pass on the other's record.
		const sent = invoices.find((i) => i.status === 'sent');
		const paid = invoices.find((i) => i.status === 'paid' && i._id !== sent?._id);
		await webhookCase('03', 'InvoiceSent', { _id: sent?._id, id: sent?._id }, 'contracts', sent?._id);
		const other = (ghl.store.contacts.values() as Array<{ id: string }>).find((c) => c.id !== contact.id);
		await webhookCase('04', 'ContactTagUpdate', { id: other?.id, tags: ['client'] }, 'contacts', other?.id);
		await check('04: the welcome agreement is created from the template, linked to the contact, and sent once (the tag re-applied sends nothing)', async () => {
			assert(other, 'the sandbox has no second GHL contact');
			const hatsState = async () => {
				const res = await fetch(`${sandbox.hats.origin}/__admin/state`);
				assert(res.status === 200, `the fake 17hats answered ${res.status} to GET /__admin/state`);
				return (await res.json()) as { data: { contacts: HatsRecord[]; documents: HatsRecord[] }; outbox: Array<{ kind: string; id: string; contact_id: string }> };
			};
			const welcome = async () => {
				const state = await hatsState();
				const contacts = state.data.contacts.filter((c) => c.external_id === other.id);
				const documents = state.data.documents.filter((d) => d.external_id === `welcome:${other.id}`);
				const sends = state.outbox.filter((m) => m.kind === 'document' && documents.some((d) => d.document_id === m.id));
				return { contacts, documents, sends };
			};
			const first = await welcome();
			assert(first.contacts.length === 1, `expected one 17hats contact linked to ${other.id}, found ${first.contacts.length}`);
			const contactId = String(first.contacts[0].contact_id);
			assert(first.documents.length === 1, `expected one welcome document (external_id welcome:${other.id}), found ${first.documents.length}`);
			const doc = first.documents[0];
			assert(doc.contact_id === contactId, `the welcome document belongs to ${String(doc.contact_id)}, not to the synced contact ${contactId}`);
			assert(doc.template_id === 'tpl_welcome_agreement', `the welcome document was made from template ${String(doc.template_id)}, not tpl_welcome_agreement`);
			assert(typeof doc.project_id === 'string' && doc.project_id !== '', 'the welcome document is in no project (17hats sends only documents in a project)');
			assert(first.sends.length === 1, `the welcome document was sent ${first.sends.length} times, expected once`);
			assert(first.sends[0].contact_id === contactId, `the welcome document was sent to ${first.sends[0].contact_id}, not ${contactId}`);

			// The tag applied again: the workflow runs, the agreement is not made or sent again.
			const wf = template('04');
			const before = await executions(rest, wf.id);
			const delivery = await ghl.fire('ContactTagUpdate', { to: hookUrl(wf), overrides: { id: other.id, tags: ['client'] } });
			assert(delivery.status === 200, `n8n answered the second webhook ${delivery.status}`);
			const e = await expectSuccess(rest, wf.id, before);
			const again = await welcome();
			assert(again.documents.length === 1, `after the tag was re-applied there are ${again.documents.length} welcome documents`);
			assert(again.sends.length === 1, `after the tag was re-applied the welcome document was sent ${again.sends.length} times`);
			return `${String(doc.document_id)} (template ${String(doc.template_id)}, project ${String(doc.project_id)}) for ${contactId}, sent once; re-applied tag: execution ${e.id}, still one document, one send`;
		});
		await webhookCase('06', 'InvoicePaid', { _id: paid?._id, id: paid?._id }, 'invoices', paid?._id);

		await check('02b: GHL workflow webhook (shared secret) → successful execution → 17hats document written', async () => {
			const wf02b = template('02b');
			const doc = (ghl.store.documents.values() as Array<{ _id: string }>).find((d) => d._id !== pollDoc?.id);
			assert(doc, 'the sandbox has no GHL document');
			const before = await executions(rest, wf02b.id);
			const snap = hatsBefore(sandbox, 'documents', doc._id);
			const d = await ghl.fireWorkflowWebhook('document_completed', { to: hookUrl(wf02b), secret: facts.workflowSecret, documentId: doc._id });
			assert(d.status === 200, `n8n answered the webhook ${d.status}`);
			const e = await expectSuccess(rest, wf02b.id, before);
			return `execution ${e.id}; ${assertSynced(sandbox, 'documents', doc._id, snap)}`;
		});

		await check('forged signature → 401 from n8n, no execution', async () => {
			const wf01 = template('01');
			const before = await executions(rest, wf01.id);
			const body = JSON.stringify({ type: 'ContactCreate', locationId: ghl.locationId, id: contact.id, email: 'forged@example.com', timestamp: new Date().toISOString() });
			// Signed, but with a key that is not GHL's.
			const { generateKeyPairSync } = await import('crypto');
			const wrong = generateKeyPairSync('ed25519').privateKey;
			const signature = sign(null, Buffer.from(body), wrong).toString('base64');
			const res = await fetch(hookUrl(wf01), { method: 'POST', headers: { 'content-type': 'application/json', 'x-ghl-signature': signature }, body });
			const text = await res.text();
			assert(res.status === 401, `n8n answered ${res.status}: ${text.slice(0, 200)}`);
			// The rejection is synchronous; still watch the executions list for a bounded time.
			await expectNoExecution(rest, wf01.id, before, 5000);
			return `401 ${text.slice(0, 120)}; no execution within 5 s`;
		});

		// ----------------------------------------------------------------- poll
		await check('02a: poll trigger fires on schedule (every minute) and syncs a new GHL document', async () => {
			const wf02a = template('02a');
			assert(pollDoc, 'the new document was not created');
			const deadline = Date.now() + 100_000;
			let seen: ExecutionSummary[] = pollDoc.before;
			for (;;) {
				const e = await nextExecution(rest, wf02a.id, seen, Math.max(1000, deadline - Date.now()));
				if (e.status !== 'success') throw new Error(`poll execution ${e.id} ended "${e.status}": ${await executionError(rest, e.id)}`);
				if (pollDoc.snap.changed().length > 0) {
					return `execution ${e.id} (mode ${e.mode}) ${Math.round((Date.now() - pollDoc.at) / 1000)} s after the document was created; ${assertSynced(sandbox, 'documents', pollDoc.id, pollDoc.snap)}`;
				}
				seen = [...seen, e];
			}
		});

		// --------------------------------------------------------------- OAuth2
		await check('ghlOAuth2Api works in n8n: a GHL Poll Trigger on the OAuth2 credential activates; GHL answers its OAuth2-token requests 2xx', async () => {
			const oauth = creds.find((c) => c.type === 'ghlOAuth2Api');
			assert(oauth, 'no ghlOAuth2Api credential');
			const fingerprint = credentialFingerprint(String((oauth.data.oauthTokenData as Record<string, unknown>).access_token));
			const copy = JSON.parse(JSON.stringify(template('02a'))) as TemplateJson;
			const poll = copy.nodes.find((n) => n.type === `${PACKAGE_NAME}.ghlPollTrigger`);
			assert(poll, 'template 02a has no GHL Poll Trigger');
			poll.parameters.authentication = 'oAuth2';
			poll.credentials = { ghlOAuth2Api: { id: oauth.id, name: oauth.name } };
			const since = new Date().toISOString();
			const created = await rest.ok<{ id: string }>('POST', '/rest/workflows', {
				name: 'OAuth2 check (poll)',
				nodes: copy.nodes,
				connections: copy.connections,
				settings: {},
				active: false,
			});
			await rest.activate(created.id);
			// Only requests that carried the OAuth2 access token count (the PIT workflows poll GHL too).
			const oauthCalls = () => ghl.requestLog.list({ since }).filter((r) => r.credential === fingerprint);
			for (let i = 0; i < 40 && oauthCalls().length === 0; i++) await sleep(250);
			const calls = oauthCalls();
			assert(calls.length > 0, 'no GHL request carried the OAuth2 access token within 10 s of activation');
			const refused = calls.filter((c) => c.status < 200 || c.status >= 300);
			assert(refused.length === 0, `the fake GHL refused OAuth2 requests: ${refused.map((c) => `${c.method} ${c.path} → ${c.status}`).join(', ')}`);
			// The first poll only records what exists; any execution it started must have succeeded.
			const runs = await executions(rest, created.id);
			for (const run of runs) {
				let e = run;
				for (let i = 0; i < 60 && ['new', 'running', 'waiting'].includes(e.status); i++) {
					await sleep(500);
					e = (await executions(rest, created.id)).find((x) => x.id === run.id) ?? e;
				}
				if (e.status !== 'success') throw new Error(`OAuth2 poll execution ${e.id} ended "${e.status}": ${await executionError(rest, e.id)}`);
			}
			const seen = [...new Set(calls.map((c) => `${c.method} ${c.path} ${c.status}`))].join(', ');
			return `${calls.length} GHL request(s) with the OAuth2 access token, all 2xx (${seen}); ${runs.length} execution(s) of the OAuth2 workflow${runs.length ? ', all success' : ''}`;
		});

		// Error-workflow alert and daily report templates (scripts/n8n/monitoringCases.ts).
		await runMonitoringCases({ check, rest, n8nUrl: running.url, sandbox, template, hookUrl });

		// The cases below restart n8n (same port and user folder).
		const restartN8n = async () => {
			await n8n?.stop();
			n8n = await startN8n(o);
			await rest.ownerLogin();
		};
		const caseContext = { check, rest, n8nUrl: running.url, sandbox, template, hookUrl, restartN8n };
		// 17hats Trigger: polls, static data across a restart (scripts/n8n/hatsTriggerCases.ts).
		await runHatsTriggerCases(caseContext);
		// GHL Trigger replays and body edges (scripts/n8n/replayCases.ts). Last: it restarts n8n.
		await runReplayCases(caseContext);
	} catch (e) {
		results.push({ name: 'setup', ok: false, ms: 0, detail: e instanceof Error ? e.stack ?? e.message : String(e) });
		log(`FAIL setup — ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
	} finally {
		if (n8n) await n8n.stop();
		if (sb) await sb.close();
	}
	const passed = results.filter((r) => r.ok).length;
	const failed = results.length - passed;
	const secs = (ms: number | undefined) => (ms === undefined ? '-' : `${(ms / 1000).toFixed(1)} s`);
	log(`timings: install ${secs(timings.install)}, package+import ${secs(timings.prepare)}, boot ${secs(timings.boot)}, total ${secs(Date.now() - t0)}`);
	for (const r of results.filter((x) => !x.ok)) log(`failed: ${r.name}: ${r.detail}`);
	process.stdout.write(`${passed} passed, ${failed} failed\n`);
	process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
}

void main();
