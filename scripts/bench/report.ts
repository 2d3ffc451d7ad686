/**
 * The benchmark's one table (console and Markdown) and its files:
 * docs/benchmarks.md (machine, settings, table) and docs/benchmarks.json.
 */
import { cpus, loadavg, release, totalmem, type } from 'os';

export interface TableRow {
	section: string;
	run: string;
	/** "300 / 0" */
	items?: string;
	/** "300 (0 × 429)" */
	requests?: string;
	/** "50 / 50" */
	busiest?: string;
	wallMs?: number;
	pctOfCeiling?: number | null;
	note?: string;
}

const HEADERS = ['Section', 'Run', 'Items ok / failed', 'Requests (429s)', 'Busiest window / limit', 'Wall', '% of ceiling', 'Notes'];

function cells(row: TableRow): string[] {
	return [
		row.section,
		row.run,
		row.items ?? '—',
		row.requests ?? '—',
		row.busiest ?? '—',
		row.wallMs === undefined ? '—' : `${(row.wallMs / 1000).toFixed(2)} s`,
		row.pctOfCeiling === undefined || row.pctOfCeiling === null ? '—' : `${row.pctOfCeiling.toFixed(1)} %`,
		row.note ?? '',
	];
}

export function consoleTable(rows: TableRow[]): string {
	const all = [HEADERS, ...rows.map(cells)];
	const widths = HEADERS.map((_, i) => Math.max(...all.map((r) => r[i].length)));
	const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join(' | ');
	return [line(HEADERS), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map((r) => line(cells(r)))].join('\n');
}

export function markdownTable(rows: TableRow[]): string {
	const esc = (c: string) => c.replace(/\|/g, '\\|');
	return [
		`| ${HEADERS.join(' | ')} |`,
		`| ${HEADERS.map(() => '---').join(' | ')} |`,
		...rows.map((r) => `| ${cells(r).map(esc).join(' | ')} |`),
	].join('\n');
}

export interface MachineInfo {
	cpu: string;
	cores: number;
	memoryGb: number;
	os: string;
	node: string;
	/** 1-minute load average at the start and the end of the run. */
	loadStart: number;
	loadEnd?: number;
}

export function machineInfo(): MachineInfo {
	return {
		cpu: cpus()[0]?.model.trim() ?? 'unknown',
		cores: cpus().length,
		memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
		os: `${type()} ${release()}`,
		node: process.version,
		loadStart: Math.round(loadavg()[0] * 100) / 100,
	};
}

export function machineLine(m: MachineInfo): string {
	return `${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, ${m.os}, Node ${m.node}; load average ${m.loadStart} at the start, ${m.loadEnd ?? '?'} at the end`;
}
