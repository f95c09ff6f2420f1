// SPDX-License-Identifier: ISC
// Error pages in the respondent's language (issue 15), through the real
// nginx and uppfolj-collect: the program's own error pages (404 and 405
// from the router, which are written before any session is read; 400, 403
// after it) follow the session's language, from this process's cached copy
// or the language cookie uf_lang the program keeps at the session's
// language, without a database read; nginx's static 413 page (a body too
// large never reaches the program, and nginx also replaces the program's
// own 413) follows the same cookie through its whitelist. Anything forged
// or unknown is Swedish.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as F from './fixture.mjs';

const AR_404 = /<h1>الصفحة غير موجودة<\/h1>/;
const EN_404 = /<h1>Page not found<\/h1>/;
const SV_404 = /<h1>Sidan finns inte<\/h1>/;
const AR_413 = /<h1>كبير جدًا<\/h1>/;
const EN_413 = /<h1>Too large<\/h1>/;
const SV_413 = /<h1>För stort<\/h1>/;

// The Set-Cookie of name in a reply, or undefined.
const setCookie = (r, name) => r.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));

// A session started from the start page in lang, with consent; the
// client keeps every cookie the program set.
async function sessionIn(lang) {
	F.resetAttempts(); // the start page's code limit counts per address
	const p = F.participant();
	const c = new F.Client();
	const start = await c.get(`/?lang=${lang}`);
	const r = await c.post('/kod', { csrf: F.Client.csrf(start.text), code: p.code, lang });
	assert.equal(r.status, 303);
	const info = await c.get('/information');
	const csrf = F.Client.csrf(info.text);
	assert.equal((await c.post('/samtycke', { csrf, decision: 'given' })).status, 303);
	return { p, c, csrf, login: r };
}

// A body of about n bytes for a question page's form.
const bigBody = (csrf, n) => new URLSearchParams({ csrf, action: 'next', pad: 'x'.repeat(n) }).toString();

test('the language cookie: set at login to the session\'s language (Lax, HttpOnly), changed with the choice, gone for Swedish and at the end', async () => {
	const { c, csrf, login } = await sessionIn('ar');
	const set = setCookie(login, 'uf_lang');
	assert.ok(set, 'login sets uf_lang');
	assert.match(set, /^uf_lang=ar; Path=\/; HttpOnly; SameSite=Lax(; Secure)?$/);
	assert.equal(c.cookies.get('uf_lang'), 'ar');
	// Page views with the cookie in step send none.
	const page = await c.get('/sida/1');
	assert.equal(page.status, 200);
	assert.equal(setCookie(page, 'uf_lang'), undefined);
	// A browser that lost it gets it back from the session on its next page.
	c.cookies.delete('uf_lang');
	assert.match(setCookie(await c.get('/sida/1'), 'uf_lang') ?? '', /^uf_lang=ar;/);
	// The choice on the information page's switch: English, then Swedish.
	const en = await c.post('/sprak', { csrf, lang: 'en', to: 'information' });
	assert.equal(en.status, 303);
	assert.match(setCookie(en, 'uf_lang') ?? '', /^uf_lang=en;/);
	const sv = await c.post('/sprak', { csrf, lang: 'sv', to: 'information' });
	assert.match(setCookie(sv, 'uf_lang') ?? '', /^uf_lang=; .*Max-Age=0/);
	assert.equal(c.cookies.has('uf_lang'), false);
	// A Swedish login sets none.
	F.resetAttempts();
	const plain = new F.Client();
	const r = await plain.login(F.participant().code);
	assert.equal(r.status, 303);
	assert.equal(setCookie(r, 'uf_lang'), undefined);
	// The end of a session takes it away (a shared tablet's next person).
	const again = await sessionIn('en');
	const end = await again.c.post('/avbryt', { csrf: again.csrf });
	assert.match(setCookie(end, 'uf_lang') ?? '', /^uf_lang=; .*Max-Age=0/);
	assert.equal(again.c.cookies.has('uf_lang'), false);
});

test('a 404 and a 405 follow the session\'s language: ar right to left, en; no session, a forged session or language is Swedish; ?lang= still works', async () => {
	const ar = await sessionIn('ar');
	const nf = await ar.c.get('/finns-inte');
	assert.equal(nf.status, 404);
	assert.match(nf.text, /<html lang="ar" dir="rtl">/);
	assert.match(nf.text, AR_404);
	assert.match(nf.text, /<a class="button" href="\/">إلى صفحة البداية<\/a>/);
	const m = await ar.c.get('/kod'); // POST only
	assert.equal(m.status, 405);
	assert.match(m.text, /<html lang="ar" dir="rtl">/);
	assert.match(m.text, /<h1>طريقة غير صحيحة<\/h1>/);

	const en = await sessionIn('en');
	const enf = await en.c.get('/sida/1/finns-inte');
	assert.equal(enf.status, 404);
	assert.match(enf.text, /<html lang="en" dir="ltr">/);
	assert.match(enf.text, EN_404);

	const none = new F.Client();
	const sv = await none.get('/finns-inte');
	assert.equal(sv.status, 404);
	assert.match(sv.text, /<html lang="sv" dir="ltr">/);
	assert.match(sv.text, SV_404);
	// ?lang= without a session, as the start page's links carry it.
	const q = await none.get('/finns-inte?lang=en');
	assert.match(q.text, /<html lang="en" dir="ltr">/);
	// A session cookie of the right shape that is nobody's: no copy, sv.
	const forged = new F.Client();
	forged.cookies.set('uf_s', randomBytes(32).toString('hex'));
	forged.cookies.set('uf_v', randomBytes(32).toString('hex'));
	const f = await forged.get('/finns-inte');
	assert.equal(f.status, 404);
	assert.match(f.text, /<html lang="sv" dir="ltr">/);
	// A language cookie that names no language: sv, and never echoed.
	for (const v of ['zz', 'ar-', 'qps-x', 'sv-ar', '..', 'ar%22']) {
		const odd = new F.Client();
		odd.cookies.set('uf_lang', v);
		const r = await odd.get('/finns-inte');
		assert.equal(r.status, 404, v);
		assert.match(r.text, /<html lang="sv" dir="ltr">/, v);
	}
});

test('a 404 before the session is read uses this process\'s copy of the session, even without the language cookie', async () => {
	const { c } = await sessionIn('ar');
	// A page view stores the copy (HACKING.md, the session cache).
	assert.equal((await c.get('/sida/1')).status, 200);
	assert.equal((await c.get('/sida/1')).status, 200);
	const lang = c.cookies.get('uf_lang');
	c.cookies.delete('uf_lang');
	const nf = await c.get('/finns-inte');
	assert.equal(nf.status, 404);
	assert.match(nf.text, /<html lang="ar" dir="rtl">/);
	assert.match(nf.text, AR_404);
	// Past session_cache_seconds (5) the copy no longer serves: the
	// language cookie then says it (no database read for a 404) ...
	await new Promise((r) => setTimeout(r, 5500));
	c.cookies.set('uf_lang', lang);
	assert.match((await c.get('/finns-inte')).text, /<html lang="ar" dir="rtl">/);
	// ... and without either the page is Swedish.
	c.cookies.delete('uf_lang');
	assert.match((await c.get('/finns-inte')).text, /<html lang="sv" dir="ltr">/);
});

test('the program\'s other error pages in the session\'s language: 403 (a stale form), 400 (unreadable form)', async () => {
	const { c } = await sessionIn('ar');
	const stale = await c.post('/sida/1', { csrf: '0'.repeat(64), action: 'next' });
	assert.equal(stale.status, 403);
	assert.match(stale.text, /<html lang="ar" dir="rtl">/);
	// Not UTF-8 (Latin-1 "å"): refused by the framework's form parser.
	const bad = await c.request('POST', '/sida/1', { body: 'csrf=x&a=p%E5', type: 'application/x-www-form-urlencoded' });
	assert.equal(bad.status, 400);
	assert.match(bad.text, /<html lang="ar" dir="rtl">/);
	assert.match(bad.text, /تعذّرت قراءة النموذج/);
	assert.doesNotMatch(bad.text, /Formuläret kunde inte läsas/);
});

test('nginx\'s 413 page follows the language cookie through its whitelist; a forged one gives Swedish', async () => {
	const { p, c, csrf } = await sessionIn('ar');
	const rev = () => F.sql1(`SELECT coalesce(max(draft_rev), -1) FROM uppfolj.response WHERE participant_id = ${p.pid}`);
	const rev0 = rev();
	const body = bigBody(csrf, 70 * 1024);
	const r = await c.request('POST', '/sida/1', { body, type: 'application/x-www-form-urlencoded' });
	assert.equal(r.status, 413);
	assert.match(r.headers.get('content-type'), /^text\/html/);
	assert.match(r.text, /<html lang="ar" dir="rtl">/);
	assert.match(r.text, AR_413);
	assert.match(r.text, /<a class="button" href="\/\?lang=ar">إلى صفحة البداية<\/a>/);
	assert.equal(rev(), rev0, 'nothing stored');
	// The program's own 413 (too many fields, under nginx's limit) is
	// replaced by the same page.
	const fields = new URLSearchParams({ csrf, action: 'next' });
	for (let i = 0; i < 300; i++) fields.append(`f${i}`, '1');
	const many = await c.request('POST', '/sida/1', { body: fields.toString(), type: 'application/x-www-form-urlencoded' });
	assert.equal(many.status, 413);
	assert.match(many.text, AR_413);

	const post = async (cookie) => {
		const res = await fetch(F.env.base + '/sida/1', { method: 'POST', body,
			headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) } });
		return { status: res.status, text: await res.text() };
	};
	const en = await post('uf_lang=en');
	assert.equal(en.status, 413);
	assert.match(en.text, /<html lang="en" dir="ltr">/);
	assert.match(en.text, EN_413);
	for (const cookie of [null, 'uf_lang=zz', 'uf_lang=../sv', 'uf_lang=ar.html', 'uf_lang=ar%00',
		'uf_lang=' + 'a'.repeat(200), 'uf_lang=fel']) {
		const sv = await post(cookie);
		assert.equal(sv.status, 413, String(cookie));
		assert.match(sv.text, /<html lang="sv" dir="ltr">/, String(cookie));
		assert.match(sv.text, SV_413, String(cookie));
	}
	// The administration's stays Swedish, whatever the cookie.
	const adm = await fetch(F.env.base + '/admin/logga-in', { method: 'POST', body,
		headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'uf_lang=ar' } });
	assert.equal(adm.status, 413);
	assert.match(await adm.text(), /<html lang="sv" dir="ltr">/);
});
