// SPDX-License-Identifier: ISC
// The respondent's language over HTTP (issue 15): the start page in each
// language of forms/ui with <html lang dir>, the choice carried into the
// session, stored with the consent (language and the info file's version)
// and the response, the switch refusing what is not offered, and the JSON
// API's optional "lang" (absent: Swedish, as before).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as F from './fixture.mjs';

const responseOf = (p) => F.sql(`SELECT lang, easy::text, status::text FROM uppfolj.response
	WHERE participant_id = ${p.pid}`)[0];
const consentOf = (p) => F.sql(`SELECT lang, info_version, decision::text FROM uppfolj.consent
	WHERE participant_id = ${p.pid}`)[0];

test('start page: each language with its own lang and dir, a link to every language', async () => {
	const c = new F.Client();
	const sv = await c.get('/');
	assert.match(sv.text, /<html lang="sv" dir="ltr">/);
	// every language by its own name, marked with its language
	assert.match(sv.text, /<a class="lang" href="\/\?lang=en" hreflang="en" lang="en" dir="ltr">English<\/a>/);
	assert.match(sv.text, /<a class="lang" href="\/\?lang=ar" hreflang="ar" lang="ar" dir="rtl">العربية<\/a>/);
	assert.match(sv.text, /hreflang="sv" lang="sv" dir="ltr" aria-current="page">Svenska</);
	const en = await c.get('/?lang=en');
	assert.match(en.text, /<html lang="en" dir="ltr">/);
	assert.match(en.text, /<label for="code"[^>]*>Your code<\/label>/);
	assert.match(en.text, /<input type="hidden" name="lang" value="en">/);
	const ar = await c.get('/?lang=ar');
	assert.match(ar.text, /<html lang="ar" dir="rtl">/);
	assert.match(ar.text, /<h1>مرحبًا بك في الاستبيان<\/h1>/);
	// the script's texts in Arabic; Swedish pages carry none
	assert.match(ar.text, /data-texts="\{&quot;js\.chars&quot;/);
	assert.doesNotMatch(sv.text, /data-texts=/);
	// a language that is not offered shows Swedish, and is never echoed
	const zz = await c.get('/?lang=zz%22%3E');
	assert.match(zz.text, /<html lang="sv" dir="ltr">/);
	assert.doesNotMatch(zz.text, /zz/);
});

test('the start page\'s language goes on with the session; consent records language and version', async () => {
	const p = F.participant();
	const c = new F.Client();
	const start = await c.get('/?lang=en');
	const r = await c.post('/kod', { csrf: F.Client.csrf(start.text), code: p.code, lang: 'en' });
	assert.equal(r.status, 303);
	const info = await c.get('/information');
	assert.match(info.text, /<html lang="en" dir="ltr">/);
	assert.match(info.text, /<h1>Would you like to answer some questions\?<\/h1>/);
	// "There are N questions": the instrument's figures fill the placeholders
	assert.match(info.text, /There are \d+ questions and it takes about \d+ minutes\./);
	const csrf = F.Client.csrf(info.text);
	const c2 = await c.post('/samtycke', { csrf, decision: 'given' });
	assert.equal(c2.status, 303);
	assert.deepEqual(consentOf(p), ['en', '2026-2', 'given']);
	assert.deepEqual(responseOf(p), ['en', 'false', 'draft']);
	const page = await c.get('/sida/1');
	assert.match(page.text, /<html lang="en" dir="ltr">/);
	assert.match(page.text, />Next<\/button>/);
	assert.match(page.text, /<button type="submit" class="lang" name="lang" value="ar" lang="ar" dir="rtl" form="survey" formnovalidate>العربية<\/button>/);
});

test('switch on the information page: language and easy-to-read stored in session and draft', async () => {
	const p = F.participant();
	const c = new F.Client();
	await c.login(p.code);
	let info = await c.get('/information');
	const csrf = F.Client.csrf(info.text);
	assert.match(info.text, /<form method="post" action="\/sprak" class="view-switch">/);
	let r = await c.post('/sprak', { csrf, to: 'information', lang: 'ar' });
	assert.equal(r.status, 303);
	assert.equal(r.location, '/information');
	info = await c.get('/information');
	assert.match(info.text, /<html lang="ar" dir="rtl">/);
	assert.match(info.text, /class="easy" name="easy" value="1" aria-pressed="false"/);
	// machine-assisted translations say so
	assert.match(info.text, /تمت هذه الترجمة بمساعدة آلة\./);
	r = await c.post('/sprak', { csrf, to: 'information', easy: '1' });
	assert.equal(r.status, 303);
	info = await c.get('/information');
	assert.match(info.text, /class="easy" name="easy" value="0" aria-pressed="true"/);
	// the easy-to-read Arabic information, not the plain one
	assert.match(info.text, /أنت تختار إن كنت تريد الإجابة\./);
	await c.post('/samtycke', { csrf, decision: 'given' });
	assert.deepEqual(responseOf(p), ['ar', 'true', 'draft']);
	assert.equal(consentOf(p)[0], 'ar');
	// back to Swedish and plain: the draft follows
	await c.post('/sprak', { csrf, to: 'granska', lang: 'sv', easy: '0' });
	assert.deepEqual(responseOf(p), ['sv', 'false', 'draft']);
});

test('switch refuses a language not offered, a doubled field, a bad easy value, no CSRF', async () => {
	const p = F.participant();
	const c = new F.Client();
	await c.login(p.code);
	const info = await c.get('/information');
	const csrf = F.Client.csrf(info.text);
	for (const body of [{ lang: 'xx' }, { lang: 'en-x-nothere' }, { easy: '2' },
		'lang=en&lang=ar', { lang: '<b>' }]) {
		const fields = typeof body === 'string' ? `csrf=${csrf}&to=information&${body}`
			: { csrf, to: 'information', ...body };
		const r = await c.post('/sprak', fields);
		assert.equal(r.status, 400, JSON.stringify(body));
		assert.doesNotMatch(r.text, /<b>/);
	}
	const r = await c.post('/sprak', { to: 'information', lang: 'en' });
	assert.equal(r.status, 403);
	assert.equal(F.sql1(`SELECT lang FROM uppfolj.collect_session WHERE participant_id = ${p.pid}`), 'sv');
});

test('a question page\'s switch keeps what is on the page and shows it again', async () => {
	const def = await F.instrument('patient');
	const p = F.participant();
	const c = new F.Client();
	const csrf = await c.loginAndConsent(p.code);
	// page 1 is the first question asked; its answer is posted with the switch
	const first = def.items.find((it) => !it.show_if && (!it.waves || it.waves.includes(24)));
	const code = first.options[1].code;
	const page = await c.get('/sida/1');
	assert.match(page.text, new RegExp(`name="${first.id}"`));
	const r = await c.post('/sida/1', { csrf, [first.id]: code, lang: 'en' });
	assert.equal(r.status, 303);
	assert.equal(r.location, '/sida/1');
	assert.equal(F.answersOf(p)[first.id], code);
	const again = await c.get('/sida/1');
	assert.match(again.text, /<html lang="en"/);
	assert.match(again.text, new RegExp(`name="${first.id}" value="${code}" checked>`));
	// the question itself in English (the instrument's translation)
	assert.match(again.text, />Next<\/button>/);
	assert.ok(page.text.includes(first.sv), 'Swedish before');
	assert.ok(!again.text.includes(first.sv), 'not Swedish after');
	assert.equal(responseOf(p)[0], 'en');
});

test('JSON API: optional lang stored on the response; absent is Swedish; unknown refused', async () => {
	const def = await F.instrument('patient');
	const p1 = F.participant();
	let r = await F.postJson('/api/v1/responses', F.submission(p1, def, F.patientAnswers(def), { lang: 'en' }));
	assert.equal(r.status, 201, r.text);
	assert.deepEqual(responseOf(p1), ['en', 'false', 'submitted']);
	assert.equal(consentOf(p1)[0], 'en');
	const p2 = F.participant();
	r = await F.postJson('/api/v1/responses', F.submission(p2, def, F.patientAnswers(def)));
	assert.equal(r.status, 201, r.text);
	assert.deepEqual(responseOf(p2), ['sv', 'false', 'submitted']);
	for (const lang of ['xx', 5, '', 'en-x-nothere']) {
		const p3 = F.participant();
		r = await F.postJson('/api/v1/responses', F.submission(p3, def, F.patientAnswers(def), { lang }));
		assert.equal(r.status, 400, String(lang));
		assert.equal(r.json.error.field, 'lang');
		assert.equal(F.state(p3).responses, 0);
	}
});

// An English session from the start page: the client and its CSRF token.
async function englishSession() {
	F.resetAttempts(); // the start page's code limit counts per address
	const p = F.participant();
	const c = new F.Client();
	const start = await c.get('/?lang=en');
	const r = await c.post('/kod', { csrf: F.Client.csrf(start.text), code: p.code, lang: 'en' });
	assert.equal(r.status, 303);
	const info = await c.get('/information');
	const csrf = F.Client.csrf(info.text);
	assert.equal((await c.post('/samtycke', { csrf, decision: 'given' })).status, 303);
	return { p, c, csrf };
}

test('a refused answer is explained in the session\'s language, with the item\'s bounds', async () => {
	const def = await F.instrument('patient');
	const first = def.items[0];
	const { c, csrf } = await englishSession();
	// An answer code the question does not have: lib/'s "answer.option".
	const r = await c.post('/sida/1', { csrf, action: 'next', [first.id]: 'no_such_code' });
	assert.equal(r.status, 400);
	assert.match(r.text, /<html lang="en" dir="ltr">/);
	assert.match(r.text, /That is not one of the answers\./);
	assert.doesNotMatch(r.text, /Ogiltigt svarsalternativ/);
	// The same refusal in Swedish is lib/'s own sentence (sv.json holds the
	// same words: forms/ui is the page's one source, checked here).
	const sv = new F.Client();
	const csrf2 = await sv.loginAndConsent(F.participant().code);
	const r2 = await sv.post('/sida/1', { csrf: csrf2, action: 'next', [first.id]: 'no_such_code' });
	assert.equal(r2.status, 400);
	assert.match(r2.text, /<html lang="sv" dir="ltr">/);
	assert.match(r2.text, /Ogiltigt svarsalternativ\./);
	// A free text over its limit on its own page: {chars} filled in.
	const text = def.items.find((it) => it.type === 'text' && it.max_length);
	const asked = def.items.filter((it) => !it.waves || it.waves.includes(24));
	const page = asked.findIndex((it) => it.id === text.id) + 1;
	const long = await c.post(`/sida/${page}`, { csrf, action: 'next', [text.id]: 'x'.repeat(text.max_length + 1) });
	assert.equal(long.status, 400, `page ${page}`);
	assert.match(long.text, new RegExp(`The answer is too long \\(at most ${text.max_length} characters\\)\\.`));
});

test('the survey program\'s error pages speak the page\'s language (?lang=); the admin web\'s stay Swedish', async () => {
	// Without a session: the start page's ?lang=, as its links carry it.
	const anon = new F.Client();
	const nf = await anon.get('/finns-inte?lang=en');
	assert.equal(nf.status, 404);
	assert.match(nf.text, /<html lang="en" dir="ltr">/);
	assert.match(nf.text, /<h1>Page not found<\/h1>/);
	assert.match(nf.text, /This page does not exist\./);
	assert.match(nf.text, /<a class="button" href="\/">To the start page<\/a>/);
	const ar = await anon.get('/finns-inte?lang=ar');
	assert.equal(ar.status, 404);
	assert.match(ar.text, /<html lang="ar" dir="rtl">/);
	assert.match(ar.text, /<h1>الصفحة غير موجودة<\/h1>/);
	const sv = await anon.get('/finns-inte');
	assert.match(sv.text, /<html lang="sv" dir="ltr">/);
	assert.match(sv.text, /<h1>Sidan finns inte<\/h1>/);
	// The admin web shares the framework and keeps its Swedish pages.
	const adm = await anon.get('/admin/finns-inte?lang=en');
	assert.equal(adm.status, 404);
	assert.match(adm.text, /<html lang="sv"/);
	assert.match(adm.text, /Sidan finns inte/);
});
