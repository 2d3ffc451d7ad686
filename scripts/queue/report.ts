/**
 * Writes the queue-mode figures: docs/reliability.json under `queue` (other
 * keys kept) and the "Queue mode" section of docs/reliability.md (the other
 * sections untouched).
 */
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

import { ROOT } from '../n8n/lib';

export interface RunFigures {
	workers: number;
	size: { contacts: number; invoices: number; welcome: number; race: number; concurrentReplayGroups: number; copiesPerGroup: number; sequentialReplays: number };
	deliveries: number;
	distinctEvents: number;
	replaysSent: number;
	replaysRefused409: number;
	answers: Record<string, number>;
	executions: number;
	executionsByStatus: Record<string, number>;
	executionsPerWorker: Record<string, number>;
	eventsProcessedOnce: number;
	eventsNotProcessed: number;
	eventsProcessedTwice: number;
	replaysReachingWrite: number;
	syncActions: Record<string, number>;
	failedItems: number;
	hats: {
		lost: number;
		duplicates: number;
		contacts: number;
		contracts: number;
		invoices: number;
		welcomeAgreementsSent: number;
		welcomeSentTwice: number;
		raceContact: { records: number; firstName: string; newest: string };
	};
	rate: {
		limit: string;
		hatsRequests: number;
		hats429: number;
		hats429Share: number;
		busiestWindowAllowed: number;
		ghlRequests: number;
		ghl429: number;
		requestsPerEvent: number;
	};
	seconds: number;
	sendSeconds: number;
	eventsPerSecond: number;
	requestsPerSecond: number;
	ceilingRequestsPerSecond: number;
	ceilingEventsPerSecond: number;
	percentOfCeiling: number;
	passed: boolean;
}

export interface QueueFigures {
	at: string;
	n8n: string;
	redis: string;
	postgres: string;
	machine: { cpus: number; cpuModel: string; node: string };
	workerConcurrency: number;
	limit: string;
	runs: { twoWorkers: RunFigures; oneWorker: RunFigures };
	ratioTwoToOne: number;
	timings: Record<string, number>;
	passed: boolean;
	failures: string[];
}

const JSON_PATH = join(ROOT, 'docs', 'reliability.json');
const MD_PATH = join(ROOT, 'docs', 'reliability.md');
const HEADING = '## Queue mode (Redis + PostgreSQL + workers)';

export function writeQueueDocs(f: QueueFigures): void {
	// Re-read right before writing: other suites write their own keys into the same file.
	const current = existsSync(JSON_PATH) ? (JSON.parse(readFileSync(JSON_PATH, 'utf8')) as Record<string, unknown>) : {};
	writeFileSync(JSON_PATH, `${JSON.stringify({ ...current, queue: f }, null, 2)}\n`);

	const md = existsSync(MD_PATH) ? readFileSync(MD_PATH, 'utf8') : `# Reliability\n\n${HEADING}\n`;
	const start = md.indexOf(HEADING);
	const section = render(f);
	if (start < 0) {
		writeFileSync(MD_PATH, `${md.trimEnd()}\n\n${section}`);
		return;
	}
	const after = md.indexOf('\n## ', start + HEADING.length);
	writeFileSync(MD_PATH, `${md.slice(0, start)}${section}${after < 0 ? '' : md.slice(after + 1)}`);
}

const n = (v: number) => v.toLocaleString('en-US');

function render(f: QueueFigures): string {
	const two = f.runs.twoWorkers;
	const one = f.runs.oneWorker;
	const row = (label: string, a: string | number, b: string | number) => `| ${label} | ${a} | ${b} |`;
	const per = (r: RunFigures) =>
		Object.entries(r.executionsPerWorker)
			.map(([k, v]) => `${k}: ${n(v)}`)
			.join(', ');
	const lines = [
		HEADING,
		'',
		'`scripts/queue/test.ts` (the last step of `npm run test:reliability`) runs this package in a real',
		`n8n ${f.n8n} in queue mode, from nothing: Redis ${f.redis} and PostgreSQL ${f.postgres} from Debian's packages`,
		"(`apt-get install` when absent), started by the test on loopback on free ports in a temporary folder and",
		'removed afterwards; one n8n main process and two `n8n worker` processes (concurrency',
		`${f.workerConcurrency} each), all with \`EXECUTIONS_MODE=queue\`, PostgreSQL as n8n's database and one encryption`,
		"key; n8n from the cache `test:n8n` uses. The fake GHL and 17hats run in the test's process at",
		`${f.limit.replace(' on the fake GHL and the fake 17hats', '')}, GHL's documented burst limit. The contact (01), invoice (03) and welcome agreement (04)`,
		"templates are active. The webhook flows of these templates call only 17hats (the event carries",
		'the GHL record), so the limit the workers share is the fake 17hats one, set to the same 100 / 10 s;',
		'GHL requests are counted too.',
		'',
		`Traffic per run: ${n(two.deliveries)} signed deliveries to the main's webhooks: ${n(two.distinctEvents)} distinct events`,
		`(${two.size.contacts} contact creates, ${two.size.invoices} invoices sent or paid, ${two.size.welcome} contacts tagged \`client\`, ${two.size.race} different updates`,
		`of one contact sent at the same moment) and ${n(two.replaysSent)} replays (the exact bytes and signature again): ${two.size.concurrentReplayGroups * two.size.copiesPerGroup} sent`,
		`together with their original (${two.size.concurrentReplayGroups} deliveries × ${two.size.copiesPerGroup} copies at once), ${two.size.sequentialReplays} resent one by one after the rest.`,
		'Then the same traffic (new records) with worker 2 stopped.',
		'',
		'Every execution is read back from PostgreSQL (`execution_entity` + `execution_data`: the trigger',
		"items' webhookIds, whether the sync node ran, each item's action); which worker ran it comes",
		'from the workers\' logs ("Worker started execution N"); records and requests from the fake 17hats.',
		'',
		`| Measured (${f.at.slice(0, 10)}, ${f.machine.cpus} CPUs) | 2 workers | 1 worker |`,
		'|---|---:|---:|',
		row('Deliveries sent / answered 200', `${n(two.deliveries)} / ${n(two.answers['200'] ?? 0)}`, `${n(one.deliveries)} / ${n(one.answers['200'] ?? 0)}`),
		row('Executions (PostgreSQL) / succeeded', `${n(two.executions)} / ${n(two.executionsByStatus.success ?? 0)}`, `${n(one.executions)} / ${n(one.executionsByStatus.success ?? 0)}`),
		row('Executions per worker', per(two), per(one)),
		row('Events processed exactly once', `${n(two.eventsProcessedOnce)} of ${n(two.distinctEvents)}`, `${n(one.eventsProcessedOnce)} of ${n(one.distinctEvents)}`),
		row('Replays answered 409 / reaching a write', `${two.replaysRefused409} of ${two.replaysSent} / ${two.replaysReachingWrite}`, `${one.replaysRefused409} of ${one.replaysSent} / ${one.replaysReachingWrite}`),
		row('Failed items', two.failedItems, one.failedItems),
		row('17hats records lost / duplicated', `${two.hats.lost} / ${two.hats.duplicates}`, `${one.hats.lost} / ${one.hats.duplicates}`),
		row('Welcome agreements sent (sent twice)', `${two.hats.welcomeAgreementsSent} (${two.hats.welcomeSentTwice})`, `${one.hats.welcomeAgreementsSent} (${one.hats.welcomeSentTwice})`),
		row('Contact updated 20× at once: records, name kept', `${two.hats.raceContact.records}, ${two.hats.raceContact.firstName} (newest ${two.hats.raceContact.newest})`, `${one.hats.raceContact.records}, ${one.hats.raceContact.firstName}`),
		row('17hats requests / 429 answers', `${n(two.rate.hatsRequests)} / ${two.rate.hats429} (${(two.rate.hats429Share * 100).toFixed(1)} %)`, `${n(one.rate.hatsRequests)} / ${one.rate.hats429} (${(one.rate.hats429Share * 100).toFixed(1)} %)`),
		row('Most 17hats requests let through in any 10 s', two.rate.busiestWindowAllowed, one.rate.busiestWindowAllowed),
		row('GHL requests / 429 answers', `${two.rate.ghlRequests} / ${two.rate.ghl429}`, `${one.rate.ghlRequests} / ${one.rate.ghl429}`),
		row('17hats requests per event', two.rate.requestsPerEvent, one.rate.requestsPerEvent),
		row('First delivery → last execution finished', `${two.seconds} s`, `${one.seconds} s`),
		row('Events / s (ceiling at 10 req/s)', `${two.eventsPerSecond} (${two.ceilingEventsPerSecond})`, `${one.eventsPerSecond} (${one.ceilingEventsPerSecond})`),
		row('Throughput, % of the limit (10 req/s)', `${two.percentOfCeiling} %`, `${one.percentOfCeiling} %`),
		'',
		`Two workers : one worker = **${f.ratioTwoToOne}** (events per second). The work is bound by the API's limit, not by n8n:`,
		'a second worker cannot make it faster; what it must not do is collect 429s or break the guarantees',
		"above. Each worker keeps its own bucket and learns of the other only from the API's `Remaining`",
		'headers and 429s; it then cuts its share and grows it back a step per window (AIMD,',
		'`nodes/common/rateLimiter.ts`). That keeps 429s rare but leaves part of the limit unused while the',
		'shares recover; one bucket shared by the workers (e.g. in Redis) would be needed to use it fully.',
		'',
		f.passed ? 'Result: every check passed.' : `Result: **${f.failures.length} check(s) failed**:\n\n${f.failures.map((x) => `- ${x}`).join('\n')}`,
		'',
		`Timings: services ${f.timings.servicesS} s, package + import ${f.timings.prepareS} s, main boot ${f.timings.mainBootS} s, whole test ${f.timings.totalS} s. Figures: \`docs/reliability.json\` → \`queue\`.`,
		'',
	];
	return `${lines.join('\n')}\n`;
}
