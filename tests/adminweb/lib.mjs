// SPDX-License-Identifier: ISC
// Helpers for the admin web suites: the environment of tests/run-all.sh
// (UF_*), psql as the superuser, users made with `uppfolj-admin user-add`,
// code hashes from `uppfolj-collect --hash-code`, a cookie-keeping HTTP
// client that logs in through the real login form, CSV parsing and
// pdftotext. Standalone defaults point at the adminweb helper's set-up.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';

export const env = {
	src: process.env.UF_SRC ?? '/work/main',
	build: process.env.UF_BUILD ?? '/work/build/adminweb',
	pghost: process.env.UF_PGHOST ?? '/work/var/adminweb/pg',
	pgport: process.env.UF_PGPORT ?? '55444',
	db: process.env.UF_DB ?? 'uppfolj',
	secret: process.env.UF_SECRET ?? '/work/var/adminweb/secret.key',
	base: process.env.UF_BASE_URL ?? 'http://127.0.0.1:18084',
	artifacts: join(process.env.UF_ARTIFACTS ?? '/tmp/uppfolj-artifacts', 'adminweb'),
	// The study the admin program serves (its config's "study").
	study: process.env.UF_ADMIN_STUDY ?? 'demo',
};
mkdirSync(env.artifacts, { recursive: true });

const quiet = { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' };
const tmp = mkdtempSync(join(tmpdir(), 'uf-adminweb-'));

// Run SQL as the superuser; rows as arrays of strings.
export function sql(text, user = 'postgres') {
	const out = execFileSync('psql', ['-X', '-q', '-At', '-F', '\t', '-v', 'ON_ERROR_STOP=1',
		'-h', env.pghost, '-p', String(env.pgport), '-U', user, '-d', env.db, '-c', text],
	{ encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	return out.split('\n').filter((l) => l.length > 0).map((l) => l.split('\t'));
}
export const sql1 = (text) => sql(text)[0]?.[0];
export const num = (text) => Number(sql1(text));
export const lit = (s) => `'${String(s).replace(/'/g, "''")}'`;

export const studyId = () => sql1(`SELECT study_id FROM uppfolj.study WHERE slug = ${lit(env.study)}`);
// A unit of the study by (part of) its name.
export const unitId = (name) => sql1(`SELECT unit_id FROM uppfolj.unit
	WHERE study_id = ${studyId()} AND name LIKE ${lit(name + '%')} ORDER BY unit_id LIMIT 1`);
export const unitName = (id) => sql1(`SELECT name FROM uppfolj.unit WHERE unit_id = ${id}`);

// A fresh user name (the test may run many times against one database).
export const uname = (prefix) => `${prefix}${randomBytes(4).toString('hex')}`;

// Create a user with the program's own CLI; returns { name, password }.
export function userAdd(prefix, role = 'admin', units = []) {
	const name = uname(prefix);
	const password = `Lösen-${randomBytes(6).toString('hex')}`;
	const pwf = join(tmp, `${name}.pw`);
	writeFileSync(pwf, password + '\n', { mode: 0o600 });
	const args = ['user-add', '--db',
		`host=${env.pghost} port=${env.pgport} dbname=${env.db} user=uppfolj_admin`,
		'--role', role, '--password-file', pwf];
	for (const u of units) args.push('--unit', String(u));
	args.push(name);
	execFileSync(join(env.build, 'admin', 'uppfolj-admin'), args, { env: quiet, stdio: 'pipe' });
	return { name, password, role };
}

// The stored form of an access code (bytea hex "\\x..."), computed by
// uppfolj-collect with the same key.
let hashConf = null;
export function codeHash(code) {
	if (!hashConf) {
		hashConf = join(tmp, 'collect.conf');
		writeFileSync(hashConf, `socket = ${join(tmp, 'unused.sock')}\nsecret_file = ${env.secret}\n`);
	}
	return execFileSync(join(env.build, 'collect', 'uppfolj-collect'),
		['--config', hashConf, '--hash-code', code], { encoding: 'utf8', env: quiet }).trim();
}
export const hashHex = (code) => codeHash(code).replace(/^\\x/, '');

// Text of a PDF (pdftotext), and the access codes printed on a sheet.
export function pdfText(bytes, name) {
	const f = join(env.artifacts, name);
	writeFileSync(f, bytes);
	return execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}
export const codesIn = (text) => [...new Set(text.match(/\b[A-HJ-NP-Z2-9]{3}-[A-HJ-NP-Z2-9]{3}-[A-HJ-NP-Z2-9]{3}\b/g) ?? [])];

// RFC 4180 CSV into rows of fields (quoted fields may hold commas, quotes
// and line breaks).
export function parseCsv(text) {
	const rows = [];
	let row = [], field = '', i = 0, quoted = false;
	while (i < text.length) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
			if (ch === '"') { quoted = false; i++; continue; }
			field += ch; i++; continue;
		}
		if (ch === '"') { quoted = true; i++; continue; }
		if (ch === ',') { row.push(field); field = ''; i++; continue; }
		if (ch === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 2; continue; }
		if (ch === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; continue; }
		field += ch; i++;
	}
	if (field !== '' || row.length) { row.push(field); rows.push(row); }
	return rows;
}

// The CSRF token of the first form in an HTML page.
export const csrfOf = (html) => html.match(/name="csrf" value="([0-9a-f]{64})"/)?.[1];

// SHA-256 of a session token as admin_session stores it (hex).
export const tokenHash = (t) => createHash('sha256').update(t).digest('hex');

// One request from a given local (loopback) address, e.g. 127.0.0.2, so a
// test can be another client address; answers like fetch's.
function requestFrom(localAddress, method, url, body, headers) {
	return new Promise((resolve, reject) => {
		const rq = httpRequest(url, { method, headers, localAddress }, (res) => {
			const parts = [];
			res.on('data', (d) => parts.push(d));
			res.on('end', () => {
				const h = new Headers();
				for (const [k, v] of Object.entries(res.headers))
					for (const one of [].concat(v)) h.append(k, one);
				resolve({ status: res.statusCode, headers: h, body: Buffer.concat(parts) });
			});
			res.on('error', reject);
		});
		rq.on('error', reject);
		rq.end(body);
	});
}

// An HTTP client with its own cookie jar (one browser); from: the local
// address it connects from (default: the system's choice, 127.0.0.1).
export class Client {
	constructor({ from } = {}) { this.jar = new Map(); this.from = from; }
	cookieHeader() {
		return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
	}
	keep(res) {
		this.lastCookies = res.headers.getSetCookie();
		for (const c of this.lastCookies) {
			const [pair] = c.split(';');
			const eq = pair.indexOf('=');
			const k = pair.slice(0, eq), v = pair.slice(eq + 1);
			if (v === '' || /Max-Age=0/i.test(c)) this.jar.delete(k); else this.jar.set(k, v);
		}
	}
	async req(method, path, body, headers = {}) {
		const h = { ...headers };
		if (this.jar.size) h.cookie = this.cookieHeader();
		if (body !== undefined && !h['content-type']) h['content-type'] = 'application/x-www-form-urlencoded';
		let res, buf;
		if (this.from) {
			res = await requestFrom(this.from, method, env.base + path, body, h);
			buf = res.body;
		} else {
			res = await fetch(env.base + path, { method, body, headers: h, redirect: 'manual' });
			buf = Buffer.from(await res.arrayBuffer());
		}
		this.keep(res);
		return { status: res.status, headers: res.headers, buf, text: buf.toString('utf8'),
			location: res.headers.get('location') };
	}
	get(path) { return this.req('GET', path); }
	// POST a form: fields as an object or [[k, v], ...]; csrf: true adds the
	// session's token (from the cookie the browser holds).
	post(path, fields = {}, { csrf = true } = {}) {
		const p = new URLSearchParams(Array.isArray(fields) ? fields : Object.entries(fields));
		if (csrf && this.jar.has('uf_admin_csrf') && !p.has('csrf')) p.set('csrf', this.jar.get('uf_admin_csrf'));
		return this.req('POST', path, p.toString());
	}
	async login(user, password = user.password) {
		const form = await this.get('/admin/login');
		const token = csrfOf(form.text);
		const r = await this.post('/admin/login', { csrf: token, anvandarnamn: user.name ?? user, losenord: password }, { csrf: false });
		return r;
	}
	get token() { return this.jar.get('uf_admin'); }
}

// A logged-in client for user (asserts the login worked).
export async function loggedIn(user) {
	const c = new Client();
	const r = await c.login(user);
	if (r.status !== 303 || r.location !== '/admin/') throw new Error(`login of ${user.name}: ${r.status}`);
	return c;
}

// The auditable actions a user did, newest first.
export const auditCount = (action, actor) => num(`SELECT count(*) FROM uppfolj.audit_log
	WHERE action = ${lit(action)}${actor ? ` AND actor = ${lit(actor)}` : ''}`);

// Answer a whole questionnaire through the respondent JSON API with an
// access code (consent given); returns the HTTP status.
export async function answerByApi(code, grp, months) {
	const def = await (await fetch(`${env.base}/api/v1/instruments/${grp}`)).json();
	const answers = {};
	for (const it of def.items) {
		if ((it.waves && !it.waves.includes(months)) || it.show_if) continue;
		switch (it.type) {
		case 'likert5': answers[it.id] = 4; break;
		case 'single': answers[it.id] = it.options[0].code; break;
		case 'multi': answers[it.id] = [it.options[0].code]; break;
		case 'text': answers[it.id] = 'Svar, med "citat" och\nny rad.'; break;
		case 'integer': answers[it.id] = it.min; break;
		case 'date': answers[it.id] = '2025-01-01'; break;
		}
	}
	const res = await fetch(`${env.base}/api/v1/responses`, {
		method: 'POST', headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ submission_id: crypto.randomUUID(), code, instrument: def.id,
			version: def.version, wave: months, consent: true, answers }),
	});
	await res.text();
	return res.status;
}
