// SPDX-License-Identifier: ISC
// uppfolj-collect keeps the draft answers of sessions it has read in a
// per-process cache (session_cache_seconds, default 5), used only when the
// database confirms the draft is unchanged (schema 0018; tests/scale checks
// it with two instances). These tests show a page first (so the session is
// cached) and then change or end the session: the next page view must see
// the change at once, never the cached copy. Each would fail if the cache ignored expiry or were not
// dropped after submit, cancel, timeout, another login or an API submission.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as F from './fixture.mjs';

const def = await F.instrument('patient');
const asked = def.items.filter((it) => !it.waves || it.waves.includes(24));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Logged in, consented, page 1 shown (so the session is in the cache).
async function cachedSession(p) {
	const c = new F.Client();
	const csrf = await c.loginAndConsent(p.code);
	const first = await c.get('/sida/1');
	assert.equal(first.status, 200);
	assert.equal((await c.get('/sida/1')).status, 200);
	return { c, csrf };
}

test('a cached session still ends when it expires in the database', async () => {
	const p = F.participant();
	const c = new F.Client();
	await c.loginAndConsent(p.code);
	// Expire in 3 s: the next view loads and caches the session with that time.
	F.sql(`UPDATE uppfolj.collect_session SET expires_at = now() + interval '3 seconds'
		WHERE participant_id = ${p.pid}`);
	assert.equal((await c.get('/sida/1')).status, 200);
	assert.equal((await c.get('/sida/1')).status, 200, 'served while the session lives');
	await sleep(3500);   // shorter than the cache's lifetime of 5 s
	const r = await c.get('/sida/1');
	assert.equal(r.status, 303, 'an expired session is not served from the cache');
	assert.equal(r.location, '/?slut=tid');
});

test('a saved answer shows on the next view of a cached page', async () => {
	const p = F.participant();
	const { c, csrf } = await cachedSession(p);
	const it = asked[0];
	const code = it.options[0].code;
	const before = await c.get('/sida/1');
	assert.doesNotMatch(before.text, new RegExp(`value="${code}" checked`));
	const r = await c.post('/sida/1', { csrf, action: 'next', [it.id]: code });
	assert.equal(r.status, 303);
	const after = await c.get('/sida/1');
	assert.match(after.text, new RegExp(`value="${code}" checked`));
});

test('after submit the cached session is gone at once', async () => {
	const p = F.participant();
	const { c, csrf } = await cachedSession(p);
	const token = c.cookies.get('uf_s');
	for (let i = 0; i < asked.length; i++) {
		const it = asked[i];
		if (it.show_if) continue;
		const v = it.type === 'likert5' ? '4' : it.type === 'text' ? 'Bra.' : it.options[0].code;
		assert.equal((await c.post(`/sida/${i + 1}`, { csrf, action: 'next', [it.id]: v })).status, 303);
	}
	assert.equal((await c.get('/granska')).status, 200);   // cached again
	assert.equal((await c.post('/skicka', { csrf })).status, 303);
	assert.equal(F.state(p).submitted, 1);
	const old = new F.Client();
	old.cookies.set('uf_s', token);
	for (const path of ['/granska', '/sida/1', '/information', '/fortsatt']) {
		const r = await old.get(path);
		assert.equal(r.status, 303, path);
		assert.doesNotMatch(r.text, /Bra\./);
	}
});

test('after cancel and after /slut the cached session is gone at once', async () => {
	const a = await cachedSession(F.participant());
	assert.equal((await a.c.post('/avbryt', { csrf: a.csrf })).status, 303);
	assert.equal((await a.c.get('/sida/1')).status, 303);

	const b = await cachedSession(F.participant());
	const token = b.c.cookies.get('uf_s');
	assert.equal((await b.c.get('/slut')).location, '/?slut=tid');
	const old = new F.Client();
	old.cookies.set('uf_s', token);
	assert.equal((await old.get('/sida/1')).status, 303);
});

test('a login with the same code elsewhere ends the cached session at once', async () => {
	const p = F.participant();
	const { c } = await cachedSession(p);
	const other = new F.Client();
	assert.equal((await other.login(p.code)).status, 303);
	assert.equal((await c.get('/sida/1')).status, 303, 'the first tablet is logged out');
	assert.equal(F.state(p).sessions, 1);
});

test('an API submission with the code ends the cached web session at once', async () => {
	const p = F.participant();
	const { c } = await cachedSession(p);
	const r = await F.postJson('/api/v1/responses', F.submission(p, def, F.patientAnswers(def)));
	assert.equal(r.status, 201, r.text);
	assert.equal(F.state(p).sessions, 0);
	assert.equal((await c.get('/sida/1')).status, 303);
});

test('a session ended in the database is not served longer than the cache lifetime', async () => {
	const p = F.participant();
	const { c } = await cachedSession(p);
	F.sql(`DELETE FROM uppfolj.collect_session WHERE participant_id = ${p.pid}`);
	await sleep(5200);   // session_cache_seconds defaults to 5
	assert.equal((await c.get('/sida/1')).status, 303);
});

// Page posts merge into the cached draft; the database refuses the write
// when the draft's revision moved on (another tab or program instance), and
// the program reads it again and merges anew (schema/0016).
test('a page post into a cached draft that changed elsewhere is merged again', async () => {
	const p = F.participant();
	const { c, csrf } = await cachedSession(p);
	const [one, , three, four] = asked;
	assert.equal((await c.post('/sida/1', { csrf, action: 'next', [one.id]: one.options[0].code })).status, 303);
	// Revisions are a connection block * 2^32 + n (schema 0027): n counts the writes.
	const rev = () => Number(F.sql1(`SELECT draft_rev % 4294967296 FROM uppfolj.response WHERE participant_id = ${p.pid}`));
	const r1 = rev();
	// The same answer again changes nothing, so nothing is written.
	assert.equal((await c.post('/sida/1', { csrf, action: 'next', [one.id]: one.options[0].code })).status, 303);
	assert.equal(rev(), r1);
	// Elsewhere: page 3 answered, the revision raised.
	F.sql(`UPDATE uppfolj.response SET draft_rev = draft_rev + 1,
		draft = coalesce(draft, '{}') || jsonb_build_object(${F.lit(three.id)}, '{"n": 2}'::jsonb)
		WHERE participant_id = ${p.pid}`);
	assert.equal((await c.post('/sida/4', { csrf, action: 'next', [four.id]: '5' })).status, 303);
	const stored = F.answersOf(p);
	assert.equal(stored[one.id], one.options[0].code);
	assert.equal(stored[three.id], '2');
	assert.equal(stored[four.id], '5');
	assert.equal(rev(), r1 + 2);
	// What the program now caches is the merged draft, page 3 included.
	assert.match((await c.get('/sida/3')).text, /value="2" checked/);
	assert.match((await c.get('/sida/4')).text, /value="5" checked/);
});

test('a page post from a cached session ended in the database ends it here too', async () => {
	const p = F.participant();
	const { c, csrf } = await cachedSession(p);
	F.sql(`DELETE FROM uppfolj.collect_session WHERE participant_id = ${p.pid}`);
	const r = await c.post('/sida/1', { csrf, action: 'next', [asked[0].id]: asked[0].options[0].code });
	assert.equal(r.status, 303);
	assert.equal(r.location, '/?slut=1');
	assert.equal(F.state(p).answers, 0);
});

// A page post may start from the process's cached session without reading
// the database (RF_SESSION_CACHED): only a draft write, which checks the
// session and the revision, may act on it. A post that writes nothing, a
// page shown again for an error and a page's "Avbryt" read the session
// first. Each test fails if that read is left out.
test('an unchanged page post from a cached session ended in the database ends it here too', async () => {
	const p = F.participant();
	const { c, csrf } = await cachedSession(p);
	const one = asked[0];
	assert.equal((await c.post('/sida/1', { csrf, action: 'next', [one.id]: one.options[0].code })).status, 303);
	F.sql(`DELETE FROM uppfolj.collect_session WHERE participant_id = ${p.pid}`);
	// The same answer again: nothing to write, so nothing checked it.
	const r = await c.post('/sida/1', { csrf, action: 'next', [one.id]: one.options[0].code });
	assert.equal(r.status, 303);
	assert.equal(r.location, '/?slut=1');
});

test('a refused page post from a cached session ended in the database ends it here too', async () => {
	const p = F.participant();
	const { c, csrf } = await cachedSession(p);
	F.sql(`DELETE FROM uppfolj.collect_session WHERE participant_id = ${p.pid}`);
	const r = await c.post('/sida/1', { csrf, action: 'next', [asked[0].id]: 'no-such-option' });
	assert.equal(r.status, 303, 'not the page again from the cache');
	assert.equal(r.location, '/?slut=1');
});

test('"Avbryt" on a page of a cached session keeps what was answered elsewhere', async () => {
	const p = F.participant();
	const { c, csrf } = await cachedSession(p);
	const [one, , three, four] = asked;
	assert.equal((await c.post('/sida/1', { csrf, action: 'next', [one.id]: one.options[0].code })).status, 303);
	// Elsewhere (another instance): page 3 answered, the revision raised.
	F.sql(`UPDATE uppfolj.response SET draft_rev = draft_rev + 1,
		draft = coalesce(draft, '{}') || jsonb_build_object(${F.lit(three.id)}, '{"n": 2}'::jsonb)
		WHERE participant_id = ${p.pid}`);
	// Ending the session stores the whole draft with page 4 merged in.
	const r = await c.post('/sida/4', { csrf, action: 'cancel', [four.id]: '5' });
	assert.equal(r.status, 303);
	assert.equal(F.state(p).sessions, 0);
	const stored = F.answersOf(p);
	assert.equal(stored[one.id], one.options[0].code);
	assert.equal(stored[three.id], '2', 'the answer given elsewhere is kept');
	assert.equal(stored[four.id], '5');
});
