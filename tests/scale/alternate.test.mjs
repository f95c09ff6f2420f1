// SPDX-License-Identifier: ISC
// Two uppfolj-collect instances behind one nginx upstream (round robin, one
// nginx worker): every request lands on the other instance than the one
// before, which each test checks from the X-Uf-Upstream header that the
// scale suite's nginx config adds. A respondent's session then moves
// between the two per-process session caches on every request. The pages
// must always show what is stored (never a copy cached before a change made
// on the other instance), a page sent back as shown must never lose an
// answer, and a session ended on one instance must end on both at once.
// Run by tests/scale/run.sh (environment as tests/api/fixture.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import * as F from '../api/fixture.mjs';

// Acknowledged responses for the suite's restore drill ("web|api ID").
const acked = (kind, p) => process.env.UF_SCALE_ACKED && appendFileSync(process.env.UF_SCALE_ACKED,
	`${kind} ${F.sql1(`SELECT submission_id FROM uppfolj.response WHERE participant_id = ${p.pid}`)}\n`);

const def = await F.instrument('patient');
const byId = new Map(def.items.map((it) => [it.id, it]));

// A client that notes which upstream answered each request.
class AltClient extends F.Client {
	constructor() { super(); this.nodes = []; }
	async request(method, path, opts) {
		const r = await super.request(method, path, opts);
		this.nodes.push(r.headers.get('x-uf-upstream'));
		return r;
	}
	// GET the redirect chain from r until a page (200) or the end.
	async follow(r) {
		for (let i = 0; i < 10 && r.status === 303; i++) {
			const to = r.location;
			r = await this.get(to.replace(/^https?:\/\/[^/]+/, ''));
			r.path = to;
		}
		return r;
	}
	assertAlternated() {
		const n = this.nodes;
		assert.ok(n.length >= 2 && n.every((x) => x), `every answer names its upstream: ${n}`);
		assert.equal(new Set(n).size, 2, `two instances answered: ${[...new Set(n)]}`);
		for (let i = 1; i < n.length; i++)
			assert.notEqual(n[i], n[i - 1], `request ${i} went to the same instance as the one before`);
	}
}

const unescape = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<')
	.replace(/&gt;/g, '>').replace(/&amp;/g, '&');
function attrs(tag) {
	const a = {};
	for (const m of tag.matchAll(/([a-zA-Z-]+)(?:="([^"]*)")?/g)) a[m[1]] = m[2] === undefined ? '' : unescape(m[2]);
	return a;
}
// The fields a browser would send from the survey form as shown: hidden
// and text inputs with their values, checked radios and checkboxes, and
// textareas with their text.
function formFields(html) {
	const form = html.match(/<form[^>]*id="survey"[^>]*>([\s\S]*?)<\/form>/);
	assert.ok(form, 'the page has the survey form');
	const f = [];
	for (const m of form[1].matchAll(/<input\b([^>]*)>/g)) {
		const a = attrs(m[1]);
		if (!a.name) continue;
		if ((a.type === 'radio' || a.type === 'checkbox') && !('checked' in a)) continue;
		f.push([a.name, a.value ?? '']);
	}
	for (const m of form[1].matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g))
		f.push([attrs(m[1]).name, unescape(m[2])]);
	return f;
}
// The items a page asks (by the names of its fields).
function pageItems(html) {
	const form = html.match(/<form[^>]*id="survey"[^>]*>([\s\S]*?)<\/form>/);
	const names = new Set();
	for (const m of form[1].matchAll(/\bname="([^"]+)"/g)) if (byId.has(m[1])) names.add(m[1]);
	return [...names];
}
// One value per item type, as the form sends it and as answersOf stores it.
function valueFor(it) {
	switch (it.type) {
	case 'likert5': return ['4', '4'];
	case 'single': return [it.options[0].code, it.options[0].code];
	case 'multi': return [it.options[0].code, it.options[0].code];
	case 'text': return ['Bra träffar.', 'Bra träffar.'];
	case 'integer': return [String(it.min), String(it.min)];
	case 'date': return ['2025-01-01', '2025-01-01'];
	}
	throw new Error(`item type ${it.type}`);
}
const shown = (html, id) => formFields(html).filter(([k]) => k === id).map(([, v]) => v).join(',');

test('nginx sends consecutive requests to the two instances in turn', async () => {
	const c = new AltClient();
	for (let i = 0; i < 6; i++) assert.equal((await c.get('/api/v1/health')).status, 200);
	c.assertAlternated();
});

test('the whole patient flow on alternating instances: every page shows what is stored, nothing is lost', async () => {
	const p = F.participant();
	const c = new AltClient();
	let r = await c.follow(await c.login(p.code));
	assert.equal(r.status, 200);
	assert.match(r.path, /^\/information/, 'a new session starts with the information');
	r = await c.post('/samtycke', { csrf: F.Client.csrf(r.text), decision: 'given' });
	assert.equal(r.status, 303);
	r = await c.follow(r);
	assert.equal(r.status, 200);
	assert.match(r.path, /^\/sida\/1$/, `after consent the first question follows (got ${r.path})`);
	const csrf = F.Client.csrf(r.text);
	const expected = {};
	const pages = [];
	// Answer every question page by page, as a browser sends the form.
	for (let guard = 0; guard < 200 && /^\/sida\//.test(r.path); guard++) {
		const page = r.path;
		pages.push(page);
		const fields = formFields(r.text);
		for (const id of pageItems(r.text)) {
			assert.equal(shown(r.text, id), '', `${page}: ${id} is not answered yet`);
			const [sent, stored] = valueFor(byId.get(id));
			fields.push([id, sent]);
			expected[id] = stored;
		}
		fields.push(['action', 'next']);
		r = await c.post(page, new URLSearchParams(fields));
		assert.equal(r.status, 303, `${page} saved`);
		r = await c.follow(r);
		assert.equal(r.status, 200);
	}
	assert.match(r.path, /^\/granska/, 'the last question leads to the review');
	assert.ok(pages.length >= 5, `${pages.length} question pages`);
	assert.deepEqual(F.answersOf(p), expected, 'the draft holds every answer given');
	// Go back over every page: shown on both instances with its answer,
	// and sent back as shown (as a browser does with "Nästa") loses nothing.
	for (const page of pages) {
		for (let k = 0; k < 2; k++) {
			const v = await c.get(page);
			assert.equal(v.status, 200);
			for (const id of pageItems(v.text))
				assert.equal(shown(v.text, id), expected[id] ?? '', `${page} on ${c.nodes.at(-1)}: ${id}`);
		}
		const again = await c.get(page);
		const sent = await c.post(page, new URLSearchParams([...formFields(again.text), ['action', 'next']]));
		assert.equal(sent.status, 303);
	}
	assert.deepEqual(F.answersOf(p), expected, 'pages sent back as shown lost no answer');
	const rev = await c.get('/granska');
	assert.equal(rev.status, 200);
	assert.match(rev.text, /Bra träffar\./, 'the review shows the text answer');
	const token = c.cookies.get('uf_s');
	r = await c.follow(await c.post('/skicka', { csrf }));
	assert.match(r.path ?? '', /^\/tack/, 'submitted');
	assert.equal(F.state(p).submitted, 1);
	acked('web', p);
	assert.deepEqual(F.answersOf(p), expected, 'the submitted response holds every answer');
	c.assertAlternated();
	// The ended session is served by neither instance.
	const old = new AltClient();
	old.cookies.set('uf_s', token);
	for (const path of ['/granska', '/sida/1', '/granska', '/sida/1']) {
		const g = await old.get(path);
		assert.equal(g.status, 303, `${path} on ${old.nodes.at(-1)} after submit`);
		assert.doesNotMatch(g.text, /Bra träffar/);
	}
	old.assertAlternated();
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Logged in and consented, page 1 shown on both instances in turn, so that
// both hold the session in their caches (without an answer). Waits (at
// most the cache's lifetime) until both show page 1: a cache that missed
// the consent fails the test above, and this test goes on to the answers.
async function bothCached() {
	const p = F.participant();
	const c = new AltClient();
	const csrf = await c.loginAndConsent(p.code);
	for (let t = 0; t < 25; t++) {
		const a = await c.get('/sida/1'), b = await c.get('/sida/1');
		if (a.status === 200 && b.status === 200) return { p, c, csrf };
		await sleep(250);
	}
	throw new Error('page 1 is not shown on both instances after the cache lifetime');
}

test('an answer saved on one instance: the other shows it, and a page sent back as shown keeps it', async () => {
	const { p, c, csrf } = await bothCached();
	const first = await c.get('/sida/1');
	const id = pageItems(first.text)[0];
	const [sent, stored] = valueFor(byId.get(id));
	assert.equal((await c.post('/sida/1', { csrf, action: 'next', [id]: sent })).status, 303);
	assert.equal(F.answersOf(p)[id], stored);
	// The next two views land on both instances.
	const views = [await c.get('/sida/1'), await c.get('/sida/1')];
	const resent = await c.post('/sida/1', new URLSearchParams([...formFields(views[0].text),
		['action', 'next']]));
	assert.equal(resent.status, 303);
	assert.equal(F.answersOf(p)[id], stored, 'the page as one instance showed it did not erase the answer');
	for (const v of views) assert.equal(shown(v.text, id), sent, `page 1 shows the saved answer on both instances`);
	c.assertAlternated();
});

test('consent given on one instance: the other goes on to the questions', async () => {
	const p = F.participant();
	const c = new AltClient();
	await c.login(p.code);
	for (let k = 0; k < 2; k++) assert.equal((await c.get('/information')).status, 200);
	const info = await c.get('/information');
	assert.equal((await c.post('/samtycke', { csrf: F.Client.csrf(info.text), decision: 'given' })).status, 303);
	for (let k = 0; k < 2; k++) {
		const r = await c.get('/fortsatt');
		assert.equal(r.status, 303);
		assert.match(r.location, /^\/sida\/1/, `/fortsatt on ${c.nodes.at(-1)} after consent`);
	}
	c.assertAlternated();
});

// An API submission is not the browser's own request: it sets no view
// cookie of the browser's, so the instance that did not take it may show
// its copy of the session for up to session_cache_seconds (5; HACKING.md).
test('an API submission with the code on one instance ends the web session there at once, on the other within the cache lifetime', async () => {
	const { p, c } = await bothCached();
	const sub = await F.postJson('/api/v1/responses', F.submission(p, def, F.patientAnswers(def)));
	assert.equal(sub.status, 201, sub.text);
	const took = sub.headers.get('x-uf-upstream');
	let seen = 0;
	for (let k = 0; k < 4; k++) {
		const r = await c.get('/sida/1');
		if (c.nodes.at(-1) !== took) continue;
		seen++;
		assert.equal(r.status, 303, `page view on ${took}, which took the API submission`);
	}
	assert.ok(seen >= 1, 'a view went to the instance that took the submission');
	await sleep(5200);
	for (let k = 0; k < 2; k++) {
		const r = await c.get('/sida/1');
		assert.equal(r.status, 303, `page view on ${c.nodes.at(-1)} after the cache lifetime`);
	}
	assert.notEqual(c.nodes.at(-1), c.nodes.at(-2), 'the two views went to both instances');
});

// The view cookie: every write answers with a new one, and a page view is
// served from an instance's copy only for the cookie it was stored with.
// Strict alternation puts every view after a write on the other instance
// than the write, and the view after that on the writer.
test('write on A, read on B, write on B, read on A: every view shows the last write', async () => {
	const p = F.participant();
	const c = new AltClient();
	const csrf = await c.loginAndConsent(p.code);
	const it = byId.get(pageItems((await c.get('/sida/1')).text)[0]);
	assert.ok(it.options?.length >= 2, 'page 1 asks a choice');
	const writers = new Set();
	for (let k = 0; k < 6; k++) {
		const code = it.options[k % it.options.length].code;
		const w = await c.post('/sida/1', { csrf, action: 'next', [it.id]: code });
		assert.equal(w.status, 303);
		const writer = c.nodes.at(-1);
		writers.add(writer);
		// Three requests a round: the next write is on the other instance.
		for (let j = 0; j < 2; j++) {
			const v = await c.get('/sida/1');
			assert.equal(v.status, 200);
			assert.equal(shown(v.text, it.id), code, `write ${k} on ${writer}, view ${j} on ${c.nodes.at(-1)}`);
		}
		assert.equal(F.answersOf(p)[it.id], code);
	}
	assert.equal(writers.size, 2, 'both instances wrote');
	c.assertAlternated();
});

test('consent on one instance, /fortsatt and the question on the other, both before and after a language switch', async () => {
	const p = F.participant();
	const c = new AltClient();
	await c.login(p.code);
	const info = await c.get('/information');
	const csrf = F.Client.csrf(info.text);
	assert.equal((await c.post('/samtycke', { csrf, decision: 'given' })).status, 303);
	const consentOn = c.nodes.at(-1);
	let r = await c.get('/fortsatt');
	assert.notEqual(c.nodes.at(-1), consentOn);
	assert.match(r.location ?? '', /^\/sida\/1$/, `/fortsatt on the other instance after consent`);
	for (let k = 0; k < 2; k++) assert.match((await c.get('/sida/1')).text, /<html lang="sv"/);
	assert.equal((await c.post('/sprak', { csrf, to: 'granska', lang: 'en' })).status, 303);
	for (let k = 0; k < 3; k++)
		assert.match((await c.get('/sida/1')).text, /<html lang="en"/, `English on ${c.nodes.at(-1)}`);
	c.assertAlternated();
});

test('submit on one instance: the browser sees nothing of the survey on either, nor does a kept cookie', async () => {
	const { p, c, csrf } = await bothCached();
	// Answer every page as shown, then the review on both instances.
	let r = await c.follow(await c.get('/fortsatt'));
	for (let guard = 0; guard < 200 && /^\/sida\//.test(r.path ?? ''); guard++) {
		const fields = formFields(r.text);
		for (const id of pageItems(r.text)) fields.push([id, valueFor(byId.get(id))[0]]);
		fields.push(['action', 'next']);
		r = await c.follow(await c.post(r.path, new URLSearchParams(fields)));
	}
	for (let k = 0; k < 2; k++) assert.match((await c.get('/granska')).text, /Bra träffar\./);
	const kept = new Map(c.cookies);
	r = await c.post('/skicka', { csrf });
	assert.equal(r.status, 303);
	assert.equal(F.state(p).submitted, 1);
	acked('web', p);
	assert.equal(c.cookies.get('uf_s'), undefined, 'the session cookie is gone');
	assert.equal(c.cookies.get('uf_v'), undefined, 'the view cookie is gone');
	for (const path of ['/granska', '/sida/1', '/granska', '/sida/1']) {
		const g = await c.get(path);
		assert.equal(g.status, 303, `${path} on ${c.nodes.at(-1)} after submit`);
		assert.doesNotMatch(g.text, /Bra träffar/);
	}
	// Someone who kept the session cookie: neither instance serves it.
	const old = new AltClient();
	old.cookies.set('uf_s', kept.get('uf_s'));
	for (let k = 0; k < 2; k++) assert.equal((await old.get('/granska')).status, 303);
	// Both cookies replayed: not past the cache's lifetime on either.
	await sleep(5200);
	const replay = new AltClient();
	for (const [k, v] of kept) replay.cookies.set(k, v);
	for (let k = 0; k < 2; k++) assert.equal((await replay.get('/granska')).status, 303);
	c.assertAlternated();
});

test('cancel on one instance ends the session on both', async () => {
	const { c, csrf } = await bothCached();
	const token = c.cookies.get('uf_s');
	assert.equal((await c.post('/avbryt', { csrf })).status, 303);
	const old = new AltClient();
	old.cookies.set('uf_s', token);
	for (let k = 0; k < 2; k++)
		assert.equal((await old.get('/sida/1')).status, 303, `page view on ${old.nodes.at(-1)} after cancel`);
	old.assertAlternated();
});

test('the same API submission sent to both instances is stored once', async () => {
	const p = F.participant();
	const body = F.submission(p, def, F.patientAnswers(def));
	const first = await F.postJson('/api/v1/responses', body);
	const second = await F.postJson('/api/v1/responses', body);
	assert.equal(first.status, 201, first.text);
	acked('api', p);
	assert.ok([200, 201].includes(second.status), `the retry is answered: ${second.status} ${second.text}`);
	assert.notEqual(first.headers.get('x-uf-upstream'), second.headers.get('x-uf-upstream'));
	assert.equal(F.state(p).responses, 1);
	assert.deepEqual(Object.keys(F.answersOf(p)).sort(), Object.keys(F.patientAnswers(def)).sort());
});
