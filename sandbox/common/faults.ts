/**
 * Seeded fault injection shared by the fake servers.
 * One PRNG draw per request, so the same seed and config give the same sequence
 * of faults — tests can assert exact behaviour, not just rates.
 */

export interface FaultConfig {
	seed?: number;
	rate429?: number;
	rate500?: number;
	rate503?: number;
	rateSlow?: number;
	/** Delay for a "slow" fault (default 3000 ms). */
	slowMs?: number;
	/** Destroy the socket without answering. */
	rateDrop?: number;
	/** Added to every (non-admin) request. */
	latencyMs?: number;
	/** The request is processed (a write is applied), then the answer is replaced by a 500: a lost response. */
	rateAfter500?: number;
	/** The request is processed, then the socket is destroyed without an answer. */
	rateAfterDrop?: number;
}

export type FaultKind = 'none' | '429' | '500' | '503' | 'slow' | 'drop' | 'after500' | 'afterDrop';

/** Every FaultConfig key (the admin endpoint accepts these and no others). */
export const FAULT_KEYS: Array<keyof FaultConfig> = [
	'seed',
	'rate429',
	'rate500',
	'rate503',
	'rateSlow',
	'slowMs',
	'rateDrop',
	'latencyMs',
	'rateAfter500',
	'rateAfterDrop',
];

/** Kinds that let the handler run first and then lose its answer. */
export function isAfterFault(kind: FaultKind): kind is 'after500' | 'afterDrop' {
	return kind === 'after500' || kind === 'afterDrop';
}

/** mulberry32: tiny, fast, good enough for test determinism. */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const DEFAULT_SEED = 17;

export class FaultInjector {
	private cfg: FaultConfig = {};
	private rand: () => number = mulberry32(DEFAULT_SEED);
	private counts: Record<string, number> = {};

	constructor(cfg: FaultConfig = {}) {
		this.configure(cfg);
	}

	/** Replaces the whole config (`{}` turns faults off) and restarts the PRNG and the counters. */
	configure(cfg: FaultConfig): void {
		this.cfg = { ...cfg };
		this.rand = mulberry32(cfg.seed ?? DEFAULT_SEED);
		this.counts = { requests: 0, none: 0, '429': 0, '500': 0, '503': 0, slow: 0, drop: 0, after500: 0, afterDrop: 0 };
	}

	config(): FaultConfig {
		return { ...this.cfg };
	}

	/** True when any fault or latency is configured (lets callers skip the PRNG entirely). */
	active(): boolean {
		const c = this.cfg;
		return !!(c.rate429 || c.rate500 || c.rate503 || c.rateSlow || c.rateDrop || c.latencyMs || c.rateAfter500 || c.rateAfterDrop);
	}

	latencyMs(): number {
		return Math.max(0, this.cfg.latencyMs ?? 0);
	}

	slowMs(): number {
		return Math.max(0, this.cfg.slowMs ?? 3000);
	}

	/** Decide the fate of one request. Always consumes exactly one PRNG draw. */
	decide(): FaultKind {
		const r = this.rand();
		const c = this.cfg;
		const table: Array<[FaultKind, number | undefined]> = [
			['drop', c.rateDrop],
			['429', c.rate429],
			['500', c.rate500],
			['503', c.rate503],
			['slow', c.rateSlow],
			// Last, so adding them leaves the faults of an existing seed and config where they were.
			['after500', c.rateAfter500],
			['afterDrop', c.rateAfterDrop],
		];
		let acc = 0;
		let kind: FaultKind = 'none';
		for (const [k, rate] of table) {
			acc += Math.max(0, rate ?? 0);
			if (r < acc) {
				kind = k;
				break;
			}
		}
		this.counts.requests++;
		this.counts[kind] = (this.counts[kind] ?? 0) + 1;
		return kind;
	}

	stats(): Record<string, number> {
		const c = this.counts;
		const injected = c['429'] + c['500'] + c['503'] + c.slow + c.drop + c.after500 + c.afterDrop;
		return { ...this.counts, injected };
	}
}
