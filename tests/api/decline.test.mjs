// SPDX-License-Identifier: ISC
// "Vill inte svara" (decline) is an answer of its own, kept apart from
// "Vet ej / ej aktuellt" from the request to the database and the export
// token: by the JSON API and by posted pages, with every rejection (an item
// that does not offer it, a malformed object, both at once) refused with
// nothing stored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as F from './fixture.mjs';

const def = await F.instrument('patient');
const asked = def.items.filter((it) => !it.waves || it.waves.includes(24));
// The row as stored: dont_know, declined and whether any value column is set
// (a draft's answers through response_answer_rows, as the access request).
const row = (p, item) => F.sql(`SELECT a.dont_know, a.declined,
		num_nonnulls(a.value_int, a.value_text, a.value_choices, a.value_date),
		uppfolj.answer_value(a)
	FROM uppfolj.response r CROSS JOIN LATERAL uppfolj.response_answer_rows(r) a
	WHERE r.participant_id = ${p.pid} AND a.item_id = ${F.lit(item)}`)[0];

test('the patient instrument offers decline on its required closed questions', () => {
	const required = def.items.filter((it) => it.required);
	assert.ok(required.length >= 15);
	for (const it of required) assert.equal(it.decline, true, it.id);
	for (const it of def.items.filter((i) => i.type === 'text' || i.type === 'multi'))
		assert.equal(it.decline, undefined, `${it.id}: ${it.type} cannot decline`);
});

test('API: {"decline": true} is stored as declined, {"dont_know": true} as dont_know', async () => {
	const p = F.participant();
	const body = F.submission(p, def, F.patientAnswers(def, {
		pat_jamlik: { decline: true }, pat_lyssnad: { dont_know: true }, pat_traffat: { decline: true } }));
	const r = await F.postJson('/api/v1/responses', body);
	assert.equal(r.status, 201, r.text);
	assert.deepEqual(row(p, 'pat_jamlik'), ['f', 't', '0', 'declined']);
	assert.deepEqual(row(p, 'pat_traffat'), ['f', 't', '0', 'declined']);
	assert.deepEqual(row(p, 'pat_lyssnad'), ['t', 'f', '0', 'dont_know']);
	assert.deepEqual(row(p, 'pat_hopp'), ['f', 'f', '1', '4']);
});

test('API: every required question declined is a complete response', async () => {
	const p = F.participant();
	const answers = {};
	for (const it of def.items.filter((i) => i.required)) answers[it.id] = { decline: true };
	const r = await F.postJson('/api/v1/responses', F.submission(p, def, answers));
	assert.equal(r.status, 201, r.text);
	assert.equal(F.state(p).answers, Object.keys(answers).length);
	// A declined question has no value, so its follow-up stays hidden.
	const late = F.submission(F.participant(), def, { ...answers, pat_varfor_inte: 'annat' });
	const r2 = await F.postJson('/api/v1/responses', late);
	assert.equal(r2.status, 400, r2.text);
	assert.equal(r2.json.error.field, 'pat_varfor_inte');
});

// Each refused body: status 400, the field named, nothing of it stored.
for (const [name, overrides, field, msg] of [
	['decline on a multi item, which does not offer it', { pat_aktiviteter: { decline: true } },
		'pat_aktiviteter', /Vill inte svara/],
	['decline on the free-text item', { pat_mer: { decline: true } }, 'pat_mer', /Vill inte svara/],
	['decline and dont_know in one answer', { pat_jamlik: { decline: true, dont_know: true } },
		'pat_jamlik', /decline/],
	['decline false', { pat_jamlik: { decline: false } }, 'pat_jamlik', /decline/],
	['decline as a number', { pat_jamlik: { decline: 1 } }, 'pat_jamlik', /decline/],
	['decline as a string value', { pat_jamlik: 'decline' }, 'pat_jamlik', /heltal/],
]) {
	test(`API refuses ${name}`, async () => {
		const p = F.participant();
		const r = await F.postJson('/api/v1/responses', F.submission(p, def, F.patientAnswers(def, overrides)));
		assert.equal(r.status, 400, r.text);
		assert.equal(r.json?.error?.code, 'invalid', r.text);
		assert.equal(r.json.error.field, field, r.text);
		assert.match(r.json.error.message, msg);
		assert.deepEqual(F.state(p), { responses: 0, submitted: 0, answers: 0, consent: null,
			used: false, sessions: 0 });
	});
}

test('pages: "Vill inte svara" is a choice of its own and is stored as declined', async () => {
	const p = F.participant();
	const c = new F.Client();
	const csrf = await c.loginAndConsent(p.code);
	const page = await c.get('/sida/1');
	assert.match(page.text, /value="vet-ej"[^>]*>\s*<span>Vet ej \/ ej aktuellt<\/span>/);
	assert.match(page.text, /value="vill-ej"[^>]*>\s*<span>Vill inte svara<\/span>/);
	let r = await c.post('/sida/1', { csrf, action: 'next', [asked[0].id]: 'vill-ej' });
	assert.equal(r.status, 303, r.text);
	assert.deepEqual(row(p, asked[0].id), ['f', 't', '0', 'declined']);
	// Back on the page the choice is shown as made; the review names it.
	assert.match((await c.get('/sida/1')).text, /value="vill-ej" checked/);
	assert.match((await c.get('/granska')).text, /Vill inte svara/);
	// Changed to "vet ej": the other flag, never both.
	r = await c.post('/sida/1', { csrf, action: 'next', [asked[0].id]: 'vet-ej' });
	assert.equal(r.status, 303);
	assert.deepEqual(row(p, asked[0].id), ['t', 'f', '0', 'dont_know']);
});

test('pages refuse decline where not offered, and two answers at once', async () => {
	const p = F.participant();
	const c = new F.Client();
	const csrf = await c.loginAndConsent(p.code);
	const multi = asked.findIndex((it) => it.type === 'multi');
	let r = await c.post(`/sida/${multi + 1}`, { csrf, action: 'next', [asked[multi].id]: 'vill-ej' });
	assert.equal(r.status, 400);
	assert.match(r.text, /Ogiltigt svarsalternativ|Vill inte svara/);
	r = await c.post('/sida/1', new URLSearchParams([['csrf', csrf], ['action', 'next'],
		[asked[0].id, 'vill-ej'], [asked[0].id, 'vet-ej']]));
	assert.equal(r.status, 400);
	assert.match(r.text, /Välj bara ett svar/);
	// The message comes after the answers (they must not move), and names
	// the question for screen readers.
	const answersAt = r.text.indexOf('class="choices"'), msgAt = r.text.indexOf('role="alert"');
	assert.ok(answersAt > 0 && msgAt > answersAt, 'message after the answers');
	assert.match(r.text, new RegExp(`aria-describedby="err-${asked[0].id}"`));
	assert.equal(F.state(p).answers, 0);
});
