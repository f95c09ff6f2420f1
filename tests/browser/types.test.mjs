// SPDX-License-Identifier: ISC
// The question types added through lib/item_types.c as respondents meet
// them (tests/forms/valid/types_demo.json): at 768×1024 with touch (one
// question per screen, patient layout) and at 1366×768 with a mouse (one
// theme per page), with JavaScript on and off, and the question pages at
// phone size for the screenshots. Each page passes axe-core with no
// violations; the answers given end up in the database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as F from '../api/fixture.mjs';
import * as T from '../api/types_fixture.mjs';
import { useBrowser, newPage, shot, enterCode, consent, choose, axe, TABLET, DESKTOP } from './lib.mjs';

useBrowser();
T.ensureTypesStudy();
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

async function start(kind, grp, js) {
	const k = kind === 'tablet' ? TABLET : kind === 'phone' ? PHONE : DESKTOP;
	const p = T.typesParticipant(grp);
	const s = await newPage(k.viewport, { hasTouch: !!k.hasTouch, isMobile: !!k.isMobile,
		javaScriptEnabled: js });
	await enterCode(s.page, p.code);
	await consent(s.page);
	return { ...s, p };
}

async function noViolations(page, js, where) {
	const r = await axe(page, { javaScriptEnabled: js });
	assert.deepEqual(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [],
		`axe on ${where}`);
}

async function next(page) {
	const url = page.url();
	await Promise.all([page.waitForURL((u) => u.toString() !== url),
		page.getByRole('button', { name: 'Nästa' }).click()]);
}

// A touch (or click) at fraction x of the slider's width.
async function touchSlider(page, slider, x, touch) {
	const b = await slider.boundingBox();
	const px = b.x + b.width * x, py = b.y + b.height / 2;
	if (touch) await page.touchscreen.tap(px, py); else await page.mouse.click(px, py);
}

test('tablet with JavaScript: the VAS is a slider with no thumb until touched, big enough, value shown', async () => {
	const { ctx, page, problems, p } = await start('tablet', 'patient', true);
	assert.match(page.url(), /\/sida\/1$/);
	const slider = page.locator('input[type=range]#q-td_vas');
	await slider.waitFor();
	assert.ok(await page.locator('.vas.untouched').count() === 1, 'not answered: no thumb');
	assert.match(await page.locator('.vas-value').innerText(), /Inte besvarad/);
	assert.equal(await page.locator('#q-td_vas-n').inputValue(), '');
	await noViolations(page, true, 'VAS, tablet, untouched');
	await shot(page, 'types-vas-tablet-untouched');
	const box = await slider.boundingBox();
	assert.ok(box.height >= 44, `slider ${box.height}px high`);
	assert.ok(box.width >= 600, `slider ${box.width}px wide`);
	await touchSlider(page, slider, 0.8, true);
	const v = Number(await page.locator('#q-td_vas-n').inputValue());
	assert.ok(v >= 70 && v <= 90, `value ${v} near 80 %`);
	assert.equal(await page.locator('.vas.untouched').count(), 0);
	assert.match(await page.locator('.vas-value').innerText(), new RegExp(`Ditt svar: ${v}`));
	await shot(page, 'types-vas-tablet-answered');
	// "Ta bort svaret" is a real way back to not answered ...
	await page.getByRole('button', { name: 'Ta bort svaret' }).click();
	assert.equal(await page.locator('#q-td_vas-n').inputValue(), '');
	assert.equal(await page.locator('.vas.untouched').count(), 1);
	// ... and a required VAS left so is not skipped past silently.
	await page.getByRole('button', { name: 'Nästa' }).click();
	await page.locator('#uf-offline').waitFor();
	await touchSlider(page, slider, 0.25, true);
	const v2 = Number(await page.locator('#q-td_vas-n').inputValue());
	await next(page);
	// Stored with the draft page.
	assert.equal(T.storedOf(p).td_vas, `int:${v2}`);
	assert.deepEqual(problems, []);
	await ctx.close();
});

for (const js of [true, false]) {
	test(`desktop, JavaScript ${js ? 'on' : 'off'}: every new type on the theme page, stored`, async () => {
		const { ctx, page, problems, p } = await start('desktop', 'personal', js);
		assert.match(page.url(), /\/sida\/1$/);
		await noViolations(page, js, `desktop page 1, js ${js}`);
		await shot(page, `types-desktop-${js ? 'js' : 'nojs'}`);
		if (js) {
			await touchSlider(page, page.locator('#q-td_vas'), 0.5, false);
		} else {
			await page.locator('#q-td_vas').fill('64');
		}
		await choose(page.locator('#item-td_vas_fri label.choice.dk'));
		await page.getByLabel('Hur många timmar i veckan').fill('12,5');
		await page.getByLabel('Vilket datum började').fill('2025-03-01');
		await next(page);
		// The grid: one table, each answer named by its statement and column.
		assert.match(page.url(), /\/sida\/2$/);
		assert.equal(await page.locator('table.gridtable').count(), 1);
		await noViolations(page, js, `desktop grid, js ${js}`);
		await shot(page, `types-grid-desktop-${js ? 'js' : 'nojs'}`);
		await page.getByRole('radio', { name: /^Jag får den tid jag behöver\. Stämmer helt$/ }).check();
		await page.getByRole('radio', { name: /^Någon lyssnar .* Stämmer ganska bra$/ }).check();
		await page.getByRole('radio', { name: /^Det är oklart .* Vet ej \/ ej aktuellt$/ }).check();
		await next(page);
		assert.match(page.url(), /\/granska$/);
		await Promise.all([page.waitForURL(/\/tack$/),
			page.getByRole('button', { name: 'Skicka in svaren' }).click()]);
		const got = T.storedOf(p);
		if (js) assert.ok(/^int:(4[5-9]|5[0-5])$/.test(got.td_vas), got.td_vas);
		else assert.equal(got.td_vas, 'int:64');
		assert.equal(got.td_vas_fri, 'dont_know');
		assert.equal(got.td_timmar, 'text:12.5');
		assert.equal(got.td_datum, 'date:2025-03-01');
		assert.deepEqual([got.td_g_tid, got.td_g_lyssnar, got.td_g_oklart], ['int:5', 'int:4', 'dont_know']);
		assert.deepEqual(problems, []);
		await ctx.close();
	});
}

test('tablet and phone without JavaScript: the VAS is a number field between its end labels', async () => {
	for (const kind of ['tablet', 'phone']) {
		const { ctx, page, problems } = await start(kind, 'patient', false);
		const num = page.locator('input[type=number]#q-td_vas');
		assert.equal(await num.count(), 1);
		assert.match(await page.locator('.vas-ends').innerText(), /0 = Inte alls stöttad\s+100 = Helt stöttad/);
		await noViolations(page, false, `${kind} without JavaScript`);
		await shot(page, `types-vas-${kind}-nojs`);
		// The browser itself refuses 150 (max="100"); the server's own
		// refusal is tests/api/types.test.mjs's.
		await num.fill('150');
		assert.ok(await num.evaluate((el) => el.validity.rangeOverflow), '150 is over max');
		await num.fill('40');
		await next(page);
		assert.match(page.url(), /\/sida\/2$/);
		assert.deepEqual(problems, []);
		await ctx.close();
	}
});

test('phone with JavaScript: the VAS page', async () => {
	const { ctx, page, problems } = await start('phone', 'patient', true);
	await page.locator('input[type=range]#q-td_vas').waitFor();
	await noViolations(page, true, 'VAS, phone');
	await shot(page, 'types-vas-phone');
	assert.deepEqual(problems, []);
	await ctx.close();
});

test('tablet and phone: number, date and one grid statement per screen', async () => {
	for (const kind of ['tablet', 'phone']) {
		const { ctx, page, problems } = await start(kind, 'patient', true);
		await touchSlider(page, page.locator('#q-td_vas'), 0.6, true);
		await next(page);                     // td_vas
		await next(page);                     // td_vas_fri, not required
		await noViolations(page, true, `${kind} number`);
		await shot(page, `types-number-${kind}`);
		await page.getByLabel('Hur många timmar i veckan').fill('7,5');
		await next(page);
		await next(page);                     // td_antal
		await next(page);                     // td_temp
		await noViolations(page, true, `${kind} date`);
		await shot(page, `types-date-${kind}`);
		await next(page);                     // td_datum
		assert.match(await page.locator('.grid-stem').innerText(), /Hur väl stämmer påståendena/);
		assert.equal(await page.locator('table').count(), 0);
		await noViolations(page, true, `${kind} grid statement`);
		await shot(page, `types-grid-${kind}`);
		const box = await page.locator('label.choice').first().boundingBox();
		assert.ok(box.height >= 44, `answer ${box.height}px high`);
		assert.deepEqual(problems, []);
		await ctx.close();
	}
});

test('phone, theme page: the grid stacks, each answer with its words', async () => {
	const { ctx, page, problems } = await start('phone', 'personal', true);
	await touchSlider(page, page.locator('#q-td_vas'), 0.3, true);
	await next(page);
	const cell = page.locator('#item-td_g_tid .gcell').first();
	assert.ok(await cell.locator('.gl').isVisible(), 'the column words beside the button');
	const b = await cell.boundingBox();
	assert.ok(b.height >= 44 && b.width > 300, `stacked answer ${b.width}x${b.height}`);
	await noViolations(page, true, 'phone grid');
	await shot(page, 'types-grid-phone-theme');
	assert.deepEqual(problems, []);
	await ctx.close();
});
