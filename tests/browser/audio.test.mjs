// SPDX-License-Identifier: ISC
// Read aloud (issue 15): a question page carries a labelled <audio controls
// preload="none"> for its question, made by uppfolj-admin audio-build and
// served by nginx (tests/run-all.sh builds the patient instrument's audio
// and names the manifest in collect.conf). Chromium plays it: the media
// element reports a duration > 0 and its time runs. Without JavaScript the
// element is there all the same; axe-core finds nothing on the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as F from '../api/fixture.mjs';
import { useBrowser, newPage, shot, enterCode, consent, axe, TABLET } from './lib.mjs';

useBrowser();
const def = await F.instrument('patient');
const asked = def.items.filter((it) => !it.waves || it.waves.includes(24));

async function questionPage(opts = {}) {
	const p = F.participant();
	const s = await newPage(TABLET.viewport, { hasTouch: true, isMobile: true, ...opts });
	await enterCode(s.page, p.code);
	await consent(s.page);
	return s;
}

test('a question page has a labelled player for its question that Chromium plays', async () => {
	const { ctx, page, problems } = await questionPage();
	const fetched = [];
	page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/audio/')) fetched.push(r.url()); });
	await page.reload();
	const player = page.locator(`#item-${asked[0].id} audio`);
	assert.equal(await player.count(), 1, 'one player in the first question');
	assert.equal(await player.getAttribute('preload'), 'none', 'nothing fetched before play');
	assert.notEqual(await player.getAttribute('controls'), null, 'the browser\'s own controls');
	const label = page.locator(`#listen-${asked[0].id}`);
	assert.equal(await label.innerText(), 'Lyssna');
	assert.equal(await player.getAttribute('aria-labelledby'), `listen-${asked[0].id}`);
	const src = await player.getAttribute('src');
	assert.match(src, new RegExp(`^/audio/patient/${def.version}/sv/plain/${asked[0].id}\\.[0-9a-f]{16}\\.opus$`));
	// Nothing loaded until played (preload none): no duration yet.
	assert.ok(Number.isNaN(await player.evaluate((a) => a.duration)), 'not loaded before play');
	assert.deepEqual(fetched, [], 'the page fetched no sound before play');

	// Play it (muted: a test has no listener) and read the media element.
	const r = await player.evaluate(async (a) => {
		a.muted = true;
		await a.play();
		await new Promise((ok, bad) => {
			const t = setTimeout(() => bad(new Error('time did not run')), 10000);
			const tick = () => { if (a.currentTime > 0.2) { clearTimeout(t); ok(); } else setTimeout(tick, 50); };
			tick();
		});
		return { duration: a.duration, time: a.currentTime, error: a.error?.code ?? null,
			paused: a.paused };
	});
	assert.equal(r.error, null, 'no media error');
	assert.ok(r.duration > 1 && Number.isFinite(r.duration), `duration ${r.duration} s`);
	assert.ok(r.time > 0.2, `played to ${r.time} s`);
	assert.equal(r.paused, false);
	assert.ok(fetched.length >= 1 && fetched.every((u) => u.endsWith(src)), 'play fetched its file');
	await shot(page, 'audio-question-768');

	// The file as nginx serves it: Ogg, cached for a year, immutable.
	const res = await page.request.get(F.env.base + src);
	assert.equal(res.status(), 200);
	assert.equal(res.headers()['content-type'], 'audio/ogg');
	assert.equal(res.headers()['cache-control'], 'public, max-age=31536000, immutable');
	const body = await res.body();
	assert.equal(body.subarray(0, 4).toString('latin1'), 'OggS');
	assert.equal(body.subarray(28, 36).toString('latin1'), 'OpusHead');
	assert.deepEqual(problems, []);
	await ctx.close();
});

test('every question of the patient instrument has its own player', async () => {
	const { ctx, page } = await questionPage();
	const seen = new Set();
	for (let i = 0; i < 60 && !page.url().endsWith('/granska'); i++) {
		const items = page.locator('form.survey .item');
		const n = await items.count();
		for (let k = 0; k < n; k++) {
			const id = (await items.nth(k).getAttribute('id')).replace(/^item-/, '');
			const src = await items.nth(k).locator('audio').getAttribute('src');
			assert.match(src, new RegExp(`/${id}\\.[0-9a-f]{16}\\.opus$`), `player of ${id}`);
			seen.add(src);
		}
		// Skip ahead without answering: only optional questions let us, so
		// answer with "Vill inte svara"/"Vet ej" or the first choice.
		const first = page.locator('form.survey .item:visible').first();
		const dk = first.locator('label.choice.dk');
		if (await first.locator('textarea').count()) await first.locator('textarea').fill('Bra.');
		else if (await dk.count()) await dk.first().click();
		else if (await first.locator('label.choice').count()) await first.locator('label.choice').first().click();
		const url = page.url();
		await Promise.all([page.waitForURL((u) => u.toString() !== url),
			page.getByRole('button', { name: 'Nästa' }).click()]);
	}
	assert.ok(seen.size >= asked.filter((it) => !it.show_if).length,
		`${seen.size} distinct players for ${asked.length} questions`);
	await ctx.close();
});

test('without JavaScript the player is in the page; axe-core finds no violation', async () => {
	const { ctx, page } = await questionPage({ javaScriptEnabled: false });
	const player = page.locator('form.survey audio[controls]');
	assert.equal(await player.count(), 1);
	assert.deepEqual((await axe(page, { javaScriptEnabled: false })).violations.map((v) => v.id), []);
	await ctx.close();
	const s = await questionPage();
	assert.deepEqual((await axe(s.page)).violations.map((v) => v.id), []);
	await s.ctx.close();
});
