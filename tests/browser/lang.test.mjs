// SPDX-License-Identifier: ISC
// Respondent languages in Chromium (issue 15): switching language in the
// middle of the survey keeps every answer; Arabic pages are right to left
// (mirrored navigation, nothing clipped or scrolling sideways at 768×1024
// with touch and 390×844) with no axe-core violations; the easy-to-read
// toggle is one tap; and a language added by data files only (a copy of
// the Swedish files under a new tag, served by a program of its own) runs
// the whole patient flow and is stored with the response and the consent;
// its translation of the patient instrument (derived from the Swedish by
// tests/browser/pseudo_translation.mjs, loaded with forms-load) is what
// every question page shows; nginx's 413 page exists in it too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as F from '../api/fixture.mjs';
import { pseudoTranslation } from './pseudo_translation.mjs';
import { OwnServer } from './own_server.mjs';
import { useBrowser, newPage, shot, choose, axe, noClipping, TABLET } from './lib.mjs';

useBrowser();
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

const responseOf = (p) => F.sql(`SELECT lang, easy::text, status::text FROM uppfolj.response
	WHERE participant_id = ${p.pid}`)[0];

async function open(kind, base = F.env.base) {
	const s = await newPage(kind.viewport, { hasTouch: !!kind.hasTouch, isMobile: !!kind.isMobile });
	s.base = base;
	return s;
}

// Code and consent from the start page of lang, by the buttons' roles and
// values (the words are the language's).
async function startIn(page, base, lang, code) {
	await page.goto(`${base}/?lang=${lang}`);
	await page.locator('#code').fill(code);
	await Promise.all([page.waitForURL(/\/information$/),
		page.locator('form.code-form button[type=submit]').click()]);
	await Promise.all([page.waitForURL(/\/sida\/1$/),
		page.locator('button[name=decision][value=given]').click()]);
}

// Answer the visible page with its first choice (or a number, a text) and
// go on with the "next" button, whatever its words.
async function answerAndNext(page) {
	const items = page.locator('form.survey .item:visible');
	const n = await items.count();
	for (let i = 0; i < n; i++) {
		const item = items.nth(i);
		if (await item.locator('textarea').count()) await item.locator('textarea').fill('Bra.');
		else if (await item.locator('input[type=number]').count()) {
			const inp = item.locator('input[type=number]');
			await inp.fill(await inp.getAttribute('min'));
		} else await choose(item.locator('label.choice').first());
	}
	const url = page.url();
	await Promise.all([page.waitForURL((u) => u.toString() !== url),
		page.locator('button[name=action][value=next]').click()]);
}

test('switching language mid-survey keeps the answers given, on this page and before', async () => {
	const p = F.participant();
	const { ctx, page, problems } = await open(TABLET);
	await startIn(page, F.env.base, 'sv', p.code);
	// page 1 in Swedish: its first answer, on to page 2
	const firstValue = await page.locator('form.survey label.choice input').first().getAttribute('value');
	await answerAndNext(page);
	assert.match(page.url(), /\/sida\/2$/);
	// page 2: an answer not yet sent, then English
	const pick = page.locator('form.survey label.choice').nth(2);
	await choose(pick);
	const pickValue = await pick.locator('input').getAttribute('value');
	await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'English' }).click()]);
	await page.waitForFunction(() => document.documentElement.lang === 'en');
	assert.match(page.url(), /\/sida\/2$/);
	assert.ok(await page.locator(`form.survey input[value="${pickValue}"]`).isChecked(), 'page 2 answer kept');
	assert.equal(await page.locator('button[name=action][value=next]').innerText(), 'Next');
	await shot(page, 'lang-switch-en-768');
	await Promise.all([page.waitForURL(/\/sida\/1$/), page.getByRole('button', { name: 'Back' }).click()]);
	assert.ok(await page.locator(`form.survey input[value="${firstValue}"]`).isChecked(), 'page 1 answer kept');
	assert.equal(responseOf(p)[0], 'en');
	const stored = F.answersOf(p);
	assert.equal(Object.keys(stored).length, 2, JSON.stringify(stored));
	assert.deepEqual(problems, []);
	await ctx.close();
});

for (const [name, kind] of [['768', TABLET], ['390', PHONE]]) {
	test(`Arabic at ${name}: right to left, mirrored navigation, nothing clipped, no axe violations`, async () => {
		const p = F.participant();
		const { ctx, page, problems } = await open(kind);
		await page.goto(`${F.env.base}/?lang=ar`);
		assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
		await shot(page, `lang-ar-start-${name}`);
		assert.deepEqual(await noClipping(page), []);
		assert.deepEqual((await axe(page)).violations.map((v) => v.id), []);
		await page.locator('#code').fill(p.code);
		await Promise.all([page.waitForURL(/\/information$/),
			page.locator('form.code-form button[type=submit]').click()]);
		assert.equal(await page.evaluate(() => document.documentElement.lang), 'ar');
		await shot(page, `lang-ar-info-${name}`);
		assert.deepEqual(await noClipping(page), []);
		assert.deepEqual((await axe(page)).violations.map((v) => v.id), []);
		await Promise.all([page.waitForURL(/\/sida\/1$/),
			page.locator('button[name=decision][value=given]').click()]);
		await answerAndNext(page);
		// page 2 has Back and Next: Next (forward) is on the left in Arabic
		const next = await page.locator('button[name=action][value=next]').boundingBox();
		const back = await page.locator('button[name=action][value=back]').boundingBox();
		if (Math.abs(next.y - back.y) < 2)
			assert.ok(next.x < back.x, `next ${next.x} left of back ${back.x}`);
		else
			assert.ok(next.y < back.y, 'stacked: next first');
		assert.equal(await page.locator('button[name=action][value=next]').innerText(), 'التالي');
		await shot(page, `lang-ar-question-${name}`);
		assert.deepEqual(await noClipping(page), []);
		assert.deepEqual((await axe(page)).violations.map((v) => v.id), []);
		assert.deepEqual((await axe(page, { javaScriptEnabled: false })).violations.map((v) => v.id), []);
		assert.deepEqual(problems, []);
		await ctx.close();
	});
}

test('easy-to-read is one tap, shown at once and stored with the response', async () => {
	const p = F.participant();
	const { ctx, page, problems } = await open(TABLET);
	await page.goto(`${F.env.base}/`);
	await page.getByLabel('Din kod').fill(p.code);
	await Promise.all([page.waitForURL(/\/information$/), page.getByRole('button', { name: 'Börja' }).click()]);
	const toggle = page.getByRole('button', { name: 'Lättläst text' });
	assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
	await Promise.all([page.waitForLoadState('load'), toggle.click()]);
	await page.waitForFunction(() => document.querySelector('.langs .easy')?.getAttribute('aria-pressed') === 'true');
	assert.match(await page.locator('main').innerText(), /Du väljer själv om du vill svara\./);
	await shot(page, 'lang-easy-info-768');
	await Promise.all([page.waitForURL(/\/sida\/1$/), page.getByRole('button', { name: 'Ja, jag vill delta' }).click()]);
	assert.deepEqual(responseOf(p), ['sv', 'true', 'draft']);
	assert.deepEqual(problems, []);
	await ctx.close();
});

// A pseudo-language made of data only: every Swedish text wrapped in ⟦ ⟧,
// placeholders kept, under the tag "qps-x" (no C changes, no rebuild):
// page texts, information texts and the patient instrument's translation
// (stored with forms-load, as an administrator adds a language).
const wrap = (s) => `⟦${s}⟧`;
const patientDef = JSON.parse(readFileSync(join(process.env.UF_FORMS ?? join(F.env.src, 'forms'), 'patient.json'), 'utf8'));
function pseudoDir() {
	const src = process.env.UPPFOLJ_LANG_DIR ?? join(F.env.src, 'forms');
	const dir = mkdtempSync(join(tmpdir(), 'uf-lang-'));
	cpSync(join(src, 'ui'), join(dir, 'ui'), { recursive: true });
	cpSync(join(src, 'info'), join(dir, 'info'), { recursive: true });
	const ui = JSON.parse(readFileSync(join(src, 'ui', 'sv.json'), 'utf8'));
	ui.lang = 'qps-x';
	ui.name = 'Pseudo';
	for (const k of Object.keys(ui.strings)) ui.strings[k] = wrap(ui.strings[k]);
	writeFileSync(join(dir, 'ui', 'qps-x.json'), JSON.stringify(ui));
	for (const f of readdirSync(join(src, 'info')).filter((n) => n.endsWith('.sv.json'))) {
		const info = JSON.parse(readFileSync(join(src, 'info', f), 'utf8'));
		info.lang = 'qps-x';
		const walk = (o) => { for (const k of Object.keys(o)) {
			if (typeof o[k] === 'string' && !['format', 'group', 'lang', 'version'].includes(k)) o[k] = wrap(o[k]);
			else if (o[k] && typeof o[k] === 'object') walk(o[k]);
		} };
		walk(info);
		writeFileSync(join(dir, 'info', f.replace('.sv.json', '.qps-x.json')), JSON.stringify(info));
	}
	// The instrument's translation: checked by forms-check (every text the
	// Swedish has), stored by forms-load like any translation.
	const tr = join(dir, `patient-${patientDef.version}.qps-x.json`);
	writeFileSync(tr, JSON.stringify(pseudoTranslation(patientDef, 'qps-x', wrap), null, 1));
	const admin = join(F.env.build, 'admin', 'uppfolj-admin');
	execFileSync(admin, ['forms-check', '--forms', process.env.UF_FORMS ?? join(F.env.src, 'forms'), tr],
		{ stdio: 'pipe' });
	execFileSync(admin, ['forms-load', '--db', `host=${F.env.pghost} port=${F.env.pgport} dbname=${F.env.db} user=postgres`, tr],
		{ stdio: 'pipe' });
	return dir;
}

test('a language added by data files only runs the whole patient flow', async () => {
	const srv = new OwnServer({ idlePatient: 180, idleStaff: 1200, langDir: pseudoDir() });
	await srv.start();
	try {
		const p = F.participant();
		const { ctx, page, problems } = await open(TABLET, srv.base);
		await page.goto(`${srv.base}/`);
		assert.ok(await page.getByRole('link', { name: 'Pseudo' }).count(), 'offered on the start page');
		await startIn(page, srv.base, 'qps-x', p.code);
		assert.equal(await page.evaluate(() => document.documentElement.lang), 'qps-x');
		// nginx's 413 page in the new language, generated from its data
		// files when nginx's files were installed (uf_static), chosen by the
		// language cookie the program set.
		assert.equal((await ctx.cookies(srv.base)).find((c) => c.name === 'uf_lang')?.value, 'qps-x');
		const big = await page.evaluate(async () => {
			const r = await fetch('/sida/1', { method: 'POST', body: 'pad=' + 'x'.repeat(70 * 1024),
				headers: { 'content-type': 'application/x-www-form-urlencoded' } });
			return { status: r.status, text: await r.text() };
		});
		assert.equal(big.status, 413);
		// The console's note of that refused request is expected.
		problems.splice(0, problems.length, ...problems.filter((m) => !/status of 413/.test(m)));
		assert.match(big.text, /<html lang="qps-x" dir="ltr">/);
		assert.match(big.text, /<h1>⟦För stort⟧<\/h1>/);
		assert.match(big.text, /<a class="button" href="\/\?lang=qps-x">⟦Till startsidan⟧<\/a>/);
		// The fixture's participants answer the wave at 24 months.
		const asked = patientDef.items.filter((it) => !it.waves || it.waves.includes(24));
		const seen = new Set();
		for (let i = 0; i < 60 && !page.url().endsWith('/granska'); i++) {
			assert.match(await page.locator('button[name=action][value=next]').innerText(), /^⟦.*⟧$/);
			// Each question in the pseudo-language's translation, not the
			// Swedish it falls back to without one; its choices too.
			const items = page.locator('form.survey .item:visible');
			for (let k = 0; k < await items.count(); k++) {
				const id = (await items.nth(k).getAttribute('id')).replace(/^item-/, '');
				const def = patientDef.items.find((it) => it.id === id);
				assert.equal(await items.nth(k).locator('.qtext').first().innerText(), wrap(def.sv), id);
				for (const op of def.options ?? [])
					assert.equal(await items.nth(k).getByText(wrap(op.sv), { exact: true }).count(), 1, `${id}: option ${op.code}`);
				seen.add(id);
			}
			await answerAndNext(page);
		}
		assert.ok(seen.size >= asked.filter((it) => !it.show_if).length, `${seen.size} questions seen in qps-x`);
		assert.ok(page.url().endsWith('/granska'), page.url());
		assert.match(await page.locator('h1').innerText(), /^⟦Granska dina svar⟧$/);
		// The review lists the questions in the translation as well.
		assert.ok((await page.locator('main').innerText()).includes(wrap(asked[0].sv)), 'review in qps-x');
		await shot(page, 'lang-pseudo-review-768');
		await Promise.all([page.waitForURL(/\/tack\?lang=qps-x$/), page.locator('form.submit button').click()]);
		assert.match(await page.locator('h1').innerText(), /^⟦Tack för dina svar!⟧$/);
		assert.deepEqual(responseOf(p), ['qps-x', 'false', 'submitted']);
		assert.deepEqual(F.sql(`SELECT lang, info_version FROM uppfolj.consent WHERE participant_id = ${p.pid}`)[0],
			['qps-x', '2026-2']);
		assert.deepEqual(problems, []);
		await ctx.close();
	} finally {
		await srv.stop();
	}
});
