// SPDX-License-Identifier: ISC
// The category table's examples chosen in the coding pages (schema/0026):
// an evaluator marks a meaning unit as its subkategori's example on the
// code's page with the keyboard and JavaScript off, sees it marked, is
// refused a third one for the same subkategori (and told why), drops one;
// an admin sees the column but no button and is refused the route; bad
// forms are refused with nothing written; a withdrawal erases the chosen
// example with its unit while the history keeps ids only. axe-core finds
// no violations. Screenshots: $UF_ARTIFACTS/adminweb/qual-examples-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import * as L from './lib.mjs';

const exe = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));
let browser;
before(async () => {
	browser = await chromium.launch({ executablePath: exe, headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
});
after(async () => { await browser?.close(); });

const shot = (page, name) => page.screenshot({ path: join(L.env.artifacts, `qual-examples-${name}.png`), fullPage: true });
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
async function axe(page) {
	// with JavaScript off the page cannot run axe: a second context with it on checks the same URL
	const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 },
		storageState: await page.context().storageState() });
	const p = await ctx.newPage();
	await p.goto(page.url());
	await p.evaluate(axeSource);
	const r = await p.evaluate(() => window.axe.run(document, {
		runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
		resultTypes: ['violations'] }));
	await ctx.close();
	return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function login(user, javaScriptEnabled = false) {
	const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'sv-SE', javaScriptEnabled });
	const page = await ctx.newPage();
	await page.goto(`${L.env.base}/admin/login`);
	await page.getByLabel('Användarnamn').fill(user.name);
	await page.getByLabel('Lösenord').fill(user.password);
	await Promise.all([page.waitForURL(/\/admin\/$/), page.getByRole('button', { name: 'Logga in' }).click()]);
	return { ctx, page };
}

const RUN = L.uname('');
const KAT = `Exempelkategori ${RUN}`, SUB = 'Bemötande', KOD = 'Lyssnar';
const study = () => L.studyId();
let evaluator, admin, panel, doc, sub, kat;
// u[0], u[1] coded on SUB, u[2] on its kod KOD, u[3] on the kategori itself
let u = [];
const chosen = () => L.sql(`SELECT unit_id FROM uppfolj.qual_example WHERE unit_id IN (${u.join(',')})
	ORDER BY unit_id`).map((r) => Number(r[0]));

before(() => {
	evaluator = L.userAdd('exeval', 'evaluator');
	admin = L.userAdd('exadmin', 'admin');
	// a peer supporter of its own, so that the withdrawal below touches no
	// other test's data
	panel = `P-EX${RUN.toUpperCase()}`;
	L.sql(`INSERT INTO uppfolj.participant (study_id, panel_id, grp, unit_id)
		SELECT ${study()}, ${L.lit(panel)}, 'peer', unit_id FROM uppfolj.unit
		WHERE study_id = ${study()} ORDER BY unit_id LIMIT 1`);
	kat = L.sql1(`INSERT INTO uppfolj.qual_code (study_id, level, name)
		VALUES (${study()}, 1, ${L.lit(KAT)}) RETURNING code_id`);
	// the tree's trigger names its table unqualified: the schema on the path
	sub = L.sql1(`SET search_path = uppfolj; INSERT INTO uppfolj.qual_code (study_id, parent_id, level, name)
		VALUES (${study()}, ${kat}, 2, ${L.lit(SUB)}) RETURNING code_id`);
	const kod = L.sql1(`SET search_path = uppfolj; INSERT INTO uppfolj.qual_code (study_id, parent_id, level, name)
		VALUES (${study()}, ${sub}, 3, ${L.lit(KOD)}) RETURNING code_id`);
	doc = L.sql1(`INSERT INTO uppfolj.qual_document (study_id, wave_id, grp, participant_id, title, body)
		SELECT p.study_id, w.wave_id, 'peer', p.participant_id, 'Exempelintervju ${RUN}',
			'Hen lyssnade. Hen tog sig tid. Det kändes tryggt. Allt var nytt.'
		FROM uppfolj.participant p JOIN uppfolj.wave w ON w.study_id = p.study_id AND w.months = 12
		WHERE p.panel_id = ${L.lit(panel)} RETURNING document_id`);
	const ev = L.sql1(`SELECT user_id FROM uppfolj.app_user WHERE username = ${L.lit(evaluator.name)}`);
	const unit = (start, len, code) => Number(L.sql1(`INSERT INTO uppfolj.qual_unit (document_id,
		start_pos, end_pos, span, code_id, coder_id)
		SELECT document_id, ${start}, ${start + len}, substr(body, ${start + 1}, ${len}), ${code}, ${ev}
		FROM uppfolj.qual_document WHERE document_id = ${doc} RETURNING unit_id`));
	u = [unit(0, 13, sub), unit(14, 16, sub), unit(31, 18, kod), unit(50, 14, kat)];
});

const button = (page, id) => page.locator(`form#u${id} button`);

test('an evaluator chooses examples with the keyboard, without JavaScript, at most two per subkategori', async () => {
	const { page, ctx } = await login(evaluator);
	await page.goto(`${L.env.base}/admin/kodning/kod/${kat}`);
	assert.match(await page.locator('main').innerText(), /högst 2 per subkategori/);
	assert.equal(await page.locator('th:text-is("Exempel i rapporten")').count(), 1);
	// the unit coded on the kategori itself cannot be an example: no button
	assert.equal(await button(page, u[3]).count(), 0);
	assert.deepEqual(await axe(page), [], 'code page with the examples column');

	// keyboard: focus the first unit's button and press Enter
	await button(page, u[0]).focus();
	await Promise.all([page.waitForURL(new RegExp(`/admin/kodning/kod/${kat}#u${u[0]}$`)), page.keyboard.press('Enter')]);
	assert.deepEqual(chosen(), [u[0]]);
	const row0 = page.locator('tr', { has: page.locator(`form#u${u[0]}`) });
	assert.match(await row0.innerText(), /Valt exempel/);
	assert.equal(await button(page, u[0]).innerText(), 'Ta bort som exempel');
	// the kod's unit counts for its subkategori: the second and last place
	await button(page, u[2]).focus();
	await Promise.all([page.waitForURL(/#u\d+$/), page.keyboard.press('Enter')]);
	assert.deepEqual(chosen(), [u[0], u[2]]);
	await shot(page, '01-chosen');

	// a third for the same subkategori: refused, and the page says what to do
	const [resp] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/admin/kodning/exempel')),
		button(page, u[1]).click()]);
	assert.equal(resp.status(), 409);
	assert.match(await page.locator('main').innerText(), new RegExp(`Subkategorin ”${SUB}” har redan 2 valda exempel\\. Ta bort ett av dem först`));
	assert.deepEqual(chosen(), [u[0], u[2]]);
	await shot(page, '02-full');

	// drop one, then the third fits
	await page.goto(`${L.env.base}/admin/kodning/kod/${sub}`);
	await Promise.all([page.waitForURL(/#u\d+$/), button(page, u[2]).click()]);
	await Promise.all([page.waitForURL(/#u\d+$/), button(page, u[1]).click()]);
	assert.deepEqual(chosen(), [u[0], u[1]]);
	// the history: choose, choose, drop, choose, by this evaluator, ids only
	assert.deepEqual(L.sql(`SELECT kind, unit_id, subkategori, actor FROM uppfolj.qual_example_event
		WHERE unit_id IN (${u.join(',')}) ORDER BY event_id`),
		[['choose', String(u[0]), sub, `web:${evaluator.name}`], ['choose', String(u[2]), sub, `web:${evaluator.name}`],
			['drop', String(u[2]), sub, `web:${evaluator.name}`], ['choose', String(u[1]), sub, `web:${evaluator.name}`]]);
	assert.equal(L.auditCount('qual.example_choose', `web:${evaluator.name}`), 3);
	assert.equal(L.auditCount('qual.example_drop', `web:${evaluator.name}`), 1);
	await ctx.close();
});

test('an admin sees the choices but cannot change them', async () => {
	const { page, ctx } = await login(admin);
	await page.goto(`${L.env.base}/admin/kodning/kod/${sub}`);
	assert.match(await page.locator('main').innerText(), /Bara utvärderare väljer exempel/);
	assert.equal(await page.locator('form[action="/admin/kodning/exempel"]').count(), 0);
	assert.equal(await page.locator('strong.chosen').count(), 2);
	await ctx.close();
	const c = await L.loggedIn(admin);
	const r = await c.post('/admin/kodning/exempel', { enhet: String(u[1]), kod: sub, val: 'nej' });
	assert.equal(r.status, 403);
	assert.deepEqual(chosen(), [u[0], u[1]]);
});

test('refused example forms say why and change nothing', async () => {
	const c = await L.loggedIn(evaluator);
	const post = (f) => c.post('/admin/kodning/exempel', { enhet: String(u[2]), kod: sub, val: 'ja', ...f });
	const before = chosen();
	for (const [fields, status] of [[{ val: 'kanske' }, 400], [{ enhet: '0' }, 400], [{ enhet: '12x' }, 400],
		[{ enhet: '2147483647' }, 404], [{ kod: '' }, 400], [{ extra: '1' }, 400]]) {
		const r = await post(fields);
		assert.equal(r.status, status, JSON.stringify(fields));
	}
	// the unit on the kategori itself: not under a subkategori
	let r = await post({ enhet: String(u[3]) });
	assert.equal(r.status, 400);
	assert.match(r.text, /inte kodad under en subkategori/);
	// without the form's token
	r = await c.post('/admin/kodning/exempel', { enhet: String(u[2]), kod: sub, val: 'ja' }, { csrf: false });
	assert.equal(r.status, 403);
	assert.deepEqual(chosen(), before);
});

test('a withdrawal erases the chosen example with its meaning unit', async () => {
	assert.equal(chosen().length, 2);
	const { page, ctx } = await login(admin, true);
	await page.goto(`${L.env.base}/admin/radera`);
	await page.getByLabel('eller deltagar-id').fill(panel);
	await Promise.all([page.waitForURL(/\/admin\/radera$/), page.getByRole('button', { name: 'Hitta deltagaren' }).click()]);
	await page.getByLabel(/allt ska raderas/).check();
	await Promise.all([page.waitForURL(/klart=1$/), page.getByRole('button', { name: 'Radera allt om deltagaren' }).click()]);
	await ctx.close();
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.qual_unit WHERE unit_id IN (${u.join(',')})`), 0);
	assert.deepEqual(chosen(), []);
	// the history keeps its rows: ids and evaluators' names, no words
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.qual_example_event WHERE unit_id IN (${u.join(',')})`), 4);
	const c = await L.loggedIn(evaluator);
	const r = await c.get(`/admin/kodning/kod/${sub}`);
	assert.equal(r.status, 200);
	assert.doesNotMatch(r.text, /Valt exempel|Hen lyssnade/);
});
