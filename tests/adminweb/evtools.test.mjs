// SPDX-License-Identifier: ISC
// Evaluator tooling (issue 14) in the admin web: the rate page agrees with
// the data (and has totals, a trend and a CSV), participant status with
// counts equal to `uppfolj-admin export`, users deactivated, reactivated and
// given a new password, the audit-log page, a lost slip's code replaced
// (the old code refused at once, the draft kept) and test mode. Every
// rejection is tested; the new pages are screenshot at desktop and tablet
// sizes and checked with axe-core (WCAG 2.1 A/AA), with JavaScript on and off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import * as L from './lib.mjs';

const exe = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));
let browser, admin, evaluator;
const ADB = `host=${L.env.pghost} port=${L.env.pgport} dbname=${L.env.db} user=uppfolj_admin`;
const ADMIN_BIN = join(L.env.build, 'admin', 'uppfolj-admin');
const quiet = { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' };

before(async () => {
	browser = await chromium.launch({ executablePath: exe, headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
	admin = L.userAdd('awev', 'admin');
	evaluator = L.userAdd('awevev', 'evaluator');
});
after(async () => { await browser?.close(); });

// `uppfolj-admin export --format wide` of the served study, parsed.
function wideExport() {
	const out = execFileSync(ADMIN_BIN, ['export', '--db', ADB, '--study', L.env.study,
		'--format', 'wide', '-o', '-'], { encoding: 'utf8', env: quiet, maxBuffer: 1 << 28 });
	const rows = L.parseCsv(out.replace(/^\uFEFF/, ''));
	const head = rows.shift();
	return rows.filter((r) => r.length === head.length).map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
}

// The numbers of a table's cells matching a selector, summed.
const sumOf = (html, re) => [...html.matchAll(re)].reduce((s, m) => s + Number(m[1]), 0);

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
async function axeViolations(page) {
	await page.evaluate(axeSource);
	const r = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag',
		values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }));
	return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the rate page counts the 24-month wave from its data (it said "Inga koder")', async () => {
	const a = await L.loggedIn(admin);
	const r = await a.get('/admin/svarsfrekvens?omgang=24');
	assert.equal(r.status, 200);
	assert.ok(!r.text.includes('Inga koder är utdelade här ännu'), 'the old empty message');
	// Reference: the submitted responses of the wave in the database.
	const want = L.num(`SELECT count(*) FROM uppfolj.response r JOIN uppfolj.wave w USING (wave_id)
		WHERE w.study_id = ${L.studyId()} AND w.months = 24 AND r.status = 'submitted' AND NOT r.test`);
	assert.ok(want > 0, 'the demo has answers in the 24-month wave');
	const got = sumOf(r.text, /<tr data-wave="24"[^>]*>.*?data-col="submitted">(\d+)</g);
	assert.equal(got, want);
	// ... and the patients' answers equal the export's 24-month patient rows
	const exp = wideExport().filter((x) => x.wave === '24' && x.group === 'patient').length;
	assert.ok(exp > 0);
	assert.equal(sumOf(r.text, /<tr data-wave="24"[^>]*data-group="patient">.*?data-col="submitted">(\d+)</g), exp);
});

test('rates: totals per wave, unit kind and group, and the page as CSV', async () => {
	const a = await L.loggedIn(admin);
	const page = await a.get('/admin/svarsfrekvens');
	assert.equal(page.status, 200);
	const rows = [...page.text.matchAll(/<tr data-wave="(\d+)" data-unit="(\d+)" data-group="(\w+)">(.*?)<\/tr>/g)];
	assert.ok(rows.length > 0);
	for (const m of ['12', '24', '36']) {
		const mine = rows.filter((x) => x[1] === m);
		if (!mine.length) continue;
		const inv = mine.reduce((s, x) => s + Number(x[4].match(/data-col="invited">(\d+)/)[1]), 0);
		const sub = mine.reduce((s, x) => s + Number(x[4].match(/data-col="submitted">(\d+)/)[1]), 0);
		const tot = page.text.match(new RegExp(`<tr data-total="${m}">.*?data-col="invited">(\\d+).*?data-col="submitted">(\\d+).*?data-col="rate">([^<]+)<`));
		assert.ok(tot, `a total row for ${m} months`);
		assert.equal(Number(tot[1]), inv);
		assert.equal(Number(tot[2]), sub);
		// the rate: submitted / invited in percent, one decimal, comma
		assert.equal(tot[3], `${(Math.round(1000 * sub / inv) / 10).toFixed(1).replace('.', ',')} %`);
		// the trend row of all groups shows the same rate under the wave
		const waves = [...page.text.matchAll(/<th scope="col" class="num">(\d+) månader<\/th>/g)].map((x) => x[1]);
		const cells = [...page.text.match(/<tr data-trend="alla">([\s\S]*?)<\/tr>/)[1].matchAll(/<td class="num">([\s\S]*?)<\/td>/g)];
		assert.ok(cells[waves.indexOf(m)][1].startsWith(tot[3]), `trend ${m}`);
		assert.ok(cells[waves.indexOf(m)][1].includes(`${sub} av ${inv}`));
		const pat = page.text.match(new RegExp(`<tr data-total="${m}-patient">.*?data-col="submitted">(\\d+)`));
		if (pat) assert.equal(Number(pat[1]), mine.filter((x) => x[3] === 'patient')
			.reduce((s, x) => s + Number(x[4].match(/data-col="submitted">(\d+)/)[1]), 0));
	}
	assert.match(page.text, /data-total="\d+-heldygnsvard"/);
	const csv = await a.get('/admin/svarsfrekvens.csv');
	assert.equal(csv.status, 200);
	assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
	const t = L.parseCsv(csv.text);
	assert.deepEqual(t[0], ['months', 'unit_id', 'report_label', 'group', 'invited', 'started',
		'consented', 'declined', 'submitted', 'rate']);
	assert.equal(t.length - 1, rows.length);
	assert.equal(t.slice(1).reduce((s, x) => s + Number(x[8]), 0),
		rows.reduce((s, x) => s + Number(x[4].match(/data-col="submitted">(\d+)/)[1]), 0));
	const filtered = L.parseCsv((await a.get('/admin/svarsfrekvens.csv?omgang=24&enhet=')).text);
	assert.ok(filtered.slice(1).every((x) => x[0] === '24') && filtered.length > 1);
	assert.equal((await a.get('/admin/svarsfrekvens.csv?omgang=x')).status, 400);
});

test('a unit contact: masked rates CSV of their own units, status without answers', async () => {
	const unit = L.unitId('Avdelning 3,');
	const other = L.sql1(`SELECT unit_id FROM uppfolj.unit WHERE study_id = ${L.studyId()} AND unit_id <> ${unit} LIMIT 1`);
	const contact = L.userAdd('awevk', 'unit_contact', [unit]);
	const k = await L.loggedIn(contact);
	const csv = L.parseCsv((await k.get('/admin/svarsfrekvens.csv')).text);
	assert.ok(csv.length > 1 && csv.slice(1).every((x) => x[1] === String(unit)));
	assert.ok(csv.slice(1).some((x) => x.slice(4, 9).includes('<5')), 'small counts masked');
	const s = await k.get('/admin/deltagare');
	assert.equal(s.status, 200);
	const panels = [...s.text.matchAll(/<tr data-panel="([^"]+)"/g)].map((m) => m[1]);
	assert.ok(panels.length > 0);
	const units = L.sql(`SELECT DISTINCT p.unit_id FROM uppfolj.participant p WHERE p.panel_id IN (${panels.map(L.lit).join(',')})`);
	assert.deepEqual(units, [[String(unit)]]);
	assert.ok(!s.text.includes('status-counts'), 'no cross-unit count table');
	assert.equal((await k.get(`/admin/deltagare?enhet=${other}`)).text.match(/data-total="(\d+)"/)[1], '0');
	assert.equal((await k.get('/admin/deltagare?test=ja')).status, 403);
	assert.equal((await k.get('/admin/deltagare.csv')).status, 403);
	assert.equal((await k.get('/admin/logg')).status, 403);
});

test('participant status: counts equal the export, filters, paging and rejections', async () => {
	const a = await L.loggedIn(admin);
	const page = await a.get('/admin/deltagare');
	assert.equal(page.status, 200);
	const exp = wideExport();
	for (const m of ['12', '24', '36']) {
		const cell = page.text.match(new RegExp(`<tr data-wave="${m}">.*?data-state="submitted">(\\d+)<`));
		if (!cell) continue;
		assert.equal(Number(cell[1]), exp.filter((x) => x.wave === m).length, `${m} months`);
	}
	// a filter on state and wave; every row has that state
	const f = await a.get('/admin/deltagare?omgang=24&lage=submitted');
	const states = [...f.text.matchAll(/<tr data-panel="[^"]+" data-state="(\w+)"/g)].map((m) => m[1]);
	assert.equal(states.length, 50, 'a full page');
	assert.ok(states.every((s) => s === 'submitted'));
	const total = Number(f.text.match(/data-total="(\d+)"/)[1]);
	assert.equal(total, exp.filter((x) => x.wave === '24').length);
	const p2 = await a.get('/admin/deltagare?omgang=24&lage=submitted&sida=2');
	const first = (t) => t.match(/<tr data-panel="([^"]+)"/)[1];
	assert.notEqual(first(p2.text), first(f.text));
	assert.match(p2.text, /name="sida" value="1">Föregående sida/);
	assert.match(p2.text, /<input type="hidden" name="lage" value="submitted">/, 'paging keeps the filters');
	// no answers on the page: not one answer text of the export
	assert.ok(!/Det har varit bra att prata/.test(page.text));
	// CSV of the whole list
	const csv = L.parseCsv((await a.get('/admin/deltagare.csv')).text);
	assert.equal(csv[0].join(','), 'months,unit,panel_id,group,state,issued,opened,consent,started,submitted');
	assert.equal(csv.slice(1).filter((x) => x[4] === 'submitted').length, exp.length);
	for (const bad of ['omgang=abc', 'omgang=0', 'lage=erased', 'sida=0', 'sida=x', 'test=1', 'enhet=-1'])
		assert.equal((await a.get(`/admin/deltagare?${bad}`)).status, 400, bad);
	const e = await L.loggedIn(evaluator);
	assert.equal((await e.get('/admin/deltagare')).status, 200);
	assert.equal((await e.get('/admin/deltagare?test=ja')).status, 403);
});

test('users: deactivate ends the sessions and refuses logins; reactivate; reset shows a new password once', async () => {
	const a = await L.loggedIn(admin);
	const victim = L.userAdd('awevu', 'evaluator');
	const v = await L.loggedIn(victim);
	const id = L.sql1(`SELECT user_id FROM uppfolj.app_user WHERE username = ${L.lit(victim.name)}`);
	let r = await a.post('/admin/anvandare/atgard', { anvandare: id, atgard: 'inaktivera' });
	assert.equal(r.status, 303);
	assert.equal(r.location, '/admin/anvandare?klart=inaktiverad');
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.admin_session WHERE user_id = ${id}`), 0);
	assert.equal((await v.get('/admin/')).status, 303, 'the old session is gone');
	assert.equal((await new L.Client().login(victim)).status, 401, 'login refused');
	const list = await a.get('/admin/anvandare');
	const row = list.text.match(new RegExp(`data-user="${victim.name}">([\\s\\S]*?)</tr>`))[1];
	assert.match(row, /Avstängd/);
	assert.match(row, /Återaktivera/);
	assert.ok(!row.includes('Inaktivera'));
	r = await a.post('/admin/anvandare/atgard', { anvandare: id, atgard: 'aktivera' });
	assert.equal(r.status, 303);
	await L.loggedIn(victim);
	r = await a.post('/admin/anvandare/atgard', { anvandare: id, atgard: 'losenord' });
	assert.equal(r.status, 200);
	const pw = r.text.match(/<code id="nytt-losenord">([^<]+)<\/code>/)[1];
	assert.equal(pw.length, 24);
	assert.equal(r.headers.get('cache-control')?.includes('no-store'), true);
	assert.ok(!(await a.get('/admin/anvandare')).text.includes(pw), 'shown once');
	assert.equal((await new L.Client().login(victim)).status, 401, 'old password refused');
	await L.loggedIn({ name: victim.name, password: pw });
	assert.deepEqual(L.sql(`SELECT action FROM uppfolj.audit_log WHERE object = 'user:${id}'
		AND action <> 'user.login' ORDER BY audit_id`).map((x) => x[0]),
	['user.deactivate', 'user.reactivate', 'user.password_reset']);
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.audit_log WHERE detail::text LIKE ${L.lit('%' + pw + '%')}`), 0);
	// rejections
	const self = L.sql1(`SELECT user_id FROM uppfolj.app_user WHERE username = ${L.lit(admin.name)}`);
	r = await a.post('/admin/anvandare/atgard', { anvandare: self, atgard: 'inaktivera' });
	assert.equal(r.status, 400);
	assert.match(r.text, /Du kan inte inaktivera ditt eget konto/);
	r = await a.post('/admin/anvandare/atgard', { anvandare: id, atgard: 'radera' });
	assert.equal(r.status, 400);
	assert.match(r.text, /Välj en åtgärd/);
	r = await a.post('/admin/anvandare/atgard', { anvandare: '99999999', atgard: 'inaktivera' });
	assert.equal(r.status, 404);
	assert.equal((await a.post('/admin/anvandare/atgard', { anvandare: 'x', atgard: 'inaktivera' })).status, 400);
	assert.equal((await a.post('/admin/anvandare/atgard', { anvandare: id, atgard: 'inaktivera', extra: '1' })).status, 400);
	assert.equal((await a.post('/admin/anvandare/atgard', { anvandare: id, atgard: 'inaktivera' }, { csrf: false })).status, 403);
	const e = await L.loggedIn(evaluator);
	assert.equal((await e.post('/admin/anvandare/atgard', { anvandare: id, atgard: 'inaktivera' })).status, 403);
	assert.equal(L.sql1(`SELECT disabled FROM uppfolj.app_user WHERE user_id = ${id}`), 'f', 'no refused request changed it');
});

test('the audit log: filters, paging, admins only', async () => {
	const a = await L.loggedIn(admin);
	let r = await a.get('/admin/logg');
	assert.equal(r.status, 200);
	const total = Number(r.text.match(/data-total="(\d+)"/)[1]);
	assert.equal(total, L.num('SELECT count(*) FROM uppfolj.audit_log'));
	// a login's actor is the user name itself
	r = await a.get(`/admin/logg?aktor=${encodeURIComponent(admin.name)}&handelse=user.login`);
	const acts = [...r.text.matchAll(/<tr data-action="([^"]+)"/g)].map((m) => m[1]);
	assert.ok(acts.length >= 1 && acts.every((x) => x === 'user.login'));
	assert.equal(Number(r.text.match(/data-total="(\d+)"/)[1]), L.num(`SELECT count(*) FROM uppfolj.audit_log
		WHERE actor = ${L.lit(admin.name)} AND action = 'user.login'`));
	const today = L.sql1("SELECT to_char(now(), 'YYYY-MM-DD')");
	r = await a.get(`/admin/logg?fran=2000-01-01&till=2000-12-31`);
	assert.equal(r.text.match(/data-total="(\d+)"/)[1], '0');
	assert.match(r.text, /Inga händelser med det urvalet/);
	r = await a.get(`/admin/logg?fran=${today}&till=${today}`);
	assert.ok(Number(r.text.match(/data-total="(\d+)"/)[1]) > 0);
	if (total > 50) {
		r = await a.get('/admin/logg?sida=2');
		assert.match(r.text, /Föregående sida/);
	}
	for (const bad of ['fran=2026-02-30', 'till=idag', 'fran=2026-03-02&till=2026-03-01',
		'handelse=DROP%20TABLE', 'sida=0', `aktor=${'x'.repeat(101)}`, 'aktor=a%07b'])
		assert.equal((await a.get(`/admin/logg?${bad}`)).status, 400, bad);
	const e = await L.loggedIn(evaluator);
	assert.equal((await e.get('/admin/logg')).status, 403);
});

// A fresh participant's code in the open wave, printed by the CLI.
function freshCode(unit) {
	const out = join(L.env.artifacts, `ev-code-${Date.now()}.pdf`);
	execFileSync(ADMIN_BIN, ['codes', '--db', ADB, '--secret', L.env.secret, '--study', L.env.study,
		'--wave', '36', '--unit', String(unit), '--group', 'patient', '--count', '1',
		'--base-url', L.env.base, '-o', out], { env: quiet, stdio: 'pipe' });
	return L.codesIn(execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' }))[0];
}

test('a lost slip: the old code stops at once, the new slip is the same participant, the draft stays', async () => {
	const unit = L.unitId('Avdelning 3,');
	const code = freshCode(unit);
	const pid = L.sql1(`SELECT participant_id FROM uppfolj.access_code WHERE code_hash = decode('${L.hashHex(code)}', 'hex')`);
	const panel = L.sql1(`SELECT panel_id FROM uppfolj.participant WHERE participant_id = ${pid}`);
	// The patient begins on a tablet and answers the first page (a draft).
	const ctx = await browser.newContext({ viewport: { width: 768, height: 1024 }, hasTouch: true, locale: 'sv-SE' });
	const T = await ctx.newPage();
	await T.goto(`${L.env.base}/`);
	await T.getByLabel('Din kod').fill(code);
	await Promise.all([T.waitForURL(/\/information$/), T.getByRole('button', { name: 'Börja' }).click()]);
	await Promise.all([T.waitForURL(/\/sida\/\d+$/), T.getByRole('button', { name: 'Ja, jag vill delta' }).click()]);
	const first = T.locator('form.survey .item:visible').first();
	await first.locator('label.choice').first().click();
	const url = T.url();
	await Promise.all([T.waitForURL((u) => u.toString() !== url), T.getByRole('button', { name: 'Nästa' }).click()]);
	const draft = L.num(`SELECT count(*) FROM uppfolj.response r, uppfolj.response_answer_rows(r) a
		WHERE r.participant_id = ${pid} AND r.status = 'draft'`);
	assert.ok(draft >= 1, 'a draft with an answer');
	// The admin replaces the code and gets the new slip.
	const a = await L.loggedIn(admin);
	let r = await a.post('/admin/ersatt-kod', { omgang: '36', deltagare: panel });
	assert.equal(r.status, 200);
	assert.equal(r.headers.get('content-type'), 'application/pdf');
	const text = L.pdfText(r.buf, 'ev-new-slip.pdf');
	const [fresh] = L.codesIn(text);
	assert.ok(fresh && fresh !== code);
	assert.match(text, /36 månader/);
	assert.equal(L.sql1(`SELECT participant_id FROM uppfolj.access_code WHERE code_hash = decode('${L.hashHex(fresh)}', 'hex')`), pid,
		'the new code is the same participant\'s');
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.access_code WHERE code_hash = decode('${L.hashHex(code)}', 'hex')`), 0);
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.audit_log WHERE action = 'code.replace' AND actor = ${L.lit('web:' + admin.name)}`), 1);
	// The old session cannot save any more (its row is gone; a POST always
	// reads the database) ...
	await first.isVisible();
	const before = T.url();
	await T.locator('form.survey .item:visible label.choice').first().click().catch(() => {});
	await T.getByRole('button', { name: 'Nästa' }).click();
	await T.waitForURL((u) => u.toString() !== before);
	assert.ok(!/\/sida\//.test(new URL(T.url()).pathname), `sent away from the survey: ${T.url()}`);
	// ... and the old code is refused with the start page's Swedish message.
	await T.goto(`${L.env.base}/`);
	await T.getByLabel('Din kod').fill(code);
	await T.getByRole('button', { name: 'Börja' }).click();
	await T.waitForLoadState();
	assert.match(await T.locator('main').innerText(), /Koden gick inte att använda/);
	// The new code opens the same participant's draft.
	await T.getByLabel('Din kod').fill(fresh);
	await T.getByRole('button', { name: 'Börja' }).click();
	await T.waitForLoadState();
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.response r, uppfolj.response_answer_rows(r) a
		WHERE r.participant_id = ${pid} AND r.status = 'draft'`), draft, 'the draft is still theirs');
	assert.equal(L.sql1(`SELECT s.participant_id FROM uppfolj.collect_session s JOIN uppfolj.access_code c USING (code_id)
		WHERE c.code_hash = decode('${L.hashHex(fresh)}', 'hex')`), pid);
	await ctx.close();
	// rejections: unknown participant, malformed id, used code, bad wave, no CSRF
	r = await a.post('/admin/ersatt-kod', { omgang: '36', deltagare: 'B-NOBODY' });
	assert.equal(r.status, 404);
	assert.match(r.text, /har ingen kod i 36-månadersomgången/);
	r = await a.post('/admin/ersatt-kod', { omgang: '36', deltagare: 'b-<x>' });
	assert.equal(r.status, 400);
	const used = L.sql1(`SELECT p.panel_id FROM uppfolj.access_code c JOIN uppfolj.participant p USING (participant_id)
		JOIN uppfolj.wave w USING (wave_id) WHERE w.months = 36 AND c.used_at IS NOT NULL AND w.study_id = ${L.studyId()} LIMIT 1`);
	if (used) {
		r = await a.post('/admin/ersatt-kod', { omgang: '36', deltagare: used });
		assert.equal(r.status, 409);
		assert.match(r.text, /redan skickat in/);
	}
	assert.equal((await a.post('/admin/ersatt-kod', { omgang: 'x', deltagare: panel })).status, 400);
	assert.equal((await a.post('/admin/ersatt-kod', { omgang: '36', deltagare: panel }, { csrf: false })).status, 403);
	const e = await L.loggedIn(evaluator);
	assert.equal((await e.post('/admin/ersatt-kod', { omgang: '36', deltagare: panel })).status, 403);
	assert.equal(L.num(`SELECT replacements FROM uppfolj.access_code WHERE participant_id = ${pid}`), 1, 'refused requests changed nothing');
});

test('test mode from the web: a test code\'s answer is in no rate or export, and purge removes it', async () => {
	const unit = L.unitId('Avdelning 3,');
	const code = freshCode(unit);
	const pid = L.sql1(`SELECT participant_id FROM uppfolj.access_code WHERE code_hash = decode('${L.hashHex(code)}', 'hex')`);
	const panel = L.sql1(`SELECT panel_id FROM uppfolj.participant WHERE participant_id = ${pid}`);
	const a = await L.loggedIn(admin);
	let r = await a.post('/admin/testlage', { omgang: '36', deltagare: panel, lage: 'test' });
	assert.equal(r.status, 303);
	const rate = async () => sumOf((await a.get(`/admin/svarsfrekvens?omgang=36&enhet=${unit}`)).text,
		/data-group="patient">.*?data-col="submitted">(\d+)</g);
	const before = await rate();
	assert.equal(await L.answerByApi(code, 'patient', 36), 201);
	assert.equal(L.sql1(`SELECT test FROM uppfolj.response WHERE participant_id = ${pid}`), 't');
	assert.equal(await rate(), before, 'the test answer is not counted');
	assert.ok(!wideExport().some((x) => x.panel_id === panel), 'not in the export');
	const st = await a.get(`/admin/deltagare?omgang=36&lage=submitted&test=ja&enhet=${unit}`);
	assert.ok(st.text.includes(`data-panel="${panel}"`) || Number(st.text.match(/data-total="(\d+)"/)[1]) > 50,
		'an admin can list test participants');
	r = await a.post('/admin/testlage/rensa', {});
	assert.equal(r.status, 303);
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.response WHERE participant_id = ${pid}`), 0);
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.audit_log WHERE action = 'test.purge' AND actor = ${L.lit('web:' + admin.name)}`), 1);
	// rejections
	assert.equal((await a.post('/admin/testlage', { omgang: '36', deltagare: panel, lage: 'kanske' })).status, 400);
	assert.equal((await a.post('/admin/testlage', { omgang: '999', lage: 'test' })).status, 400);
	assert.equal((await a.post('/admin/testlage', { omgang: '7', lage: 'test' })).status, 404);
	assert.equal((await a.post('/admin/testlage/rensa', {}, { csrf: false })).status, 403);
	assert.equal((await a.post('/admin/testlage/rensa', { x: '1' })).status, 400);
	const e = await L.loggedIn(evaluator);
	assert.equal((await e.post('/admin/testlage/rensa', {})).status, 403);
	assert.equal((await e.post('/admin/testlage', { omgang: '36', lage: 'test' })).status, 403);
	assert.equal(L.sql1(`SELECT test FROM uppfolj.wave WHERE study_id = ${L.studyId()} AND months = 36`), 'f');
});

test('the new pages: screenshots at desktop and tablet size, axe-core finds nothing, with and without JavaScript', async () => {
	const pages = [['svarsfrekvens', '/admin/svarsfrekvens?omgang=24'], ['deltagare', '/admin/deltagare'],
		['logg', '/admin/logg'], ['anvandare', '/admin/anvandare'], ['ersatt-kod', '/admin/ersatt-kod']];
	for (const [vp, size] of [['desktop', { width: 1280, height: 900 }], ['tablet', { width: 768, height: 1024 }]]) {
		// The admin pages have no script: without JavaScript once is enough.
		for (const js of vp === 'desktop' ? [true, false] : [true]) {
			const ctx = await browser.newContext({ viewport: size, locale: 'sv-SE', javaScriptEnabled: js });
			const page = await ctx.newPage();
			await page.goto(`${L.env.base}/admin/login`);
			await page.getByLabel('Användarnamn').fill(admin.name);
			await page.getByLabel('Lösenord').fill(admin.password);
			await Promise.all([page.waitForURL(/\/admin\/$/), page.getByRole('button', { name: 'Logga in' }).click()]);
			for (const [name, path] of pages) {
				await page.goto(`${L.env.base}${path}`);
				if (js) await page.screenshot({ path: join(L.env.artifacts, `ev-${name}-${vp}.png`), fullPage: true });
				// axe needs script: run it on a scripted copy of the same HTML
				const html = await page.content();
				const check = await browser.newContext({ viewport: size, locale: 'sv-SE' });
				const cp = await check.newPage();
				await cp.route((u) => u.toString() === `${L.env.base}${path}`, (route) =>
					route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
				await cp.goto(`${L.env.base}${path}`);
				assert.deepEqual(await axeViolations(cp), [], `${name} ${vp} js=${js}`);
				await check.close();
			}
			await ctx.close();
		}
	}
});
