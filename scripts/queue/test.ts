/**
 * `tsx scripts/queue/test.ts` (last step of `npm run test:reliability`): this
 * package in n8n 2.40.7's queue mode, from nothing. Redis and PostgreSQL from
 * Debian's packages (installed when absent, started on loopback in a temp
 * folder, stopped after), n8n from the cache `test:n8n` uses, one main process
 * and two `n8n worker`s sharing them, the fake GHL and 17hats in this process
 * at 100 requests / 10 s each. The contact (01), invoice (03) and welcome (04)
 * templates are active; 500 signed deliveries reach the main's webhooks (450
 * distinct events, 20 of them about one contact at once, and 50 replays, some
 * sent with the original at the same moment, some later one by one). Then the
 * same with one worker. Asserts, prints and writes the figures
 * (docs/reliability.json `queue`, the "Queue mode" section of
 * docs/reliability.md); exits 1 on any failed check.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { generateKeyPairSync } from 'crypto';
import { chmodSync, cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'fs';
import { cpus, tmpdir } from 'os';
import { join } from 'path';

import { startGhlSandbox, startHatsSandbox, type GhlSandbox, type HatsSandbox } from '../../sandbox';
import { createWebhookKeys } from '../../sandbox/ghl/webhooks/signing';
import {
	N8N_BIN,
	N8N_VERSION,
	NODE_BIN,
	N8nRest,
	PACKAGE_NAME,
	ROOT,
	ensureN8n,
	freePort,
	importAll,
	installPackage,
	loadTemplate,
	n8nEnv,
	sandboxCredentials,
	setUpTemplate,
	startN8n,
	templateFiles,
	type N8nOptions,
	type RunningN8n,
	type SandboxFacts,
	type TemplateJson,
} from '../n8n/lib';
import { busiestWindow, checkRecords, duplicateExternalIds, factsOf, workerExecutions, type ExecutionFacts, type ExecutionRow, type HatsRecordLike, type HatsRequest } from './analysis';
import { DEFAULT_SIZE, makePlan, type Delivery, type Flow, type Plan, type PlanSize } from './events';
import { writeQueueDocs, type QueueFigures, type RunFigures } from './report';
import { qlog, removeDir, startServices, waitFor, type Services } from './services';

/** GHL's documented burst limit; the fake 17hats gets the same (the templates' webhook flows only call 17hats). */
const LIMIT = { max: 100, windowMs: 10_000 };
const WORKER_CONCURRENCY = 10;
const SEND_CONCURRENCY = 8;
const MAX_429_SHARE = 0.05;
const DEADLINE_MS = 14 * 60_000;
const TEMPLATES: Record<Flow, string> = { contact: '01', invoice: '03', welcome: '04' };
/** QUEUE_SCALE (default 1) shrinks the distinct events for a quick local try; CI runs the full 500 deliveries. */
const SCALE = Math.min(1, Math.max(0.02, Number(process.env.QUEUE_SCALE ?? 1) || 1));
const SIZE: PlanSize = {
	...DEFAULT_SIZE,
	contacts: Math.max(10, Math.round(DEFAULT_SIZE.contacts * SCALE)),
	invoices: Math.max(3, Math.round(DEFAULT_SIZE.invoices * SCALE)),
	welcome: Math.max(3, Math.round(DEFAULT_SIZE.welcome * SCALE)),
};

const failures: string[] = [];
function check(cond: unknown, msg: string): boolean {
	if (!cond) {
		failures.push(msg);
		qlog(`FAIL ${msg}`);
		return false;
	}
	return true;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------------------ processes

const children = new Set<ChildProcess>();
let services: Services | undefined;
let tmpRoot: string | undefined;

/** Synchronous last resort (signals, uncaught errors): kill what we started, stop the databases, remove the temp folder. */
function hardCleanup(): void {
	for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
	services?.stop();
	services = undefined;
	if (tmpRoot) removeDir(tmpRoot);
	tmpRoot = undefined;
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
	process.once(sig, () => {
		qlog(`${sig}: stopping n8n, Redis and PostgreSQL`);
		hardCleanup();
		process.exit(130);
	});
}

interface Worker {
	name: string;
	logFile: string;
	healthPort: number;
	log(): string;
	stop(): Promise<void>;
}

async function startWorker(name: string, o: N8nOptions, healthPort: number): Promise<Worker> {
	const logFile = join(o.userFolder, 'n8n.log');
	const out = createWriteStream(logFile, { flags: 'a' });
	const child = spawn(NODE_BIN, [N8N_BIN, 'worker', `--concurrency=${WORKER_CONCURRENCY}`], { cwd: o.userFolder, env: n8nEnv(o), stdio: ['ignore', 'pipe', 'pipe'] });
	children.add(child);
	child.stdout?.pipe(out);
	child.stderr?.pipe(out);
	let exited: number | null | undefined;
	child.on('exit', (code) => {
		exited = code;
		children.delete(child);
	});
	await waitFor(`n8n ${name} (health on 127.0.0.1:${healthPort})`, 180_000, async () => {
		if (exited !== undefined) throw new Error(`n8n ${name} exited (code ${String(exited)}); see ${logFile}:\n${readFileSync(logFile, 'utf8').slice(-3000)}`);
		return (await fetch(`http://127.0.0.1:${healthPort}/healthz/readiness`)).ok;
	}).catch((e: Error) => {
		// waitFor swallows probe errors: say why the worker did not come up.
		throw new Error(exited !== undefined ? `n8n ${name} exited (code ${String(exited)}); log:\n${readFileSync(logFile, 'utf8').slice(-3000)}` : e.message);
	});
	return {
		name,
		logFile,
		healthPort,
		log: () => readFileSync(logFile, 'utf8'),
		stop: async () => {
			if (exited !== undefined) return;
			const done = new Promise<void>((r) => child.once('exit', () => r()));
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
			await done;
			clearTimeout(timer);
		},
	};
}

// ------------------------------------------------------------------ traffic

interface Sent {
	webhookId: string;
	flow: Flow;
	replay: boolean;
	status: number;
}

async function post(url: string, d: Delivery): Promise<number> {
	try {
		const res = await fetch(url, { method: 'POST', headers: d.headers, body: d.body });
		await res.arrayBuffer();
		return res.status;
	} catch {
		return 0;
	}
}

/** Sends the plan: plain deliveries through a pool, the race and the concurrent replay groups at once among them, then the sequential replays. */
async function sendPlan(plan: Plan, hookUrl: (flow: Flow) => string): Promise<Sent[]> {
	const sent: Sent[] = [];
	const one = async (d: Delivery, replay: boolean) => sent.push({ webhookId: d.webhookId, flow: d.flow, replay, status: await post(hookUrl(d.flow), d) });
	type Task = () => Promise<unknown>;
	const tasks: Task[] = plan.plain.map((d) => async () => await one(d, false));
	const at = (fraction: number) => Math.floor(tasks.length * fraction);
	// Groups: the original and its copies leave together; whichever n8n sees first is the original.
	plan.concurrentReplays.forEach((g, i) => {
		tasks.splice(at((i + 1) / (plan.concurrentReplays.length + 2)), 0, async () => {
			const statuses = await Promise.all(Array.from({ length: g.copies + 1 }, async () => await post(hookUrl(g.delivery.flow), g.delivery)));
			statuses.forEach((status, k) => sent.push({ webhookId: g.delivery.webhookId, flow: g.delivery.flow, replay: k > 0 || status !== 200, status }));
			// Exactly one is the event, the rest replays (counted by answer below).
		});
	});
	tasks.splice(at(0.5), 0, async () => await Promise.all(plan.race.map(async (d) => await one(d, false))));
	let next = 0;
	await Promise.all(
		Array.from({ length: SEND_CONCURRENCY }, async () => {
			while (next < tasks.length) await tasks[next++]();
		}),
	);
	for (const d of plan.sequentialReplays) await one(d, true);
	return sent;
}

// ------------------------------------------------------------------ one run

interface RunContext {
	label: string;
	run: string;
	workers: Worker[];
	ghl: GhlSandbox;
	hats: HatsSandbox;
	keys: ReturnType<typeof createWebhookKeys>;
	svc: Services;
	hookUrl(flow: Flow): string;
	syncNodeOf(workflowId: string): string;
}

function maxExecutionId(svc: Services): number {
	return Number(svc.psql('SELECT COALESCE(MAX(id::bigint), 0) FROM execution_entity').trim());
}

function executionRows(svc: Services, afterId: number): ExecutionRow[] {
	const out = svc.psql(
		`SELECT row_to_json(t) FROM (SELECT e.id::text AS id, e.status, e.mode, e."workflowId" AS "workflowId", e."startedAt" AS "startedAt", e."stoppedAt" AS "stoppedAt", d.data,
			(SELECT COALESCE(json_object_agg(m.key, m.value), '{}'::json) FROM execution_metadata m WHERE m."executionId" = e.id) AS meta
		FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id WHERE e.id::bigint > ${afterId} ORDER BY e.id::bigint) t`,
	);
	return out
		.split('\n')
		.filter((l) => l.trim())
		.map((l) => JSON.parse(l) as ExecutionRow);
}

async function runOnce(ctx: RunContext): Promise<RunFigures> {
	const { svc, ghl, hats } = ctx;
	const failuresBefore = failures.length;
	const fail = (cond: unknown, msg: string) => check(cond, `[${ctx.label}] ${msg}`);
	// Fresh 17hats (records, rate window) and a request tap on it.
	await fetch(`${hats.origin}/__admin/reset`, { method: 'POST' });
	const hatsRequests: HatsRequest[] = [];
	hats.intercept = async (req, next) => {
		const res = await next();
		hatsRequests.push({ at: Date.now(), method: req.method, path: req.path, status: res.status });
		return res;
	};
	const ghlSince = new Date().toISOString();
	const plan = makePlan(ghl, ctx.keys, ctx.run, SIZE);
	const lastBefore = maxExecutionId(svc);
	const workerLogStart = ctx.workers.map((w) => w.log().length);

	qlog(`${ctx.label}: sending ${plan.plain.length + plan.race.length + plan.concurrentReplays.reduce((n, g) => n + g.copies + 1, 0) + plan.sequentialReplays.length} deliveries`);
	const t0 = Date.now();
	const sent = await sendPlan(plan, ctx.hookUrl);
	const sentMs = Date.now() - t0;
	const accepted = sent.filter((s) => s.status === 200).length;
	qlog(`${ctx.label}: sent in ${(sentMs / 1000).toFixed(1)} s; answers ${JSON.stringify(countBy(sent.map((s) => String(s.status))))}; waiting for ${accepted} executions`);

	// Every accepted delivery becomes one execution; wait until all have finished, then a little longer for a late one.
	const deadline = Date.now() + 8 * 60_000;
	let lastLog = 0;
	let [lastDone, lastProgress] = [-1, Date.now()];
	for (;;) {
		const [total, pending] = svc
			.psql(`SELECT COUNT(*), COUNT(*) FILTER (WHERE status IN ('new','running','waiting') OR "stoppedAt" IS NULL) FROM execution_entity WHERE id::bigint > ${lastBefore}`)
			.trim()
			.split('|')
			.map(Number);
		if (total >= accepted && pending === 0) {
			await sleep(3000);
			const again = Number(svc.psql(`SELECT COUNT(*) FROM execution_entity WHERE id::bigint > ${lastBefore}`).trim());
			if (again === total) break;
			continue;
		}
		if (total - pending !== lastDone) [lastDone, lastProgress] = [total - pending, Date.now()];
		if (Date.now() > deadline || Date.now() - lastProgress > 120_000) {
			fail(false, `executions stopped finishing: ${total - pending} of ${accepted} finished, ${pending} unfinished (${Date.now() > deadline ? '8 min deadline' : 'no progress for 2 min'})`);
			break;
		}
		if (Date.now() - lastLog > 15_000) {
			qlog(`${ctx.label}: ${total - pending}/${accepted} executions finished, 17hats requests ${hatsRequests.length} (${hatsRequests.filter((r) => r.status === 429).length} × 429)`);
			lastLog = Date.now();
		}
		await sleep(1000);
	}
	hats.intercept = undefined;

	// ------------------------------------------------------------ executions
	const execs: ExecutionFacts[] = executionRows(svc, lastBefore).map((r) => ({ ...factsOf(r, ctx.syncNodeOf), meta: r.meta }) as ExecutionFacts & { meta: Record<string, string> });
	const endMs = Math.max(...execs.map((e) => e.stoppedAt).filter((n) => !Number.isNaN(n)), t0);
	const windowS = (endMs - t0) / 1000;
	fail(execs.length === accepted, `executions in PostgreSQL: ${execs.length}, accepted deliveries: ${accepted}`);
	const notSuccess = execs.filter((e) => e.status !== 'success');
	fail(notSuccess.length === 0, `${notSuccess.length} execution(s) did not succeed: ${notSuccess.slice(0, 5).map((e) => `${e.id} ${e.status}${e.error ? ` — ${e.error}` : ''}`).join('; ')}`);

	// Each event exactly once: one execution that ran the sync node carries its webhookId.
	const syncRunsById = new Map<string, string[]>();
	for (const e of execs) if (e.ranSync) for (const id of e.webhookIds) syncRunsById.set(id, [...(syncRunsById.get(id) ?? []), e.id]);
	const originals = plan.originals;
	const notProcessed = originals.filter((d) => !syncRunsById.get(d.webhookId)?.length);
	const processedTwice = originals.filter((d) => (syncRunsById.get(d.webhookId)?.length ?? 0) > 1);
	fail(notProcessed.length === 0, `${notProcessed.length} event(s) never reached the sync: ${notProcessed.slice(0, 5).map((d) => `${d.flow} ${d.ghlId}`).join(', ')}`);
	const replayedIds = new Set([...plan.concurrentReplays.map((g) => g.delivery.webhookId), ...plan.sequentialReplays.map((d) => d.webhookId)]);
	const replayWrites = processedTwice.filter((d) => replayedIds.has(d.webhookId)).reduce((n, d) => n + (syncRunsById.get(d.webhookId)!.length - 1), 0);
	fail(processedTwice.length === 0, `${processedTwice.length} event(s) reached the sync more than once: ${processedTwice.slice(0, 5).map((d) => `${d.webhookId} in ${syncRunsById.get(d.webhookId)!.join('+')}`).join(', ')}`);
	fail(replayWrites === 0, `${replayWrites} replay(s) reached the sync (a write)`);
	const actions = countBy(execs.flatMap((e) => e.actions));
	const failedItems = actions.failed ?? 0;
	fail(failedItems === 0, `${failedItems} failed item(s) from the sync nodes`);

	// Replays: answers.
	const replaysSent = plan.concurrentReplays.reduce((n, g) => n + g.copies, 0) + plan.sequentialReplays.length;
	const groupAnswers = plan.concurrentReplays.map((g) => sent.filter((s) => s.webhookId === g.delivery.webhookId));
	const groupsOk = groupAnswers.filter((a) => a.filter((s) => s.status === 200).length === 1 && a.filter((s) => s.status === 409).length === a.length - 1).length;
	fail(groupsOk === plan.concurrentReplays.length, `concurrent copies: ${groupsOk}/${plan.concurrentReplays.length} groups answered one 200 and the rest 409 (${groupAnswers.map((a) => a.map((s) => s.status).join('/')).join(', ')})`);
	const seqAnswers = sent.filter((s) => s.replay && plan.sequentialReplays.some((d) => d.webhookId === s.webhookId) && !plan.concurrentReplays.some((g) => g.delivery.webhookId === s.webhookId));
	const seq409 = seqAnswers.filter((s) => s.status === 409).length;
	fail(seq409 === plan.sequentialReplays.length, `sequential replays: ${seq409}/${plan.sequentialReplays.length} answered 409 (${JSON.stringify(countBy(seqAnswers.map((s) => String(s.status))))})`);
	const originalsAnswered = originals.filter((d) => sent.some((s) => s.webhookId === d.webhookId && s.status === 200)).length;
	fail(originalsAnswered === originals.length, `${originals.length - originalsAnswered} distinct event(s) were never answered 200`);
	const replaysRefused = seq409 + groupAnswers.reduce((n, a) => n + a.filter((s) => s.status === 409).length, 0);

	// ------------------------------------------------------------ workers
	const runIds = new Set(execs.map((e) => e.id));
	const perWorker = ctx.workers.map((w, i) => {
		const ids = workerExecutions(w.log().slice(workerLogStart[i]));
		return { name: w.name, ids: new Set([...ids].filter((id) => runIds.has(id))) };
	});
	const attributed = new Set(perWorker.flatMap((w) => [...w.ids]));
	const both = perWorker.length > 1 ? [...perWorker[0].ids].filter((id) => perWorker[1].ids.has(id)) : [];
	for (const w of perWorker) fail(w.ids.size > 0, `${w.name} logged no execution of this run`);
	fail(attributed.size === runIds.size, `${runIds.size - attributed.size} execution(s) of this run appear in no worker's log`);
	fail(both.length === 0, `${both.length} execution(s) were started by both workers: ${both.slice(0, 5).join(', ')}`);

	// ------------------------------------------------------------ 17hats
	const store = hats.store;
	const all = (name: 'contacts' | 'projects' | 'documents' | 'contracts' | 'invoices') => store.all(name) as HatsRecordLike[];
	const contacts = checkRecords(all('contacts'), [...plan.contactIds, ...plan.welcomeIds, ...plan.invoiceContactIds, plan.raceContactId]);
	const contracts = checkRecords(all('contracts'), plan.invoiceIds.map((id) => `invoice:${id}`));
	const invoices = checkRecords(all('invoices'), plan.invoiceIds);
	const welcomeDocs = checkRecords(all('documents'), plan.welcomeIds.map((id) => `welcome:${id}`));
	const projects = checkRecords(all('projects'), plan.welcomeIds.map((id) => `contact:${id}`));
	const lost = [contacts, contracts, invoices, welcomeDocs, projects].reduce((n, c) => n + c.lost.length, 0);
	const duplicates = (['contacts', 'projects', 'documents', 'contracts', 'invoices'] as const).flatMap((c) => duplicateExternalIds(all(c)).map((id) => `${c}:${id}`));
	fail(lost === 0, `${lost} 17hats record(s) lost: ${[...contacts.lost, ...contracts.lost, ...invoices.lost, ...welcomeDocs.lost, ...projects.lost].slice(0, 5).join(', ')}`);
	fail(duplicates.length === 0, `${duplicates.length} duplicate 17hats record(s): ${duplicates.slice(0, 5).join(', ')}`);
	// Welcome agreements: each sent exactly once.
	const welcomeDocIds = new Set(all('documents').filter((d) => String(d.external_id ?? '').startsWith('welcome:')).map((d) => String(d.document_id)));
	// What 17hats really sent (its outbox), not the requests: a repeated conditional send is answered, not sent.
	const sendsPerDoc = countBy(store.outbox.filter((m) => m.kind === 'document' && welcomeDocIds.has(m.id)).map((m) => m.id));
	const sentTwice = Object.values(sendsPerDoc).filter((n) => n > 1).length;
	const welcomeSent = Object.keys(sendsPerDoc).length;
	fail(welcomeSent === plan.welcomeIds.length && sentTwice === 0, `welcome agreements: ${welcomeSent} of ${plan.welcomeIds.length} sent, ${sentTwice} sent more than once`);
	// The contact updated 20 times at once: one record holding the newest data.
	const raceRecords = all('contacts').filter((c) => c.external_id === plan.raceContactId);
	const newest = plan.race[plan.race.length - 1].firstName;
	fail(raceRecords.length === 1 && raceRecords[0].first_name === newest, `the contact updated ${plan.race.length} times at once: ${raceRecords.length} record(s), first_name ${raceRecords.map((r) => String(r.first_name)).join(', ')} (newest event: ${newest})`);

	// ------------------------------------------------------------ rate limit
	const inWindow = hatsRequests.filter((r) => r.at >= t0 && r.at <= endMs + 1000);
	const hats429 = hatsRequests.filter((r) => r.status === 429).length;
	const hatsAllowed = hatsRequests.filter((r) => r.status !== 429);
	const share429 = hatsRequests.length ? hats429 / hatsRequests.length : 0;
	fail(share429 <= MAX_429_SHARE, `17hats answered ${hats429} of ${hatsRequests.length} requests 429 (${pct(share429)}, target ≤ ${pct(MAX_429_SHARE)})`);
	const ghlRequests = ghl.requestLog.list({ since: ghlSince }).filter((r) => !r.path.startsWith('/__admin'));
	const ghl429 = ghlRequests.filter((r) => r.status === 429).length;
	fail(ghlRequests.length === 0 || ghl429 / ghlRequests.length <= MAX_429_SHARE, `GHL answered ${ghl429} of ${ghlRequests.length} requests 429`);
	const ceilingPerS = LIMIT.max / (LIMIT.windowMs / 1000);
	const allowedPerS = inWindow.filter((r) => r.status !== 429).length / windowS;
	const requestsPerEvent = hatsAllowed.length / originals.length;

	const figures: RunFigures = {
		workers: ctx.workers.length,
		size: SIZE,
		deliveries: sent.length,
		distinctEvents: originals.length,
		replaysSent,
		replaysRefused409: replaysRefused,
		answers: countBy(sent.map((s) => String(s.status))),
		executions: execs.length,
		executionsByStatus: countBy(execs.map((e) => e.status)),
		executionsPerWorker: Object.fromEntries(perWorker.map((w) => [w.name, w.ids.size])),
		eventsProcessedOnce: originals.length - notProcessed.length - processedTwice.length,
		eventsNotProcessed: notProcessed.length,
		eventsProcessedTwice: processedTwice.length,
		replaysReachingWrite: replayWrites,
		syncActions: actions,
		failedItems,
		hats: {
			lost,
			duplicates: duplicates.length,
			contacts: contacts.expected,
			contracts: contracts.expected,
			invoices: invoices.expected,
			welcomeAgreementsSent: welcomeSent,
			welcomeSentTwice: sentTwice,
			raceContact: { records: raceRecords.length, firstName: String(raceRecords[0]?.first_name ?? ''), newest: newest ?? '' },
		},
		rate: {
			limit: `${LIMIT.max} / ${LIMIT.windowMs / 1000} s`,
			hatsRequests: hatsRequests.length,
			hats429,
			hats429Share: round(share429, 4),
			busiestWindowAllowed: busiestWindow(hatsAllowed.map((r) => r.at), LIMIT.windowMs),
			ghlRequests: ghlRequests.length,
			ghl429,
			requestsPerEvent: round(requestsPerEvent, 2),
		},
		seconds: round(windowS, 1),
		sendSeconds: round(sentMs / 1000, 1),
		eventsPerSecond: round(originals.length / windowS, 2),
		requestsPerSecond: round(allowedPerS, 2),
		ceilingRequestsPerSecond: ceilingPerS,
		ceilingEventsPerSecond: round(ceilingPerS / requestsPerEvent, 2),
		percentOfCeiling: round((allowedPerS / ceilingPerS) * 100, 1),
		passed: failures.length === failuresBefore,
	};
	qlog(
		`${ctx.label}: ${execs.length} executions (${Object.entries(figures.executionsPerWorker)
			.map(([k, v]) => `${k} ${v}`)
			.join(', ')}), ${figures.eventsPerSecond} events/s, 17hats ${figures.requestsPerSecond} req/s = ${figures.percentOfCeiling} % of ${ceilingPerS} req/s, 429 ${hats429}/${hatsRequests.length} (${pct(share429)}), lost ${lost}, duplicates ${duplicates.length}, failed items ${failedItems}, replays at a write ${replayWrites}`,
	);
	return figures;
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
	const started = Date.now();
	const watchdog = setTimeout(() => {
		qlog(`FAIL the queue-mode test took longer than ${DEADLINE_MS / 60_000} min; stopping`);
		hardCleanup();
		process.exit(1);
	}, DEADLINE_MS);
	watchdog.unref();

	let main: RunningN8n | undefined;
	const workers: Worker[] = [];
	let ghl: GhlSandbox | undefined;
	let hats: HatsSandbox | undefined;
	const runs: RunFigures[] = [];
	let versions = { redis: '', postgres: '' };
	try {
		let t = Date.now();
		ensureN8n();
		const installMs = Date.now() - t;
		tmpRoot = mkdtempSync(join(tmpdir(), 'n8n-queue-'));
		// mkdtemp makes it 0700: the postgres user could not reach its data folder inside.
		chmodSync(tmpRoot, 0o755);
		t = Date.now();
		services = await startServices(join(tmpRoot, 'services'));
		const svc = services;
		versions = {
			redis: (/v=(\S+)/.exec(spawnText('redis-server', ['--version'])) ?? [])[1] ?? '',
			postgres: svc.psql('SHOW server_version').trim(),
		};
		const servicesMs = Date.now() - t;

		// The fake APIs, signing with keys we hold too (so a replay is the same bytes and signature).
		const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
		const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
		const keys = createWebhookKeys({ ed25519PrivatePem: ed, rsaPrivatePem: rsa });
		ghl = await startGhlSandbox({ port: 0, rateLimit: LIMIT, keys: { ed25519PrivatePem: ed, rsaPrivatePem: rsa } });
		hats = await startHatsSandbox({ port: 0, rateLimit: LIMIT });
		const facts: SandboxFacts = {
			ghlUrl: ghl.url,
			ghlToken: ghl.token,
			ghlLocationId: ghl.locationId,
			ghlScopes: ghl.scopes,
			ed25519Pem: ghl.publicKeys.ed25519Pem,
			hatsUrl: hats.url,
			hatsApiKey: hats.apiKey,
			hatsScopes: hats.store.keys[0]?.scopes ?? [],
			workflowSecret: 'queue-test-shared-secret-0123456789',
		};
		const creds = sandboxCredentials(facts);
		const workflows = Object.fromEntries(
			Object.entries(TEMPLATES).map(([flow, part]) => {
				const file = templateFiles().find((f) => f.startsWith(`${part}-`));
				if (!file) throw new Error(`no template ${part}-*.json`);
				return [flow, setUpTemplate(loadTemplate(file), facts, creds)];
			}),
		) as Record<Flow, TemplateJson>;
		const syncNames = new Map(Object.values(workflows).map((wf) => [wf.id, wf.nodes.find((n) => n.type === `${PACKAGE_NAME}.ghlTo17hatsSync`)?.name ?? '']));

		// n8n: one user folder per process (each keeps its own logs and event log), one database, one Redis.
		t = Date.now();
		const queueEnv = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(svc.redisPort),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(svc.pgPort),
			DB_POSTGRESDB_DATABASE: svc.pgDatabase,
			DB_POSTGRESDB_USER: svc.pgUser,
			DB_POSTGRESDB_PASSWORD: '',
			// n8n's default pool is 2 connections per process: under 500 webhooks the main times out
			// acquiring one ("timeout exceeded when trying to connect") and answers 503.
			DB_POSTGRESDB_POOL_SIZE: '20',
			// On a busy machine n8n's 5 s database ping times out 3 times in a row, n8n declares the
			// database lost and answers every webhook 503 "Database is not ready!" until it reconnects
			// (GHL does not retry a 503: the event would be lost). Measure the package, not that.
			DB_POSTGRESDB_CONNECTION_TIMEOUT: '60000',
			DB_PING_TIMEOUT_MS: '20000',
			DB_PING_MAX_FAILURES_BEFORE_RECOVERY: '6',
			N8N_LOG_LEVEL: 'info',
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '30',
		};
		const folder = (name: string) => {
			const f = join(tmpRoot!, name);
			mkdirSync(f, { recursive: true });
			return f;
		};
		const oMain: N8nOptions = { userFolder: folder('main'), port: await freePort(), brokerPort: await freePort(), env: { ...queueEnv, QUEUE_HEALTH_CHECK_PORT: String(await freePort()) } };
		// `test:reliability` has just built dist/; a standalone run builds first.
		installPackage(oMain.userFolder, { build: process.env.npm_lifecycle_event !== 'test:reliability' || !existsSync(join(ROOT, 'dist')) });
		importAll(oMain, creds, Object.values(workflows));
		const prepareMs = Date.now() - t;

		t = Date.now();
		main = await startN8n(oMain);
		children.add(main.process);
		const bootMs = Date.now() - t;
		qlog(`n8n ${N8N_VERSION} main up at ${main.url} in ${(bootMs / 1000).toFixed(1)} s (queue mode, PostgreSQL, Redis)`);
		// Both workers boot at once (each takes about half a minute on a busy machine).
		const tw = Date.now();
		const booted = await Promise.all(
			['worker-1', 'worker-2'].map(async (name) => {
				const healthPort = await freePort();
				const o: N8nOptions = { userFolder: folder(name), port: await freePort(), brokerPort: await freePort(), env: { ...queueEnv, QUEUE_HEALTH_CHECK_PORT: String(healthPort) } };
				cpSync(join(oMain.userFolder, '.n8n', 'nodes'), join(o.userFolder, '.n8n', 'nodes'), { recursive: true });
				return await startWorker(name, o, healthPort);
			}),
		);
		workers.push(...booted);
		qlog(`n8n worker-1 and worker-2 up in ${((Date.now() - tw) / 1000).toFixed(1)} s (health ${booted.map((w) => w.healthPort).join(', ')})`);

		const rest = new N8nRest(main.url);
		await rest.ownerLogin();
		for (const wf of Object.values(workflows)) await rest.activate(wf.id);
		const hook = (flow: Flow) => {
			const trig = workflows[flow].nodes.find((n) => n.type === `${PACKAGE_NAME}.ghlTrigger`);
			return `${main!.url}/webhook/${trig?.webhookId}/ghl`;
		};
		// A trigger URL is served once an unsigned POST is refused 401 (not 404).
		for (const flow of Object.keys(workflows) as Flow[]) {
			await waitFor(`webhook of ${flow}`, 60_000, async () => (await fetch(hook(flow), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status === 401);
		}

		const ctx = (label: string, run: string, ws: Worker[]): RunContext => ({ label, run, workers: ws, ghl: ghl!, hats: hats!, keys, svc, hookUrl: hook, syncNodeOf: (id) => syncNames.get(id) ?? '' });
		runs.push(await runOnce(ctx('2 workers', 'A', workers)));
		await workers[1].stop();
		qlog('worker-2 stopped; the same traffic with one worker');
		runs.push(await runOnce(ctx('1 worker', 'B', [workers[0]])));

		// n8n itself must not have logged a crash of the package's nodes.
		for (const [name, text] of [['main', main.log()], ...workers.map((w) => [w.name, w.log()])] as Array<[string, string]>) {
			const bad = text.split('\n').filter((l) => /ghl|17hats|seventeenHats/i.test(l) && /\b(error|uncaught|unhandled)\b/i.test(l));
			check(bad.length === 0, `${name} logged errors about the package: ${bad.slice(0, 3).join(' | ')}`);
		}

		const [two, one] = runs;
		const figures: QueueFigures = {
			at: new Date().toISOString(),
			n8n: N8N_VERSION,
			redis: versions.redis,
			postgres: versions.postgres,
			machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', node: process.version },
			workerConcurrency: WORKER_CONCURRENCY,
			limit: `${LIMIT.max} requests / ${LIMIT.windowMs / 1000} s on the fake GHL and the fake 17hats`,
			runs: { twoWorkers: two, oneWorker: one },
			ratioTwoToOne: round(two.eventsPerSecond / one.eventsPerSecond, 2),
			timings: { installS: round(installMs / 1000, 1), servicesS: round(servicesMs / 1000, 1), prepareS: round(prepareMs / 1000, 1), mainBootS: round(bootMs / 1000, 1), totalS: round((Date.now() - started) / 1000, 1) },
			passed: failures.length === 0,
			failures: [...failures],
		};
		writeQueueDocs(figures);
		qlog(`two workers : one worker = ${figures.ratioTwoToOne} (events/s ${two.eventsPerSecond} vs ${one.eventsPerSecond}); figures in docs/reliability.json (queue) and docs/reliability.md`);
	} catch (e) {
		check(false, `setup/run error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
		const logs = [main?.logFile, ...workers.map((w) => w.logFile)].filter(Boolean);
		if (logs.length) qlog(`logs (removed at exit): ${logs.join(', ')}`);
		for (const f of logs) qlog(`--- tail of ${f}\n${readFileSync(f!, 'utf8').slice(-2500)}`);
	} finally {
		hats && (hats.intercept = undefined);
		for (const w of workers) await w.stop().catch(() => undefined);
		await main?.stop().catch(() => undefined);
		await ghl?.close().catch(() => undefined);
		await hats?.close().catch(() => undefined);
		hardCleanup();
		clearTimeout(watchdog);
	}
	qlog(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
	if (failures.length) {
		qlog(`${failures.length} check(s) failed:`);
		for (const f of failures) qlog(`  - ${f}`);
		process.exitCode = 1;
	} else {
		qlog('all queue-mode checks passed');
	}
}

// ------------------------------------------------------------------ helpers

function countBy(values: string[]): Record<string, number> {
	const out: Record<string, number> = {};
	for (const v of values) out[v] = (out[v] ?? 0) + 1;
	return out;
}

const round = (n: number, digits: number) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : 0);
const pct = (share: number) => `${(share * 100).toFixed(1)} %`;

function spawnText(cmd: string, args: string[]): string {
	const r = spawnSync(cmd, args, { encoding: 'utf8' });
	return `${r.stdout ?? ''}${r.stderr ?? ''}`;
}

void main();
