// SPDX-License-Identifier: ISC
// axe-core on every respondent screen: the patient flow on a 768×1024 touch
// tablet and the staff flow at a 1366×768 desktop, each with JavaScript on
// and off, including the screens with a message (a wrong code, a required
// question left empty, a refused submission), the folded and the unfolded
// information, the review and the thank-you pages. WCAG 2.0/2.1 A and AA
// rules; every violation fails the test and is listed with its elements.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as F from '../api/fixture.mjs';
import { useBrowser, newPage, enterCode, consent, answerPage, axe, TABLET, DESKTOP }
	from './lib.mjs';

useBrowser();

async function check(page, where, found, javaScriptEnabled) {
	const r = await axe(page, { javaScriptEnabled });
	for (const v of r.violations) {
		const line = `${where} (${new URL(page.url()).pathname}): ${v.id} [${v.impact}] ` +
			v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ');
		found.push(line);
	}
}

async function flow(grp, kind, javaScriptEnabled) {
	const k = kind === 'tablet' ? TABLET : DESKTOP;
	const { ctx, page, problems } = await newPage(k.viewport,
		{ hasTouch: !!k.hasTouch, isMobile: !!k.isMobile, javaScriptEnabled });
	const found = [];
	const label = `${grp}/${kind}/${javaScriptEnabled ? 'js' : 'no-js'}`;
	let screens = 0;
	const at = async (where) => { screens++; await check(page, `${label} ${where}`, found, javaScriptEnabled); };

	await page.goto(F.env.base + '/');
	await at('start');
	await page.getByLabel('Din kod').fill('AAAA-BBBB-CCCC');
	await Promise.all([page.waitForURL(/\/kod$/), page.getByRole('button', { name: 'Börja' }).click()]);
	await at('wrong code');
	// The browser logs the refusal's status (401) as a console error.
	const logged = problems.splice(0);
	assert.ok(logged.every((m) => /status of 401/.test(m)), logged.join('\n'));
	F.resetAttempts();

	const p = F.participant({ grp });
	await enterCode(page, p.code);
	await at('information');
	await page.locator('details.full-info summary').click();
	await at('information, full text open');
	await consent(page);
	await page.goto(F.env.base + '/information');
	await at('information, consent already given');
	await page.goto(F.env.base + '/sida/1');

	// The first page left empty: the required note (script) or, without
	// script, the next page; both screens are checked as they come.
	if (javaScriptEnabled) {
		await page.getByRole('button', { name: 'Nästa' }).click();
		await page.locator('#uf-offline').waitFor();
		await at('required question left empty');
		await page.goto(F.env.base + '/sida/1');
	} else {
		await Promise.all([page.waitForURL(/\/sida\/2$/),
			page.getByRole('button', { name: 'Nästa' }).click()]);
	}
	for (let i = 0; i < 60 && !page.url().endsWith('/granska'); i++) {
		await at(`page ${new URL(page.url()).pathname}`);
		await answerPage(page, 'Svar.');
	}
	await at('review');
	// Question 1 was skipped once; without script it is still empty, and
	// submitting shows the review with the refusal.
	if (!javaScriptEnabled) {
		await Promise.all([page.waitForURL(/\/skicka$/),
			page.getByRole('button', { name: 'Skicka in svaren' }).click()]);
		await at('review with a refused submission');
		const refused = problems.splice(0);   // its 400 status, logged by the browser
		assert.ok(refused.every((m) => /status of 400/.test(m)), refused.join('\n'));
	}
	const change = page.locator('a.change').first();
	await Promise.all([page.waitForURL(/granska=1$/), change.click()]);
	await at('a question opened from the review');
	await page.goto(F.env.base + '/granska');
	if (!javaScriptEnabled && await page.locator('.row.has-error').count()) {
		await page.locator('.row.has-error a.change').first().click();
		await page.waitForURL(/granska=1$/);
		await answerPage(page, 'Svar.');
	}
	await Promise.all([page.waitForURL(/\/tack$/),
		page.getByRole('button', { name: 'Skicka in svaren' }).click()]);
	await at('thank-you');

	// Saying no.
	const q = F.participant({ grp });
	await enterCode(page, q.code);
	await Promise.all([page.waitForURL(/\/tack\?nej=1$/),
		page.getByRole('button', { name: 'Nej, jag vill inte delta' }).click()]);
	await at('declined');
	await page.goto(F.env.base + '/slut');
	await at('session ended');
	assert.deepEqual(found, [], `${found.length} violations on ${screens} screens`);
	assert.ok(screens >= 8, `${screens} screens checked`);
	assert.deepEqual(problems, []);
	assert.equal(F.state(p).submitted, 1);
	await ctx.close();
}

for (const js of [true, false]) {
	test(`axe: the patient flow on the tablet, JavaScript ${js ? 'on' : 'off'}: no violations`,
		() => flow('patient', 'tablet', js));
	test(`axe: the staff flow at the desktop, JavaScript ${js ? 'on' : 'off'}: no violations`,
		() => flow('personal', 'desktop', js));
}
