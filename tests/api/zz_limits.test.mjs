// SPDX-License-Identifier: ISC
// Rate limits on access codes (per code and per client address, HTTP 429,
// logged without the code) and a database outage (generic 503, no internal
// text, recovery). Runs last: it fills the attempt counters of 127.0.0.1
// and briefly locks the collect role out of PostgreSQL.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as F from './fixture.mjs';

const def = await F.instrument('patient');
after(() => {
	F.resetAttempts();
	F.sql('ALTER ROLE uppfolj_collect LOGIN');
});

function collectLog() {
	for (const f of [process.env.UF_COLLECT_LOG, join(F.env.artifacts, 'collect.log'),
		'/work/var/collect/collect.log']) {
		if (f && existsSync(f)) return readFileSync(f, 'utf8');
	}
	return null;
}

// The window of the test set-up (rate_window_minutes, default 15).
const WINDOW_S = 15 * 60;
// Retry-After states the rest of the window that has just begun (not 60).
function assertWindowLeft(r) {
	const s = Number(r.headers.get('retry-after'));
	assert.ok(Number.isInteger(s) && s > WINDOW_S - 120 && s <= WINDOW_S,
		`Retry-After: ${r.headers.get('retry-after')}`);
}

// Wrong codes from this address on the pages until it is refused.
async function limitAddress() {
	for (let tries = 0; tries < 300; tries++) {
		const r = await new F.Client().login(F.newCodes(1)[0].code);
		assert.ok(r.status === 401 || r.status === 429, String(r.status));
		if (r.status === 429) return r;
	}
	assert.fail('no 429 after 300 attempts');
}

test('a retry of a stored submission is answered before the rate limit (address and code)', async () => {
	F.resetAttempts();
	const p = F.participant();
	const body = F.submission(p, def, F.patientAnswers(def));
	const first = await F.postJson('/api/v1/responses', body);
	assert.equal(first.status, 201, first.text);
	const stored = F.answersOf(p);
	// The address is refused ...
	assertWindowLeft(await limitAddress());
	const other = F.participant();
	const refused = await F.postJson('/api/v1/responses', F.submission(other, def, F.patientAnswers(def)));
	assert.equal(refused.status, 429);
	assertWindowLeft(refused);
	// ... yet the retry gets the stored result, and a changed body its 409.
	const before = F.totals();
	const again = await F.postJson('/api/v1/responses', body);
	assert.equal(again.status, 201, again.text);
	assert.equal(again.text, first.text);
	const likert = Object.keys(body.answers).find((id) => body.answers[id] === 4);
	const changed = await F.postJson('/api/v1/responses',
		{ ...body, answers: { ...body.answers, [likert]: 1 } });
	assert.equal(changed.status, 409, changed.text);
	// Another respondent's code with the stored id is no retry: refused.
	const wrong = await F.postJson('/api/v1/responses', { ...body, code: other.code });
	assert.equal(wrong.status, 429);
	assert.deepEqual(F.totals(), before);
	assert.deepEqual(F.answersOf(p), stored);
	// The same with the code itself refused (its used code tried 5+ times).
	F.resetAttempts();
	let r;
	for (let i = 0; i < 30; i++) {
		r = await new F.Client().login(p.code);
		if (r.status === 429) break;
	}
	assert.equal(r.status, 429);
	assertWindowLeft(r);
	const third = await F.postJson('/api/v1/responses', body);
	assert.equal(third.status, 201, third.text);
	assert.equal(third.text, first.text);
	assert.deepEqual(F.totals(), before);
	F.resetAttempts();
});

test('repeated attempts with one code are limited per code (429)', async () => {
	F.resetAttempts();
	const used = F.participant({ used: true });
	let statuses = [];
	for (let i = 0; i < 30; i++) {
		const r = await new F.Client().login(used.code);
		statuses.push(r.status);
		if (r.status === 429) {
			assert.match(r.text, /För många försök/);
			assertWindowLeft(r);
			break;
		}
	}
	assert.equal(statuses.at(-1), 429, statuses.join(','));
	assert.ok(statuses.length > 1 && statuses.slice(0, -1).every((s) => s === 401));
	// The same address with another, valid code is still let in.
	const ok = F.participant();
	const r = await new F.Client().login(ok.code);
	assert.equal(r.status, 303);
	const log = collectLog();
	if (log) {
		assert.match(log, /rate limited/);
		assert.ok(!log.includes(used.code) && !log.includes(used.code.replace(/-/g, '')),
			'the code must not be logged');
	}
	F.resetAttempts();
});

test('many wrong codes from one address are limited per address (429)', async () => {
	F.resetAttempts();
	let limited = false, tries = 0;
	for (; tries < 300 && !limited; tries++) {
		const wrong = F.newCodes(1)[0].code;   // a well-formed code nobody has
		const r = await new F.Client().login(wrong);
		assert.ok(r.status === 401 || r.status === 429, String(r.status));
		limited = r.status === 429;
	}
	assert.ok(limited, `no 429 after ${tries} attempts`);
	// Now even a right code is refused from this address, on the pages...
	const p = F.participant();
	const page = await new F.Client().login(p.code);
	assert.equal(page.status, 429);
	// ... and in the API, where nothing is written.
	const before = F.totals();
	const api = await F.postJson('/api/v1/responses', F.submission(p, def, F.patientAnswers(def)));
	assert.equal(api.status, 429);
	assert.equal(api.json.error.code, 'rate_limited');
	assert.deepEqual(F.totals(), before);
	assert.equal(F.state(p).sessions, 0);
	F.resetAttempts();
	assert.equal((await new F.Client().login(p.code)).status, 303, 'counters reset');
});

test('a database outage gives a generic 503 and no internal text; service recovers', async () => {
	const p = F.participant();
	const c = new F.Client();
	const csrf = await c.loginAndConsent(p.code);
	const internal = /SQL|postgres|libpq|FATAL|ERROR:|uppfolj_collect|role "|not permitted|collect_\w+\(|SQLSTATE/i;
	try {
		F.sql('ALTER ROLE uppfolj_collect NOLOGIN');
		F.sql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
			WHERE usename = 'uppfolj_collect'`);
		for (let i = 0; i < 6; i++) {
			const page = await c.get('/sida/1');
			assert.equal(page.status, 503, page.text.slice(0, 300));
			assert.match(page.text, /tillfälligt/);
			assert.doesNotMatch(page.text, internal);
		}
		const api = await F.postJson('/api/v1/responses', F.submission(p, def, F.patientAnswers(def)));
		assert.equal(api.status, 503);
		assert.equal(api.json.error.code, 'unavailable');
		assert.doesNotMatch(api.text, internal);
		const post = await c.post('/sida/1', { csrf, action: 'next',
			[def.items[0].id]: def.items[0].options[0].code });
		assert.equal(post.status, 503);
	} finally {
		F.sql('ALTER ROLE uppfolj_collect LOGIN');
	}
	assert.equal(F.state(p).answers, 0);
	let ok = 0;
	for (let i = 0; i < 40 && ok < 8; i++) {
		const r = await c.get('/sida/1');
		if (r.status === 200) ok++;
	}
	assert.equal(ok, 8, 'every worker reconnects');
});
