// SPDX-License-Identifier: ISC
// What the browser suites share: one headless Chromium (Debian's, driven by
// playwright-core), pages that collect dialogs and script errors, the steps
// of the respondent flow, screenshots to $UF_ARTIFACTS/browser, and axe-core
// injected into a page.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import * as F from '../api/fixture.mjs';

const exe = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));
export const shots = join(F.env.artifacts, 'browser');
mkdirSync(shots, { recursive: true });
let browser;

// Start the browser once per test file (node:test runs each file alone).
export function useBrowser() {
	before(async () => {
		browser = await chromium.launch({ executablePath: exe, headless: true,
			args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
	});
	after(async () => { await browser?.close(); });
}

// The tablet and the desktop the acceptance criteria name.
export const TABLET = { viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true };
export const DESKTOP = { viewport: { width: 1366, height: 768 } };

export async function newPage(viewport, opts = {}) {
	const ctx = await browser.newContext({ viewport, locale: 'sv-SE', ...opts });
	const page = await ctx.newPage();
	const problems = [];
	page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
	page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
	page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
	return { ctx, page, problems };
}

export const shot = (page, name, fullPage = true) =>
	page.screenshot({ path: join(shots, `${name}.png`), fullPage });

export async function enterCode(page, code) {
	await page.goto(F.env.base + '/');
	await page.getByLabel('Din kod').fill(code);
	await Promise.all([page.waitForURL(/\/(information|sida\/\d+|granska)$/),
		page.getByRole('button', { name: 'Börja' }).click()]);
}

export async function consent(page) {
	await Promise.all([page.waitForURL(/\/sida\/\d+$/),
		page.getByRole('button', { name: 'Ja, jag vill delta' }).click()]);
}

// Click an answer as a person would: an answer that has just moved (a
// follow-up question above it appeared) ignores a click for a moment
// (collect/static/tapguard.js), so look, and click again once it stood still.
export async function choose(label) {
	await label.click();
	if (!(await label.locator('input').isChecked())) {
		await label.page().waitForTimeout(700);
		await label.click();
	}
	assert.ok(await label.locator('input').isChecked(), 'answer chosen');
}

// Answer whatever the current page shows, then press Nästa (or, on a
// question opened from the review, Tillbaka till granskningen).
export async function answerPage(page, text) {
	const items = page.locator('form.survey .item:visible');
	const n = await items.count();
	for (let i = 0; i < n; i++) {
		const item = items.nth(i);
		if (await item.locator('textarea').count()) {
			await item.locator('textarea').fill(text);
		} else if (await item.locator('input[type=number]').count()) {
			const inp = item.locator('input[type=number]');
			await inp.fill(await inp.getAttribute('min'));
		} else if (await item.locator('input[type=date]').count()) {
			await item.locator('input[type=date]').fill('2025-01-01');
		} else if (await item.locator('input[type=checkbox]').count()) {
			await choose(item.locator('label.choice').first());
		} else {
			const good = item.locator('label.choice', { hasText: 'Stämmer ganska bra' });
			await choose(await good.count() ? good : item.locator('label.choice').first());
		}
	}
	const url = page.url();
	await Promise.all([page.waitForURL((u) => u.toString() !== url),
		page.getByRole('button', { name: /^(Nästa|Tillbaka till granskningen)$/ }).click()]);
}

// Answer page after page until the review; each = called on every page first.
export async function answerAll(page, text, name, each) {
	for (let i = 0; i < 60 && !page.url().endsWith('/granska'); i++) {
		if (each) await each(page, i);
		if (i === 2 && name) await shot(page, `${name}-question`);
		await answerPage(page, text);
	}
	assert.ok(page.url().endsWith('/granska'), page.url());
}

export async function submit(page) {
	await Promise.all([page.waitForURL(/\/tack$/),
		page.getByRole('button', { name: 'Skicka in svaren' }).click()]);
}

// axe-core (tests/node_modules) on the page: WCAG 2.0/2.1 A and AA rules.
// The pages' CSP (script-src 'self') refuses an inline <script> such as
// page.addScriptTag adds, so the source is evaluated through the DevTools
// protocol instead, and the CSP stays in force for the page itself.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_OPTIONS = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
	resultTypes: ['violations'] };
async function runAxe(page) {
	if (!(await page.evaluate(() => typeof window.axe === 'object')))
		await page.evaluate(axeSource);
	return page.evaluate((o) => window.axe.run(document, o), AXE_OPTIONS);
}

// With JavaScript off nothing can run in the page, axe included: the page
// as that browser holds it (its HTML, without the scripts it never ran) is
// shown at the same address and size in a page that may run axe, with the
// real stylesheet.
const checkers = new Map();
async function axeWithoutScripts(page) {
	const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
	const vp = page.viewportSize();
	const key = `${vp.width}x${vp.height}`;
	if (!checkers.has(key)) {
		const ctx = await browser.newContext({ viewport: vp, locale: 'sv-SE' });
		checkers.set(key, await ctx.newPage());
	}
	const checker = checkers.get(key);
	const url = page.url();
	await checker.unrouteAll();
	await checker.route((u) => u.toString() === url, (route) =>
		route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
	await checker.goto(url);
	return runAxe(checker);
}

// Nothing wider than the screen: no sideways scrolling, and no button or
// answer whose text is cut off inside it.
export async function noClipping(page) {
	return page.evaluate(() => {
		const bad = [];
		if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1)
			bad.push(`page ${document.documentElement.scrollWidth} > ${document.documentElement.clientWidth}`);
		for (const el of document.querySelectorAll('button, a.button, label.choice, .langs a, h1, p'))
			if (el.offsetParent && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
				bad.push(`${el.tagName}.${el.className}: ${el.textContent.trim().slice(0, 40)}`);
		return bad;
	});
}

export async function axe(page, { javaScriptEnabled = true } = {}) {
	return javaScriptEnabled ? runAxe(page) : axeWithoutScripts(page);
}
