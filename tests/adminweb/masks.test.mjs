// SPDX-License-Identifier: ISC
// The "Maskering i citat" page: admins add and remove the study's own names
// that reports mask in quotes, evaluators only see the list, refused input
// gives the Swedish message and writes nothing, and the audit rows name the
// study but never the name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as L from './lib.mjs';

const NAME = L.uname('Majken');
let admin, evaluator;
const rows = (name = NAME) => L.num(`SELECT count(*) FROM uppfolj.study_mask_name
	WHERE study_id = ${L.studyId()} AND name = ${L.lit(name)}`);
const kindOf = (name = NAME) => L.sql1(`SELECT kind FROM uppfolj.study_mask_name
	WHERE study_id = ${L.studyId()} AND name = ${L.lit(name)}`);
const cleanup = () => L.sql(`DELETE FROM uppfolj.study_mask_name WHERE name LIKE 'Majken%'`);

before(() => {
	cleanup();
	admin = L.userAdd('awmask', 'admin');
	evaluator = L.userAdd('awmaskeval', 'evaluator');
});
after(cleanup);

test('an admin adds a name, sees it listed and removes it', async () => {
	const a = await L.loggedIn(admin);
	const page = await a.get('/admin/maskering');
	assert.equal(page.status, 200);
	assert.match(page.text, /<h2 id="ny">Lägg till ett namn<\/h2>/);
	assert.match(page.text, /<option value="namn">/);
	let r = await a.post('/admin/maskering', { namn: NAME, typ: 'ort' });
	assert.equal(r.status, 303);
	assert.equal(r.location, '/admin/maskering?klart=1');
	assert.equal(kindOf(), 'ort');
	r = await a.get('/admin/maskering?klart=1');
	assert.match(r.text, /Listan är ändrad/);
	assert.ok(r.text.includes(`<tr><td>${NAME}</td><td>[ort]</td>`), 'listed');
	assert.ok(r.text.includes(`aria-label="Ta bort ${NAME}"`));
	// the audit rows say which study, never the name
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.audit_log WHERE action = 'mask.add'
		AND actor = ${L.lit('web:' + admin.name)} AND object = 'study:' || ${L.studyId()}`), 1);
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.audit_log
		WHERE coalesce(object, '') || coalesce(detail::text, '') LIKE ${L.lit('%' + NAME + '%')}`), 0);
	r = await a.post('/admin/maskering/ta-bort', { namn: NAME });
	assert.equal(r.status, 303);
	assert.equal(rows(), 0);
	// removing it again: the Swedish message, nothing else changes
	r = await a.post('/admin/maskering/ta-bort', { namn: NAME });
	assert.equal(r.status, 404);
	assert.match(r.text, /Studien har inget sådant namn i listan/);
});

test('refused names and kinds show the Swedish message and write nothing', async () => {
	const a = await L.loggedIn(admin);
	let r = await a.post('/admin/maskering', { namn: 'M', typ: 'namn' });
	assert.equal(r.status, 400);
	assert.match(r.text, /Namnet ska vara 2–100 tecken/);
	assert.equal(rows('M'), 0);
	r = await a.post('/admin/maskering', { namn: NAME, typ: 'person' });
	assert.equal(r.status, 400);
	assert.match(r.text, /Välj verksamhet, ort eller namn/);
	assert.ok(r.text.includes(`value="${NAME}"`), 'the form keeps what was typed');
	r = await a.post('/admin/maskering', { namn: 'x'.repeat(101), typ: 'namn' });
	assert.equal(r.status, 400);
	r = await a.post('/admin/maskering', { namn: 'Ma\u0007jken', typ: 'namn' });
	assert.equal(r.status, 400);
	// an unknown field is refused before anything is read
	r = await a.post('/admin/maskering', { namn: NAME, typ: 'namn', extra: '1' });
	assert.equal(r.status, 400);
	// without the CSRF token
	r = await a.post('/admin/maskering', { namn: NAME, typ: 'namn' }, { csrf: false });
	assert.equal(r.status, 403);
	assert.equal(rows(), 0);
});

test('an evaluator sees the list but may not change it', async () => {
	L.sql(`INSERT INTO uppfolj.study_mask_name (study_id, name, kind)
		VALUES (${L.studyId()}, ${L.lit(NAME + 'x')}, 'namn')`);
	const e = await L.loggedIn(evaluator);
	const page = await e.get('/admin/maskering');
	assert.equal(page.status, 200);
	assert.ok(page.text.includes(`<tr><td>${NAME}x</td><td>[namn]</td>`));
	assert.doesNotMatch(page.text, /Lägg till ett namn|Ta bort/);
	assert.equal((await e.post('/admin/maskering', { namn: NAME, typ: 'namn' })).status, 403);
	assert.equal((await e.post('/admin/maskering/ta-bort', { namn: NAME + 'x' })).status, 403);
	assert.equal(rows(), 0);
	assert.equal(rows(NAME + 'x'), 1);
});
