// SPDX-License-Identifier: ISC
// Error pages of an Arabic session in Chromium (issue 15): the program's
// 404 for an unknown address and nginx's static 413 for a form too large
// are Arabic, right to left, nothing clipped or scrolling sideways, with
// no axe-core violations, at 768×1024 (touch) and 390×844; screenshots in
// the artifacts (errlang-ar-404-*.png, errlang-ar-413-*.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as F from '../api/fixture.mjs';
import { useBrowser, newPage, shot, axe, noClipping, TABLET } from './lib.mjs';

useBrowser();
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

for (const [name, kind] of [['768', TABLET], ['390', PHONE]]) {
	test(`Arabic error pages at ${name}: 404 from the program, 413 from nginx`, async () => {
		F.resetAttempts();
		const p = F.participant();
		const { ctx, page, problems } = await newPage(kind.viewport,
			{ hasTouch: !!kind.hasTouch, isMobile: !!kind.isMobile });
		await page.goto(`${F.env.base}/?lang=ar`);
		await page.locator('#code').fill(p.code);
		await Promise.all([page.waitForURL(/\/information$/),
			page.locator('form.code-form button[type=submit]').click()]);
		await Promise.all([page.waitForURL(/\/sida\/1$/),
			page.locator('button[name=decision][value=given]').click()]);
		const lang = (await ctx.cookies(F.env.base)).find((c) => c.name === 'uf_lang');
		assert.equal(lang?.value, 'ar');
		assert.equal(lang?.httpOnly, true);
		assert.equal(lang?.sameSite, 'Lax');

		const nf = await page.goto(`${F.env.base}/sida/1/finns-inte`);
		assert.equal(nf.status(), 404);
		assert.equal(await page.evaluate(() => document.documentElement.lang), 'ar');
		assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
		assert.equal(await page.locator('h1').innerText(), 'الصفحة غير موجودة');
		await shot(page, `errlang-ar-404-${name}`);
		assert.deepEqual(await noClipping(page), []);
		assert.deepEqual((await axe(page)).violations.map((v) => v.id), []);
		assert.deepEqual((await axe(page, { javaScriptEnabled: false })).violations.map((v) => v.id), []);

		// A form too large for nginx, sent as a browser sends one.
		await page.goto(`${F.env.base}/sida/1`);
		const [resp] = await Promise.all([
			page.waitForResponse((r) => r.url().endsWith('/sida/1') && r.request().method() === 'POST'),
			page.evaluate(() => {
				const f = document.createElement('form');
				f.method = 'post';
				f.action = '/sida/1';
				const t = document.createElement('input');
				t.type = 'hidden';
				t.name = 'pad';
				t.value = 'x'.repeat(70 * 1024);
				f.append(t);
				document.body.append(f);
				f.submit();
			})]);
		assert.equal(resp.status(), 413);
		// The response can arrive before the navigation to it commits: wait
		// for the 413 page's own heading (a locator waits across the
		// navigation; evaluate would run in the page being replaced).
		await page.locator('h1', { hasText: 'كبير جدًا' }).waitFor();
		await page.waitForLoadState('load');
		assert.equal(await page.evaluate(() => document.documentElement.lang), 'ar');
		assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
		assert.equal(await page.locator('h1').innerText(), 'كبير جدًا');
		assert.equal(await page.locator('a.button').getAttribute('href'), '/?lang=ar');
		await shot(page, `errlang-ar-413-${name}`);
		assert.deepEqual(await noClipping(page), []);
		assert.deepEqual((await axe(page)).violations.map((v) => v.id), []);
		assert.deepEqual(problems.filter((m) => !/40[34]|413/.test(m)), []);
		await ctx.close();
	});
}
