// SPDX-License-Identifier: ISC
// The JSON API through nginx -> uppfolj-collect -> PostgreSQL: the
// instrument definition, a whole response by code with an idempotent
// submission id, and every rejection with the database left untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as F from './fixture.mjs';

const def = await F.instrument('patient');
const GENERIC = /Koden gick inte att använda/;

const nothingWritten = (p) => assert.deepEqual(F.state(p),
	{ responses: 0, submitted: 0, answers: 0, consent: null, used: false, sessions: 0 });

async function rejected(body, status, code, field, opts) {
	const p = F.participant();
	const b = typeof body === 'function' ? body(p) : body;
	const r = await F.postJson('/api/v1/responses', b, opts);
	assert.equal(r.status, status, r.text);
	assert.match(r.headers.get('content-type'), /^application\/json/);
	assert.equal(r.json?.error?.code, code, r.text);
	if (field !== undefined)
		assert.equal(r.json.error.field, field, r.text);
	assert.equal(typeof r.json.error.message, 'string');
	nothingWritten(p);
	return r;
}

test('GET /api/v1/instruments/patient returns the definition', async () => {
	const res = await fetch(`${F.env.base}/api/v1/instruments/patient`);
	assert.equal(res.status, 200);
	assert.match(res.headers.get('content-type'), /^application\/json/);
	const d = await res.json();
	assert.equal(d.id, 'patient');
	assert.ok(d.items.length > 5);
	assert.equal(res.headers.get('cache-control'), 'no-store');
});

test('GET of an unknown instrument is a JSON 404', async () => {
	const res = await fetch(`${F.env.base}/api/v1/instruments/nosuch`);
	assert.equal(res.status, 404);
	assert.equal((await res.json()).error.code, 'not_found');
	const bad = await fetch(`${F.env.base}/api/v1/instruments/..%2Fetc`);
	assert.equal(bad.status, 404);
});

test('a complete response is stored once, with consent, code used', async () => {
	const p = F.participant();
	const body = F.submission(p, def, F.patientAnswers(def, { pat_mer: 'Tack & hej <b>' }));
	const r = await F.postJson('/api/v1/responses', body);
	assert.equal(r.status, 201, r.text);
	assert.equal(r.json.submission_id, body.submission_id);
	assert.equal(r.json.status, 'submitted');
	const s = F.state(p);
	assert.equal(s.submitted, 1);
	assert.equal(s.consent, 'given');
	assert.equal(s.used, true);
	assert.equal(s.answers, Object.keys(body.answers).length);
	const stored = F.answersOf(p);
	assert.equal(stored.pat_mer, 'Tack & hej <b>');
	assert.equal(stored.pat_jamlik, '4');
});

test('"vet ej" is stored as dont_know, never as a number', async () => {
	const p = F.participant();
	const body = F.submission(p, def, F.patientAnswers(def, { pat_jamlik: { dont_know: true } }));
	const r = await F.postJson('/api/v1/responses', body);
	assert.equal(r.status, 201, r.text);
	assert.equal(F.answersOf(p).pat_jamlik, 'dont_know');
});

test('the same submission id twice: same result, stored once', async () => {
	const p = F.participant();
	const body = F.submission(p, def, F.patientAnswers(def));
	const a = await F.postJson('/api/v1/responses', body);
	const b = await F.postJson('/api/v1/responses', body);
	assert.equal(a.status, 201);
	assert.equal(b.status, a.status);
	assert.equal(b.text, a.text);
	assert.equal(F.state(p).responses, 1);
});

test('the same submission id with other answers is a 409; nothing changes', async () => {
	const p = F.participant();
	const body = F.submission(p, def, F.patientAnswers(def));
	const first = await F.postJson('/api/v1/responses', body);
	assert.equal(first.status, 201, first.text);
	const stored = F.answersOf(p);
	const before = F.totals();
	const text = def.items.find((it) => it.type === 'text' && (!it.waves || it.waves.includes(24)));
	const likert = def.items.find((it) => it.type === 'likert5' && !it.show_if &&
		(!it.waves || it.waves.includes(24)));
	for (const changed of [
		{ ...body, answers: { ...body.answers, [likert.id]: 2 } },
		{ ...body, answers: { ...body.answers, [text.id]: 'Andra ord.' } },
		{ ...body, answers: Object.fromEntries(Object.entries(body.answers)
			.filter(([k]) => k !== text.id)) },
		// "Vill inte svara" is not "Vet ej": the same question declined is another body.
		{ ...body, answers: { ...body.answers, [likert.id]: { decline: true } } },
	]) {
		const r = await F.postJson('/api/v1/responses', changed);
		assert.equal(r.status, 409, r.text);
		assert.match(r.headers.get('content-type'), /^application\/json/);
		assert.equal(r.json.error.code, 'conflict');
		assert.equal(r.json.error.field, 'submission_id');
		assert.match(r.json.error.message, /redan inskickat, med andra svar/);
		assert.deepEqual(F.answersOf(p), stored);
		assert.deepEqual(F.totals(), before);
	}
	// The answers in another order are the same body: the stored result.
	const reordered = { ...body, answers: Object.fromEntries(Object.entries(body.answers).reverse()) };
	const again = await F.postJson('/api/v1/responses', reordered);
	assert.equal(again.status, 201, again.text);
	assert.equal(again.text, first.text);
});

test('concurrent retries of one submission store it once', async () => {
	const p = F.participant();
	const body = F.submission(p, def, F.patientAnswers(def));
	const all = await Promise.all(Array.from({ length: 12 }, () => F.postJson('/api/v1/responses', body)));
	for (const r of all) {
		assert.equal(r.status, 201, r.text);
		assert.equal(r.text, all[0].text);
	}
	const s = F.state(p);
	assert.equal(s.responses, 1);
	assert.equal(s.answers, Object.keys(body.answers).length);
});

test('a submission id of another respondent is a conflict', async () => {
	const p1 = F.participant();
	const body = F.submission(p1, def, F.patientAnswers(def));
	assert.equal((await F.postJson('/api/v1/responses', body)).status, 201);
	await rejected((p) => ({ ...body, code: p.code }), 409, 'conflict', 'submission_id');
});

test('unknown item is rejected, naming it', () =>
	rejected((p) => F.submission(p, def, F.patientAnswers(def, { pat_nosuch: 3 })),
		400, 'invalid', 'pat_nosuch'));

test('wrong type is rejected', () =>
	rejected((p) => F.submission(p, def, F.patientAnswers(def, { pat_jamlik: '4' })),
		400, 'invalid', 'pat_jamlik'));

test('a fraction for a likert item is rejected', () =>
	rejected((p) => F.submission(p, def, F.patientAnswers(def, { pat_jamlik: 3.5 })),
		400, 'invalid', 'pat_jamlik'));

test('out of range is rejected', () =>
	rejected((p) => F.submission(p, def, F.patientAnswers(def, { pat_jamlik: 6 })),
		400, 'invalid', 'pat_jamlik'));

test('an option code that does not exist is rejected', () =>
	rejected((p) => F.submission(p, def, F.patientAnswers(def, { pat_traffat: 'massor' })),
		400, 'invalid', 'pat_traffat'));

test('missing required item is rejected', () =>
	rejected((p) => {
		const a = F.patientAnswers(def);
		delete a.pat_tid;
		return F.submission(p, def, a);
	}, 400, 'invalid', 'pat_tid'));

test('an answer to an item whose condition is false is rejected', () =>
	rejected((p) => F.submission(p, def, F.patientAnswers(def,
		{ pat_fortsatta: 5, pat_varfor_inte: 'annat' })), 400, 'invalid', 'pat_varfor_inte'));

test('an answer to a shown conditional item is accepted', async () => {
	const p = F.participant();
	const r = await F.postJson('/api/v1/responses', F.submission(p, def,
		F.patientAnswers(def, { pat_fortsatta: 1, pat_varfor_inte: 'annat' })));
	assert.equal(r.status, 201, r.text);
	assert.equal(F.answersOf(p).pat_varfor_inte, 'annat');
});

test('text over its limit is rejected', () =>
	rejected((p) => F.submission(p, def, F.patientAnswers(def, { pat_mer: 'å'.repeat(1001) })),
		400, 'invalid', 'pat_mer'));

test('text at its limit (in characters, not bytes) is accepted', async () => {
	const p = F.participant();
	const r = await F.postJson('/api/v1/responses',
		F.submission(p, def, F.patientAnswers(def, { pat_mer: 'å'.repeat(1000) })));
	assert.equal(r.status, 201, r.text);
});

test('invalid UTF-8 is rejected', () =>
	rejected((p) => {
		const json = JSON.stringify(F.submission(p, def, F.patientAnswers(def, { pat_mer: 'XX' })));
		const bytes = Buffer.from(json, 'utf8');
		const at = bytes.indexOf(Buffer.from('XX'));
		bytes[at] = 0xc3; bytes[at + 1] = 0x28;   // broken two-byte sequence
		return new Uint8Array(bytes);
	}, 400, 'invalid'));

test('an escaped lone surrogate is rejected', () =>
	rejected((p) => JSON.stringify(F.submission(p, def, F.patientAnswers(def, { pat_mer: 'QQ' })))
		.replace('QQ', '\\ud800'), 400, 'invalid'));

test('an escaped NUL in text is rejected', () =>
	rejected((p) => JSON.stringify(F.submission(p, def, F.patientAnswers(def, { pat_mer: 'QQ' })))
		.replace('QQ', 'a\\u0000b'), 400, 'invalid'));

test('duplicate JSON keys are rejected (top level)', () =>
	rejected((p) => JSON.stringify(F.submission(p, def, F.patientAnswers(def)))
		.replace(/^\{/, `{"code":"AAA-AAA-AAA",`), 400, 'invalid'));

test('duplicate JSON keys are rejected (inside answers)', () =>
	rejected((p) => JSON.stringify(F.submission(p, def, F.patientAnswers(def)))
		.replace('"answers":{', '"answers":{"pat_jamlik":1,'), 400, 'invalid'));

test('trailing garbage after the JSON is rejected', () =>
	rejected((p) => JSON.stringify(F.submission(p, def, F.patientAnswers(def))) + ' x',
		400, 'invalid'));

test('two JSON values in one body are rejected', () =>
	rejected((p) => JSON.stringify(F.submission(p, def, F.patientAnswers(def))) + '{}',
		400, 'invalid'));

test('JSON nested too deep is rejected', () =>
	rejected((p) => {
		const b = F.submission(p, def, F.patientAnswers(def));
		b.answers.pat_mer = { dont_know: [[[[[[[[[[1]]]]]]]]]] };
		return b;
	}, 400, 'invalid'));

test('an unknown top-level field is rejected', () =>
	rejected((p) => ({ ...F.submission(p, def, F.patientAnswers(def)), extra: 1 }),
		400, 'invalid', 'extra'));

test('a body over 64 KiB is rejected with 413', () =>
	rejected((p) => F.submission(p, def, F.patientAnswers(def, { pat_mer: 'a'.repeat(70000) })),
		413, 'too_large'));

test('wrong content type is rejected with 415', () =>
	rejected((p) => JSON.stringify(F.submission(p, def, F.patientAnswers(def))),
		415, 'unsupported_media_type', null, { type: 'text/plain' }));

test('a form-encoded body to the JSON API is rejected with 415', () =>
	rejected('code=ABC', 415, 'unsupported_media_type', null,
		{ type: 'application/x-www-form-urlencoded' }));

test('a bad UUID is rejected', () =>
	rejected((p) => F.submission(p, def, F.patientAnswers(def), { submission_id: 'not-a-uuid' }),
		400, 'invalid', 'submission_id'));

test('an unknown instrument version is rejected', () =>
	rejected((p) => F.submission(p, def, F.patientAnswers(def), { version: 999 }),
		400, 'invalid', 'instrument'));

test('a wave the instrument is not used in is rejected', () =>
	rejected((p) => F.submission(p, def, F.patientAnswers(def), { wave: 12 }),
		400, 'invalid', 'wave'));

test('a code for another group\'s instrument is a conflict', () =>
	rejected((p) => F.submission({ ...p, code: F.participant({ grp: 'personal' }).code }, def,
		F.patientAnswers(def)), 409, 'conflict'));

test('without consent nothing is stored', () =>
	rejected((p) => F.submission(p, def, F.patientAnswers(def), { consent: false }),
		403, 'forbidden', 'consent'));

test('a used code is refused with the generic message', async () => {
	const p = F.participant({ used: true });
	const r = await F.postJson('/api/v1/responses', F.submission(p, def, F.patientAnswers(def)));
	assert.equal(r.status, 401);
	assert.equal(r.json.error.code, 'not_accepted');
	assert.match(r.json.error.message, GENERIC);
	const s = F.state(p);
	assert.equal(s.responses, 0);
	assert.equal(s.consent, null);
});

test('wrong, expired and closed-wave codes get the same answer as a used one', async () => {
	F.resetAttempts();
	const texts = [];
	for (const p of [F.participant({ used: true }), F.participant({ expired: true }),
		F.participant({ closedWave: true })]) {
		const before = F.state(p);
		const r = await F.postJson('/api/v1/responses', F.submission(p, def, F.patientAnswers(def)));
		assert.equal(r.status, 401, r.text);
		texts.push(r.text);
		assert.deepEqual(F.state(p), before);
	}
	const wrong = await F.postJson('/api/v1/responses',
		F.submission({ code: 'ABC-DEF-GHJ' }, def, F.patientAnswers(def)));
	assert.equal(wrong.status, 401);
	texts.push(wrong.text);
	assert.equal(new Set(texts).size, 1, texts.join('\n'));
	F.resetAttempts();
});

test('GET on the responses endpoint is a JSON 405', async () => {
	const res = await fetch(`${F.env.base}/api/v1/responses`);
	assert.equal(res.status, 405);
	assert.match(res.headers.get('allow'), /POST/);
	assert.equal((await res.json()).error.code, 'method_not_allowed');
});

test('unknown API path is a JSON 404', async () => {
	const res = await fetch(`${F.env.base}/api/v1/nothing`);
	assert.equal(res.status, 404);
	assert.equal((await res.json()).error.code, 'not_found');
});

test('a submission after a draft on the web pages replaces the draft', async () => {
	const p = F.participant();
	const c = new F.Client();
	const csrf = await c.loginAndConsent(p.code);
	const page = await c.post('/sida/1', { csrf, action: 'next', pat_traffat: 'g1' });
	assert.equal(page.status, 303);
	assert.equal(F.state(p).answers, 1);
	const body = F.submission(p, def, F.patientAnswers(def));
	const r = await F.postJson('/api/v1/responses', body);
	assert.equal(r.status, 201, r.text);
	const s = F.state(p);
	assert.equal(s.responses, 1);
	assert.equal(s.submitted, 1);
	assert.equal(s.sessions, 0);   // the web session ended with the submission
	assert.equal(F.answersOf(p).pat_traffat, def.items[0].options[0].code);
});
