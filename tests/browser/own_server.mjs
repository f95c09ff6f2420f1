// SPDX-License-Identifier: ISC
// A second uppfolj-collect behind its own nginx, for the tests that need a
// setting the shared test server does not have (idle times of seconds) or
// that kill the program (nginx then answers 502 by itself). Same database,
// secret and static files as the run-all environment (fixture.mjs's env).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync, chmodSync, mkdirSync, rmSync }
	from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { env } from '../api/fixture.mjs';

function freePort() {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.on('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

export class OwnServer {
	// idlePatient, idleStaff: seconds (the config's idle_*_seconds);
	// langDir: a folder of ui/ and info/ texts (lang_dir), else the shared one.
	constructor({ idlePatient, idleStaff, langDir }) {
		this.idlePatient = idlePatient;
		this.idleStaff = idleStaff;
		this.langDir = langDir;
		this.proc = null;
	}

	async start() {
		this.dir = mkdtempSync(join(tmpdir(), 'uf-own-'));
		// nginx's worker (www-data) reaches the socket through these.
		chmodSync(this.dir, 0o711);
		mkdirSync(join(this.dir, 'run'), { mode: 0o711 });
		mkdirSync(join(this.dir, 'nginx'));
		chmodSync(join(this.dir, 'run'), 0o711);
		this.sock = join(this.dir, 'run', 'collect.sock');
		this.conf = join(this.dir, 'collect.conf');
		writeFileSync(this.conf, [
			`db = host=127.0.0.1 port=${env.pgport} dbname=${env.db} user=uppfolj_collect`,
			`socket = ${this.sock}`, 'socket_mode = 0666', 'workers = 2',
			`secret_file = ${env.secret}`,
			`idle_patient_seconds = ${this.idlePatient}`,
			`idle_staff_seconds = ${this.idleStaff}`,
			...(this.langDir ? [`lang_dir = ${this.langDir}`] : []), ''].join('\n'));
		this.port = await freePort();
		this.base = `http://127.0.0.1:${this.port}`;
		await this.startProgram();
		const ng = join(this.dir, 'nginx');
		// The static files (with the error pages, in this program's
		// languages) and nginx's config as deploy/run.sh and run-all make
		// them: deploy/lib.sh is their one home.
		execFileSync('bash', ['-c', '. "$1/deploy/lib.sh" && uf_static "$2" "$7" "$8" && ' +
			'uf_nginx_conf "$3/nginx.conf" "$4" "$3" "$2" "$5" "$6"', 'own-server',
			env.src, join(this.dir, 'static'), ng, `127.0.0.1:${this.port}`, this.sock,
			join(this.dir, 'run', 'admin.sock'), join(env.build, 'admin', 'uppfolj-admin'),
			this.langDir ?? process.env.UPPFOLJ_LANG_DIR ?? join(env.src, 'forms')]);
		execFileSync('nginx', ['-p', ng, '-c', join(ng, 'nginx.conf')]);
	}

	async startProgram() {
		const bin = join(env.build, 'collect', 'uppfolj-collect');
		// In the artifacts, so a sanitizer report outlives the test folder.
		mkdirSync(env.artifacts, { recursive: true });
		const log = join(env.artifacts, 'own-collect.log');
		rmSync(this.sock, { force: true });
		this.proc = spawn(bin, ['--config', this.conf], {
			stdio: ['ignore', 'ignore', 'pipe'],
			env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' },
		});
		this.proc.stderr.on('data', (d) => writeFileSync(log, d, { flag: 'a' }));
		for (let i = 0; i < 100 && !existsSync(this.sock); i++) await sleep(50);
		if (!existsSync(this.sock)) throw new Error(`own uppfolj-collect did not start (${log})`);
	}

	// SIGKILL, as a crash: nginx answers 502 until startProgram().
	async kill() {
		const p = this.proc;
		this.proc = null;
		const gone = new Promise((resolve) => p.once('exit', resolve));
		p.kill('SIGKILL');
		await gone;
	}

	async stop() {
		if (this.proc) await this.kill();
		const ng = join(this.dir, 'nginx');
		try { execFileSync('nginx', ['-p', ng, '-c', join(ng, 'nginx.conf'), '-s', 'stop']); } catch { /* not running */ }
		rmSync(this.dir, { recursive: true, force: true });
	}
}
