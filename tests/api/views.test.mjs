// SPDX-License-Identifier: ISC
// Page views from the session cache (HACKING.md, "Draft saves and the
// session cache"): every request that may change a session answers with a
// new view cookie (uf_v); a page view (GET) whose view cookie names this
// process's copy of the session is served from that copy without any
// database statement, for at most session_cache_seconds (5 here); any
// other request reads the database. tests/scale has the same with two
// instances alternating on every request.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as F from './fixture.mjs';

const def = await F.instrument('patient');
const asked = def.items.filter((it) => !it.waves || it.waves.includes(24));
const [one, , three] = asked;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The Set-Cookie of name in a response: { value, attrs } or undefined.
function setCookie(r, name) {
	for (const c of r.headers.getSetCookie()) {
		const [pair, ...attrs] = c.split(';').map((x) => x.trim());
		if (pair.startsWith(`${name}=`))
			return { value: pair.slice(name.length + 1), attrs };
	}
	return undefined;
}
const VIEW = /^[0-9a-f]{64}$/;
function assertNewView(r, before, what) {
	const v = setCookie(r, 'uf_v');
	assert.ok(v, `${what}: sets uf_v`);
	assert.match(v.value, VIEW, `${what}: a random value`);
	assert.notEqual(v.value, before, `${what}: a new value`);
	assert.ok(v.attrs.includes('HttpOnly') && v.attrs.includes('SameSite=Strict') &&
		v.attrs.includes('Path=/'), `${what}: ${v.attrs}`);
	assert.ok(!v.attrs.some((a) => /^max-age/i.test(a)), `${what}: a session cookie`);
	return v.value;
}
function assertViewCleared(r, what) {
	const v = setCookie(r, 'uf_v');
	assert.ok(v && v.value === '' && v.attrs.includes('Max-Age=0'), `${what}: uf_v expired`);
	const s = setCookie(r, 'uf_s');
	assert.ok(s && s.value === '' && s.attrs.includes('Max-Age=0'), `${what}: uf_s expired`);
	assert.equal(r.headers.getSetCookie().filter((c) => c.startsWith('uf_v=')).length, 1,
		`${what}: one Set-Cookie for uf_v`);
}

// Page 3's answer written by someone else (another instance, staff): the
// draft's revision raised as every draft write does; the draft is one
// value on the response (0025), its answers keyed by item id.
function answerElsewhere(p, value) {
	F.sql(`UPDATE uppfolj.response SET draft_rev = draft_rev + 1,
		draft = coalesce(draft, '{}'::jsonb) || jsonb_build_object(${F.lit(three.id)}, jsonb_build_object('n', ${value}))
		WHERE participant_id = ${p.pid}`);
}
const shows = (r, value) => new RegExp(`name="${three.id}" value="${value}" checked`).test(r.text);

// A session with page 1 saved: its copy is in the cache for the view
// cookie the save answered with.
async function saved() {
	const p = F.participant();
	const c = new F.Client();
	const csrf = await c.loginAndConsent(p.code);
	const r = await c.post('/sida/1', { csrf, action: 'next', [one.id]: one.options[0].code });
	assert.equal(r.status, 303);
	return { p, c, csrf };
}

test('every request that may change the session answers with a new view cookie; a page view does not', async () => {
	const p = F.participant();
	const c = new F.Client();
	let r = await c.login(p.code);
	let v = assertNewView(r, undefined, 'login');
	r = await c.get('/information');
	assert.equal(setCookie(r, 'uf_v'), undefined, 'a page view sets no view cookie');
	const csrf = F.Client.csrf(r.text);
	r = await c.post('/samtycke', { csrf, decision: 'given' });
	v = assertNewView(r, v, 'consent');
	r = await c.post('/sida/1', { csrf, action: 'next', [one.id]: one.options[0].code });
	v = assertNewView(r, v, 'page save');
	r = await c.get('/sida/2');
	assert.equal(r.status, 200);
	assert.equal(setCookie(r, 'uf_v'), undefined, 'a question page view sets none');
	r = await c.post('/sida/2', { csrf, action: 'next' });
	v = assertNewView(r, v, 'a page post that changed nothing');
	r = await c.post('/sprak', { csrf, to: 'granska', easy: '1' });
	v = assertNewView(r, v, 'the language switch');
	r = await c.post('/kvar', { csrf });
	v = assertNewView(r, v, '"Ja, fortsätt"');
	r = await c.post('/sida/1', { csrf: 'x'.repeat(64), action: 'next' });
	assert.equal(r.status, 403);
	assertNewView(r, v, 'a refused post');
});

test('every end of a session expires the view cookie with the session cookie', async () => {
	const a = await saved();
	assertViewCleared(await a.c.post('/avbryt', { csrf: a.csrf }), 'Avbryt');
	assert.equal(a.c.cookies.size, 0, 'the browser keeps no cookie of ours');

	const b = await saved();
	assertViewCleared(await b.c.post('/sida/2', { csrf: b.csrf, action: 'cancel' }), 'a page\'s Avbryt');

	const d = F.participant();
	const dc = new F.Client();
	await dc.login(d.code);
	const csrf = F.Client.csrf((await dc.get('/information')).text);
	assertViewCleared(await dc.post('/samtycke', { csrf, decision: 'declined' }), 'consent declined');

	const e = await saved();
	assertViewCleared(await e.c.get('/slut'), '/slut');

	const g = await saved();
	F.sql(`DELETE FROM uppfolj.collect_session WHERE participant_id = ${g.p.pid}`);
	const r = await g.c.post('/sida/2', { csrf: g.csrf, action: 'next' });
	assert.equal(r.location, '/?slut=1');
	assertViewCleared(r, 'a post to an ended session');
});

test('submit expires both cookies; the old cookies then reach no page', async () => {
	const { p, c, csrf } = await saved();
	for (const [k, it] of asked.entries()) {
		if (it.show_if || k === 0) continue;
		const v = it.type === 'likert5' ? '4' : it.type === 'text' ? 'Bra.' : it.options[0].code;
		assert.equal((await c.post(`/sida/${k + 1}`, { csrf, action: 'next', [it.id]: v })).status, 303);
	}
	assert.equal((await c.get('/granska')).status, 200);
	const old = new Map(c.cookies);
	const r = await c.post('/skicka', { csrf });
	assertViewCleared(r, 'submit');
	assert.equal(F.state(p).submitted, 1);
	// The browser: no cookie of the session, the start page.
	assert.deepEqual([...c.cookies.keys()].filter((k) => k === 'uf_s' || k === 'uf_v'), []);
	const back = await c.get('/granska');
	assert.equal(back.status, 303);
	assert.equal(back.location, '/?slut=1');
	// The session cookie kept by someone: ended at once.
	const s = new F.Client();
	s.cookies.set('uf_s', old.get('uf_s'));
	for (const path of ['/granska', '/sida/1', '/fortsatt']) {
		const x = await s.get(path);
		assert.equal(x.status, 303, path);
		assert.doesNotMatch(x.text, /Bra\./);
	}
});

test('a page view with the view cookie of the last save is served from the copy, for at most session_cache_seconds', async () => {
	const { p, c } = await saved();
	answerElsewhere(p, 2);
	// The copy: made by the save, before the change elsewhere.
	const cached = await c.get('/sida/3');
	assert.equal(cached.status, 200);
	assert.ok(!shows(cached, 2), 'the page view came from the copy (no database read)');
	// Without the view cookie, or with another one: the database.
	const noView = new F.Client();
	noView.cookies.set('uf_s', c.cookies.get('uf_s'));
	assert.ok(shows(await noView.get('/sida/3'), 2), 'no view cookie: read');
	const forged = new F.Client();
	forged.cookies.set('uf_s', c.cookies.get('uf_s'));
	forged.cookies.set('uf_v', randomBytes(32).toString('hex'));
	assert.ok(shows(await forged.get('/sida/3'), 2), 'a view cookie of no copy: read');
	// The change elsewhere shows once the copy is older than the cache's lifetime.
	await sleep(5200);
	assert.ok(shows(await c.get('/sida/3'), 2), 'after session_cache_seconds: read');
});

test('a page view reads the database when the browser\'s last write was not this copy\'s', async () => {
	const { p, c, csrf } = await saved();
	const v1 = c.cookies.get('uf_v');
	// A save through "another instance": the database changes and the
	// browser gets a new view cookie, which no copy here was stored for.
	answerElsewhere(p, 4);
	c.cookies.set('uf_v', randomBytes(32).toString('hex'));
	assert.ok(shows(await c.get('/sida/3'), 4), 'the other write shows at once');
	// The read made for that cookie now serves it: a change after it is
	// not seen (a copy), while the old cookie's copy is gone.
	answerElsewhere(p, 5);
	assert.ok(shows(await c.get('/sida/3'), 4), 'the read\'s copy serves the same cookie');
	c.cookies.set('uf_v', v1);
	assert.ok(shows(await c.get('/sida/3'), 5), 'the older cookie reads again');
	// A save here: its own copy, with the answer just given.
	const r = await c.post('/sida/3', { csrf, action: 'next', [three.id]: '1' });
	assert.equal(r.status, 303);
	assert.ok(shows(await c.get('/sida/3'), 1));
});

test('a cached page view still ends a session that expired by its own clock', async () => {
	const { p, c } = await saved();
	F.sql(`UPDATE uppfolj.collect_session SET expires_at = now() + interval '2 seconds'
		WHERE participant_id = ${p.pid}`);
	// A new view cookie: the read stores a copy with the short expiry.
	c.cookies.set('uf_v', randomBytes(32).toString('hex'));
	assert.equal((await c.get('/sida/1')).status, 200);
	assert.equal((await c.get('/sida/1')).status, 200);
	await sleep(2500);
	const r = await c.get('/sida/1');
	assert.equal(r.status, 303);
	assert.equal(r.location, '/?slut=tid');
});

// The observable for "no database statement": PostgreSQL's count of calls
// of the session read (track_functions; collect_session_view_lang, which
// 0027 made one function), which every other way of serving a session page
// raises. Backends report their counts within a second of
// going idle: wait until the count stands still.
const calls = () => Number(F.sql1(`SELECT coalesce(sum(calls), 0) FROM pg_stat_user_functions
	WHERE schemaname = 'uppfolj' AND funcname = 'collect_session_view_lang'`));
async function settled() {
	let a = calls();
	for (let i = 0; i < 10; i++) {
		await sleep(1300);
		const b = calls();
		if (b === a) return b;
		a = b;
	}
	throw new Error('the call count did not settle');
}
after(() => {
	F.sql('ALTER SYSTEM RESET track_functions');
	F.sql('SELECT pg_reload_conf()');
});

test('a page view from the copy runs no database statement (pg_stat_user_functions)', async () => {
	F.sql("ALTER SYSTEM SET track_functions = 'all'");
	F.sql('SELECT pg_reload_conf()');
	const p = F.participant();
	const c = new F.Client();
	const login = Date.now();
	const csrf = await c.loginAndConsent(p.code);
	const noView = new F.Client();
	noView.cookies.set('uf_s', c.cookies.get('uf_s'));
	// Every connection of the program reads its configuration anew.
	for (let i = 0; i < 20; i++) assert.equal((await noView.get('/sida/2')).status, 200);
	// The observable can fail: views without the view cookie are counted.
	let before = await settled();
	for (let i = 0; i < 3; i++) assert.equal((await noView.get('/sida/2')).status, 200);
	const read = await settled();
	assert.ok(read >= before + 3, `views without the view cookie read the session: ${before} -> ${read}`);
	// With the view cookie of the last save: none while the copy is younger
	// than session_cache_seconds (5). A slow machine may outlast that: then
	// one read per 5 s renews the copy (and one per 30 s keeps the session
	// alive), never one per view.
	const saved = Date.now();
	assert.equal((await c.post('/sida/1', { csrf, action: 'next', [one.id]: one.options[0].code })).status, 303);
	before = await settled();
	const views = 12;
	for (let i = 0; i < views - 2; i++) {
		const r = await c.get(`/sida/${1 + (i % 3)}`);
		assert.equal(r.status, 200);
		assert.match(r.text, /class="survey"/);
	}
	assert.match((await c.get('/granska')).text, /Granska dina svar/);
	assert.equal((await c.get('/fortsatt')).status, 303);
	const now = Date.now();
	const allowed = Math.floor((now - saved) / 5000) + Math.floor((now - login) / 30000);
	const reads = (await settled()) - before;
	assert.ok(reads <= allowed && reads < views / 2,
		`${reads} session reads for ${views} page views in ${now - saved} ms after the save (allowed ${allowed})`);
});

test('before consent, the information page is served from the copy its redirect\'s read stored (0028: a stamp without a response)', async () => {
	F.sql("ALTER SYSTEM SET track_functions = 'all'");
	F.sql('SELECT pg_reload_conf()');
	const p = F.participant();
	const c = new F.Client();
	assert.equal((await c.login(p.code)).status, 303);
	const login = Date.now();
	// The login's redirect reads the session (no copy yet) and keeps one
	// for the view cookie the login set.
	const r = await c.get('/fortsatt');
	assert.equal(r.status, 303);
	assert.equal(r.location, '/information');
	const before = await settled();
	const views = 6;
	for (let i = 0; i < views; i++) {
		const v = await c.get('/information');
		assert.equal(v.status, 200);
		assert.match(v.text, /name="decision"/);
	}
	const now = Date.now();
	const allowed = Math.floor((now - login) / 5000) + Math.floor((now - login) / 30000);
	const reads = (await settled()) - before;
	assert.ok(reads <= allowed && reads < views / 2,
		`${reads} session reads for ${views} information page views in ${now - login} ms (allowed ${allowed})`);
});
