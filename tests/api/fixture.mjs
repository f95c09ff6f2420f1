// SPDX-License-Identifier: ISC
// Test fixture for the HTTP and browser suites: its own study, waves,
// participants and access codes, made through psql as the superuser, with
// code hashes computed by the program itself (uppfolj-collect --new-codes),
// plus a small cookie-keeping HTTP client. Runs against the environment of
// tests/run-all.sh (UF_*) or, standalone, against a developer's own set-up.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID, randomBytes } from 'node:crypto';

export const env = {
	src: process.env.UF_SRC ?? '/work/main',
	build: process.env.UF_BUILD ?? '/work/build/collect',
	pghost: process.env.UF_PGHOST ?? '/work/var/collect/pg',
	pgport: process.env.UF_PGPORT ?? '55441',
	db: process.env.UF_DB ?? 'uppfolj',
	secret: process.env.UF_SECRET ?? '/work/var/collect/secret.key',
	base: process.env.UF_BASE_URL ?? 'http://127.0.0.1:18080',
	artifacts: process.env.UF_ARTIFACTS ?? '/tmp/uppfolj-artifacts',
};

// Run SQL as the superuser; returns rows as arrays of strings.
export function sql(text) {
	const out = execFileSync('psql', ['-X', '-q', '-At', '-F', '\t', '-v', 'ON_ERROR_STOP=1',
		'-h', env.pghost, '-p', String(env.pgport), '-U', 'postgres', '-d', env.db,
		'-c', text], { encoding: 'utf8' });
	return out.split('\n').filter((l) => l.length > 0).map((l) => l.split('\t'));
}
export const sql1 = (text) => sql(text)[0]?.[0];

// Quote a string literal for SQL (test-generated values only).
export const lit = (s) => `'${String(s).replace(/'/g, "''")}'`;

let codePool = [];
function helperConfig() {
	const dir = mkdtempSync(join(tmpdir(), 'uf-fixture-'));
	const f = join(dir, 'collect.conf');
	writeFileSync(f, `socket = ${join(dir, 'unused.sock')}\nsecret_file = ${env.secret}\n`);
	return f;
}
let helperConf = null;

// N fresh codes with their stored hashes, from the program's own helper.
export function newCodes(n) {
	helperConf ??= helperConfig();
	const bin = join(env.build, 'collect', 'uppfolj-collect');
	if (!existsSync(bin)) throw new Error(`${bin} missing: build first`);
	const out = execFileSync(bin, ['--config', helperConf, '--new-codes', String(n)],
		{ encoding: 'utf8', env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' } });
	return out.trim().split('\n').map((l) => {
		const [code, hash] = l.split('\t');
		return { code, hash };
	});
}
function takeCode() {
	if (codePool.length === 0) codePool = newCodes(100);
	return codePool.pop();
}

let study = null;
// The fixture's study: one open wave at 24 months for every group, one
// closed wave at 36 months. Created once per database.
export function ensureStudy() {
	if (study) return study;
	const slug = 'apitest';
	let id = sql1(`SELECT study_id FROM uppfolj.study WHERE slug = ${lit(slug)}`);
	if (!id) {
		id = sql1(`INSERT INTO uppfolj.study (slug, name, start_date, synthetic)
			VALUES (${lit(slug)}, 'API-test', current_date - 730, true) RETURNING study_id`);
		sql(`INSERT INTO uppfolj.unit (study_id, name, kind, huvudman, report_label)
			VALUES (${id}, 'Testenheten', 'heldygnsvard', 'region', 'psykiatri, heldygnsvård')`);
		sql(`INSERT INTO uppfolj.wave (study_id, months, opens_on, closes_on)
			VALUES (${id}, 24, current_date - 30, current_date + 3650),
			       (${id}, 36, current_date - 400, current_date - 300)`);
		for (const grp of ['chef', 'personal', 'peer', 'patient']) {
			const v = sql1(`SELECT max(version) FROM uppfolj.instrument WHERE instrument_id = ${lit(grp)}`);
			if (!v) throw new Error(`instrument ${grp} is not loaded (uppfolj-admin forms-load)`);
			sql(`INSERT INTO uppfolj.wave_instrument (wave_id, grp, instrument_id, version)
				SELECT wave_id, ${lit(grp)}, ${lit(grp)}, ${v} FROM uppfolj.wave
				WHERE study_id = ${id}`);
		}
	}
	const unit = sql1(`SELECT unit_id FROM uppfolj.unit WHERE study_id = ${id} LIMIT 1`);
	const wave = sql1(`SELECT wave_id FROM uppfolj.wave WHERE study_id = ${id} AND months = 24`);
	const closed = sql1(`SELECT wave_id FROM uppfolj.wave WHERE study_id = ${id} AND months = 36`);
	study = { id, unit, wave, closed };
	return study;
}

// A new participant with a code. opts: grp, expired, used, closedWave.
export function participant(opts = {}) {
	const s = ensureStudy();
	const grp = opts.grp ?? 'patient';
	const panel = 'T-' + randomBytes(5).toString('hex').toUpperCase().slice(0, 10);
	const { code, hash } = takeCode();
	const pid = sql1(`INSERT INTO uppfolj.participant (study_id, panel_id, grp, unit_id, synthetic)
		VALUES (${s.id}, ${lit(panel)}, ${lit(grp)}, ${s.unit}, true) RETURNING participant_id`);
	const wave = opts.closedWave ? s.closed : s.wave;
	const expires = opts.expired ? "now() - interval '1 day'" : "now() + interval '30 days'";
	const used = opts.used ? 'now()' : 'NULL';
	const codeId = sql1(`INSERT INTO uppfolj.access_code (participant_id, wave_id, code_hash, expires_at, used_at)
		VALUES (${pid}, ${wave}, decode(${lit(hash.slice(2))}, 'hex'), ${expires}, ${used})
		RETURNING code_id`);
	return { code, hash, pid, codeId, grp, wave };
}

// What the database holds for a participant; answers are its answer rows
// and its draft's answers (0025 keeps a draft as one value on the response).
export function state(p) {
	const n = (q) => Number(sql1(q));
	return {
		responses: n(`SELECT count(*) FROM uppfolj.response WHERE participant_id = ${p.pid}`),
		submitted: n(`SELECT count(*) FROM uppfolj.response WHERE participant_id = ${p.pid} AND status = 'submitted'`),
		answers: n(`SELECT count(*) FROM uppfolj.response r, uppfolj.response_answer_rows(r) a WHERE r.participant_id = ${p.pid}`),
		consent: sql1(`SELECT decision FROM uppfolj.consent WHERE participant_id = ${p.pid}`) ?? null,
		used: sql1(`SELECT used_at IS NOT NULL FROM uppfolj.access_code WHERE code_id = ${p.codeId}`) === 't',
		sessions: n(`SELECT count(*) FROM uppfolj.collect_session WHERE participant_id = ${p.pid}`),
	};
}

export function answersOf(p) {
	return Object.fromEntries(sql(`SELECT a.item_id, coalesce(a.value_int::text, a.value_text,
		array_to_string(a.value_choices, ','), a.value_date::text,
		CASE WHEN a.dont_know THEN 'dont_know' WHEN a.declined THEN 'declined' END)
		FROM uppfolj.response r, uppfolj.response_answer_rows(r) a
		WHERE r.participant_id = ${p.pid}`));
}

// Forget failed code attempts (the rate-limit tests fill them up).
export const resetAttempts = () => sql('DELETE FROM uppfolj.collect_attempt');

export const totals = () => ({
	responses: Number(sql1('SELECT count(*) FROM uppfolj.response')),
	answers: Number(sql1('SELECT count(*) FROM uppfolj.answer')),
	consents: Number(sql1('SELECT count(*) FROM uppfolj.consent')),
});

// A client that keeps cookies and never follows redirects by itself.
export class Client {
	constructor() { this.cookies = new Map(); }
	cookieHeader() {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}
	keep(res) {
		for (const c of res.headers.getSetCookie()) {
			const [pair, ...attrs] = c.split(';');
			const eq = pair.indexOf('=');
			const name = pair.slice(0, eq).trim(), value = pair.slice(eq + 1).trim();
			const gone = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
			if (gone) this.cookies.delete(name); else this.cookies.set(name, value);
		}
	}
	async request(method, path, { body, type, headers = {} } = {}) {
		const h = { ...headers };
		if (this.cookies.size) h.cookie = this.cookieHeader();
		if (type) h['content-type'] = type;
		const res = await fetch(env.base + path, { method, body, headers: h, redirect: 'manual' });
		this.keep(res);
		const text = await res.text();
		return { status: res.status, headers: res.headers, text, location: res.headers.get('location') };
	}
	get(path) { return this.request('GET', path); }
	post(path, fields) {
		const body = fields instanceof URLSearchParams ? fields.toString()
			: typeof fields === 'string' ? fields : new URLSearchParams(fields).toString();
		return this.request('POST', path, { body, type: 'application/x-www-form-urlencoded' });
	}
	// The CSRF token of the last page's forms.
	static csrf(html) {
		const m = html.match(/name="csrf" value="([0-9a-f]{64})"/);
		return m ? m[1] : null;
	}
	// Start page + code: returns the response of POST /kod.
	async login(code) {
		const start = await this.get('/');
		return this.post('/kod', { csrf: Client.csrf(start.text), code });
	}
	// Log in, consent, and return the CSRF token of the session.
	async loginAndConsent(code) {
		const r = await this.login(code);
		if (r.status !== 303) throw new Error(`login failed: ${r.status}`);
		const info = await this.get('/information');
		const csrf = Client.csrf(info.text);
		const c = await this.post('/samtycke', { csrf, decision: 'given' });
		if (c.status !== 303) throw new Error(`consent failed: ${c.status}`);
		return csrf;
	}
}

export async function postJson(path, body, { type = 'application/json' } = {}) {
	const res = await fetch(env.base + path, {
		method: 'POST', headers: { 'content-type': type },
		body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
	});
	const text = await res.text();
	let json = null;
	try { json = JSON.parse(text); } catch { json = null; }
	return { status: res.status, headers: res.headers, text, json };
}

// A complete, valid patient response for the 24-month wave.
export function patientAnswers(def, overrides = {}) {
	const a = {};
	for (const it of def.items) {
		if (it.waves && !it.waves.includes(24)) continue;
		if (it.show_if) continue;     // conditions stay false with the values below
		switch (it.type) {
		case 'likert5': a[it.id] = 4; break;
		case 'single': a[it.id] = it.options[0].code; break;
		case 'multi': a[it.id] = [it.options[0].code]; break;
		case 'text': a[it.id] = 'Bra träffar.'; break;
		case 'integer': a[it.id] = it.min; break;
		case 'date': a[it.id] = '2025-01-01'; break;
		}
	}
	return { ...a, ...overrides };
}

export function submission(p, def, answers, extra = {}) {
	return {
		submission_id: randomUUID(), code: p.code, instrument: def.id, version: def.version,
		wave: 24, consent: true, answers, ...extra,
	};
}

export async function instrument(id) {
	const res = await fetch(`${env.base}/api/v1/instruments/${id}`);
	if (res.status !== 200) throw new Error(`instrument ${id}: ${res.status}`);
	return res.json();
}
