// SPDX-License-Identifier: ISC
// The "done when", in headless Chromium: an admin logs in, prints a
// code sheet for a ward (patients, the open 36-month wave), a patient
// answers with one of its codes on a 768x1024 tablet, the rate page shows
// the submitted count move, the admin withdraws that participant, and the
// database and the export hold nothing of them. Screenshots and the sheet
// go to $UF_ARTIFACTS/adminweb.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
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

const shot = (page, name) => page.screenshot({ path: join(L.env.artifacts, `flow-${name}.png`), fullPage: true });

async function newPage(viewport, opts = {}) {
	const ctx = await browser.newContext({ viewport, locale: 'sv-SE', acceptDownloads: true, ...opts });
	const page = await ctx.newPage();
	const problems = [];
	page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
	page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
	return { ctx, page, problems };
}

// Click a form's button and take the file it answers with, as the browser
// received it (captured on the way in: without a Content-Disposition header
// Chromium shows a PDF in its viewer, with one it saves a download). saved:
// the file name the browser saved it under, null when it did not download.
async function download(page, click, name, urlPart) {
	let got = null;
	const pattern = (u) => u.pathname === urlPart;
	await page.route(pattern, async (route) => {
		const resp = await route.fetch();
		got = { bytes: await resp.body(), type: resp.headers()['content-type'], status: resp.status() };
		await route.fulfill({ response: resp });
	});
	const dl = page.waitForEvent('download', { timeout: 5000 }).catch(() => null);
	await click();
	const saved = await dl;
	for (let i = 0; i < 100 && !got; i++) await new Promise((r) => setTimeout(r, 50));
	await page.unroute(pattern);
	assert.ok(got, `no answer from ${urlPart}`);
	assert.equal(got.status, 200);
	const path = join(L.env.artifacts, name);
	writeFileSync(path, got.bytes);
	return { path, bytes: got.bytes, type: got.type, saved: saved ? saved.suggestedFilename() : null };
}

// The submitted count of the 36-month patient row of a unit (0 when none).
async function submitted(page, unit) {
	await page.goto(`${L.env.base}/admin/svarsfrekvens?omgang=36&enhet=${unit}`);
	const cell = page.locator(`tr[data-wave="36"][data-unit="${unit}"][data-group="patient"] td[data-col="submitted"]`);
	return (await cell.count()) ? Number(await cell.innerText()) : 0;
}

// The respondent pages: answer whatever the page shows, then "Nästa".
async function answerPage(page) {
	const items = page.locator('form.survey .item:visible');
	const n = await items.count();
	for (let i = 0; i < n; i++) {
		const item = items.nth(i);
		if (await item.locator('textarea').count()) {
			await item.locator('textarea').fill('Det har varit bra att prata med någon som förstår.');
		} else if (await item.locator('input[type=number]').count()) {
			const inp = item.locator('input[type=number]');
			await inp.fill(await inp.getAttribute('min'));
		} else if (await item.locator('input[type=date]').count()) {
			await item.locator('input[type=date]').fill('2025-01-01');
		} else {
			await item.locator('label.choice').first().click();
		}
	}
	const url = page.url();
	await Promise.all([page.waitForURL((u) => u.toString() !== url),
		page.getByRole('button', { name: 'Nästa' }).click()]);
}

test('admin prints a sheet, a patient answers on a tablet, the rate moves, withdrawal erases', async () => {
	const admin = L.userAdd('awflow', 'admin');
	const ward = L.unitId('Avdelning 3,');
	const wardName = L.unitName(ward);

	// 1. Log in.
	const A = await newPage({ width: 1280, height: 900 });
	await A.page.goto(`${L.env.base}/admin/login`);
	await shot(A.page, '01-login');
	await A.page.getByLabel('Användarnamn').fill(admin.name);
	await A.page.getByLabel('Lösenord').fill(admin.password);
	await Promise.all([A.page.waitForURL(/\/admin\/$/), A.page.getByRole('button', { name: 'Logga in' }).click()]);
	assert.match(await A.page.locator('h1').innerText(), /Översikt/);
	await shot(A.page, '02-overview');
	const before = await submitted(A.page, ward);

	// 2. Print a code sheet for the ward: patients, 36 months, 2 new.
	await A.page.goto(`${L.env.base}/admin/koder`);
	await A.page.getByLabel('Omgång', { exact: true }).selectOption('36');
	await A.page.getByLabel('Enhet', { exact: true }).selectOption({ label: wardName });
	await A.page.getByLabel('Grupp', { exact: true }).selectOption('patient');
	await A.page.getByLabel('Nya deltagare').check();
	await A.page.getByLabel('Antal', { exact: true }).fill('2');
	await shot(A.page, '03-codesheet-form');
	const sheet = await download(A.page, () => A.page.getByRole('button', { name: /Skapa koder/ }).click(),
		'flow-kodblad.pdf', '/admin/koder/kodblad.pdf');
	assert.equal(sheet.type, 'application/pdf');
	assert.equal(sheet.saved, `kodblad-36-${ward}-patient.pdf`, 'saved as a file, not shown in the PDF viewer');
	assert.equal(sheet.bytes.subarray(0, 5).toString(), '%PDF-');
	const codes = L.codesIn(L.pdfText(sheet.bytes, 'flow-kodblad.pdf'));
	assert.equal(codes.length, 2);
	const code = codes[0];
	const pid = L.sql1(`SELECT c.participant_id FROM uppfolj.access_code c
		WHERE c.code_hash = decode('${L.hashHex(code)}', 'hex')`);
	assert.ok(pid, 'the code is stored (hashed)');
	const panel = L.sql1(`SELECT panel_id FROM uppfolj.participant WHERE participant_id = ${pid}`);

	// 3. A patient answers with it on a tablet.
	const T = await newPage({ width: 768, height: 1024 }, { hasTouch: true });
	await T.page.goto(`${L.env.base}/`);
	await T.page.getByLabel('Din kod').fill(code);
	await shot(T.page, '04-tablet-start');
	await Promise.all([T.page.waitForURL(/\/information$/), T.page.getByRole('button', { name: 'Börja' }).click()]);
	await Promise.all([T.page.waitForURL(/\/sida\/\d+$/),
		T.page.getByRole('button', { name: 'Ja, jag vill delta' }).click()]);
	for (let i = 0; i < 60 && !T.page.url().endsWith('/granska'); i++) {
		if (i === 1) await shot(T.page, '05-tablet-question');
		await answerPage(T.page);
	}
	assert.ok(T.page.url().endsWith('/granska'), T.page.url());
	await Promise.all([T.page.waitForURL(/\/tack$/),
		T.page.getByRole('button', { name: 'Skicka in svaren' }).click()]);
	await shot(T.page, '06-tablet-thanks');
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.response WHERE participant_id = ${pid} AND status = 'submitted'`), 1);
	assert.deepEqual(T.problems, []);
	await T.ctx.close();

	// 4. The rate page shows the submitted count moved.
	assert.equal(await submitted(A.page, ward), before + 1);
	await shot(A.page, '07-rates-after-answer');

	// 5. Withdraw the participant with the code from the sheet.
	const rids = L.sql(`SELECT response_id FROM uppfolj.response WHERE participant_id = ${pid}`).map((r) => r[0]);
	await A.page.goto(`${L.env.base}/admin/radera`);
	await A.page.getByLabel('Deltagarens kod').fill(code);
	await Promise.all([A.page.waitForURL(/\/admin\/radera$/), A.page.getByRole('button', { name: 'Hitta deltagaren' }).click()]);
	assert.equal(await A.page.locator('[data-panel]').innerText(), panel);
	await shot(A.page, '08-erase-confirm');
	await A.page.getByLabel(/allt ska raderas/).check();
	await Promise.all([A.page.waitForURL(/klart=1$/), A.page.getByRole('button', { name: 'Radera allt om deltagaren' }).click()]);
	assert.match(await A.page.locator('p.notice').innerText(), /Deltagaren är raderad/);
	await shot(A.page, '09-erased');

	// 6. Nothing of them is left in the database ...
	const left = L.sql(`SELECT
		(SELECT count(*) FROM uppfolj.participant WHERE participant_id = ${pid} OR panel_id = ${L.lit(panel)}),
		(SELECT count(*) FROM uppfolj.response WHERE participant_id = ${pid}),
		(SELECT count(*) FROM uppfolj.answer WHERE response_id IN (${rids.join(',')})),
		(SELECT count(*) FROM uppfolj.consent WHERE participant_id = ${pid}),
		(SELECT count(*) FROM uppfolj.access_code WHERE participant_id = ${pid}
			OR code_hash = decode('${L.hashHex(code)}', 'hex')),
		(SELECT count(*) FROM uppfolj.collect_session WHERE participant_id = ${pid})`)[0];
	assert.deepEqual(left, ['0', '0', '0', '0', '0', '0']);
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.audit_log WHERE action = 'participant.erase'
		AND actor = ${L.lit('web:' + admin.name)}`), 1);
	// ... the rate is back where it was ...
	assert.equal(await submitted(A.page, ward), before);
	// ... and the export does not have them.
	await A.page.goto(`${L.env.base}/admin/export`);
	const csv = await download(A.page, () => A.page.getByRole('button', { name: /Svar, lång form/ }).click(),
		'flow-svar-lang.csv', '/admin/export/svar-lang.csv');
	assert.equal(csv.type, 'text/csv; charset=utf-8');
	assert.equal(csv.saved, 'svar-lang.csv');
	const text = csv.bytes.toString('utf8');
	assert.ok(text.split('\r\n').length > 100, 'the export has the other answers');
	assert.ok(!text.includes(panel), 'not the withdrawn participant');
	assert.deepEqual(A.problems, []);
	await A.ctx.close();
});
