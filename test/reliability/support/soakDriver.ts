/**
 * Runs the soak workload through the templates in n8n's engine against the
 * sandbox, and accounts for every event:
 * - app events (contacts, welcome tags, invoices, deletes): the fake GHL signs
 *   and posts each one to the template's GHL Trigger over HTTP; each delivery
 *   starts one execution, as in n8n; up to `inFlight` executions run at once;
 * - documents: the GHL workflow's Webhook action posts to template 02b;
 * - renewals: template 05's morning run reads the schedules from GHL (over
 *   HTTP, through the faults) and syncs every period at once.
 * Every sync node runs at its highest Concurrency (Request Options).
 * A failed execution is retried the way n8n retries one: from the failed node
 * with the input it had.
 */
import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { buildWorkflowPayload, SECRET_HEADER, type WorkflowKind } from '../../../sandbox/ghl/webhooks/workflow';
import { requestOptionsProperty } from '../../../nodes/common/describe';
import { PACKAGE_NAME } from '../../support/harness';
import { TemplateRunner, type FlowRun, type SandboxEnv, type WebhookEndpoint } from '../../support/templates';
import { SOAK_TEMPLATES, type Phase, type SoakEvent, type SoakWorkload } from './soakWorkload';

const SYNC_TYPE = `${PACKAGE_NAME}.ghlTo17hatsSync`;

/** The highest Concurrency the sync node allows (its Request Options). */
export const MAX_SYNC_CONCURRENCY = Number(
	((requestOptionsProperty.options as INodeProperties[]).find((o) => o.name === 'concurrency') as INodeProperties).typeOptions?.maxValue,
);

export type EventStatus = 'synced' | 'failed' | 'undelivered';

export interface EventOutcome {
	event: SoakEvent;
	status: EventStatus;
	/** What the sync node reported (created, updated, skipped) when synced. */
	action?: string;
	/** Why it failed: the execution's error (after the node's retries ran out). */
	reason?: string;
	/** The execution that handled it last. */
	run?: FlowRun;
	/** Retries of its failed execution it took (0: synced the first time). */
	reruns: number;
}

export interface SoakResult {
	label: string;
	outcomes: EventOutcome[];
	/** Outcomes right after the first pass (before failed executions were retried). */
	firstPass: Record<EventStatus, number>;
	/** Failure reasons of the first pass, counted. */
	firstPassReasons: Record<string, number>;
	/** Retry rounds until nothing was left failing. */
	rerunRounds: number;
	/** Every execution (first pass and retries), for the secret scan. */
	runs: FlowRun[];
	ms: number;
}

export interface SoakOptions {
	/** Names webhook ids and execution keys (each run of the soak needs its own: replays are remembered). */
	label: string;
	/** Executions running at once (n8n runs every webhook delivery as its own execution). */
	inFlight: number;
	/** Retry rounds for failed executions before giving up. */
	maxRerunRounds: number;
	/** Called with each phase's name when it starts (progress). */
	onPhase?: (phase: Phase, done: number) => void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The sync node of a template and the node feeding it. */
function syncNodeOf(runner: TemplateRunner): { sync: string; parent: string } {
	const sync = runner.template.nodes.find((n) => n.type === SYNC_TYPE);
	if (!sync) throw new Error(`${runner.file} has no sync node`);
	const parent = Object.entries(runner.template.connections).find(([, c]) => (c.main ?? []).some((g) => (g ?? []).some((x) => x.node === sync.name)));
	if (!parent) throw new Error(`${runner.file}: nothing feeds ${sync.name}`);
	return { sync: sync.name, parent: parent[0] };
}

/** What a user sets for throughput: the sync node's Concurrency at its maximum. */
async function soakRunner(file: string, env: SandboxEnv): Promise<TemplateRunner> {
	const runner = await TemplateRunner.create(file, env);
	for (const node of runner.template.nodes) {
		if (node.type !== SYNC_TYPE) continue;
		const current = (node.parameters.requestOptions ?? {}) as IDataObject;
		node.parameters.requestOptions = { ...current, concurrency: MAX_SYNC_CONCURRENCY };
	}
	return runner;
}

/** A strictly increasing ISO time: GHL's timestamps order a record's events. */
function clock(): () => string {
	let last = 0;
	return () => {
		last = Math.max(Date.now(), last + 1);
		return new Date(last).toISOString();
	};
}

/** The key an execution's trigger item carries back to its event. */
function eventKeyOf(run: FlowRun, triggerName: string): string | undefined {
	const [item] = run.result.output(triggerName);
	if (!item) return undefined;
	if (typeof item.webhookId === 'string') return item.webhookId;
	const custom = ((item.data as IDataObject | undefined)?.customData ?? {}) as IDataObject;
	return typeof custom.soak_event === 'string' ? custom.soak_event : undefined;
}

/** The outcome of `events` handled by `run`, each found by its GHL id among the sync node's output. */
function outcomesOf(events: SoakEvent[], run: FlowRun, ghlIdOf: (e: SoakEvent) => string, reruns: number): EventOutcome[] {
	return events.map((event) => {
		if (run.error) return { event, status: 'failed', reason: run.error, run, reruns };
		const out = run.syncOutputs.find((o) => o.ghlId === ghlIdOf(event));
		if (!out) return { event, status: 'failed', reason: 'the execution succeeded but the sync node reported nothing about it', run, reruns };
		if (out.action === 'failed') return { event, status: 'failed', reason: String(out.error), run, reruns };
		return { event, status: 'synced', action: String(out.action), run, reruns };
	});
}

export async function runSoak(env: SandboxEnv, workload: SoakWorkload, options: SoakOptions): Promise<SoakResult> {
	const started = Date.now();
	const now = clock();
	const store = env.ghl.store;
	const outcomes = new Map<number, EventOutcome>();
	const allRuns: FlowRun[] = [];
	/** Failed executions to retry: the runner, the failed run, the events it held. */
	const failed: Array<{ runner: TemplateRunner; input: INodeExecutionData[]; events: SoakEvent[]; ghlIdOf: (e: SoakEvent) => string }> = [];
	const keyOf = (event: SoakEvent) => `soak-${options.label}-${event.seq}`;
	const runners: TemplateRunner[] = [];

	const record = (runner: TemplateRunner, run: FlowRun, events: SoakEvent[], ghlIdOf: (e: SoakEvent) => string) => {
		for (const o of outcomesOf(events, run, ghlIdOf, 0)) outcomes.set(o.event.seq, o);
		if (run.error || run.syncOutputs.some((o) => o.action === 'failed')) {
			// What the sync node got: n8n keeps it in the execution and a retry starts from it.
			const input = run.result.items(syncNodeOf(runner).parent).map((i) => ({ json: i.json }));
			failed.push({ runner, input, events, ghlIdOf });
		}
	};

	/** Delivers one phase's events one after another, with at most `inFlight` executions running. */
	const deliver = async (phase: Phase, file: string, events: SoakEvent[], post: (event: SoakEvent, endpoint: WebhookEndpoint) => Promise<number>) => {
		const runner = await soakRunner(file, env);
		runners.push(runner);
		const endpoint = await runner.listen('GHL Trigger');
		const status = new Map<number, number>();
		const running = () => endpoint.calls.filter((c) => c.started).length - runner.runs.length;
		for (const event of events) {
			while (running() >= options.inFlight) await sleep(2);
			workload.apply(event, store, now());
			status.set(event.seq, await post(event, endpoint));
		}
		await runner.idle();
		const bySeq = new Map(events.map((e) => [keyOf(e), e]));
		for (const run of runner.runs) {
			allRuns.push(run);
			const key = eventKeyOf(run, 'GHL Trigger');
			const event = key ? bySeq.get(key) : undefined;
			if (event) record(runner, run, [event], (e) => e.recordId);
		}
		for (const event of events) {
			if (!outcomes.has(event.seq)) {
				outcomes.set(event.seq, { event, status: 'undelivered', reason: `the trigger answered ${status.get(event.seq) ?? '?'} and started no execution`, reruns: 0 });
			}
		}
	};

	const fireApp = async (event: SoakEvent, endpoint: WebhookEndpoint) => {
		const idKey = event.kind.startsWith('Invoice') ? '_id' : 'id';
		// The delivery's own timestamp is GHL's time of the change (a contact event carries no other).
		// GHL's InvoiceDelete carries `"status": "delete"` (its documented example); the fake GHL's own
		// DELETE /invoices event keeps the old status, so the soak sends it as GHL documents it.
		const deleted = event.kind === 'InvoiceDelete' ? { status: 'delete' } : {};
		const result = await env.ghl.fire(event.kind, { to: endpoint.url, overrides: { [idKey]: event.recordId, webhookId: keyOf(event), timestamp: now(), ...deleted } });
		return result.status;
	};

	const postWorkflow = async (event: SoakEvent, endpoint: WebhookEndpoint) => {
		const body = buildWorkflowPayload(event.kind as WorkflowKind, store, env.ghl.url, event.recordId);
		// The GHL workflow's Webhook action can add custom data; the soak adds its event key.
		body.customData = { soak_event: keyOf(event) };
		const res = await fetch(endpoint.url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', [SECRET_HEADER]: env.workflowSecret },
			body: JSON.stringify(body),
		});
		await res.arrayBuffer();
		return res.status;
	};

	const byPhase = (phase: Phase) => workload.events.filter((e) => e.phase === phase);
	let done = 0;
	const phaseStart = (phase: Phase) => {
		options.onPhase?.(phase, done);
		done += byPhase(phase).length;
	};

	try {
		phaseStart('contacts');
		await deliver('contacts', SOAK_TEMPLATES.contacts, byPhase('contacts'), fireApp);
		phaseStart('welcome');
		await deliver('welcome', SOAK_TEMPLATES.welcome, byPhase('welcome'), fireApp);
		phaseStart('documents');
		await deliver('documents', SOAK_TEMPLATES.documents, byPhase('documents'), postWorkflow);
		phaseStart('invoices');
		await deliver('invoices', SOAK_TEMPLATES.invoices, byPhase('invoices'), fireApp);

		phaseStart('renewals');
		const renewals = await soakRunner(SOAK_TEMPLATES.renewals, env);
		runners.push(renewals);
		const rounds = [...new Set(byPhase('renewals').map((e) => e.round ?? 0))].sort();
		for (const round of rounds) {
			const events = byPhase('renewals').filter((e) => e.round === round);
			for (const event of events) workload.apply(event, store, now());
			const run = await renewals.start('Every Morning');
			allRuns.push(run);
			// The period's invoice is the schedule's newest one.
			const periodInvoice = (e: SoakEvent) => {
				const ids = store.schedules.get(e.recordId)?.invoiceIds ?? [];
				return ids[(e.round ?? 0)] ?? '?';
			};
			record(renewals, run, events, periodInvoice);
		}

		phaseStart('deletes');
		await deliver('deletes', SOAK_TEMPLATES.invoices, byPhase('deletes'), fireApp);

		const firstPass: Record<EventStatus, number> = { synced: 0, failed: 0, undelivered: 0 };
		const firstPassReasons: Record<string, number> = {};
		for (const o of outcomes.values()) {
			firstPass[o.status]++;
			if (o.reason) {
				const reason = o.reason.replace(/[0-9a-f]{12,}|SoakCon\d+|soak-[\w-]+/g, '…');
				firstPassReasons[reason] = (firstPassReasons[reason] ?? 0) + 1;
			}
		}

		// Retry each failed execution from its failed node, with the input it had (n8n's "Retry").
		let rerunRounds = 0;
		for (let round = 1; failed.length > 0 && round <= options.maxRerunRounds; round++) {
			rerunRounds = round;
			const batch = failed.splice(0, failed.length);
			await Promise.all(
				batch.map(async ({ runner, input, events, ghlIdOf }) => {
					const again = await runner.execute(syncNodeOf(runner).sync, input, 'webhook');
					allRuns.push(again);
					for (const o of outcomesOf(events, again, ghlIdOf, round)) outcomes.set(o.event.seq, o);
					if (again.error || again.syncOutputs.some((o) => o.action === 'failed')) failed.push({ runner, input, events, ghlIdOf });
				}),
			);
		}

		return {
			label: options.label,
			outcomes: workload.events.map((e) => outcomes.get(e.seq) as EventOutcome),
			firstPass,
			firstPassReasons,
			rerunRounds,
			runs: allRuns,
			ms: Date.now() - started,
		};
	} finally {
		for (const runner of runners) await runner.close();
	}
}
