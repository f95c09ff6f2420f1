// SPDX-License-Identifier: ISC
// nginx's pages for 502/503/504 in Chromium, in the language the cookie
// uf_lang names (Swedish when it names none), against the nginx and
// supervised uppfolj-collect that tests/deploy/run.sh starts: a page asked
// for while the program is down shows the retrying page at the same address
// and becomes the real page by itself once the program is back; a sent form
// leads back to the page with the form. axe-core checks the pages.
// Environment (from tests/deploy/run.sh): UF_DEPLOY_BASE, UF_DEPLOY_RUN,
// UF_DEPLOY_START (a command that starts the supervised program), UF_ARTIFACTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const base = process.env.UF_DEPLOY_BASE;
const run = process.env.UF_DEPLOY_RUN;
const exe = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));
const shots = join(process.env.UF_ARTIFACTS ?? '/tmp', 'deploy');
mkdirSync(shots, { recursive: true });
let browser;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const alive = (pid) => { try { return pid > 0 && process.kill(pid, 0); } catch { return false; } };
const pidOf = (name) => {
	try { return Number(readFileSync(join(run, name), 'utf8')); } catch { return 0; }
};

// Stop the supervised program (supervisor first: it must not restart it).
async function stopCollect() {
	const sup = pidOf('collect.supervisor.pid');
	if (sup) process.kill(sup, 'SIGTERM');
	for (let i = 0; i < 100 && sup && alive(sup); i++) await sleep(100);
	assert.ok(!sup || !alive(sup), 'supervisor stopped');
	const r = await fetch(base + '/api/v1/health');
	assert.equal(r.status, 502, 'program is down');
}
async function startCollect() {
	execFileSync('bash', ['-c', process.env.UF_DEPLOY_START], { stdio: 'ignore' });
}
async function ensureCollect() {
	if (!alive(pidOf('collect.supervisor.pid'))) await startCollect();
	for (let i = 0; i < 100; i++) {
		if ((await fetch(base + '/api/v1/health')).status === 200) return;
		await sleep(100);
	}
	assert.fail('uppfolj-collect did not come back');
}

async function axeCheck(url) {
	// axe is injected as an inline script: only this context bypasses CSP.
	const ctx = await browser.newContext({ bypassCSP: true, locale: 'sv-SE' });
	const page = await ctx.newPage();
	// Without its retry script, so the page stays while axe looks at it.
	await page.route('**/static/errors/fel.js', (r) => r.abort());
	await page.goto(url);
	await page.evaluate(axeSource);
	const res = await page.evaluate(() => window.axe.run(document, {
		runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } }));
	await ctx.close();
	return res.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`);
}

before(async () => {
	browser = await chromium.launch({ executablePath: exe, headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
});
after(async () => {
	await browser?.close();
	await ensureCollect();
});

test('a page asked for while the program is down retries by itself at the same address', async () => {
	await stopCollect();
	assert.deepEqual(await axeCheck(base + '/'), [], 'no axe violations on the error page');
	const ctx = await browser.newContext({ viewport: { width: 768, height: 1024 }, hasTouch: true, locale: 'sv-SE' });
	const page = await ctx.newPage();
	const errors = [];
	page.on('pageerror', (e) => errors.push(e.message));
	page.on('console', (m) => { if (m.type() === 'error' && !/502|503|504/.test(m.text())) errors.push(m.text()); });
	const resp = await page.goto(base + '/');
	assert.equal(resp.status(), 502);
	assert.equal(await page.getAttribute('html', 'lang'), 'sv');
	assert.equal(await page.locator('h1').textContent(), 'Sidan kunde inte visas just nu');
	assert.match(await page.locator('#retry-status').textContent(), /försöker igen om 3 sekunder/);
	assert.equal(await page.getByRole('link', { name: 'Försök igen' }).getAttribute('href'), '');
	await page.screenshot({ path: join(shots, 'fel-tablet.png'), fullPage: true });

	// Still down at the first retry: the page comes back with a longer wait.
	await page.waitForFunction(() => /om (5|10|20) sekunder/.test(document.getElementById('retry-status')?.textContent ?? ''),
		null, { timeout: 15000 });
	await startCollect();
	const t0 = Date.now();
	await page.getByLabel('Din kod').waitFor({ timeout: 12000 });
	assert.equal(page.url(), base + '/', 'same address');
	console.log(`# the start page was back ${Date.now() - t0} ms after the program started`);
	assert.deepEqual(errors, []);
	await ctx.close();
});

test('a form sent while the program is down leads back to the form once it is back', async () => {
	const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, locale: 'sv-SE' });
	const page = await ctx.newPage();
	await ensureCollect();
	await page.goto(base + '/');
	await page.getByLabel('Din kod').fill('ABC-DEF-GHJ');
	await stopCollect();
	const [resp] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/kod')),
		page.getByRole('button', { name: 'Börja' }).click()]);
	assert.equal(resp.status(), 502);
	await page.locator('h1', { hasText: 'Dina svar kom inte fram' }).waitFor();
	assert.match(await page.locator('.lead').textContent(), /har inte sparats/);
	assert.equal(await page.getByRole('link', { name: 'Tillbaka till frågorna' }).getAttribute('href'), '/fortsatt');
	assert.match(await page.locator('#retry-status').textContent(), /tillbaka till sidan om 3 sekunder/);
	await page.screenshot({ path: join(shots, 'fel-skicka-phone.png'), fullPage: true });
	await startCollect();
	await page.getByLabel('Din kod').waitFor({ timeout: 12000 });
	assert.equal(page.url(), base + '/', 'back at the page with the form');
	await ctx.close();
});

test('the pages follow the language cookie: Arabic right to left with its own retry words; a forged one is Swedish', async () => {
	await stopCollect();
	const url = new URL(base);
	const open = async (value, viewport) => {
		const ctx = await browser.newContext({ viewport, hasTouch: true, locale: 'sv-SE', bypassCSP: true });
		await ctx.addCookies([{ name: 'uf_lang', value, domain: url.hostname, path: '/' }]);
		return { ctx, page: await ctx.newPage() };
	};
	for (const [w, h] of [[768, 1024], [390, 844]]) {
		const { ctx, page } = await open('ar', { width: w, height: h });
		const resp = await page.goto(base + '/sida/1');
		assert.equal(resp.status(), 502);
		assert.equal(await page.getAttribute('html', 'lang'), 'ar');
		assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
		assert.equal(await page.locator('h1').textContent(), 'لا يمكن عرض الصفحة الآن');
		assert.equal(await page.locator('#retry-status').textContent(), 'سنحاول مرة أخرى بعد 3 ثانية.');
		await page.screenshot({ path: join(shots, `fel-ar-${w}.png`), fullPage: true });
		await ctx.close();
	}
	// axe on the Arabic page (its retry script held back, as above).
	const { ctx: actx, page: apage } = await open('ar', { width: 768, height: 1024 });
	await apage.route('**/static/errors/fel.js', (r) => r.abort());
	await apage.goto(base + '/');
	await apage.evaluate(axeSource);
	const res = await apage.evaluate(() => window.axe.run(document, {
		runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } }));
	assert.deepEqual(res.violations.map((v) => v.id), []);
	await actx.close();
	for (const forged of ['zz', 'ar.html', '..%2Fsv', 'fel']) {
		const { ctx, page } = await open(forged, { width: 768, height: 1024 });
		const resp = await page.goto(base + '/');
		assert.equal(resp.status(), 502, forged);
		assert.equal(await page.getAttribute('html', 'lang'), 'sv', forged);
		await ctx.close();
	}
	await ensureCollect();
});
