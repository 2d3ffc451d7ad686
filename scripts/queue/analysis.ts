/**
 * What one queue-mode run did, read back from where it happened: n8n's
 * executions and their run data in PostgreSQL, the workers' logs, the fake
 * 17hats' records and the requests it answered.
 */
import { parseFlatted } from '../n8n/lib';
import type { Plan } from './events';

export interface ExecutionRow {
	id: string;
	status: string;
	mode: string;
	workflowId: string;
	startedAt: string | null;
	stoppedAt: string | null;
	data: string | null;
	/** Execution custom data (execution_metadata). */
	meta: Record<string, string>;
}

export interface ExecutionFacts {
	id: string;
	status: string;
	workflowId: string;
	webhookIds: string[];
	ranSync: boolean;
	actions: string[];
	stoppedAt: number;
	/** The execution's error (node and message), when it failed: what a failed run must show. */
	error?: string;
}

type RunData = Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> } }>>;

/** Trigger items, whether the sync node ran, and the action of each item it put out. */
export function factsOf(row: ExecutionRow, syncNodeOf: (workflowId: string) => string): ExecutionFacts {
	let runData: RunData = {};
	let error: string | undefined;
	if (row.data) {
		const parsed = parseFlatted(row.data) as { resultData?: { runData?: RunData; error?: { message?: string; description?: string; node?: { name?: string } } } };
		runData = parsed.resultData?.runData ?? {};
		const e = parsed.resultData?.error;
		if (e) error = `${e.node?.name ? `${e.node.name}: ` : ''}${e.message ?? ''}${e.description ? ` (${e.description})` : ''}`.slice(0, 400);
	}
	const items = (node: string) => (runData[node] ?? []).flatMap((r) => (r.data?.main ?? []).flatMap((out) => out ?? []));
	const trigger = Object.keys(runData).find((n) => /trigger/i.test(n));
	const syncName = syncNodeOf(row.workflowId);
	return {
		id: row.id,
		status: row.status,
		workflowId: row.workflowId,
		webhookIds: trigger ? items(trigger).map((i) => String(i.json.webhookId ?? '')) : [],
		ranSync: syncName in runData,
		actions: items(syncName).map((i) => String(i.json.action)),
		stoppedAt: row.stoppedAt ? Date.parse(row.stoppedAt) : NaN,
		...(error ? { error } : {}),
	};
}

/** Execution ids each worker logged as started ("Worker started execution <id> (job <n>)"). */
export function workerExecutions(log: string): Set<string> {
	return new Set([...log.matchAll(/Worker started execution (\d+) \(job/g)].map((m) => m[1]));
}

export interface HatsRequest {
	at: number;
	method: string;
	path: string;
	status: number;
}

export interface HatsRecordLike {
	external_id?: unknown;
	first_name?: unknown;
	document_id?: unknown;
	status?: unknown;
	[k: string]: unknown;
}

export interface RecordCheck {
	expected: number;
	lost: string[];
	duplicated: string[];
}

/** Each expected external id must name exactly one record of the collection. */
export function checkRecords(records: HatsRecordLike[], expected: string[]): RecordCheck {
	const count = new Map<string, number>();
	for (const r of records) {
		const id = typeof r.external_id === 'string' ? r.external_id : '';
		if (id) count.set(id, (count.get(id) ?? 0) + 1);
	}
	return {
		expected: expected.length,
		lost: expected.filter((id) => !count.get(id)),
		duplicated: expected.filter((id) => (count.get(id) ?? 0) > 1),
	};
}

/** Every external id held by more than one record of a collection (whatever the run expected). */
export function duplicateExternalIds(records: HatsRecordLike[]): string[] {
	const seen = new Map<string, number>();
	for (const r of records) if (typeof r.external_id === 'string' && r.external_id) seen.set(r.external_id, (seen.get(r.external_id) ?? 0) + 1);
	return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
}

/** The most requests any window-long stretch held (what the server's limit saw, sliding). */
export function busiestWindow(times: number[], windowMs: number): number {
	const t = [...times].sort((a, b) => a - b);
	let best = 0;
	for (let i = 0, j = 0; i < t.length; i++) {
		while (t[i] - t[j] >= windowMs) j++;
		best = Math.max(best, i - j + 1);
	}
	return best;
}

export type { Plan };
