// SPDX-License-Identifier: ISC
// The question types added through lib/item_types.c, over the JSON API and
// the survey pages: each valid answer is stored in its type's column, each
// invalid one is refused with a JSON (API) or Swedish HTML (pages) error
// naming the item, with nothing written; the codebook describes each type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import * as F from './fixture.mjs';
import * as T from './types_fixture.mjs';

T.ensureTypesStudy();

function body(p, answers) {
	return { submission_id: randomUUID(), code: p.code, instrument: T.demo.id,
		version: T.demo.version, wave: 24, consent: true, answers };
}

// Accepted answers and the stored value they must become.
const valid = [
	['td_vas', 0, 'int:0'],
	['td_vas', 100, 'int:100'],
	['td_vas', { decline: true }, 'declined'],
	['td_vas_fri', 12, 'int:12'],
	['td_timmar', 37.5, 'text:37.5'],
	['td_timmar', 0, 'text:0.0'],
	['td_timmar', { dont_know: true }, 'dont_know'],
	['td_antal', 500, 'text:500'],
	['td_temp', -5.5, 'text:-5.50'],
	['td_temp', 20.1, 'text:20.10'],
	['td_datum', '2024-02-29', 'date:2024-02-29'],
	['td_datum', '1900-01-01', 'date:1900-01-01'],
	['td_datum', { dont_know: true }, 'dont_know'],
	['td_g_tid', 1, 'int:1'],
	['td_g_oklart', 5, 'int:5'],
];
for (const [item, value, stored] of valid) {
	test(`${item} = ${JSON.stringify(value)} is stored as ${stored}`, async () => {
		const p = T.typesParticipant();
		const r = await F.postJson('/api/v1/responses', body(p, { ...T.validAnswers, [item]: value }));
		assert.equal(r.status, 201, r.text);
		assert.equal(T.storedOf(p)[item], stored);
	});
}

// Refused answers: the item named, the message a plain Swedish sentence.
const invalid = [
	['td_vas', 101, /mellan 0 och 100/],
	['td_vas', -1, /mellan 0 och 100/],
	['td_vas', 50.5, /ett heltal krävs/],
	['td_vas', '50', /ett heltal krävs/],
	['td_vas', [50], /ett heltal krävs/],
	['td_vas', { dont_know: true }, /Vet ej/],
	['td_vas_fri', { decline: true }, /Vill inte svara/],
	['td_timmar', 60.5, /mellan 0,0 och 60,0/],
	['td_timmar', 1.25, /för många decimaler/],
	['td_timmar', '12,5', /ett tal krävs/],
	['td_antal', 3.5, /ett heltal krävs/],
	['td_antal', -1, /mellan 0 och 500/],
	['td_temp', 30.26, /mellan -5,50 och 30,25/],
	['td_temp', { dont_know: true }, /Vet ej/],
	['td_datum', '2025-02-29', /^Ogiltigt datum\.$/],
	['td_datum', '2101-01-01', /^Ogiltigt datum\.$/],
	['td_datum', '2025-2-28', /ÅÅÅÅ-MM-DD/],
	['td_datum', '2025-02-28T10:00', /ÅÅÅÅ-MM-DD/],
	['td_datum', 20250228, /en textsträng krävs/],
	['td_datum', { decline: true }, /Vill inte svara/],
	['td_g_tid', 6, /Ogiltigt svarsalternativ/],
	['td_g_tid', '4', /ett heltal krävs/],
	['td_g_lyssnar', { decline: true }, /Vill inte svara/],
	['td_grid', 4, /Okänd fråga/],
];
for (const [item, value, msg] of invalid) {
	test(`${item} = ${JSON.stringify(value)} is refused`, async () => {
		const p = T.typesParticipant();
		const r = await F.postJson('/api/v1/responses', body(p, { ...T.validAnswers, [item]: value }));
		assert.equal(r.status, 400, r.text);
		assert.match(r.headers.get('content-type'), /^application\/json/);
		assert.equal(r.json?.error?.code, 'invalid', r.text);
		assert.equal(r.json.error.field, item, r.text);
		assert.match(r.json.error.message, msg);
		assert.equal(F.state(p).answers, 0);
	});
}

test('a required VAS left out is refused', async () => {
	const p = T.typesParticipant();
	const { td_vas: _, ...rest } = T.validAnswers;
	const r = await F.postJson('/api/v1/responses', body(p, rest));
	assert.equal(r.status, 400, r.text);
	assert.equal(r.json.error.field, 'td_vas');
	assert.match(r.json.error.message, /måste besvaras/);
});

// The survey page without JavaScript: the VAS is a number field 0-100
// between its end labels; a posted value is kept, a bad one explained.
test('survey page: VAS as a number field, posted and refused in Swedish', async () => {
	const p = T.typesParticipant();
	const c = new F.Client();
	const csrf = await c.loginAndConsent(p.code);
	let r = await c.get('/sida/1');
	assert.equal(r.status, 200);
	assert.match(r.text, /<input id="q-td_vas" name="td_vas" type="number" inputmode="numeric" min="0" max="100" step="1" class="vas-number" value="">/);
	assert.match(r.text, /0 = Inte alls stöttad/);
	assert.match(r.text, /100 = Helt stöttad/);
	r = await c.post('/sida/1', { csrf, action: 'next', td_vas: '101' });
	assert.equal(r.status, 400, r.text.slice(0, 200));
	assert.match(r.text, /Svaret måste vara ett heltal mellan 0 och 100\./);
	r = await c.post('/sida/1', { csrf, action: 'next', td_vas: ' 64 ', td_vas_fri: 'vet-ej' });
	assert.equal(r.status, 303, r.text.slice(0, 200));
	r = await c.get('/sida/1');
	assert.match(r.text, /name="td_vas" type="number"[^>]*value="64"/);
});

test('survey page: a number with a decimal comma, its unit, and a refused one', async () => {
	const p = T.typesParticipant();
	const c = new F.Client();
	const csrf = await c.loginAndConsent(p.code);
	let r = await c.get('/sida/1');
	assert.match(r.text, /<input id="q-td_timmar" name="td_timmar" type="text" inputmode="decimal"[^>]*value=""><span class="unit">timmar<\/span>/);
	assert.match(r.text, /Ett tal från 0,0 till 60,0, med högst 1 decimal\./);
	r = await c.post('/sida/1', { csrf, action: 'next', td_vas: '5', td_timmar: '12,55' });
	assert.equal(r.status, 400);
	assert.match(r.text, /Skriv svaret som ett tal med högst 1 decimal, till exempel 2,5\./);
	r = await c.post('/sida/1', { csrf, action: 'next', td_vas: '5', td_timmar: '12,5', td_temp: '-3' });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	assert.equal(T.storedOf(p).td_timmar, 'text:12.5');
	assert.equal(T.storedOf(p).td_temp, 'text:-3.00');
	r = await c.get('/sida/1');
	assert.match(r.text, /name="td_timmar" type="text"[^>]*value="12,5"/);
	assert.match(r.text, /name="td_temp" type="text"[^>]*value="-3,00"/);
});

test('survey page: a date field with its written form, trimmed, and a refused date', async () => {
	const p = T.typesParticipant();
	const c = new F.Client();
	const csrf = await c.loginAndConsent(p.code);
	let r = await c.get('/sida/1');
	assert.match(r.text, /<input id="q-td_datum" name="td_datum" type="date" min="1900-01-01" max="2100-12-31" aria-describedby="qh-td_datum" value="">/);
	assert.match(r.text, /id="qh-td_datum">Skriv datumet som ÅÅÅÅ-MM-DD/);
	r = await c.post('/sida/1', { csrf, action: 'next', td_vas: '5', td_datum: '2025-13-01' });
	assert.equal(r.status, 400);
	assert.match(r.text, /Ogiltigt datum\./);
	r = await c.post('/sida/1', { csrf, action: 'next', td_vas: '5', td_datum: ' 2025-03-01 ' });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	assert.equal(T.storedOf(p).td_datum, 'date:2025-03-01');
});

test('a grid: each statement a likert5 item of its own, each required', async () => {
	assert.deepEqual(F.sql(`SELECT item_id, item_type FROM uppfolj.instrument_item
		WHERE instrument_id = 'types_demo' AND item_id LIKE 'td_g%' ORDER BY position`),
	[['td_g_tid', 'likert5'], ['td_g_lyssnar', 'likert5'], ['td_g_oklart', 'likert5']]);
	const p = T.typesParticipant();
	const { td_g_lyssnar: _, ...rest } = T.validAnswers;
	const r = await F.postJson('/api/v1/responses', body(p, rest));
	assert.equal(r.status, 400, r.text);
	assert.equal(r.json.error.field, 'td_g_lyssnar');
	assert.match(r.json.error.message, /måste besvaras/);
});

test('survey page: a grid is one table on a theme page, one statement per page on the tablet', async () => {
	const p = T.typesParticipant();
	const c = new F.Client();
	const csrf = await c.loginAndConsent(p.code);
	assert.equal((await c.post('/sida/1', { csrf, action: 'next', td_vas: '5' })).status, 303);
	let r = await c.get('/sida/2');
	assert.equal((r.text.match(/<table class="gridtable">/g) ?? []).length, 1);
	assert.equal((r.text.match(/<tr class="grow"/g) ?? []).length, 3);
	assert.match(r.text, /<th scope="col" id="gh-td_grid-3">Stämmer delvis<\/th>/);
	assert.match(r.text, /<th scope="row" id="gs-td_g_tid">Jag får den tid jag behöver\.<\/th>/);
	assert.match(r.text, /name="td_g_tid" value="vet-ej" aria-labelledby="gs-td_g_tid gh-td_grid-dk"/);
	r = await c.post('/sida/2', { csrf, action: 'next', td_g_tid: '2', td_g_lyssnar: '7' });
	assert.equal(r.status, 400);
	assert.match(r.text, /<tr class="grow has-error" id="item-td_g_lyssnar">/);
	assert.match(r.text, /<tr class="gerr"><td colspan="7"><p class="error" role="alert" id="err-td_g_lyssnar">Ogiltigt svarsalternativ\.<\/p>/);
	r = await c.post('/sida/2', { csrf, action: 'next', td_g_tid: '2', td_g_lyssnar: '3', td_g_oklart: 'vet-ej' });
	assert.equal(r.status, 303);
	const got = T.storedOf(p);
	assert.deepEqual([got.td_g_tid, got.td_g_lyssnar, got.td_g_oklart], ['int:2', 'int:3', 'dont_know']);

	const t = T.typesParticipant('patient');
	const tc = new F.Client();
	const tcsrf = await tc.loginAndConsent(t.code);
	const pages = [];
	for (let n = 1; n <= 12; n++) {
		const pg = await tc.get(`/sida/${n}`);
		if (pg.status !== 200) break;
		pages.push(pg.text);
		// Answer the required ones (the VAS and the statements), skip the rest.
		const name = pg.text.match(/name="(td_[a-z_]+)"/)[1];
		const fields = { csrf: tcsrf, action: 'next' };
		if (name === 'td_vas' || name.startsWith('td_g_')) fields[name] = '3';
		assert.equal((await tc.post(`/sida/${n}`, fields)).status, 303, name);
	}
	assert.equal(pages.length, 10, 'one page per item, a statement an item');
	const gridPages = pages.filter((h) => /class="grid-stem"/.test(h));
	assert.equal(gridPages.length, 3, 'one page per statement');
	for (const h of gridPages) {
		assert.doesNotMatch(h, /<table/);
		assert.match(h, /<p class="grid-stem">Hur väl stämmer påståendena om stödet på din enhet\?<\/p>/);
		assert.equal((h.match(/<h1 class="qhead">/g) ?? []).length, 1);
	}
});

test('SQL refuses a number item answer that is not a canonical decimal', () => {
	// collect_put_answers is the only writer the collect program has; its
	// check of the type's storage is the last line behind lib/item_types.c.
	const p = T.typesParticipant();
	const rid = F.sql1(`INSERT INTO uppfolj.response (submission_id, participant_id, wave_id, instrument_id, version)
		VALUES (gen_random_uuid(), ${p.pid}, ${p.wave}, 'types_demo', 1) RETURNING response_id`);
	assert.throws(() => F.sql(`SELECT uppfolj.collect_put_answers(${rid}, 'types_demo', 1,
		'[{"i": "td_timmar", "t": "12,5"}]'::jsonb, true)`), /does not fit its item type/);
	assert.throws(() => F.sql(`SELECT uppfolj.collect_put_answers(${rid}, 'types_demo', 1,
		'[{"i": "td_vas", "n": 101}]'::jsonb, true)`), /does not fit its item type/);
	F.sql(`SELECT uppfolj.collect_put_answers(${rid}, 'types_demo', 1,
		'[{"i": "td_timmar", "t": "12.5"}, {"i": "td_vas", "n": 100}]'::jsonb, true)`);
	assert.equal(F.sql1(`SELECT value_text::numeric * 2 FROM uppfolj.answer WHERE response_id = ${rid} AND item_id = 'td_timmar'`), '25.0');
});

test('codebook describes each type', () => {
	const out = execFileSync(`${F.env.build}/admin/uppfolj-admin`, ['export', '--db',
		`host=${F.env.pghost} port=${F.env.pgport} dbname=${F.env.db} user=uppfolj_admin`,
		'--study', 'typestest', '--format', 'codebook', '-o', '-'],
	{ encoding: 'utf8', env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' } });
	const line = (id) => out.split('\n').find((l) => l.startsWith(id + ','));
	// columns: ..., type, values, missing_dont_know, missing_declined,
	// missing_no_answer, ... (manage/export_codebook.c); the values text is
	// the item type's own (lib/item_types.c)
	assert.match(line('td_vas'), /,vas,0\.\.100 \(visual analogue scale; 0=Inte alls stöttad;100=Helt stöttad\),,-2,-9,/);
	assert.match(line('td_vas_fri'), /,vas,0\.\.100 \(visual analogue scale; 0=Ingen tid;100=All tid jag behövt\),-1,,-9,/);
	// a minimum below -1 moves the missing codes below it: -6 - 2, -6 - 9
	assert.match(line('td_temp'), /,number,"number -5\.50\.\.30\.25, decimals 2, unit °C",,-8,-15,/);
	assert.match(line('td_datum'), /,date,YYYY-MM-DD,-1,,,/);
	assert.match(line('td_g_oklart'), /,likert5,1=Stämmer inte alls;.*;5=Stämmer helt,-1,,-9,/);
	assert.match(line('td_antal'), /,number,"number 0\.\.500, decimals 0, unit samtal",,,-9,/);
});
