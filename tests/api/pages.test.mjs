// SPDX-License-Identifier: ISC
// The respondent pages over HTTP: code, personal link, information and
// consent, one question per page, drafts, resume, review, submit, kiosk
// safety, CSRF, escaping and headers; each checks the database as well.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as F from './fixture.mjs';

const GENERIC = 'Koden gick inte att använda';
const def = await F.instrument('patient');
const asked = def.items.filter((it) => !it.waves || it.waves.includes(24));

function assertSecurityHeaders(h) {
	const csp = h.get('content-security-policy') ?? '';
	assert.match(csp, /default-src 'self'/);
	assert.doesNotMatch(csp, /unsafe-inline/);
	assert.equal(h.get('x-content-type-options'), 'nosniff');
	assert.equal(h.get('referrer-policy'), 'no-referrer');
	assert.equal(h.get('x-frame-options'), 'DENY');
}

function assertNoInlineCode(html) {
	assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, 'inline script');
	assert.doesNotMatch(html, /\sstyle=/i, 'inline style');
	assert.doesNotMatch(html, /\son[a-z]+=/i, 'inline event handler');
}

test('start page: Swedish, code form with CSRF, headers, no-store', async () => {
	const c = new F.Client();
	const r = await c.get('/');
	assert.equal(r.status, 200);
	assert.match(r.text, /<html lang="sv" dir="ltr">/);
	assert.match(r.text, /<label for="code"[^>]*>Din kod<\/label>/);
	assert.match(r.text, /autocomplete="off"/);
	assert.ok(F.Client.csrf(r.text));
	assert.equal(r.headers.get('cache-control'), 'no-store');
	assertSecurityHeaders(r.headers);
	assertNoInlineCode(r.text);
	const pre = r.headers.getSetCookie().find((s) => s.startsWith('uf_pre='));
	assert.match(pre, /HttpOnly/);
	assert.match(pre, /SameSite=Strict/);
	assert.equal(c.cookies.get('uf_pre'), F.Client.csrf(r.text));
});

test('static assets are served by nginx with the same headers', async () => {
	for (const f of ['uppfolj.css', 'uppfolj.js']) {
		const res = await fetch(`${F.env.base}/static/${f}`);
		assert.equal(res.status, 200, f);
		assertSecurityHeaders(res.headers);
	}
});

test('unknown page is 404, wrong method is 405', async () => {
	const c = new F.Client();
	const a = await c.get('/finns-inte');
	assert.equal(a.status, 404);
	assert.match(a.text, /Sidan finns inte/);
	assertSecurityHeaders(a.headers);
	const b = await c.get('/kod');
	assert.equal(b.status, 405);
	assert.equal(b.headers.get('allow'), 'POST');
	// The framework's own error pages lead to the program's start page.
	for (const r of [a, b])
		assert.match(r.text, /<a class="button" href="\/">Till startsidan<\/a>/);
	assert.equal(a.headers.get('content-disposition'), null);
});

test('an unreadable form is a 400 page that leads back to the start', async () => {
	const before = F.totals();
	const c = new F.Client();
	const r = await c.post('/kod', 'csrf=%ZZ&code=x');
	assert.equal(r.status, 400);
	assert.match(r.text, /Formuläret kunde inte läsas/);
	assert.match(r.text, /href="\/">Till startsidan</);
	assert.deepEqual(F.totals(), before);
});

test('a right code starts a session; the cookie is HttpOnly and SameSite=Strict', async () => {
	const p = F.participant();
	const c = new F.Client();
	const r = await c.login(p.code.toLowerCase().replace(/-/g, ' '));
	assert.equal(r.status, 303);
	assert.equal(r.location, '/fortsatt');
	const cookie = r.headers.getSetCookie().find((s) => s.startsWith('uf_s='));
	assert.match(cookie, /HttpOnly/);
	assert.match(cookie, /SameSite=Strict/);
	assert.match(cookie, /Path=\//);
	assert.equal(F.state(p).sessions, 1);
	const next = await c.get('/fortsatt');
	assert.equal(next.location, '/information');
});

test('the personal link /k/CODE starts the session with a redirect, never a page', async () => {
	const p = F.participant();
	const c = new F.Client();
	// As a scanned QR code opens it (Sec-Fetch-Site: none).
	const r = await c.request('GET', `/k/${p.code}`, { headers: { 'sec-fetch-site': 'none' } });
	// A page at /k/CODE would stay in the tablet's history, and Back would
	// resume the session after it ended: only a redirect leaves no entry.
	assert.equal(r.status, 303);
	assert.equal(r.location, '/fortsatt');
	assert.equal(r.text, '');
	assert.equal(r.headers.get('cache-control'), 'no-store');
	assert.ok(c.cookies.get('uf_s'));
	assert.equal(F.state(p).sessions, 1);
	assert.equal((await c.get('/fortsatt')).location, '/information');
	// Started by another site (or a browser that does not say): the
	// redirects would carry no SameSite=Strict cookie, so a page with a
	// "Börja" link to tap comes first; the session is already there.
	for (const site of ['cross-site', null]) {
		const q = F.participant();
		const d = new F.Client();
		const l = await d.request('GET', `/k/${q.code}`,
			{ headers: site ? { 'sec-fetch-site': site } : {} });
		assert.equal(l.location, '/?lank=fortsatt', String(site));
		assert.equal(F.state(q).sessions, 1);
		const page = await d.get(l.location);
		assert.match(page.text, /<a class="button primary" href="\/fortsatt">Börja<\/a>/);
		assert.doesNotMatch(page.text, new RegExp(q.code));
		assert.equal((await d.get('/fortsatt')).location, '/information');
	}
});

test('a personal link with something that is not a code shows no echo', async () => {
	const c = new F.Client();
	const r = await c.get('/k/%3Cscript%3E');
	assert.equal(r.status, 303);
	assert.equal(r.location, '/?lank=fel');
	assert.equal(c.cookies.get('uf_s'), undefined);
	const page = await c.get(r.location);
	assert.doesNotMatch(page.text, /<script>/);
	assert.match(page.text, /Länken gick inte att använda/);
	F.resetAttempts();
});

test('login without or with a wrong CSRF token is refused, no session', async () => {
	F.resetAttempts();
	const p = F.participant();
	const c = new F.Client();
	await c.get('/');
	const a = await c.post('/kod', { code: p.code });
	assert.equal(a.status, 403);
	const b = await c.post('/kod', { code: p.code, csrf: 'f'.repeat(64) });
	assert.equal(b.status, 403);
	const d = await new F.Client().post('/kod', { code: p.code, csrf: 'f'.repeat(64) });
	assert.equal(d.status, 403, 'no pre-session cookie');
	assert.equal(F.state(p).sessions, 0);
});

test('wrong, used and expired codes get one generic message and no session', async () => {
	F.resetAttempts();
	const bodies = [];
	for (const code of ['ABC-DEF-GHJ', F.participant({ used: true }).code,
		F.participant({ expired: true }).code, 'nonsense']) {
		const c = new F.Client();
		const r = await c.login(code);
		assert.equal(r.status, 401);
		assert.ok(r.text.includes(GENERIC));
		assert.equal(c.cookies.has('uf_s'), false);
		bodies.push(r.text.match(/<p class="error"[^>]*>([^<]*)</)[1]);
	}
	assert.equal(new Set(bodies).size, 1);
	F.resetAttempts();
});

test('session pages without a session go back to the start', async () => {
	for (const path of ['/information', '/sida/1', '/granska', '/fortsatt']) {
		const r = await new F.Client().get(path);
		assert.equal(r.status, 303, path);
		assert.equal(r.location, '/?slut=1');
	}
	const forged = new F.Client();
	forged.cookies.set('uf_s', 'a'.repeat(64));
	assert.equal((await forged.get('/sida/1')).status, 303);
});

test('the information page says what Bilaga 4-6 require', async () => {
	for (const grp of ['patient', 'personal', 'chef', 'peer']) {
		const p = F.participant({ grp });
		const c = new F.Client();
		await c.login(p.code);
		const r = await c.get('/information');
		assert.equal(r.status, 200);
		for (const must of [/frivilligt/, /avbryta/, /ta tillbaka ditt samtycke/,
			/inte med ditt namn/, /identifieras/, /GDPR/, /dataskyddslagen/,
			/rättas/, /raderas/, /Frågor och kontakt/, /24 månader/]) {
			assert.match(r.text, must, `${grp}: ${must}`);
		}
		assert.match(r.text, /value="given"/);
		assert.match(r.text, /value="declined"/);
		assertNoInlineCode(r.text);
	}
});

test('consent without CSRF is refused and nothing is stored', async () => {
	const p = F.participant();
	const c = new F.Client();
	await c.login(p.code);
	const r = await c.post('/samtycke', { decision: 'given' });
	assert.equal(r.status, 403);
	const w = await c.post('/samtycke', { decision: 'given', csrf: '0'.repeat(64) });
	assert.equal(w.status, 403);
	assert.equal(F.state(p).consent, null);
	assert.equal(F.state(p).responses, 0);
});

test('declining stores only the decision and ends the session', async () => {
	const p = F.participant();
	const c = new F.Client();
	await c.login(p.code);
	const csrf = F.Client.csrf((await c.get('/information')).text);
	const r = await c.post('/samtycke', { csrf, decision: 'declined' });
	assert.equal(r.status, 303);
	assert.equal(r.location, '/tack?nej=1');
	assert.deepEqual(F.state(p), { responses: 0, submitted: 0, answers: 0,
		consent: 'declined', used: false, sessions: 0 });
	const thanks = await c.get('/tack?nej=1');
	assert.match(thanks.text, /valt att inte delta/);
	assert.equal((await c.get('/sida/1')).status, 303);
});

test('a question page: fieldset, legend, big choices, "vet ej", progress', async () => {
	const p = F.participant();
	const c = new F.Client();
	await c.loginAndConsent(p.code);
	const r = await c.get('/sida/3');
	assert.equal(r.status, 200);
	const it = asked[2];
	assert.match(r.text, /<fieldset/);
	assert.match(r.text, new RegExp(`<legend class="big"><h1 class="qhead"><span class="qtext">${it.sv}`));
	assert.match(r.text, /Fråga 3 av \d+/);
	assert.equal((r.text.match(/type="radio"/g) ?? []).length,
		5 + (it.dont_know ? 1 : 0) + (it.decline ? 1 : 0));
	if (it.dont_know) assert.match(r.text, /value="vet-ej"/);
	if (it.decline) assert.match(r.text, /value="vill-ej"/);
	assert.match(r.text, /Tillbaka/);
	assert.match(r.text, /Nästa/);
	assert.doesNotMatch(r.text, /http-equiv="refresh"/);
	assert.match(r.text, /<body class="patient" data-idle-left="\d+" data-idle-warn="60">/);
	assertNoInlineCode(r.text);
	assert.equal(r.headers.get('cache-control'), 'no-store');
	assert.equal((await c.get('/sida/999')).status, 404);
	assert.equal((await c.get('/sida/abc')).status, 404);
});

test('each page saves a draft; back and next keep answers', async () => {
	const p = F.participant();
	const c = new F.Client();
	const csrf = await c.loginAndConsent(p.code);
	let r = await c.post('/sida/1', { csrf, action: 'next', [asked[0].id]: asked[0].options[1].code });
	assert.equal(r.status, 303);
	assert.equal(r.location, '/sida/2');
	r = await c.post('/sida/2', { csrf, action: 'back', [asked[1].id]: asked[1].options[0].code });
	assert.equal(r.location, '/sida/1');
	const stored = F.answersOf(p);
	assert.equal(stored[asked[0].id], asked[0].options[1].code);
	assert.equal(stored[asked[1].id], asked[1].options[0].code);
	const page1 = await c.get('/sida/1');
	assert.match(page1.text, new RegExp(`value="${asked[0].options[1].code}" checked`));
});

test('a page with an unknown field or a bad value is refused, draft unchanged', async () => {
	const p = F.participant();
	const c = new F.Client();
	const csrf = await c.loginAndConsent(p.code);
	const lik = asked.findIndex((it) => it.type === 'likert5');
	const page = `/sida/${lik + 1}`;
	let r = await c.post(page, { csrf, action: 'next', [asked[lik].id]: '7' });
	assert.equal(r.status, 400);
	assert.match(r.text, /class="error"/);
	r = await c.post(page, { csrf, action: 'next', [asked[lik].id]: 'tre' });
	assert.equal(r.status, 400);
	r = await c.post(page, { csrf, action: 'next', pat_nosuch: '1' });
	assert.equal(r.status, 400);
	r = await c.post(page, { csrf, action: 'next', [asked[0].id]: asked[0].options[0].code });
	assert.equal(r.status, 400, 'an item of another page');
	r = await c.post(page, { action: 'next', [asked[lik].id]: '3' });
	assert.equal(r.status, 403, 'no CSRF');
	assert.equal(F.state(p).answers, 0);
});

test('an answer to a question whose condition is false is refused', async () => {
	const p = F.participant();
	const c = new F.Client();
	const csrf = await c.loginAndConsent(p.code);
	const ci = asked.findIndex((it) => it.id === 'pat_varfor_inte');
	const si = asked.findIndex((it) => it.id === 'pat_fortsatta');
	let r = await c.post(`/sida/${si + 1}`, { csrf, action: 'next', pat_fortsatta: '5' });
	assert.equal(r.status, 303);
	assert.equal(r.location, `/sida/${ci + 2}`, 'the hidden question is skipped');
	r = await c.get(`/sida/${ci + 1}`);
	assert.equal(r.status, 303, 'a hidden page is not shown');
	r = await c.post(`/sida/${ci + 1}`, { csrf, action: 'next', pat_varfor_inte: 'annat' });
	assert.equal(r.status, 400);
	assert.equal(F.answersOf(p).pat_varfor_inte, undefined);
	// Changing the answer that opened the follow-up drops the follow-up.
	r = await c.post(`/sida/${si + 1}`, { csrf, action: 'next', pat_fortsatta: '1' });
	assert.equal(r.location, `/sida/${ci + 1}`);
	r = await c.post(`/sida/${ci + 1}`, { csrf, action: 'next', pat_varfor_inte: 'annat' });
	assert.equal(r.status, 303);
	assert.equal(F.answersOf(p).pat_varfor_inte, 'annat');
	r = await c.post(`/sida/${si + 1}`, { csrf, action: 'next', pat_fortsatta: '5' });
	assert.equal(F.answersOf(p).pat_varfor_inte, undefined);
});

async function answerAll(c, csrf, extra = {}) {
	for (let i = 0; i < asked.length; i++) {
		const it = asked[i];
		if (it.show_if) continue;
		const v = extra[it.id] ?? (it.type === 'likert5' ? '4' : it.type === 'text' ? 'Bra.'
			: it.options[0].code);
		const r = await c.post(`/sida/${i + 1}`, { csrf, action: 'next', [it.id]: v });
		assert.equal(r.status, 303, `${it.id}: ${r.text.slice(0, 200)}`);
	}
}

test('resume: the same code continues where the draft ended', async () => {
	const p = F.participant();
	const c = new F.Client();
	const csrf = await c.loginAndConsent(p.code);
	await c.post('/sida/1', { csrf, action: 'next', [asked[0].id]: asked[0].options[0].code });
	await c.post('/sida/2', { csrf, action: 'next', [asked[1].id]: asked[1].options[0].code });
	const c2 = new F.Client();   // a new tab or another tablet
	const r = await c2.login(p.code);
	assert.equal(r.status, 303);
	const next = await c2.get('/fortsatt');
	assert.equal(next.location, '/sida/3');
	assert.equal((await c.get('/sida/1')).status, 303, 'the old session ended');
});

test('review, submit, thank-you; afterwards nothing of the answers is reachable', async () => {
	const p = F.participant();
	const c = new F.Client();
	const csrf = await c.loginAndConsent(p.code);
	await answerAll(c, csrf, { pat_mer: '<script>alert(1)</script>' });
	const review = await c.get('/granska');
	assert.equal(review.status, 200);
	assert.ok(review.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
	assert.ok(!review.text.includes('<script>alert(1)'));
	assertNoInlineCode(review.text);
	const page = await c.get(`/sida/${asked.findIndex((it) => it.id === 'pat_mer') + 1}`);
	assert.ok(page.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;</textarea>'));

	const bad = await c.post('/skicka', {});
	assert.equal(bad.status, 403, 'submit needs CSRF');
	assert.equal(F.state(p).submitted, 0);

	const token = c.cookies.get('uf_s');
	const r = await c.post('/skicka', { csrf });
	assert.equal(r.status, 303);
	assert.equal(r.location, '/tack');
	assert.ok(r.headers.getSetCookie().some((s) => /^uf_s=;.*Max-Age=0/.test(s)));
	const s = F.state(p);
	assert.equal(s.submitted, 1);
	assert.equal(s.used, true);
	assert.equal(s.sessions, 0);
	assert.equal(F.answersOf(p).pat_mer, '<script>alert(1)</script>');

	const thanks = await c.get('/tack');
	assert.match(thanks.text, /Tack för dina svar/);
	assert.doesNotMatch(thanks.text, /http-equiv="refresh"/);
	assert.match(thanks.text, /<body class="thanks" data-return="\d+">/);

	// "Back" after submit: the old cookie (kept on purpose) shows nothing.
	const old = new F.Client();
	old.cookies.set('uf_s', token);
	for (const path of ['/granska', '/sida/1', '/information']) {
		const b = await old.get(path);
		assert.equal(b.status, 303, path);
		assert.ok(!b.text.includes('alert(1)'));
	}
	const again = await new F.Client().login(p.code);
	assert.equal(again.status, 401, 'the code cannot be used again');
});

test('submitting with a required question unanswered shows the review again', async () => {
	const p = F.participant();
	const c = new F.Client();
	const csrf = await c.loginAndConsent(p.code);
	await c.post('/sida/1', { csrf, action: 'next', [asked[0].id]: asked[0].options[0].code });
	const r = await c.post('/skicka', { csrf });
	assert.equal(r.status, 400);
	assert.match(r.text, /Granska dina svar/);
	assert.match(r.text, /Måste besvaras/);
	assert.equal(F.state(p).submitted, 0);
	assert.equal(F.state(p).used, false);
});

test('a submission names the revision its review showed; a changed draft shows the review again', async () => {
	// The review page writes the draft's revision into its form. A draft
	// changed since (here: a page saved in another request after the review
	// was drawn; in production also a page save lost in a crash of
	// PostgreSQL while the review came from the program's copy) must not be
	// stored unseen: 409 with the review as it is now, nothing stored.
	const p = F.participant();
	const c = new F.Client();
	const csrf = await c.loginAndConsent(p.code);
	await answerAll(c, csrf);
	const review = await c.get('/granska');
	const rev = review.text.match(/<input type="hidden" name="rev" value="(\d+)">/)?.[1];
	assert.ok(rev, 'the review form carries the revision');
	const likert = asked.findIndex((it) => it.type === 'likert5');
	assert.ok(likert >= 0);
	const changed = await c.post(`/sida/${likert + 1}`, { csrf, action: 'next', [asked[likert].id]: '2' });
	assert.equal(changed.status, 303);

	const stale = await c.post('/skicka', { csrf, rev });
	assert.equal(stale.status, 409);
	assert.match(stale.text, /Dina svar har ändrats sedan sidan visades/);
	assert.match(stale.text, /Granska dina svar/);
	assert.equal(F.state(p).submitted, 0);
	for (const bad of ['', 'x1', '-1', '99999999999999999999', `${rev} `]) {
		const r = await c.post('/skicka', { csrf, rev: bad });
		assert.equal(r.status, 409, `rev=${JSON.stringify(bad)}`);
	}
	assert.equal(F.state(p).submitted, 0);

	const fresh = await c.get('/granska');
	const rev2 = fresh.text.match(/<input type="hidden" name="rev" value="(\d+)">/)?.[1];
	assert.notEqual(rev2, rev);
	const ok = await c.post('/skicka', { csrf, rev: rev2 });
	assert.equal(ok.status, 303);
	assert.equal(ok.location, '/tack');
	assert.equal(F.state(p).submitted, 1);
	assert.equal(String(F.answersOf(p)[asked[likert].id]), '2', 'the answer the fresh review showed');
});

test('cancel ends the session and keeps the draft', async () => {
	const p = F.participant();
	const c = new F.Client();
	const csrf = await c.loginAndConsent(p.code);
	await c.post('/sida/1', { csrf, action: 'next', [asked[0].id]: asked[0].options[0].code });
	const r = await c.post('/avbryt', { csrf });
	assert.equal(r.status, 303);
	assert.equal(r.location, '/?slut=avbrutet');
	assert.equal(r.headers.get('clear-site-data'), '"cache", "storage"');
	const s = F.state(p);
	assert.equal(s.sessions, 0);
	assert.equal(s.answers, 1);
	assert.equal((await c.get('/sida/1')).status, 303);
});

test('idle timeout: the session expires in the database and /slut ends it', async () => {
	const p = F.participant();
	const c = new F.Client();
	await c.loginAndConsent(p.code);
	F.sql(`UPDATE uppfolj.collect_session SET expires_at = now() - interval '1 second'
		WHERE participant_id = ${p.pid}`);
	assert.equal((await c.get('/sida/1')).location, '/?slut=tid');
	const c2 = new F.Client();
	await c2.loginAndConsent(F.participant().code);
	const r = await c2.get('/slut');
	assert.equal(r.status, 303);
	assert.equal(r.location, '/?slut=tid');
	assert.equal((await c2.get('/sida/1')).status, 303);
});

test('a staff member answers one theme per page', async () => {
	const sdef = await F.instrument('personal');
	const p = F.participant({ grp: 'personal' });
	const c = new F.Client();
	const csrf = await c.loginAndConsent(p.code);
	const first = await c.get('/sida/1');
	assert.equal(first.status, 200);
	assert.match(first.text, new RegExp(`<h1>${sdef.themes[0].sv}</h1>`));
	assert.match(first.text, /Sida 1 av 3/);
	const items = sdef.items.filter((it) => it.theme === sdef.themes[0].id &&
		(!it.waves || it.waves.includes(24)));
	for (const it of items.filter((x) => !x.show_if))
		assert.ok(first.text.includes(`name="${it.id}"`), it.id);
	// A follow-up on the same page is shown with a note saying when it applies.
	const follow = items.find((it) => it.show_if && items.some((x) => x.id === it.show_if.item));
	if (follow) assert.match(first.text, new RegExp(`id="item-${follow.id}"[^>]*data-cond-item`));
	assert.match(first.text, /Besvara bara om du svarade/);
});
