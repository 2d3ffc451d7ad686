/**
 * Redis and PostgreSQL for the queue-mode test, from Debian's packages:
 * installed with apt-get when absent, started on loopback on free ports in a
 * temporary folder the test owns, stopped and removed afterwards. PostgreSQL
 * refuses to run as root, so as root its data folder belongs to the
 * `postgres` user the Debian package creates and its programs run through
 * `runuser`. Dev tooling only (not published).
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'fs';
import { join } from 'path';

import { freePort } from '../n8n/lib';

export function qlog(msg: string): void {
	process.stdout.write(`[queue] ${msg}\n`);
}

function run(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; allowFail?: boolean } = {}): { status: number; out: string } {
	const r = spawnSync(cmd, args, { encoding: 'utf8', env: opts.env ?? process.env, maxBuffer: 64 * 1024 * 1024 });
	const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
	const status = r.status ?? (r.error ? 127 : 1);
	if (status !== 0 && !opts.allowFail) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${status}): ${out.slice(-2000)}`);
	return { status, out };
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** The newest PostgreSQL server binaries Debian installed (/usr/lib/postgresql/<major>/bin). */
function postgresBinDir(): string | undefined {
	const base = '/usr/lib/postgresql';
	if (!existsSync(base)) return undefined;
	const majors = readdirSync(base)
		.filter((v) => /^\d+$/.test(v) && existsSync(join(base, v, 'bin', 'postgres')) && existsSync(join(base, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? join(base, majors[0], 'bin') : undefined;
}

function redisBin(): string | undefined {
	for (const p of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) if (existsSync(p)) return p;
	return undefined;
}

/** apt-get install of what is missing (an `apt-get update` first when the package lists are empty or stale). */
export function ensureServices(): { redis: string; pgBin: string; installed: string[] } {
	const missing: string[] = [];
	if (!redisBin()) missing.push('redis-server');
	if (!postgresBinDir()) missing.push('postgresql');
	if (missing.length) {
		if (!isRoot()) throw new Error(`missing ${missing.join(', ')}; install with: sudo apt-get install -y ${missing.join(' ')}`);
		qlog(`apt-get install -y ${missing.join(' ')}`);
		// No service is started: Debian's Docker images ship a policy-rc.d that forbids it, and we start our own anyway.
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		const first = run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env, allowFail: true });
		if (first.status !== 0) {
			run('apt-get', ['update'], { env });
			run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
		}
	}
	const redis = redisBin();
	const pgBin = postgresBinDir();
	if (!redis || !pgBin) throw new Error(`after apt-get: redis-server ${redis ?? 'absent'}, postgres ${pgBin ?? 'absent'}`);
	return { redis, pgBin, installed: missing };
}

export interface Services {
	redisPort: number;
	pgPort: number;
	pgUser: string;
	pgDatabase: string;
	pgBin: string;
	/** psql query (tuples only, unaligned); throws on error. */
	psql(sql: string): string;
	stop(): void;
}

/** Starts Redis and PostgreSQL under `root` (a folder the test owns); `stop()` is synchronous so a signal handler can call it. */
export async function startServices(root: string): Promise<Services> {
	const { redis, pgBin } = ensureServices();
	mkdirSync(root, { recursive: true });
	// The postgres user must be able to reach its data folder.
	chmodSync(root, 0o755);

	let redisChild: ChildProcess | undefined;
	let pgData: string | undefined;
	const asPostgres = (cmd: string, args: string[]) => (isRoot() ? run('runuser', ['-u', 'postgres', '--', cmd, ...args]) : run(cmd, args));
	const stop = () => {
		if (pgData && existsSync(join(pgData, 'postmaster.pid'))) {
			const r = isRoot()
				? run('runuser', ['-u', 'postgres', '--', join(pgBin, 'pg_ctl'), '-D', pgData, '-m', 'fast', '-w', 'stop'], { allowFail: true })
				: run(join(pgBin, 'pg_ctl'), ['-D', pgData, '-m', 'fast', '-w', 'stop'], { allowFail: true });
			if (r.status !== 0 && existsSync(join(pgData, 'postmaster.pid'))) {
				const pid = Number(readFileSync(join(pgData, 'postmaster.pid'), 'utf8').split('\n')[0]);
				if (pid > 0) {
					try {
						process.kill(pid, 'SIGKILL');
					} catch {
						// already gone
					}
				}
			}
		}
		if (redisChild && redisChild.exitCode === null && redisChild.signalCode === null) redisChild.kill('SIGKILL');
	};

	try {
		// ---------------------------------------------------------- Redis
		const redisPort = await freePort();
		const redisDir = join(root, 'redis');
		mkdirSync(redisDir, { recursive: true });
		redisChild = spawn(redis, ['--port', String(redisPort), '--bind', '127.0.0.1', '--dir', redisDir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--logfile', join(redisDir, 'redis.log')], {
			stdio: 'ignore',
		});
		await waitFor(`Redis on 127.0.0.1:${redisPort}`, 20_000, async () => await redisPing(redisPort));

		// ----------------------------------------------------- PostgreSQL
		const pgPort = await freePort();
		pgData = join(root, 'pg', 'data');
		const pgSock = join(root, 'pg', 'sock');
		mkdirSync(pgData, { recursive: true });
		mkdirSync(pgSock, { recursive: true });
		if (isRoot()) {
			const uid = Number(run('id', ['-u', 'postgres']).out.trim());
			const gid = Number(run('id', ['-g', 'postgres']).out.trim());
			for (const p of [join(root, 'pg'), pgData, pgSock]) chownSync(p, uid, gid);
		}
		chmodSync(pgData, 0o700);
		const pgUser = 'n8n';
		const pgDatabase = 'n8n';
		asPostgres(join(pgBin, 'initdb'), ['-D', pgData, '-U', pgUser, '--auth=trust', '-E', 'UTF8', '--no-locale']);
		const opts = `-p ${pgPort} -c listen_addresses=127.0.0.1 -k ${pgSock} -c max_connections=200 -c fsync=off -c synchronous_commit=off`;
		asPostgres(join(pgBin, 'pg_ctl'), ['-D', pgData, '-o', opts, '-l', join(root, 'pg', 'postgres.log'), '-w', '-t', '60', 'start']);
		const psqlBin = existsSync(join(pgBin, 'psql')) ? join(pgBin, 'psql') : 'psql';
		const psqlAt = (db: string, sql: string) =>
			run(psqlBin, ['-h', '127.0.0.1', '-p', String(pgPort), '-U', pgUser, '-d', db, '-v', 'ON_ERROR_STOP=1', '-X', '-q', '-A', '-t', '-c', sql]).out;
		psqlAt('postgres', `CREATE DATABASE ${pgDatabase}`);
		qlog(`Redis ${redisPort}, PostgreSQL ${pgPort} (${pgBin}) on 127.0.0.1 in ${root}`);
		return { redisPort, pgPort, pgUser, pgDatabase, pgBin, psql: (sql) => psqlAt(pgDatabase, sql), stop };
	} catch (e) {
		stop();
		throw e;
	}
}

export function removeDir(dir: string): void {
	try {
		rmSync(dir, { recursive: true, force: true });
	} catch {
		// best effort
	}
}

async function redisPing(port: number): Promise<boolean> {
	const { createConnection } = await import('net');
	return await new Promise((done) => {
		const s = createConnection({ host: '127.0.0.1', port }, () => s.write('PING\r\n'));
		s.setTimeout(1000, () => (s.destroy(), done(false)));
		s.on('data', (d) => (s.destroy(), done(d.toString().startsWith('+PONG'))));
		s.on('error', () => done(false));
	});
}

export async function waitFor(what: string, timeoutMs: number, probe: () => Promise<boolean>): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await probe().catch(() => false)) return;
		if (Date.now() > deadline) throw new Error(`${what} not ready after ${Math.round(timeoutMs / 1000)} s`);
		await new Promise((r) => setTimeout(r, 250));
	}
}
