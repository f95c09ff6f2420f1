// SPDX-License-Identifier: ISC
// Qualitative coding in headless Chromium: an evaluator builds a two-level
// tree, uploads a transcript tied to a panel member, codes three meaning
// units (two by whole sentences as without JavaScript, one by selecting a
// span), merges two subcategories; two other evaluators double-code the
// text without seeing each other's units until both are done and then see
// kappa; the participant's withdrawal removes the transcript and its
// codings. axe-core finds no violations on the pages. Screenshots go to
// $UF_ARTIFACTS/adminweb/qual-*.png.
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

const shot = (page, name) => page.screenshot({ path: join(L.env.artifacts, `qual-${name}.png`), fullPage: true });

// axe-core through the DevTools protocol (the CSP refuses inline scripts).
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
async function axe(page) {
	if (!(await page.evaluate(() => typeof window.axe === 'object')))
		await page.evaluate(axeSource);
	const r = await page.evaluate(() => window.axe.run(document, {
		runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
		resultTypes: ['violations'] }));
	return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function login(user, viewport = { width: 1280, height: 900 }) {
	const ctx = await browser.newContext({ viewport, locale: 'sv-SE' });
	const page = await ctx.newPage();
	const problems = [];
	page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
	page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
	await page.goto(`${L.env.base}/admin/login`);
	await page.getByLabel('Användarnamn').fill(user.name);
	await page.getByLabel('Lösenord').fill(user.password);
	await Promise.all([page.waitForURL(/\/admin\/$/), page.getByRole('button', { name: 'Logga in' }).click()]);
	return { ctx, page, problems };
}

// Five sentences; offsets count characters (å, ä, ö are one each).
const TEXT = 'Jag började i projektet för ett år sedan. Peer supportern lyssnade på mig utan att döma. ' +
	'Det gav mig hopp.\nPersonalen var först osäkra på rollen. Nu frågar de hen om råd.';
const RUN = L.uname('');
const CAT1 = `Att bli sedd ${RUN}`, CAT2 = `Rollen i teamet ${RUN}`;
const SUB_LISTEN = 'Lyssnande', SUB_HOPE = 'Hopp', SUB_UNSURE = 'Osäkerhet';
const study = () => L.studyId();
const codeId = (name, parentName) => L.sql1(`SELECT c.code_id FROM uppfolj.qual_code c
	LEFT JOIN uppfolj.qual_code p ON p.code_id = c.parent_id
	WHERE c.study_id = ${study()} AND c.name = ${L.lit(name)}
	AND coalesce(p.name, '') = ${L.lit(parentName ?? '')}`);
// A peer supporter of the demo study, for the transcript.
let panel, docId, evaluator, coderA, coderB, admin;
const units = (doc, coder) => L.sql(`SELECT m.span, c.name FROM uppfolj.qual_unit m
	LEFT JOIN uppfolj.qual_code c USING (code_id) WHERE m.document_id = ${doc}
	${coder ? `AND m.coder_id = (SELECT user_id FROM uppfolj.app_user WHERE username = ${L.lit(coder.name)})` : ''}
	ORDER BY m.start_pos, m.unit_id`);

before(() => {
	evaluator = L.userAdd('qualeval', 'evaluator');
	coderA = L.userAdd('qualkoda', 'evaluator');
	coderB = L.userAdd('qualkodb', 'evaluator');
	admin = L.userAdd('qualadmin', 'admin');
	panel = L.sql1(`SELECT panel_id FROM uppfolj.participant WHERE study_id = ${study()}
		AND grp = 'peer' AND NOT EXISTS (SELECT 1 FROM uppfolj.qual_document d
		WHERE d.participant_id = participant.participant_id AND d.body IS NOT NULL)
		ORDER BY participant_id LIMIT 1`);
	assert.ok(panel, 'the demo study has a peer supporter');
});

async function newCode(page, name, under) {
	await page.goto(`${L.env.base}/admin/kodning/koder`);
	await page.locator('#n-namn').fill(name);
	await page.locator('#n-under').selectOption({ label: under });
	await Promise.all([page.waitForURL(/klart=1$/), page.getByRole('button', { name: 'Skapa' }).click()]);
}

// A meaning unit by whole sentences (the path without JavaScript).
async function unitBySentences(page, from, to, condensation, code) {
	await page.locator('#q-fran').selectOption(String(from));
	await page.locator('#q-till').selectOption(String(to));
	await page.locator('#q-kond').fill(condensation);
	await page.locator('#q-kod').selectOption({ label: code });
	await Promise.all([page.waitForURL(/klart=1/), page.getByRole('button', { name: 'Spara enheten' }).click()]);
}

// Select the characters of `words` inside the document text as a person
// would with the mouse (a DOM selection), so kodning.js sets the offsets.
async function selectWords(page, words) {
	// Chromium fires selectionchange asynchronously; under a loaded machine
	// a first selection made right after the page loaded has been seen to
	// go unnoticed, so select again (at most three times) before failing.
	for (let attempt = 1; ; attempt++) {
		await selectOnce(page, words);
		try {
			await page.waitForFunction(() => document.getElementById('q-start').value !== '',
				null, { timeout: 8000 });
			return;
		} catch (e) {
			if (attempt === 3)
				throw e;
			await page.evaluate(() => window.getSelection().removeAllRanges());
		}
	}
}

async function selectOnce(page, words) {
	await page.evaluate((w) => {
		const box = document.getElementById('qtext');
		const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
		let t;
		while ((t = walker.nextNode())) {
			const i = t.data.indexOf(w);
			if (i >= 0) {
				const r = document.createRange();
				r.setStart(t, i); r.setEnd(t, i + w.length);
				const s = window.getSelection(); s.removeAllRanges(); s.addRange(r);
				return;
			}
		}
		throw new Error('words not in the text');
	}, words);
}

test('code three meaning units into a two-level tree and merge two subcategories', async () => {
	const { page, problems } = await login(evaluator);
	await newCode(page, CAT1, '(ny kategori)');
	await newCode(page, SUB_LISTEN, CAT1);
	await newCode(page, SUB_HOPE, CAT1);
	await newCode(page, CAT2, '(ny kategori)');
	await newCode(page, SUB_UNSURE, CAT2);
	assert.ok(codeId(SUB_HOPE, CAT1), 'subcategory stored under its category');
	assert.deepEqual(await axe(page), [], 'tree page');

	// Upload the transcript, tied to the panel member.
	await page.goto(`${L.env.base}/admin/kodning`);
	await page.locator('#u-rubrik').fill(`Intervju peer supporter ${RUN} (syntetisk)`);
	await page.locator('#u-omgang').selectOption('12');
	await page.locator('#u-grupp').selectOption('peer');
	await page.locator('#u-panel').fill(panel);
	await page.locator('#u-text').fill(TEXT);
	await Promise.all([page.waitForURL(/\/admin\/kodning\/text\/\d+$/),
		page.getByRole('button', { name: 'Spara texten' }).click()]);
	docId = page.url().match(/(\d+)$/)[1];
	// stored exactly (the browser sends CR LF; the server keeps LF)
	assert.equal(L.sql1(`SELECT body = ${L.lit(TEXT)} FROM uppfolj.qual_document WHERE document_id = ${docId}`), 't');
	assert.equal(L.sql1(`SELECT p.panel_id FROM uppfolj.qual_document d
		JOIN uppfolj.participant p USING (participant_id) WHERE d.document_id = ${docId}`), panel);

	// Two units by whole sentences, one by a selected span.
	await unitBySentences(page, 2, 2, 'Blev lyssnad på utan att dömas', `${CAT1} › ${SUB_LISTEN}`);
	await unitBySentences(page, 3, 3, 'Fick hopp', `${CAT1} › ${SUB_HOPE}`);
	await selectWords(page, 'osäkra på rollen');
	assert.match(await page.locator('#qsel').innerText(), /Markerat: ”osäkra på rollen”/);
	// "osäkra" begins at character 128 of the text (å, ö counted once each)
	assert.equal(await page.locator('#q-start').inputValue(), String(TEXT.indexOf('osäkra')));
	await page.locator('#q-kond').fill('Personalen osäker på rollen');
	await page.locator('#q-kod').selectOption({ label: `${CAT2} › ${SUB_UNSURE}` });
	await Promise.all([page.waitForURL(/klart=1/), page.getByRole('button', { name: 'Spara enheten' }).click()]);
	assert.deepEqual(units(docId), [
		['Peer supportern lyssnade på mig utan att döma.', SUB_LISTEN],
		['Det gav mig hopp.', SUB_HOPE],
		['osäkra på rollen', SUB_UNSURE]]);
	assert.equal(await page.locator('#qtext .seg.coded').count(), 3, 'coded sentences marked');
	assert.deepEqual(await axe(page), [], 'coding page');
	await shot(page, '01-coding-desktop');

	// Merge "Hopp" into "Lyssnande": its unit moves, the code is gone, the
	// history says so.
	await page.goto(`${L.env.base}/admin/kodning/koder`);
	await page.locator('#j-fran').selectOption({ label: `${CAT1} › ${SUB_HOPE}` });
	await page.locator('#j-med').selectOption({ label: `${CAT1} › ${SUB_LISTEN}` });
	await Promise.all([page.waitForURL(/klart=1$/), page.getByRole('button', { name: 'Slå ihop' }).click()]);
	assert.equal(codeId(SUB_HOPE, CAT1), undefined);
	assert.deepEqual(units(docId).map((r) => r[1]), [SUB_LISTEN, SUB_LISTEN, SUB_UNSURE]);
	const history = await page.locator('table:has(caption:text("Ändringar i kodträdet")) tbody tr').first().innerText();
	assert.match(history, /Sammanslagen\s+Hopp\s+Lyssnande/);
	await shot(page, '02-tree');

	// Every meaning unit of the category side by side.
	await page.goto(`${L.env.base}/admin/kodning/kod/${codeId(CAT1)}`);
	assert.match(await page.locator('caption').innerText(), /^2 meningsbärande enheter/);
	assert.deepEqual(await axe(page), [], 'category page');
	await page.goto(`${L.env.base}/admin/kodning?kod=${codeId(CAT2)}`);
	assert.equal(await page.locator(`a[href="/admin/kodning/text/${docId}"]`).count(), 1, 'filter by code');
	assert.deepEqual(await axe(page), [], 'document list');
	assert.deepEqual(problems, []);
});

test('two evaluators double-code the text independently and see kappa', async () => {
	assert.ok(docId, 'the first test made the document');
	const E = await login(evaluator);
	await E.page.goto(`${L.env.base}/admin/kodning`);
	await E.page.locator(`#dok-${docId}`).check();
	await E.page.locator('#d-namn').fill(`Dubbelkodning ${RUN}`);
	await E.page.locator('#d-a').fill(coderA.name);
	await E.page.locator('#d-b').fill(coderB.name);
	await Promise.all([E.page.waitForURL(/\/admin\/kodning\/dubbel\/\d+$/),
		E.page.getByRole('button', { name: 'Starta dubbelkodning' }).click()]);
	const setUrl = E.page.url();

	// Coder 1: sentence 2 → Lyssnande (category 1), sentence 4 → Osäkerhet (category 2).
	const A = await login(coderA);
	await A.page.goto(`${L.env.base}/admin/kodning/text/${docId}`);
	assert.equal(await A.page.locator('table:has(caption:text("Meningsbärande enheter")) tbody tr').innerText(),
		'Inga meningsbärande enheter ännu.', 'the evaluator\'s own units are hidden from a coder of the set');
	await unitBySentences(A.page, 2, 2, 'Lyssnad på', `${CAT1} › ${SUB_LISTEN}`);
	await unitBySentences(A.page, 4, 4, 'Osäker personal', `${CAT2} › ${SUB_UNSURE}`);

	// Coder 2 does not see coder 1's units: sentences 2–3 → Lyssnande.
	const B = await login(coderB);
	await B.page.goto(`${L.env.base}/admin/kodning/text/${docId}`);
	assert.equal(await B.page.locator('#qtext .seg.coded').count(), 0);
	assert.ok(!(await B.page.content()).includes('Lyssnad på'), 'coder 1\'s condensation is hidden');
	await unitBySentences(B.page, 2, 3, 'Lyssnad på och fick hopp', `${CAT1} › ${SUB_LISTEN}`);
	await B.page.goto(setUrl);
	assert.match(await B.page.locator('main').innerText(), /Överensstämmelsen visas när båda kodarna är klara/);
	await Promise.all([B.page.waitForURL(setUrl), B.page.getByRole('button', { name: 'Jag är klar med min kodning' }).click()]);
	assert.equal(await B.page.locator('table:has(caption:text("Cohens kappa"))').count(), 0, 'not before both are done');
	await A.page.goto(setUrl);
	await Promise.all([A.page.waitForURL(setUrl), A.page.getByRole('button', { name: 'Jag är klar med min kodning' }).click()]);

	// Five segments. Category 1: both s2, only coder 2 s3, neither s1 s4 s5:
	// po = 4/5, pA = 1/5, pB = 2/5, pe = .2*.4 + .8*.6 = .56,
	// kappa = (.8 - .56) / .44 = 0.5454… → "0,55", 80 %.
	// Category 2: only coder 1 s4: po = 4/5, pA = 1/5, pB = 0, pe = .8,
	// kappa = 0 → "0,00", 80 %. (By hand with the formula in test_qual.c.)
	await B.page.goto(setUrl);
	const row = (name) => B.page.locator(`table:has(caption:text("Cohens kappa")) tr:has(th:text-is("${name}"))`);
	assert.match(await B.page.locator('main').innerText(), /5 segment/);
	assert.equal(await row(CAT1).innerText(), `${CAT1}\t1\t0\t1\t3\t80 %\t0,55`);
	assert.equal(await row(CAT2).innerText(), `${CAT2}\t0\t1\t0\t4\t80 %\t0,00`);
	// Side by side: each coder's units, now visible to both.
	const sides = B.page.locator('.qside section');
	assert.match(await sides.nth(0).innerText(), /Lyssnad|Peer supportern lyssnade/);
	assert.match(await sides.nth(1).innerText(), /Peer supportern lyssnade på mig utan att döma\. Det gav mig hopp\./);
	assert.deepEqual(await axe(B.page), [], 'double-coding page');
	await shot(B.page, '03-kappa');
	assert.deepEqual([...E.problems, ...A.problems, ...B.problems], []);
});

test('withdrawal removes the participant\'s transcript and its codings', async () => {
	assert.ok(docId);
	assert.ok(L.num(`SELECT count(*) FROM uppfolj.qual_unit WHERE document_id = ${docId}`) >= 3);
	const { page } = await login(admin);
	await page.goto(`${L.env.base}/admin/radera`);
	await page.getByLabel('eller deltagar-id').fill(panel);
	await Promise.all([page.waitForURL(/\/admin\/radera$/), page.getByRole('button', { name: 'Hitta deltagaren' }).click()]);
	await page.getByLabel(/allt ska raderas/).check();
	await Promise.all([page.waitForURL(/klart=1$/), page.getByRole('button', { name: 'Radera allt om deltagaren' }).click()]);
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.qual_document WHERE document_id = ${docId}`), 0);
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.qual_unit WHERE document_id = ${docId}`), 0);
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.qual_unit WHERE span LIKE '%Peer supportern lyssnade%'`), 0);
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.qual_document d JOIN uppfolj.participant p
		USING (participant_id) WHERE p.panel_id = ${L.lit(panel)}`), 0);
	const r = await page.goto(`${L.env.base}/admin/kodning/text/${docId}`);
	assert.equal(r.status(), 404);
	// The code tree (the evaluators' own words) stays.
	assert.ok(codeId(SUB_LISTEN, CAT1));
});

test('refused uploads, units and tree changes say why and write nothing', async () => {
	const c = await L.loggedIn(evaluator);
	const docs = () => L.num(`SELECT count(*) FROM uppfolj.qual_document WHERE study_id = ${study()}
		AND body IS NOT NULL`);
	const n0 = docs();
	const up = (fields) => c.post('/admin/kodning/ladda-upp', { rubrik: 'Test', omgang: '12', grupp: 'peer',
		deltagare: '', text: 'Hej.', ...fields });
	let r = await up({ text: ' \r\n ' });
	assert.equal(r.status, 400);
	assert.match(r.text, /Texten är tom/);
	r = await up({ text: 'Hej\u0001då' });
	assert.equal(r.status, 400);
	assert.match(r.text, /styrtecken/);
	r = await up({ deltagare: 'P-NOSUCH1' });
	assert.equal(r.status, 404);
	assert.match(r.text, /Ingen deltagare i den gruppen har det id:t/);
	r = await up({ omgang: '99' });
	assert.equal(r.status, 404);
	// Not UTF-8 (Latin-1 "å"): refused by the form parser before the handler.
	const p = new URLSearchParams({ csrf: c.jar.get('uf_admin_csrf'), rubrik: 'Test', omgang: '12',
		grupp: 'peer', deltagare: '' }).toString() + '&text=p%E5';
	r = await c.req('POST', '/admin/kodning/ladda-upp', p);
	assert.equal(r.status, 400);
	// Over the admin pages' body limit (64 KiB).
	r = await up({ text: 'a'.repeat(70 * 1024) });
	assert.equal(r.status, 413);
	assert.equal(docs(), n0, 'nothing stored');

	// A unit: "to" before "from", offsets beyond the text, a foreign code.
	r = await c.post('/admin/kodning/ladda-upp', { rubrik: 'Anteckning', omgang: '12', grupp: 'chef',
		deltagare: '', text: 'En mening. En till.' });
	assert.equal(r.status, 303);
	const doc = r.location.match(/(\d+)$/)[1];
	const nu = () => L.num(`SELECT count(*) FROM uppfolj.qual_unit WHERE document_id = ${doc}`);
	r = await c.post(`/admin/kodning/text/${doc}`, { fran: '2', till: '1', kondensering: '', kod: '' });
	assert.equal(r.status, 400);
	assert.match(r.text, /kan inte komma före/);
	r = await c.post(`/admin/kodning/text/${doc}`, { start: '5', slut: '500', kondensering: '', kod: '' });
	assert.equal(r.status, 404);
	r = await c.post(`/admin/kodning/text/${doc}`, { start: '3', slut: '3', kondensering: '', kod: '' });
	assert.equal(r.status, 400);
	r = await c.post(`/admin/kodning/text/${doc}`, { fran: '1', till: '1', kondensering: 'x'.repeat(2001), kod: '' });
	assert.equal(r.status, 400);
	assert.match(r.text, /högst 2000 tecken/);
	assert.equal(nu(), 0);
	r = await c.post(`/admin/kodning/text/${doc}`, { fran: '2', till: '2', kondensering: '', kod: '' });
	assert.equal(r.status, 303);
	assert.equal(L.sql1(`SELECT span FROM uppfolj.qual_unit WHERE document_id = ${doc}`), 'En till.');

	// The tree: a fourth level, merging across levels, a sibling's name twice.
	const cat = codeId(CAT2), sub = codeId(SUB_UNSURE, CAT2);
	const ncodes = () => L.num(`SELECT count(*) FROM uppfolj.qual_code WHERE study_id = ${study()}`);
	const k0 = ncodes();
	r = await c.post('/admin/kodning/koder/ny', { namn: 'Kod', under: sub });
	assert.equal(r.status, 303);
	const kod = codeId('Kod', SUB_UNSURE);
	r = await c.post('/admin/kodning/koder/ny', { namn: 'Fjärde', under: kod });
	assert.equal(r.status, 400);
	assert.match(r.text, /tre nivåer/);
	r = await c.post('/admin/kodning/koder/ihop', { fran: sub, med: cat });
	assert.equal(r.status, 400);
	assert.match(r.text, /samma nivå/);
	r = await c.post('/admin/kodning/koder/ny', { namn: 'Kod', under: sub });
	assert.equal(r.status, 409);
	r = await c.post('/admin/kodning/koder/namn', { kod: kod, namn: 'två\nrader' });
	assert.equal(r.status, 400);
	assert.equal(ncodes(), k0 + 1);

	// The study as a REFI-QDA project, downloaded: a zip with project.qde
	// naming this text's guid and holding its text.
	r = await c.post('/admin/kodning/export', {});
	assert.equal(r.status, 200);
	assert.equal(r.headers.get('content-type'), 'application/zip');
	assert.match(r.headers.get('content-disposition'), /filename="projekt\.qdpx"/);
	assert.equal(r.buf.subarray(0, 2).toString('latin1'), 'PK');
	const guid = L.sql1(`SELECT guid FROM uppfolj.qual_document WHERE document_id = ${doc}`);
	assert.ok(r.buf.includes(Buffer.from(`Sources/${guid}.txt`)), 'the text is in the archive');

	// A unit contact may not see the coding pages at all.
	const contact = L.userAdd('qualcontact', 'unit_contact', [L.unitId('')]);
	const cc = await L.loggedIn(contact);
	r = await cc.get('/admin/kodning');
	assert.equal(r.status, 403);
	r = await cc.get(`/admin/kodning/text/${doc}`);
	assert.equal(r.status, 403);
	r = await cc.post('/admin/kodning/export', {});
	assert.equal(r.status, 403);
});

test('report text: sections saved as versions, a stale save refused, the page accessible', async () => {
	const c = await L.loggedIn(evaluator);
	// (versions only: psql's lines would split a body with line breaks)
	const versions = () => L.sql(`SELECT version FROM uppfolj.report_text WHERE study_id = ${study()}
		AND kind = 'delrapport' AND months = 12 AND section = 'bakgrund' ORDER BY version`);
	const start = versions().length;
	const save = (version, text) => c.post('/admin/rapporttext', { rapport: 'delrapport-12',
		avsnitt: 'bakgrund', kod: '0', version: String(version), text });
	let r = await save(start, `Bakgrund ${RUN}.\n\n- en punkt\n- *två*`);
	assert.equal(r.status, 303);
	assert.equal(r.location, '/admin/rapporttext?rapport=delrapport-12&klart=1');
	r = await save(start + 1, `Bakgrund ${RUN}, omskriven.`);
	assert.equal(r.status, 303);
	assert.deepEqual(versions().slice(start).map((v) => v[0]), [String(start + 1), String(start + 2)]);
	// saved from the first version while the second exists: refused, the text kept
	r = await save(start + 1, `Min egen ${RUN}`);
	assert.equal(r.status, 409);
	assert.match(r.text, /Någon annan har sparat avsnittet under tiden/);
	assert.ok(r.text.includes(`Min egen ${RUN}`), 'the writer\'s text is shown again');
	assert.equal(versions().length, start + 2);
	// over the admin pages' body limit (16 KiB by default): refused whole
	r = await save(start + 2, 'x'.repeat(17000));
	assert.equal(r.status, 413);
	r = await save(start + 2, 'Styr\u0007tecken');
	assert.equal(r.status, 400);
	assert.match(r.text, /utan styrtecken/);
	r = await c.post('/admin/rapporttext', { rapport: 'delrapport-12', avsnitt: 'reflektion', kod: '0',
		version: '0', text: 'Ingen kategori' });
	assert.equal(r.status, 400);
	// a reflection on a kategori
	r = await c.post('/admin/rapporttext', { rapport: 'slutrapport', avsnitt: 'reflektion',
		kod: codeId(CAT1), version: '0', text: 'Att bli sedd växte över tid.' });
	assert.equal(r.status, 303);
	assert.equal(L.sql1(`SELECT body FROM uppfolj.report_text WHERE code_id = ${codeId(CAT1)}
		AND kind = 'slutrapport'`), 'Att bli sedd växte över tid.');

	const { page, problems } = await login(evaluator);
	await page.goto(`${L.env.base}/admin/rapporttext?rapport=delrapport-12`);
	assert.equal(await page.getByLabel('Bakgrund', { exact: true }).inputValue(), `Bakgrund ${RUN}, omskriven.`);
	assert.deepEqual(await axe(page), [], 'report text page');
	await shot(page, '04-report-text');
	assert.deepEqual(problems, []);
});
