// SPDX-License-Identifier: ISC
// Shared-tablet safety in Chromium (issue: nothing of one respondent reaches
// the next, no typed answer is lost), at 768×1024 with touch and 1366×768:
//   - a slip's link /k/CODE leaves no resumable entry: after the session
//     ends, Back until no entry is left and a reopened tab reach no answer;
//   - Avbryt / "Spara och fortsätt senare" keep what is on the page;
//   - unsent choices survive a reload and are gone when the session ends;
//   - the idle warning "Är du kvar?", its extension, the idle end with and
//     without JavaScript (own uppfolj-collect + nginx with short idle times);
//   - a 502 from nginx (the program killed) never drops the unsent answer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import * as F from '../api/fixture.mjs';
import { OwnServer } from './own_server.mjs';
import { axe } from './lib.mjs';

const exe = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));
const shots = join(F.env.artifacts, 'browser');
mkdirSync(shots, { recursive: true });
const TABLET = { viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true };
const DESKTOP = { viewport: { width: 1366, height: 768 } };
const VIEWS = [['768×1024 touch', TABLET], ['1366×768', DESKTOP]];
// The short-idle instance: patients and staff both end after IDLE seconds;
// the warning comes min(60, IDLE/3) seconds before the end.
const IDLE = 12;
let browser, own;

before(async () => {
	browser = await chromium.launch({ executablePath: exe, headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
	own = new OwnServer({ idlePatient: IDLE, idleStaff: IDLE });
	await own.start();
});
after(async () => {
	await browser?.close();
	await own?.stop();
});

async function newPage(opts, extra = {}) {
	const ctx = await browser.newContext({ locale: 'sv-SE', ...opts, ...extra });
	const page = await ctx.newPage();
	const problems = [];
	page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
	// Whether a page came back from the back/forward cache.
	await ctx.addInitScript(() => {
		window.addEventListener('pageshow', (e) => { window.__ufFromBfcache = e.persisted; });
	});
	return { ctx, page, problems };
}

const shot = (page, name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
const onStart = (u) => new URL(u).pathname === '/';

async function consent(page) {
	await Promise.all([page.waitForURL(/\/sida\/\d+$/),
		page.locator('button[name=decision][value=given]').click()]);
}

async function typeCode(page, base, code) {
	await page.goto(base + '/');
	await page.getByLabel('Din kod').fill(code);
	await Promise.all([page.waitForURL(/\/(information|sida\/\d+|granska)$/),
		page.getByRole('button', { name: 'Börja' }).click()]);
}

// Open a slip's link the way a QR scan does. Before the fix the link was a
// page with the code in a hidden field and a "Börja" button.
async function openLink(page, base, code) {
	await page.goto(`${base}/k/${code}`);
	const start = page.getByRole('button', { name: 'Börja', exact: true });
	if (await start.count())
		await Promise.all([page.waitForURL(/\/(information|sida\/\d+)$/), start.click()]);
	assert.match(page.url(), /\/(information|sida\/\d+)$/);
}

async function nextPage(page) {
	const url = page.url();
	await Promise.all([page.waitForURL((u) => u.toString() !== url),
		page.getByRole('button', { name: 'Nästa' }).click()]);
}

async function history(ctx, page) {
	const cdp = await ctx.newCDPSession(page);
	const h = await cdp.send('Page.getNavigationHistory');
	await cdp.detach();
	return h;
}

// What an entry reached after the session ended may show: nothing of the
// answers, no review, no question, no hidden code that a press of "Börja"
// turns into the old session.
async function assertNothingLeft(page, where, secret) {
	const text = await page.locator('body').innerText().catch(() => '');
	const path = new URL(page.url()).pathname;
	if (await page.locator('input[type=hidden][name=code]').count()) {
		await page.getByRole('button', { name: 'Börja' }).click();
		await page.waitForLoadState('load');
		assert.fail(`${where}: a "Börja" with the old code; pressing it went to ${page.url()}`);
	}
	assert.ok(!path.startsWith('/k/'), `${where}: the slip link ${page.url()} is reachable`);
	if (secret)
		assert.ok(!text.includes(secret), `${where}: free text shown at ${page.url()}`);
	assert.ok(!/Granska dina svar/.test(text), `${where}: review shown at ${page.url()}`);
	assert.equal(await page.locator('form.survey').count(), 0, `${where}: question shown at ${page.url()}`);
	assert.equal(await page.locator('input:checked').count(), 0, `${where}: answer shown at ${page.url()}`);
	assert.notEqual(await page.evaluate(() => window.__ufFromBfcache === true), true,
		`${where}: ${page.url()} came from the back/forward cache`);
}

for (const [name, view] of VIEWS) {
	test(`QR link at ${name}: after the session ends, Back until no entry is left and a reopened tab reach nothing of it`, async () => {
		const p = F.participant();
		const { ctx, page, problems } = await newPage(view);
		// A tablet that already showed the start page (the ward's home screen).
		await page.goto(F.env.base + '/');
		await openLink(page, F.env.base, p.code);
		await consent(page);
		await page.locator('label.choice').nth(1).click();
		await nextPage(page);
		assert.equal(F.state(p).answers, 1);
		// Tillbaka shows the answer while the session lives.
		await page.getByRole('button', { name: 'Tillbaka' }).click();
		await page.waitForURL(/\/sida\/1$/);
		assert.equal(await page.locator('input:checked').count(), 1);
		// The session ends (/slut, as the idle end did before).
		await page.goto(F.env.base + '/slut');
		assert.ok(onStart(page.url()), page.url());

		const h = await history(ctx, page);
		const urls = h.entries.map((e) => e.url);
		let steps = 0;
		for (let i = 0; i < 20; i++) {
			const now = await history(ctx, page);
			if (now.currentIndex === 0) break;
			await page.goBack({ waitUntil: 'load' }).catch(() => null);
			steps++;
			await assertNothingLeft(page, `back ${steps}`);
		}
		assert.equal((await history(ctx, page)).currentIndex, 0, 'every entry visited');
		assert.ok(!urls.some((u) => u.startsWith('http') && new URL(u).pathname.startsWith('/k/')),
			`a slip link in the tab's history: ${urls.join(' ')}`);
		assert.ok(steps >= 2, `${steps} steps back`);
		// Forward again through every entry.
		for (let i = 0; i < steps; i++) {
			await page.goForward({ waitUntil: 'load' }).catch(() => null);
			await assertNothingLeft(page, `forward ${i + 1}`);
		}
		// Reopen the closed tab. Emulated: Chromium's "reopen closed tab"
		// restores the tab's entries and loads its current one; here a new
		// tab of the same browser profile (context) loads each URL of the
		// closed tab's history, the current one last.
		const last = urls[h.currentIndex];
		await page.close();
		const again = await ctx.newPage();
		for (const u of [...urls.filter((_, k) => k !== h.currentIndex), last]) {
			if (!u.startsWith('http')) continue;
			await again.goto(u);
			await assertNothingLeft(again, `reopened ${u}`);
		}
		assert.equal(F.state(p).sessions, 0);
		// The slip still works for its owner: the code typed again resumes.
		await typeCode(again, F.env.base, p.code);
		assert.match(again.url(), /\/sida\/2$/);
		assert.deepEqual(problems, []);
		await ctx.close();
	});
}

// Staff page 1 (planering): tick four likert answers and write the free text.
async function fillStaffPage(page, text) {
	const likert = page.locator('form.survey .item.likert');
	for (let i = 0; i < 4; i++)
		await likert.nth(i).locator('label.choice').nth(3).click();
	await page.locator('textarea[name=pers_plan_text]').fill(text);
}

async function assertStaffPageKept(page, text) {
	const likert = page.locator('form.survey .item.likert');
	for (let i = 0; i < 4; i++)
		assert.equal(await likert.nth(i).locator('input:checked').getAttribute('value'), '4',
			`answer ${i + 1} kept`);
	assert.equal(await page.locator('textarea[name=pers_plan_text]').inputValue(), text);
}

const endings = [
	['Avbryt', /Avbryt – mina svar sparas/, /Du har avbrutit/],
	['Spara och fortsätt senare', /Spara och fortsätt senare/, /Dina svar är sparade/],
];
for (const [name, view] of VIEWS) {
	for (const [what, button, notice] of endings) {
		for (const js of [true, false]) {
			if (!js && view === TABLET && what !== 'Avbryt') continue;
			test(`staff at ${name}${js ? '' : ', JavaScript off'}: ${what} keeps the four ticked answers and the free text`, async () => {
				const p = F.participant({ grp: 'personal' });
				const { ctx, page, problems } = await newPage(view, { javaScriptEnabled: js });
				await typeCode(page, F.env.base, p.code);
				await consent(page);
				const text = `Fritext före ${what} ${js ? 'med' : 'utan'} skript`;
				await fillStaffPage(page, text);
				await Promise.all([page.waitForURL(onStart),
					page.getByRole('button', { name: button }).click()]);
				assert.match(await page.locator('.notice').innerText(), notice);
				const a = F.answersOf(p);
				assert.equal(Object.keys(a).length, 5, JSON.stringify(a));
				assert.equal(a.pers_plan_text, text);
				assert.equal(F.state(p).sessions, 0);
				assert.equal(F.state(p).submitted, 0);
				if (js) assert.equal(await page.evaluate(() => Object.keys(localStorage)
					.filter((k) => k.startsWith('uf:')).length), 0, 'nothing left in storage');
				// On return the page shows what was there.
				await typeCode(page, F.env.base, p.code);
				assert.match(page.url(), /\/sida\/1$/);
				await assertStaffPageKept(page, text);
				assert.deepEqual(problems, []);
				await ctx.close();
			});
		}
	}
}

for (const [name, view] of VIEWS) {
	test(`unsent choices at ${name} survive a reload; the end of the session wipes them for the next person`, async () => {
		const p = F.participant();
		const { ctx, page, problems } = await newPage(view);
		await openLink(page, F.env.base, p.code);
		await consent(page);
		await page.locator('label.choice').nth(2).click();
		await page.reload();
		assert.equal(await page.locator('input:checked').count(), 1, 'choice back after reload');
		const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('uf:')));
		assert.equal(stored.length, 1);
		assert.equal(F.state(p).answers, 0, 'not sent yet');
		// Avbryt stores it, and nothing stays in the browser.
		await Promise.all([page.waitForURL(onStart),
			page.getByRole('button', { name: /Avbryt – mina svar sparas/ }).click()]);
		assert.equal(F.state(p).answers, 1);
		assert.equal(await page.evaluate(() => Object.keys(localStorage).length), 0);
		// The next person on the tablet starts with an empty page.
		const q = F.participant();
		await openLink(page, F.env.base, q.code);
		await consent(page);
		assert.equal(await page.locator('input:checked').count(), 0);
		assert.deepEqual(problems, []);
		await ctx.close();
	});
}

// ---- on the short-idle instance ------------------------------------------

const expiresIn = (p) => Number(F.sql1(`SELECT extract(epoch FROM max(expires_at) - now())
	FROM uppfolj.collect_session WHERE participant_id = ${p.pid}`));

for (const [name, view] of VIEWS) {
	test(`idle at ${name}: "Är du kvar?" takes the focus, "Ja, fortsätt" extends on the server, the end stores the unsent choice and shows the start page`, async () => {
		const p = F.participant();
		const { ctx, page, problems } = await newPage(view);
		await openLink(page, own.base, p.code);
		await consent(page);
		assert.equal(await page.locator('meta[http-equiv=refresh]').count(), 0, 'no meta refresh');
		// Load axe-core now, so the check while the dialog is open takes little
		// of its minute.
		assert.deepEqual((await axe(page)).violations.map((v) => v.id), [], 'axe on the question');
		const left = Number(await page.locator('body').getAttribute('data-idle-left'));
		assert.ok(left > IDLE - 3 && left <= IDLE, `page told ${left} s`);
		// A choice made but not sent.
		await page.locator('label.choice').nth(1).click();
		const dialog = page.getByRole('alertdialog', { name: 'Är du kvar?' });
		await dialog.waitFor({ timeout: IDLE * 1000 });
		const button = dialog.getByRole('button', { name: 'Ja, fortsätt' });
		assert.equal(await button.evaluate((b) => document.activeElement === b), true, 'focus on the button');
		const box = await button.boundingBox();
		assert.ok(box.height >= 56, `button ${box.height}px high`);
		if (view === TABLET) await shot(page, 'idle-dialog-768');
		// The open dialog is a screen of its own: axe-core, WCAG 2.0/2.1 A and AA.
		const onDialog = await axe(page);
		assert.deepEqual(onDialog.violations.map((v) => v.id), [], 'axe on the open dialog');
		const before = expiresIn(p);
		await button.click();
		await dialog.waitFor({ state: 'hidden' });
		const after = expiresIn(p);
		assert.ok(after > before + 2 && after > IDLE - 2, `extended on the server: ${before} -> ${after} s`);
		assert.equal(F.state(p).answers, 0, 'choice not sent yet');
		// Nobody answers the second time: the page stores what is on it and
		// the start page replaces it.
		await dialog.waitFor({ timeout: IDLE * 1000 });
		await page.waitForURL(onStart, { timeout: IDLE * 1000 });
		assert.match(await page.locator('.notice').innerText(), /Din session avslutades eftersom/);
		assert.equal(F.state(p).answers, 1, 'the unsent choice was stored as a draft');
		assert.equal(F.state(p).sessions, 0);
		assert.equal(await page.evaluate(() => Object.keys(localStorage).length), 0);
		if (view === TABLET) await shot(page, 'idle-ended-768');
		const onEnded = await axe(page);
		assert.deepEqual(onEnded.violations.map((v) => v.id), [], 'axe on the session-ended page');
		for (let i = 0; i < 10 && (await history(ctx, page)).currentIndex > 0; i++) {
			await page.goBack({ waitUntil: 'load' }).catch(() => null);
			await assertNothingLeft(page, `back ${i + 1} after the idle end`);
		}
		assert.deepEqual(problems, []);
		await ctx.close();
	});
}

test('idle without JavaScript: the server ends the session at the deadline and the next page says so', async () => {
	const p = F.participant();
	const { ctx, page } = await newPage(TABLET, { javaScriptEnabled: false });
	await typeCode(page, own.base, p.code);
	await consent(page);
	await page.locator('label.choice').nth(1).click();
	await nextPage(page);
	assert.equal(F.state(p).answers, 1);
	await page.locator('label.choice').nth(2).click();
	await new Promise((r) => setTimeout(r, (IDLE + 1) * 1000));
	// The question is still on the screen (nothing can take it away without
	// a script), but pressing Nästa no longer reaches it.
	await Promise.all([page.waitForURL(onStart), page.getByRole('button', { name: 'Nästa' }).click()]);
	assert.match(await page.locator('.notice').innerText(), /Din session avslutades eftersom/);
	assert.equal(await page.locator('form.survey').count(), 0);
	await shot(page, 'session-ended-nojs-768');
	assert.equal(F.state(p).answers, 1, 'nothing stored after the deadline');
	assert.equal(F.state(p).sessions, 0);
	await page.goBack();
	await assertNothingLeft(page, 'back after the idle end');
	await ctx.close();
});

for (const [name, view] of VIEWS) {
	test(`502 at ${name}: the program killed, Nästa keeps the choice, retries, and it is stored when the program is back`, async () => {
		const p = F.participant();
		const { ctx, page, problems } = await newPage(view);
		await openLink(page, own.base, p.code);
		await consent(page);
		// 1: the retry with back-off sends it once the program is back.
		await page.locator('label.choice').nth(1).click();
		await own.kill();
		const bad = page.waitForResponse((r) => r.request().method() === 'POST' && r.status() === 502);
		await page.getByRole('button', { name: 'Nästa' }).click();
		await bad;
		const status = page.locator('#uf-offline');
		await status.waitFor();
		assert.match(await status.innerText(), /Servern svarar inte just nu\. Dina svar finns kvar/);
		if (view === TABLET) await shot(page, 'send-502-768');
		assert.match(page.url(), /\/sida\/1$/);
		assert.equal(await page.locator('input:checked').count(), 1);
		assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('uf:draft:')).length), 1);
		await own.startProgram();
		await page.waitForURL(/\/sida\/2$/, { timeout: 20000 });
		assert.equal(F.state(p).answers, 1);
		// 2: as the issue tells it: the choice sent into a 502, then Back (the
		// program still down: nginx's page), and the page opened again later.
		await page.locator('label.choice').nth(2).click();
		await own.kill();
		const bad2 = page.waitForResponse((r) => r.request().method() === 'POST' && r.status() === 502);
		await page.getByRole('button', { name: 'Nästa' }).click();
		await bad2;
		await status.waitFor();
		await page.goBack().catch(() => null);
		await own.startProgram();
		await page.goto(own.base + '/sida/2');
		assert.equal(await page.locator('input:checked').count(), 1, 'the choice is still there');
		await nextPage(page);
		assert.equal(F.state(p).answers, 2);
		assert.deepEqual(problems, []);
		await ctx.close();
	});
}

test('a slip link opened from another site (a web mail) starts after one tap and leaves no /k/ entry', async () => {
	const p = F.participant();
	const { ctx, page, problems } = await newPage(DESKTOP);
	// localhost and 127.0.0.1 are different sites: the link is cross-site.
	await page.goto(F.env.base.replace('127.0.0.1', 'localhost') + '/');
	await page.evaluate((href) => {
		const a = document.createElement('a');
		a.href = href;
		a.textContent = 'Öppna enkäten';
		document.querySelector('main').prepend(a);
	}, `${F.env.base}/k/${p.code}`);
	await Promise.all([page.waitForURL(/lank=fortsatt/), page.getByRole('link', { name: 'Öppna enkäten' }).click()]);
	assert.equal(F.state(p).sessions, 1);
	await Promise.all([page.waitForURL(/\/information$/), page.getByRole('link', { name: 'Börja' }).click()]);
	await consent(page);
	await page.goto(F.env.base + '/slut');
	const urls = (await history(ctx, page)).entries.map((e) => e.url);
	assert.ok(!urls.some((u) => u.includes('/k/')), urls.join(' '));
	// Back to the "Börja" page: its link leads to the start, not the session.
	await page.goBack();
	await page.goBack();
	while (!/lank=fortsatt/.test(page.url()) && (await history(ctx, page)).currentIndex > 1)
		await page.goBack();
	assert.match(page.url(), /lank=fortsatt/);
	await Promise.all([page.waitForURL(onStart), page.getByRole('link', { name: 'Börja' }).click()]);
	assert.match(page.url(), /slut=1/);
	assert.equal(await page.locator('form.survey').count(), 0);
	assert.deepEqual(problems, []);
	await ctx.close();
});
