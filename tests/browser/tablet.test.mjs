// SPDX-License-Identifier: ISC
// The shared-tablet problems of the survey pages, each reproduced as the
// respondent meets it, at 768×1024 with touch and at 1366×768 with a mouse:
// a second tap must not choose an answer that moved under the finger; a
// question opened from the review goes straight back to it; the question
// total stays fixed when a follow-up appears; every question page has its
// own h1 and <title>; the information page is short, with the decision on
// the first screen and the full text one tap away; "Vill inte svara" is an
// answer of its own; one required marker, explained once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as F from '../api/fixture.mjs';
import { useBrowser, newPage, shot, enterCode, consent, answerPage, answerAll, TABLET, DESKTOP }
	from './lib.mjs';

useBrowser();
const def = await F.instrument('patient');
const asked = def.items.filter((it) => !it.waves || it.waves.includes(24));

async function open(kind, opts = {}) {
	const k = kind === 'tablet' ? TABLET : DESKTOP;
	const s = await newPage(k.viewport, { hasTouch: !!k.hasTouch, isMobile: !!k.isMobile, ...opts });
	s.tap = async (x, y) => (k.hasTouch ? s.page.touchscreen.tap(x, y) : s.page.mouse.click(x, y));
	return s;
}

async function startPatient(kind, opts) {
	const p = F.participant();
	const s = await open(kind, opts);
	await enterCode(s.page, p.code);
	await consent(s.page);
	return { ...s, p };
}

const boxes = (page) => page.locator('form.survey label.choice').evaluateAll((els) =>
	els.map((e) => { const b = e.getBoundingClientRect(); return [Math.round(b.x), Math.round(b.y + scrollY)]; }));
const center = (b) => [b.x + b.width / 2, b.y + b.height / 2];

for (const kind of ['tablet', 'desktop']) {
	test(`${kind}: two quick taps on Nästa of an unanswered required question choose nothing`, async () => {
		const { ctx, page, problems, p, tap } = await startPatient(kind);
		assert.ok(asked[0].required);
		await page.getByRole('button', { name: 'Nästa' }).scrollIntoViewIfNeeded();
		const before = await boxes(page);
		const [x, y] = center(await page.getByRole('button', { name: 'Nästa' }).boundingBox());
		await tap(x, y);
		// The note about the missing answer appears, below the buttons ...
		const note = page.locator('#uf-offline');
		await note.waitFor();
		assert.match(await note.innerText(), /måste besvaras/);
		if (kind === 'tablet') await shot(page, 'tablet-validation-768');
		assert.deepEqual(await boxes(page), before, 'the answers did not move');
		const nb = await page.getByRole('button', { name: 'Nästa' }).boundingBox();
		assert.ok(Math.abs(center(nb)[1] - y) < 1, 'Nästa did not move');
		// ... and the second tap at the same spot is Nästa again, not an answer.
		await Promise.all([page.waitForURL(/\/sida\/2$/), tap(x, y)]);
		assert.equal(F.answersOf(p)[asked[0].id], undefined, 'no answer was chosen for question 1');
		assert.deepEqual(problems, []);
		await ctx.close();
	});
}

test('tablet: an answer that just moved under the finger does not take the tap', async () => {
	const { ctx, page, p, tap } = await startPatient('tablet');
	const labels = page.locator('form.survey label.choice');
	const first = await labels.nth(0).boundingBox(), second = await labels.nth(1).boundingBox();
	// Something above the question pushes every answer down by one row, as a
	// message would: the first answer is now where the second was.
	await page.evaluate((h) => {
		const p = document.createElement('p');
		p.textContent = 'Ett meddelande';
		p.style.height = h + 'px';   // test only; the CSP allows script-set styles
		p.style.margin = '0';
		document.querySelector('form.survey').before(p);
	}, second.y - first.y);
	assert.ok(Math.abs((await labels.nth(0).boundingBox()).y - second.y) < 1);
	await tap(...center(second));
	assert.equal(await page.locator('form.survey input:checked').count(), 0, 'moved answer not chosen');
	// Once it has stood still for a moment, it answers as usual.
	await page.waitForTimeout(700);
	await tap(...center(second));
	assert.equal(await labels.nth(0).locator('input').isChecked(), true);
	// The keyboard is never held back.
	await page.evaluate(() => document.querySelector('form.survey').before(document.createElement('hr')));
	await labels.nth(2).locator('input').focus();
	await page.keyboard.press('Space');
	assert.equal(await labels.nth(2).locator('input').isChecked(), true);
	assert.equal(F.state(p).answers, 0);
	await ctx.close();
});

for (const kind of ['tablet', 'desktop']) {
	test(`${kind}: change an answer from the review and come back in one step`, async () => {
		const { ctx, page, p } = await startPatient(kind);
		await answerAll(page, 'Svar.');
		if (kind === 'tablet') await shot(page, 'review-768');
		const fortsatta = asked.findIndex((it) => it.id === 'pat_fortsatta');
		const link = page.locator(`a.change[href="/sida/${fortsatta + 1}?granska=1"]`);
		await Promise.all([page.waitForURL(new RegExp(`/sida/${fortsatta + 1}\\?granska=1$`)), link.click()]);
		assert.equal(await page.getByRole('button', { name: 'Nästa' }).count(), 0);
		await page.locator('label.choice', { hasText: 'Stämmer inte alls' }).click();
		await Promise.all([page.waitForURL(/\/granska$/),
			page.getByRole('button', { name: 'Tillbaka till granskningen' }).click()]);
		assert.equal(F.answersOf(p).pat_fortsatta, '1');
		// The follow-up that now applies is on the review, still to answer.
		const follow = def.items.find((it) => it.id === 'pat_varfor_inte');
		const row = page.locator('.review .row', { hasText: follow.sv });
		assert.match(await row.innerText(), /Inte besvarad/);
		await Promise.all([page.waitForURL(/\?granska=1$/), row.locator('a.change').click()]);
		// Its number counts from the start: the total did not grow.
		assert.match(await page.locator('.progress').innerText(),
			new RegExp(`^Fråga ${fortsatta + 2} av ${asked.length}$`));
		await page.locator('label.choice').first().click();
		await Promise.all([page.waitForURL(/\/granska$/),
			page.getByRole('button', { name: 'Tillbaka till granskningen' }).click()]);
		assert.equal(F.answersOf(p).pat_varfor_inte, follow.options[0].code);
		await ctx.close();
	});
}

test('the question total stays the same when a follow-up question appears', async () => {
	const { ctx, page } = await startPatient('tablet');
	const totals = new Set();
	const fortsatta = asked.findIndex((it) => it.id === 'pat_fortsatta');
	for (let i = 0; i < 40 && !page.url().endsWith('/granska'); i++) {
		const n = Number(page.url().match(/\/sida\/(\d+)$/)[1]);
		const m = (await page.locator('.progress').innerText()).match(/^Fråga (\d+) av (\d+)$/);
		assert.ok(m, 'progress reads "Fråga N av M"');
		assert.equal(Number(m[1]), n, 'the number is the question\'s place in the survey');
		totals.add(Number(m[2]));
		if (n === fortsatta + 1) {   // the answer that brings the follow-up
			await page.locator('label.choice', { hasText: 'Stämmer inte alls' }).click();
			// The next page is the follow-up, now asked.
			await Promise.all([page.waitForURL(new RegExp(`/sida/${fortsatta + 2}$`)),
				page.getByRole('button', { name: 'Nästa' }).click()]);
			continue;
		}
		await answerPage(page, 'x');
	}
	assert.deepEqual([...totals], [asked.length]);
	await ctx.close();
});

test('every question page has one h1 and a title of its own', async () => {
	const { ctx, page } = await startPatient('tablet');
	const titles = new Set();
	for (let i = 0; i < 40 && !page.url().endsWith('/granska'); i++) {
		const n = Number(page.url().match(/\/sida\/(\d+)$/)[1]);
		const title = await page.title();
		assert.equal(title, `Fråga ${n} av ${asked.length} – Uppföljning`);
		titles.add(title);
		assert.equal(await page.locator('h1').count(), 1);
		const it = asked[n - 1];
		assert.ok((await page.locator('h1').innerText()).startsWith(it.sv), `h1 of page ${n}`);
		await answerPage(page, 'x');
	}
	assert.ok(titles.size >= asked.length - 1);
	assert.equal(await page.title(), 'Granska dina svar – Uppföljning');
	await ctx.close();
	// Staff pages: the theme is the h1, the title says where one is.
	const sp = F.participant({ grp: 'personal' });
	const s = await open('desktop');
	await enterCode(s.page, sp.code);
	await consent(s.page);
	const h1 = await s.page.locator('h1').innerText();
	assert.equal(await s.page.locator('h1').count(), 1);
	assert.equal(await s.page.title(), `Sida 1 av 3: ${h1} – Uppföljning`);
	// One required marker per question, explained once on the page; the
	// words are there for screen readers only.
	const seen = await s.page.evaluate(() => {
		const m = document.querySelector('main').cloneNode(true);
		m.querySelectorAll('.visually-hidden').forEach((e) => e.remove());
		return m.textContent;
	});
	assert.equal((seen.match(/måste besvaras/g) ?? []).length, 1, 'explained once');
	const required = await s.page.locator('form.survey .item .req').count();
	assert.ok(required > 3, `${required} required questions marked`);
	assert.equal(await s.page.locator('.req-note').count(), 1);
	await s.ctx.close();
});

// Words of the text on the information page before the decision.
const summaryWords = (page) => page.evaluate(() => {
	const main = document.querySelector('main');
	// The consent form (the language switch above the text is a form too).
	const stop = main.querySelector('form[action="/samtycke"], .notice');
	let words = 0;
	for (const el of main.querySelectorAll('p, li')) {
		if (stop.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) break;
		words += el.innerText.trim().split(/\s+/).length;
	}
	return words;
});

for (const kind of ['tablet', 'desktop']) {
	test(`${kind}: the information is short, the decision is on the first screen, all of it one tap away`, async () => {
		const p = F.participant();
		const { ctx, page, tap } = await open(kind);
		await enterCode(page, p.code);
		const words = await summaryWords(page);
		assert.ok(words >= 60 && words <= 110, `${words} words before the decision`);
		// Questions and minutes from the instrument: 20 s per closed question,
		// 30 s per several-answer question, 60 s per free text, rounded up.
		const secs = asked.reduce((s, it) => s + (it.type === 'text' ? 60 : it.type === 'multi' ? 30 : 20), 0);
		const text = await page.locator('main').innerText();
		assert.match(text, new RegExp(`${asked.length} frågor och tar ungefär ${Math.ceil(secs / 60)} minuter`));
		assert.match(text, /Nej.*du svarar inte/);
		assert.match(text, /Avbryt.*fortsätta senare/);
		const vp = page.viewportSize();
		for (const name of ['Ja, jag vill delta', 'Nej, jag vill inte delta']) {
			const b = await page.getByRole('button', { name }).boundingBox();
			if (kind === 'tablet') assert.ok(b.y + b.height <= vp.height, `${name} at ${b.y + b.height}px`);
		}
		// The full text is there, folded; one tap opens it.
		const details = page.locator('details.full-info');
		assert.equal(await details.getAttribute('open'), null);
		assert.equal(await page.getByText('dataskyddsförordning', { exact: false }).isVisible(), false);
		if (kind === 'tablet') await shot(page, 'information-768', false);
		// The read-aloud player may push it below a desktop's fold: scrolled
		// to, as a person would, before the tap.
		await details.locator('summary').scrollIntoViewIfNeeded();
		const sum = await details.locator('summary').boundingBox();
		await tap(...center(sum));
		assert.equal(await page.getByText('dataskyddsförordning', { exact: false }).isVisible(), true);
		await consent(page);
		assert.equal(F.state(p).consent, 'given');
		assert.equal(F.sql1(`SELECT info_version FROM uppfolj.consent WHERE participant_id = ${p.pid}`), '2026-2');
		await ctx.close();
	});
}

test('tablet: "Vill inte svara" is chosen like any answer and stored apart from "Vet ej"', async () => {
	const { ctx, page, p } = await startPatient('tablet');
	const choices = await page.locator('form.survey label.choice').allInnerTexts();
	assert.deepEqual(choices.slice(-2), ['Vet ej / ej aktuellt', 'Vill inte svara']);
	await page.locator('label.choice', { hasText: 'Vill inte svara' }).click();
	await Promise.all([page.waitForURL(/\/sida\/2$/), page.getByRole('button', { name: 'Nästa' }).click()]);
	assert.equal(F.answersOf(p)[asked[0].id], 'declined');
	// A required question answered with it needs nothing more at the review.
	await answerAll(page, 'x');
	assert.match(await page.locator('.review').innerText(), /Vill inte svara/);
	assert.equal(await page.locator('.review .row.has-error').count(), 0);
	await ctx.close();
});

test('screenshots at 390×844: information, a question with its message, the review', async () => {
	const p = F.participant();
	const { ctx, page } = await newPage({ width: 390, height: 844 }, { hasTouch: true, isMobile: true });
	await enterCode(page, p.code);
	await shot(page, 'information-390', false);
	const b = await page.getByRole('button', { name: 'Ja, jag vill delta' }).boundingBox();
	assert.ok(b.y + b.height <= 844 * 1.5, `Ja at ${b.y + b.height}px on a phone`);
	await consent(page);
	await page.getByRole('button', { name: 'Nästa' }).click();
	await page.locator('#uf-offline').waitFor();
	await shot(page, 'validation-390');
	await answerAll(page, 'Svar.');
	await shot(page, 'review-390');
	await ctx.close();
});
