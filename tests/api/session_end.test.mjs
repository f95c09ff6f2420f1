// SPDX-License-Identifier: ISC
// How a respondent's session ends, over HTTP (nginx -> uppfolj-collect ->
// PostgreSQL): Avbryt, "Spara och fortsätt senare" and the idle end store
// what was posted with the page as a draft (what of it is valid), then end
// the session with Clear-Site-Data and an expired cookie; "Ja, fortsätt"
// (POST /kvar) extends it; each group gets its own idle time; an expired
// session says so on the next request and stores nothing more.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as F from './fixture.mjs';

const expiresIn = (p) => Number(F.sql1(`SELECT round(extract(epoch FROM max(expires_at) - now()))
	FROM uppfolj.collect_session WHERE participant_id = ${p.pid}`));

function assertEnded(r, to) {
	assert.equal(r.status, 303);
	assert.equal(r.location, to);
	assert.equal(r.headers.get('clear-site-data'), '"cache", "storage"');
	assert.ok(r.headers.getSetCookie().some((c) => /^uf_s=; Path=\/;.*Max-Age=0/.test(c)),
		r.headers.getSetCookie().join(' | '));
}

test('Avbryt on a page stores what is on it, keeping the draft where a value is not valid', async () => {
	const p = F.participant({ grp: 'personal' });
	const c = new F.Client();
	const csrf = await c.loginAndConsent(p.code);
	await c.post('/sida/1', { csrf, action: 'next', pers_plan_information: '2' });
	const r = await c.post('/sida/1', { csrf, action: 'cancel',
		pers_plan_roll: 'ingen-sadan',      // not an option: left out
		pers_plan_chef: '4',
		pers_plan_information: '9',         // out of range: the draft's 2 stays
		pers_plan_delaktighet: 'vet-ej',
		pers_plan_text: 'Skrivet före Avbryt',
		pers_impl_schema: '5',              // another page's item: ignored
		okand: 'x' });                      // no such item: ignored
	assertEnded(r, '/?slut=avbrutet');
	assert.deepEqual(F.answersOf(p), { pers_plan_chef: '4', pers_plan_information: '2',
		pers_plan_delaktighet: 'dont_know', pers_plan_text: 'Skrivet före Avbryt' });
	const s = F.state(p);
	assert.equal(s.sessions, 0);
	assert.equal(s.submitted, 0);
	assert.equal(s.used, false);
	// The session is gone: the same cookie and CSRF token reach nothing.
	assert.equal((await c.get('/sida/1')).status, 303);
});

test('"Spara och fortsätt senare" keeps an unfinished page (required items empty) and resumes there', async () => {
	const p = F.participant({ grp: 'personal' });
	const c = new F.Client();
	const csrf = await c.loginAndConsent(p.code);
	const page = await c.get('/sida/1');
	assert.match(page.text, /value="later"[^>]*>Spara och fortsätt senare</);
	const r = await c.post('/sida/1', { csrf, action: 'later', pers_plan_chef: '3' });
	assertEnded(r, '/?slut=sparat');
	assert.deepEqual(F.answersOf(p), { pers_plan_chef: '3' });
	const start = await c.get(r.location);
	assert.match(start.text, /Dina svar är sparade/);
	const again = new F.Client();
	assert.equal((await again.login(p.code)).status, 303);
	assert.equal((await again.get('/fortsatt')).location, '/sida/1');
	assert.match((await again.get('/sida/1')).text, /name="pers_plan_chef" value="3" checked/);
});

test('the patient page offers Avbryt only; the idle end stores the page', async () => {
	const p = F.participant();
	const c = new F.Client();
	const csrf = await c.loginAndConsent(p.code);
	const page = await c.get('/sida/1');
	assert.doesNotMatch(page.text, /value="later"/);
	assert.match(page.text, /form="survey" name="action" value="cancel" formnovalidate/);
	const def = await F.instrument('patient');
	const first = def.items.find((it) => !it.waves || it.waves.includes(24));
	const r = await c.post('/sida/1', { csrf, action: 'idle', [first.id]: first.options[1].code });
	assertEnded(r, '/?slut=tid');
	assert.deepEqual(F.answersOf(p), { [first.id]: first.options[1].code });
	assert.equal(F.state(p).sessions, 0);
});

test('ending the page needs the CSRF token, like every post', async () => {
	const p = F.participant({ grp: 'personal' });
	const c = new F.Client();
	await c.loginAndConsent(p.code);
	const r = await c.post('/sida/1', { csrf: '0'.repeat(64), action: 'cancel', pers_plan_chef: '3' });
	assert.equal(r.status, 403);
	assert.equal(F.state(p).answers, 0);
	assert.equal(F.state(p).sessions, 1);
});

test('each group has its own idle time (the test server: defaults, patient 3 min, staff 20)', async () => {
	const pat = F.participant();
	const staff = F.participant({ grp: 'chef' });
	await new F.Client().login(pat.code);
	await new F.Client().login(staff.code);
	assert.ok(Math.abs(expiresIn(pat) - 180) <= 2, `patient: ${expiresIn(pat)} s`);
	assert.ok(Math.abs(expiresIn(staff) - 1200) <= 2, `staff: ${expiresIn(staff)} s`);
	assert.equal(F.sql1(`SELECT idle_seconds FROM uppfolj.collect_session WHERE participant_id = ${pat.pid}`), '180');
});

test('"Ja, fortsätt" (POST /kvar) extends the session on the server; without the token it is refused', async () => {
	const p = F.participant();
	const c = new F.Client();
	const csrf = await c.loginAndConsent(p.code);
	// 20 s left; seen just now, so a page view would not extend it.
	F.sql(`UPDATE uppfolj.collect_session SET expires_at = now() + interval '20 seconds',
		last_seen = now() WHERE participant_id = ${p.pid}`);
	assert.equal((await c.post('/kvar', { csrf: 'x'.repeat(64) })).status, 403);
	assert.ok(expiresIn(p) <= 20);
	const r = await c.post('/kvar', { csrf });
	assert.equal(r.status, 200);
	assert.match(r.headers.get('content-type'), /^application\/json/);
	const j = JSON.parse(r.text);
	assert.ok(j.idle_left >= 178 && j.idle_left <= 180, r.text);
	assert.equal(j.idle_warn, 60);
	assert.ok(Math.abs(expiresIn(p) - 180) <= 2, `${expiresIn(p)} s`);
	// A page shows the time that is left, for the script's warning.
	const page = await c.get('/sida/1');
	const left = Number(page.text.match(/data-idle-left="(\d+)"/)[1]);
	assert.ok(left >= 175 && left <= 180, `${left}`);
});

test('after the idle deadline: the next request says why, stores nothing, clears the browser', async () => {
	const p = F.participant();
	const c = new F.Client();
	const csrf = await c.loginAndConsent(p.code);
	const def = await F.instrument('patient');
	const first = def.items.find((it) => !it.waves || it.waves.includes(24));
	F.sql(`UPDATE uppfolj.collect_session SET expires_at = now() - interval '1 second'
		WHERE participant_id = ${p.pid}`);
	const r = await c.post('/sida/1', { csrf, action: 'next', [first.id]: first.options[0].code });
	assertEnded(r, '/?slut=tid');
	assert.equal(F.state(p).answers, 0);
	assert.equal(F.state(p).sessions, 0, 'the expired row is removed');
	const start = await c.get(r.location);
	assert.match(start.text, /Din session avslutades eftersom ingen använde sidan på en stund/);
	assert.doesNotMatch(start.text, /form class="survey"|name="csrf" value="${csrf}"/);
	// Extending after the end does not bring it back.
	const again = new F.Client();
	again.cookies.set('uf_s', 'a'.repeat(64));
	const k = await again.post('/kvar', { csrf });
	assert.equal(k.status, 303);
	assert.equal(k.location, '/?slut=1');
});

test('a session ended on purpose is "ended", not "idle"; no cookie at all clears nothing', async () => {
	const p = F.participant();
	const c = new F.Client();
	const csrf = await c.loginAndConsent(p.code);
	const token = c.cookies.get('uf_s');
	await c.post('/avbryt', { csrf });
	const old = new F.Client();
	old.cookies.set('uf_s', token);
	assertEnded(await old.get('/granska'), '/?slut=1');
	const none = await new F.Client().get('/granska');
	assert.equal(none.location, '/?slut=1');
	assert.equal(none.headers.get('clear-site-data'), null);
});

test('/slut (the idle end of a page without a form) ends the session and clears the browser', async () => {
	const p = F.participant();
	const c = new F.Client();
	await c.loginAndConsent(p.code);
	assertEnded(await c.get('/slut'), '/?slut=tid');
	assert.equal(F.state(p).sessions, 0);
	// Also without a cookie: the browser's data goes all the same.
	assertEnded(await new F.Client().get('/slut'), '/?slut=tid');
});

test('the slip link resumes for its owner: scanned again after Avbryt, it continues the draft', async () => {
	const p = F.participant({ grp: 'personal' });
	const c = new F.Client();
	const csrf = await c.loginAndConsent(p.code);
	await c.post('/sida/1', { csrf, action: 'cancel', pers_plan_chef: '5' });
	const again = new F.Client();
	const r = await again.request('GET', `/k/${p.code}`, { headers: { 'sec-fetch-site': 'none' } });
	assert.equal(r.location, '/fortsatt');
	assert.equal((await again.get('/fortsatt')).location, '/sida/1');
	assert.match((await again.get('/sida/1')).text, /name="pers_plan_chef" value="5" checked/);
});
