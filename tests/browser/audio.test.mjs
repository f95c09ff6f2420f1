// SPDX-License-Identifier: ISC
// Read aloud (issue 15): a question page carries a labelled <audio controls
// preload="none"> for its question, made by uppfolj-admin audio-build and
// served by nginx (tests/run-all.sh builds the patient instrument's audio
// and names the manifest in collect.conf), with two sources: Ogg Opus, then
// MP3 (Safari on older iPads plays no Opus). Chromium plays it: the media
// element reports a duration > 0 and its time runs. The information page
// has a player for its short text and one for the whole text, found by the
// hash of exactly the text shown. Without JavaScript the element is there
// all the same; axe-core finds nothing on the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as F from '../api/fixture.mjs';
import { useBrowser, newPage, shot, enterCode, consent, axe, TABLET, DESKTOP } from './lib.mjs';

useBrowser();
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
// audio-build's manifest (run-all: $UF_WORK/audio): "info" lines by text hash.
const manifest = readFileSync(join(process.env.UF_WORK, 'audio', 'manifest.tsv'), 'utf8')
	.split('\n').slice(1).filter(Boolean).map((l) => l.split('\t'));

// Play a media element (muted: a test has no listener) until its time runs.
const playIt = (player) => player.evaluate(async (a) => {
	a.muted = true;
	await a.play();
	await new Promise((ok, bad) => {
		const t = setTimeout(() => bad(new Error('time did not run')), 10000);
		const tick = () => { if (a.currentTime > 0.2) { clearTimeout(t); ok(); } else setTimeout(tick, 50); };
		tick();
	});
	return { duration: a.duration, time: a.currentTime, error: a.error?.code ?? null,
		paused: a.paused, src: new URL(a.currentSrc).pathname };
});

// The sources of a player: [[src, type], ...].
const sourcesOf = (player) => player.locator('source').evaluateAll((ss) =>
	ss.map((s) => [s.getAttribute('src'), s.getAttribute('type')]));
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
	const sources = await sourcesOf(player);
	assert.equal(sources.length, 2, 'Opus and MP3');
	const [[src, type], [mp3, mp3type]] = sources;
	assert.match(src, new RegExp(`^/audio/patient/${def.version}/sv/plain/${asked[0].id}\\.[0-9a-f]{16}\\.opus$`));
	assert.equal(type, 'audio/ogg; codecs=opus', 'Opus first');
	assert.match(mp3, new RegExp(`^/audio/patient/${def.version}/sv/plain/${asked[0].id}\\.[0-9a-f]{16}\\.mp3$`));
	assert.equal(mp3type, 'audio/mpeg');
	// Nothing loaded until played (preload none): no duration yet.
	assert.ok(Number.isNaN(await player.evaluate((a) => a.duration)), 'not loaded before play');
	assert.deepEqual(fetched, [], 'the page fetched no sound before play');

	// Play it and read the media element: Chromium takes the Opus source.
	const r = await playIt(player);
	assert.equal(r.error, null, 'no media error');
	assert.ok(r.duration > 1 && Number.isFinite(r.duration), `duration ${r.duration} s`);
	assert.ok(r.time > 0.2, `played to ${r.time} s`);
	assert.equal(r.paused, false);
	assert.equal(r.src, src, 'Chromium plays the first source, Opus');
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
	// The MP3 likewise: audio/mpeg, the same caching, an MPEG audio frame
	// (11 sync bits) first.
	const res3 = await page.request.get(F.env.base + mp3);
	assert.equal(res3.status(), 200);
	assert.equal(res3.headers()['content-type'], 'audio/mpeg');
	assert.equal(res3.headers()['cache-control'], 'public, max-age=31536000, immutable');
	const b3 = await res3.body();
	assert.ok(b3.length > 1000 && b3[0] === 0xff && (b3[1] & 0xe0) === 0xe0, 'MPEG frame sync');
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
			const src = await items.nth(k).locator('audio source').first().getAttribute('src');
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

// The spoken text of the information page's short version as the page shows
// it, built the way lib/info_speech.c builds it (one line each, a full stop
// where none ends it), and its hash: computed here from the DOM, so a
// player found under it speaks what is on the screen.
async function shownSummaryHash(page) {
	const parts = await page.evaluate(() => {
		const h1 = document.querySelector('main h1');
		const lead = document.querySelector('main p.lead');
		const vol = lead.nextElementSibling;
		const lis = [...document.querySelectorAll('ul.choices-explained li')];
		return [h1, lead, vol, ...lis].map((e) => e.textContent);
	});
	const text = parts.map((t) => (/[.?!:;…]$/.test(t) ? t : t + '.') + '\n').join('');
	return createHash('sha256').update('uppfolj-info-text 1\0' + text).digest('hex').slice(0, 16);
}

async function informationPage(kind, lang) {
	const p = F.participant();
	const s = await newPage(kind.viewport, { hasTouch: kind.hasTouch ?? false, isMobile: kind.isMobile ?? false });
	await s.page.goto(`${F.env.base}/${lang === 'sv' ? '' : '?lang=' + lang}`);
	await s.page.locator('#code').fill(p.code);
	await Promise.all([s.page.waitForURL(/\/information$/),
		s.page.locator('form.code-form button[type=submit]').click()]);
	return s;
}

test('the information page has players for its text, found by the hash of what it shows, and Chromium plays them', async () => {
	for (const lang of ['sv', 'en', 'ar']) {
		const { ctx, page, problems } = await informationPage(TABLET, lang);
		assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
		const summary = page.locator('audio[aria-labelledby="listen-info-summary"]');
		assert.equal(await summary.count(), 1, `${lang}: a player under the short text`);
		const [[src, type], [mp3, mp3type]] = await sourcesOf(summary);
		assert.equal(type, 'audio/ogg; codecs=opus');
		assert.equal(mp3type, 'audio/mpeg');
		const line = manifest.find((f) => '/audio/' + f[6] === src);
		assert.ok(line, `${lang}: ${src} is in the manifest`);
		assert.deepEqual(line.slice(0, 6), ['info', 'patient', await shownSummaryHash(page), lang, 'plain', 'summary'],
			`${lang}: the file is the one made for the text on the screen`);
		assert.equal('/audio/' + line[7], mp3);
		const r = await playIt(summary);
		assert.equal(r.error, null, 'no media error');
		assert.ok(r.duration > 1 && Number.isFinite(r.duration), `${lang}: duration ${r.duration} s`);
		assert.equal(r.src, src);
		// The whole information: its own player inside the <details>.
		const full = page.locator('details.full-info audio[aria-labelledby="listen-info-full"]');
		assert.equal(await full.count(), 1, `${lang}: a player for the whole information`);
		assert.match(await full.locator('source').first().getAttribute('src'),
			new RegExp(`^/audio/info/patient/${lang}/plain/full\\.[0-9a-f]{16}\\.opus$`));
		await page.locator('details.full-info summary').click();
		const rf = await playIt(full);
		assert.ok(rf.duration > r.duration, `${lang}: the whole text (${rf.duration} s) is longer than the short (${r.duration} s)`);
		assert.deepEqual((await axe(page)).violations.map((v) => v.id), [], `${lang}: axe-core`);
		assert.deepEqual(problems, []);
		await ctx.close();
	}
	for (const [kind, name] of [[TABLET, '768'], [PHONE, '390'], [DESKTOP, '1366']])
		for (const lang of ['ar', 'en']) {
			const { ctx, page } = await informationPage(kind, lang);
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
			assert.ok(overflow <= 0, `${lang} ${name}: no sideways scrolling (${overflow} px)`);
			await shot(page, `audio-info-${lang}-${name}`);
			await ctx.close();
		}
});

test('easy-to-read on the information page: the player speaks the easy text', async () => {
	const { ctx, page } = await informationPage(TABLET, 'sv');
	await Promise.all([page.waitForLoadState('load'), page.locator('button.easy').click()]);
	await page.waitForFunction(() => document.querySelector('button.easy')?.getAttribute('aria-pressed') === 'true');
	const summary = page.locator('audio[aria-labelledby="listen-info-summary"]');
	const src = await summary.locator('source').first().getAttribute('src');
	const line = manifest.find((f) => '/audio/' + f[6] === src);
	assert.ok(line, `${src} is in the manifest`);
	assert.deepEqual(line.slice(0, 6), ['info', 'patient', await shownSummaryHash(page), 'sv', 'easy', 'summary']);
	await ctx.close();
});
