// SPDX-License-Identifier: ISC
// The respondent pages in headless Chromium (Debian's, driven by
// playwright-core): a patient on a tablet, a staff member at a desktop,
// resume after closing the tab, the back button after submit, JavaScript
// off, layout at 200% zoom, the compact likert rows of staff pages on a
// desktop and the start page as the tablet's home screen. Screenshots go to
// $UF_ARTIFACTS/browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as F from '../api/fixture.mjs';
import { useBrowser, newPage, shot, enterCode, consent, answerPage, answerAll, submit }
	from './lib.mjs';

useBrowser();

test('a patient completes the survey on a 768×1024 tablet', async () => {
	const p = F.participant();
	const { ctx, page, problems } = await newPage({ width: 768, height: 1024 }, { hasTouch: true });
	await enterCode(page, p.code);
	await shot(page, 'patient-information');
	assert.match(await page.locator('h1').innerText(), /Vill du svara på några frågor/);
	await consent(page);
	// Progress, fieldset with legend, touch targets of at least 44 px.
	assert.match(await page.locator('.progress').innerText(), /Fråga 1 av \d+/);
	assert.equal(await page.locator('fieldset legend').count(), 1);
	for (const box of await page.locator('label.choice').evaluateAll((els) =>
		els.map((e) => e.getBoundingClientRect().height)))
		assert.ok(box >= 44, `choice ${box}px high`);
	const next = await page.getByRole('button', { name: 'Nästa' }).boundingBox();
	assert.ok(next.height >= 44);
	await answerAll(page, '<script>alert(1)</script>', 'patient');
	await shot(page, 'patient-review');
	assert.ok((await page.locator('main').innerText()).includes('<script>alert(1)</script>'),
		'free text shown as text');
	await submit(page);
	await shot(page, 'patient-thanks');
	assert.match(await page.locator('h1').innerText(), /Tack för dina svar/);
	const s = F.state(p);
	assert.equal(s.submitted, 1);
	assert.equal(F.answersOf(p).pat_mer, '<script>alert(1)</script>');
	assert.deepEqual(problems, []);
	// Nothing of the answers is left in the browser's storage.
	assert.equal(await page.evaluate(() => Object.keys(localStorage)
		.filter((k) => k.startsWith('uf:')).length), 0);
	await ctx.close();
});

test('a staff member completes theirs, one theme per page, at 1024×768', async () => {
	const p = F.participant({ grp: 'personal' });
	const { ctx, page, problems } = await newPage({ width: 1024, height: 768 });
	await enterCode(page, p.code);
	await consent(page);
	assert.match(await page.locator('.progress').innerText(), /Sida 1 av 3/);
	assert.ok(await page.locator('form.survey fieldset').count() > 3);
	await answerAll(page, 'Det har fungerat bra.', 'staff');
	await submit(page);
	assert.equal(F.state(p).submitted, 1);
	assert.ok(F.state(p).answers > 20);
	assert.deepEqual(problems, []);
	await ctx.close();
});

test('resume after closing the tab: the same code continues with the answers kept', async () => {
	const p = F.participant();
	const first = await newPage({ width: 768, height: 1024 });
	await enterCode(first.page, p.code);
	await consent(first.page);
	await answerPage(first.page, 'x');
	await answerPage(first.page, 'x');
	await first.ctx.close();   // the tab (and its cookies) are gone

	const again = await newPage({ width: 768, height: 1024 });
	await enterCode(again.page, p.code);
	assert.match(again.page.url(), /\/sida\/3$/);
	await again.page.getByRole('button', { name: 'Tillbaka' }).click();
	await again.page.waitForURL(/\/sida\/2$/);
	assert.equal(await again.page.locator('input:checked').count(), 1, 'earlier answer kept');
	await again.ctx.close();
});

test('after submit, the back button shows nothing of the answers', async () => {
	const p = F.participant();
	const { ctx, page } = await newPage({ width: 768, height: 1024 });
	await enterCode(page, p.code);
	await consent(page);
	const secret = 'Hemligt svar 4711';
	await answerAll(page, secret, 'back');
	const named = async () => (await ctx.cookies()).map((c) => c.name).filter((n) => n === 'uf_s' || n === 'uf_v');
	assert.deepEqual((await named()).sort(), ['uf_s', 'uf_v'], 'session and view cookie while answering');
	await submit(page);
	// The shared tablet keeps neither cookie for the next person.
	assert.deepEqual(await named(), [], 'no session or view cookie after submit');
	for (let i = 0; i < 4; i++) {
		await page.goBack().catch(() => null);
		const text = await page.locator('body').innerText();
		assert.ok(!text.includes(secret), `back ${i + 1}: ${page.url()}`);
		assert.ok(!/Granska dina svar/.test(text), `back ${i + 1} shows the review`);
		assert.equal(await page.locator('input:checked').count(), 0);
	}
	await shot(page, 'back-after-submit');
	await ctx.close();
});

test('the whole survey works with JavaScript disabled', async () => {
	const p = F.participant();
	const { ctx, page } = await newPage({ width: 768, height: 1024 }, { javaScriptEnabled: false });
	await enterCode(page, p.code);
	await consent(page);
	await answerAll(page, 'Utan skript.', 'nojs');
	await submit(page);
	assert.match(await page.locator('h1').innerText(), /Tack/);
	assert.equal(F.state(p).submitted, 1);
	await ctx.close();
});

test('at 200% zoom (384×512 CSS px) and 1024×768 nothing needs sideways scrolling', async () => {
	const p = F.participant();
	for (const vp of [{ width: 384, height: 512 }, { width: 1024, height: 768 }]) {
		const { ctx, page } = await newPage(vp);
		if (vp.width === 384) {
			await enterCode(page, p.code);
			await consent(page);
		} else {
			await enterCode(page, p.code);
		}
		for (const path of ['/', '/information', '/sida/3', '/granska']) {
			if (path === '/') continue;
			await page.goto(F.env.base + path);
			const over = await page.evaluate(() =>
				document.documentElement.scrollWidth - document.documentElement.clientWidth);
			assert.ok(over <= 0, `${vp.width}px ${path}: ${over}px too wide`);
		}
		await shot(page, `zoom-${vp.width}`);
		await ctx.close();
	}
});

test('with the network down, answers stay in localStorage and are sent on return', async () => {
	const p = F.participant();
	const { ctx, page } = await newPage({ width: 768, height: 1024 });
	await enterCode(page, p.code);
	await consent(page);
	await page.locator('label.choice').nth(1).click();
	await ctx.setOffline(true);
	await page.getByRole('button', { name: 'Nästa' }).click();
	await page.locator('#uf-offline').waitFor();
	await shot(page, 'offline');
	assert.match(page.url(), /\/sida\/1$/);
	const draftKey = () => Object.keys(localStorage).find((k) => k.endsWith(':/sida/1'));
	const kept = await page.evaluate(() => localStorage.getItem(
		Object.keys(localStorage).find((k) => k.endsWith(':/sida/1'))));
	assert.ok(kept && kept.includes('pat_traffat'), String(kept));
	assert.equal(F.state(p).answers, 0);
	await ctx.setOffline(false);
	await page.waitForURL(/\/sida\/2$/, { timeout: 15000 });
	assert.equal(F.state(p).answers, 1);
	assert.equal(await page.evaluate(draftKey), undefined);
	await ctx.close();
});

test('keyboard focus is visible on answer choices', async () => {
	const p = F.participant();
	const { ctx, page } = await newPage({ width: 1024, height: 768 });
	await enterCode(page, p.code);
	await consent(page);
	await page.locator('input[type=radio]').first().focus();
	await page.keyboard.press('ArrowDown');
	const outline = await page.evaluate(() => {
		const l = document.activeElement.closest('label');
		return getComputedStyle(l).outlineStyle + ' ' + getComputedStyle(l).outlineWidth;
	});
	assert.match(outline, /solid 3px/);
	await ctx.close();
});

// Boxes of the answer labels of the first item matching sel on the page.
async function choiceBoxes(page, sel) {
	return page.locator(sel).first().locator('label.choice').evaluateAll((els) =>
		els.map((e) => {
			const b = e.getBoundingClientRect();
			return { x: b.x, y: b.y, w: b.width, h: b.height, text: e.innerText.trim() };
		}));
}

async function staffOnPage(vp, path) {
	const p = F.participant({ grp: 'personal' });
	const s = await newPage(vp);
	await enterCode(s.page, p.code);
	await consent(s.page);
	if (path) await s.page.goto(F.env.base + path);
	return s;
}

test('staff at 1280×800: each likert item answers in one row of large labelled targets', async () => {
	const { ctx, page, problems } = await staffOnPage({ width: 1280, height: 800 }, '/sida/3');
	const items = page.locator('form.survey .item.likert');
	const n = await items.count();
	assert.ok(n >= 10, `${n} likert items on the theme page`);
	for (let i = 0; i < n; i++) {
		const boxes = await choiceBoxes(page, `form.survey .item.likert >> nth=${i}`);
		assert.equal(boxes.length, 6, 'five answers and "Vet ej"');
		for (const b of boxes) {
			assert.ok(Math.abs(b.y - boxes[0].y) < 1, `item ${i}: one row (${b.y} vs ${boxes[0].y})`);
			assert.ok(b.h >= 44, `item ${i}: target ${b.h}px high`);
			assert.ok(b.w >= 100, `item ${i}: target ${b.w}px wide`);
			assert.ok(b.text.length > 0, 'label visible');
		}
		for (let k = 1; k < boxes.length; k++)
			assert.ok(boxes[k].x > boxes[k - 1].x + boxes[k - 1].w - 1, 'left to right, no overlap');
		assert.ok(Math.abs(boxes[5].w - boxes[0].w) < 1, 'equal columns');
	}
	// Still a fieldset with a legend per item, and real radio inputs.
	assert.equal(await items.locator('fieldset > legend').count(), n);
	assert.equal(await items.first().locator('input[type=radio]').count(), 6);
	// Keyboard: the arrow keys move along the row and the focus shows.
	const first = items.first();
	await first.locator('input[type=radio]').first().focus();
	await page.keyboard.press('ArrowRight');
	assert.equal(await first.locator('input:checked').getAttribute('value'), '2');
	const outline = await page.evaluate(() => {
		const l = document.activeElement.closest('label');
		return getComputedStyle(l).outlineStyle + ' ' + getComputedStyle(l).outlineWidth;
	});
	assert.match(outline, /solid 3px/);
	// No sideways scrolling, and the page is far shorter than the tablet list.
	const size = await page.evaluate(() => ({
		over: document.documentElement.scrollWidth - document.documentElement.clientWidth,
		height: document.documentElement.scrollHeight }));
	assert.ok(size.over <= 0, `${size.over}px too wide`);
	await shot(page, 'staff-theme-1280');
	await page.setViewportSize({ width: 768, height: 1024 });
	const tall = await page.evaluate(() => document.documentElement.scrollHeight);
	assert.ok(size.height < tall * 0.75, `1280 wide: ${size.height}px, 768 wide: ${tall}px`);
	assert.deepEqual(problems, []);
	await ctx.close();
});

test('staff at 1024×768 also gets the rows; at 200% zoom (640×400) the vertical list', async () => {
	const { ctx, page } = await staffOnPage({ width: 1024, height: 768 }, '/sida/1');
	let boxes = await choiceBoxes(page, 'form.survey .item.likert');
	assert.equal(boxes.length, 6);
	for (const b of boxes) {
		assert.ok(Math.abs(b.y - boxes[0].y) < 1, 'one row');
		assert.ok(b.h >= 44);
	}
	await shot(page, 'staff-theme-1024');
	// 1280×800 at 200% zoom is 640×400 CSS pixels.
	await page.setViewportSize({ width: 640, height: 400 });
	boxes = await choiceBoxes(page, 'form.survey .item.likert');
	for (let k = 1; k < boxes.length; k++) {
		assert.ok(boxes[k].y >= boxes[k - 1].y + boxes[k - 1].h, 'stacked');
		assert.ok(Math.abs(boxes[k].x - boxes[0].x) < 1, 'same column');
	}
	const over = await page.evaluate(() =>
		document.documentElement.scrollWidth - document.documentElement.clientWidth);
	assert.ok(over <= 0, `${over}px too wide at 200% zoom`);
	await shot(page, 'staff-theme-zoom200');
	await ctx.close();
});

test('the patient question page at 768×1024 stays one full-width answer per line', async () => {
	const p = F.participant();
	for (const vp of [{ width: 768, height: 1024 }, { width: 1280, height: 800 }]) {
		const { ctx, page } = await newPage(vp, { hasTouch: vp.width === 768 });
		await enterCode(page, p.code);
		if (page.url().endsWith('/information')) await consent(page);
		await page.goto(F.env.base + '/sida/2');
		assert.equal(await page.locator('.item.likert').count(), 0, 'no row layout on patient pages');
		const boxes = await choiceBoxes(page, 'form.survey .item');
		assert.ok(boxes.length >= 5, `${boxes.length} answers`);
		const width = await page.locator('form.survey .choices').first().evaluate((e) =>
			e.getBoundingClientRect().width);
		for (let k = 0; k < boxes.length; k++) {
			assert.ok(boxes[k].h >= 56, `patient target ${boxes[k].h}px high`);
			assert.ok(Math.abs(boxes[k].w - width) < 1, 'full width');
			if (k) assert.ok(boxes[k].y >= boxes[k - 1].y + boxes[k - 1].h, 'one per line');
		}
		if (vp.width === 768) await shot(page, 'patient-question-768');
		await ctx.close();
	}
});

test('the start page is a kiosk home screen: big code field and button', async () => {
	for (const vp of [{ width: 768, height: 1024 }, { width: 384, height: 512 }]) {
		const { ctx, page } = await newPage(vp, { hasTouch: true });
		await page.goto(F.env.base + '/');
		const input = page.getByLabel('Din kod');
		const box = await input.boundingBox();
		const font = await input.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
		const button = await page.getByRole('button', { name: 'Börja' }).boundingBox();
		assert.ok(box.height >= 64, `code field ${box.height}px high`);
		assert.ok(font >= (vp.width >= 768 ? 32 : 24), `code text ${font}px`);
		assert.ok(button.height >= 56, `button ${button.height}px high`);
		assert.ok(button.y > box.y + box.height, 'button under the field');
		assert.ok(Math.abs(button.width - box.width) < 1, 'button as wide as the field');
		assert.equal(await input.getAttribute('autocomplete'), 'off');
		const over = await page.evaluate(() =>
			document.documentElement.scrollWidth - document.documentElement.clientWidth);
		assert.ok(over <= 0);
		await shot(page, `start-${vp.width}`);
		await ctx.close();
	}
});

test('the thank-you page returns to the start by itself; back then reaches no answers', async () => {
	const p = F.participant();
	const { ctx, page, problems } = await newPage({ width: 768, height: 1024 }, { hasTouch: true });
	await enterCode(page, p.code);
	await consent(page);
	const secret = 'Kioskhemlighet 2718';
	await answerAll(page, secret, 'kiosk');
	await submit(page);
	const wait = Number(await page.locator('body').getAttribute('data-return'));
	assert.ok(wait >= 3 && wait <= 60, `thank-you page waits ${wait} s`);
	await page.waitForURL((u) => new URL(u).pathname === '/', { timeout: (wait + 10) * 1000 });
	await page.getByLabel('Din kod').waitFor();
	await shot(page, 'kiosk-home-after-thanks');
	for (let i = 0; i < 5; i++) {
		await page.goBack().catch(() => null);
		const text = await page.locator('body').innerText();
		assert.ok(!text.includes(secret), `back ${i + 1}: ${page.url()}`);
		assert.ok(!/Granska dina svar/.test(text), `back ${i + 1} shows the review`);
		assert.equal(await page.locator('input:checked').count(), 0, `back ${i + 1}: answers`);
	}
	assert.equal(F.state(p).submitted, 1);
	assert.equal(F.state(p).sessions, 0);
	assert.deepEqual(problems, []);
	await ctx.close();
});
