/**
 * IP allowlist: CIDR ranges (or single addresses) for IPv4 and IPv6, with
 * IPv4-mapped IPv6 addresses (::ffff:1.2.3.4) treated as their IPv4 form.
 */

export interface Cidr {
	text: string;
	version: 4 | 6;
	bits: bigint;
	prefix: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function isIpv4(ip: string): boolean {
	const m = IPV4.exec(ip);
	return !!m && m.slice(1).every((part) => Number(part) <= 255 && !(part.length > 1 && part.startsWith('0')));
}

function isIpv6(ip: string): boolean {
	if (!/^[0-9a-fA-F:.]+$/.test(ip) || !ip.includes(':')) return false;
	if (ip.includes(':::')) return false;
	if ((ip.startsWith(':') && !ip.startsWith('::')) || (ip.endsWith(':') && !ip.endsWith('::'))) return false;
	const doubles = ip.split('::').length - 1;
	if (doubles > 1) return false;
	let groups = ip.split(':');
	const last = groups[groups.length - 1];
	let count = 0;
	if (last.includes('.')) {
		if (!isIpv4(last)) return false;
		groups = groups.slice(0, -1);
		count += 2;
	}
	const filled = groups.filter((g, i) => !(g === '' && (doubles === 1 || i === 0 || i === groups.length - 1)));
	if (!filled.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
	count += filled.length;
	return doubles === 1 ? count < 8 : count === 8 && !groups.includes('');
}

function isIP(ip: string): 0 | 4 | 6 {
	if (isIpv4(ip)) return 4;
	if (isIpv6(ip)) return 6;
	return 0;
}

function ipv4ToBigInt(ip: string): bigint {
	return ip.split('.').reduce((acc, part) => (acc << 8n) + BigInt(Number(part)), 0n);
}

function ipv6ToBigInt(ip: string): bigint {
	let address = ip;
	// Embedded IPv4 tail (::ffff:1.2.3.4 or 64:ff9b::1.2.3.4).
	const v4 = address.match(/(\d+\.\d+\.\d+\.\d+)$/);
	if (v4) {
		const n = ipv4ToBigInt(v4[1]);
		address = `${address.slice(0, -v4[1].length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
	}
	const [head, tail] = address.split('::');
	const headParts = head ? head.split(':') : [];
	const tailParts = tail !== undefined && tail !== '' ? tail.split(':') : [];
	const missing = 8 - headParts.length - tailParts.length;
	const parts = tail === undefined ? headParts : [...headParts, ...Array(missing).fill('0'), ...tailParts];
	return parts.reduce((acc, part) => (acc << 16n) + BigInt(parseInt(part || '0', 16)), 0n);
}

/** The address as a number and version; IPv4-mapped IPv6 becomes IPv4. */
export function parseIp(raw: string): { version: 4 | 6; value: bigint } | undefined {
	let ip = raw.trim();
	if (ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
	const zone = ip.indexOf('%');
	if (zone !== -1) ip = ip.slice(0, zone);
	const version = isIP(ip);
	if (version === 4) return { version: 4, value: ipv4ToBigInt(ip) };
	if (version === 6) {
		const value = ipv6ToBigInt(ip);
		if (value >> 32n === 0xffffn) return { version: 4, value: value & 0xffffffffn };
		return { version: 6, value };
	}
	return undefined;
}

/** Parses a comma/space/newline separated list; throws naming the first bad entry. */
export function parseCidrs(text: string): Cidr[] {
	const entries = (text ?? '')
		.split(/[\s,;]+/)
		.map((e) => e.trim())
		.filter((e) => e !== '');
	return entries.map((entry) => {
		const [address, prefixText, extra] = entry.split('/');
		const ip = parseIp(address);
		const width = address.includes(':') ? 128 : 32;
		const prefix = prefixText === undefined ? width : Number(prefixText);
		if (
			!ip ||
			extra !== undefined ||
			(prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) ||
			!Number.isInteger(prefix) ||
			prefix < 0 ||
			prefix > width
		) {
			throw new Error(`"${entry}" is not an IP address or CIDR range (e.g. 203.0.113.0/24 or 2001:db8::/32)`);
		}
		// A mapped IPv4 written as IPv6 (::ffff:0:0/96 + n) keeps its IPv4 meaning.
		const effectivePrefix = ip.version === 4 && address.includes(':') ? Math.max(0, prefix - 96) : prefix;
		return { text: entry, version: ip.version, bits: ip.value, prefix: effectivePrefix };
	});
}

/** Verdicts per allowlist: HighLevel calls from a few addresses, so each is parsed once, not per delivery. */
const verdicts = new WeakMap<Cidr[], Map<string, boolean>>();
const VERDICTS_KEPT = 1024;

export function ipAllowed(ip: string | undefined, cidrs: Cidr[]): boolean {
	if (cidrs.length === 0) return true;
	if (!ip) return false;
	let known = verdicts.get(cidrs);
	if (!known) {
		known = new Map();
		verdicts.set(cidrs, known);
	}
	let verdict = known.get(ip);
	if (verdict === undefined) {
		verdict = matches(ip, cidrs);
		if (known.size >= VERDICTS_KEPT) known.clear();
		known.set(ip, verdict);
	}
	return verdict;
}

function matches(ip: string, cidrs: Cidr[]): boolean {
	const parsed = parseIp(ip);
	if (!parsed) return false;
	const width = parsed.version === 4 ? 32 : 128;
	return cidrs.some((cidr) => {
		if (cidr.version !== parsed.version) return false;
		const shift = BigInt(width - cidr.prefix);
		return parsed.value >> shift === cidr.bits >> shift;
	});
}
