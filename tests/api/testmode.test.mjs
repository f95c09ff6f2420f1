// SPDX-License-Identifier: ISC
// Test mode on the respondent's pages: a code marked as test (schema/0015)
// shows "Testläge" on every page of its session, read from the database
// (a mark made while the session runs shows within session_cache_seconds,
// the longest a page view's copy serves), and the response it stores is a
// test response; an ordinary code shows none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as F from './fixture.mjs';

const MARK = 'Testläge: svaren räknas inte.';

test('a test code: "Testläge" on the pages, and its response is a test response', async () => {
	const p = F.participant({ grp: 'personal' });
	F.sql(`UPDATE uppfolj.access_code SET test = true WHERE code_id = ${p.codeId}`);
	const c = new F.Client();
	const csrf = await c.loginAndConsent(p.code);
	const page = await c.get('/sida/1');
	assert.equal(page.status, 200);
	assert.ok(page.text.includes(MARK), 'question page names test mode');
	const r = await c.post('/sida/1', { csrf, action: 'next', pers_plan_information: '2' });
	assert.equal(r.status, 303);
	assert.ok((await c.get(r.location)).text.includes(MARK), 'the next page too');
	assert.equal(F.sql1(`SELECT test FROM uppfolj.response WHERE participant_id = ${p.pid}`), 't');
});

test('an ordinary code shows no marker until its code is marked, then within session_cache_seconds', async () => {
	const p = F.participant({ grp: 'personal' });
	const c = new F.Client();
	await c.loginAndConsent(p.code);
	const before = await c.get('/sida/1');
	assert.equal(before.status, 200);
	assert.ok(!before.text.includes(MARK));
	F.sql(`UPDATE uppfolj.access_code SET test = true WHERE code_id = ${p.codeId}`);
	// A page view may come from this process's copy for at most
	// session_cache_seconds (5 in the tests); then it reads the database.
	await new Promise((res) => setTimeout(res, 5200));
	const after = await c.get('/sida/1');
	assert.ok(after.text.includes(MARK), 'marked while the session runs: shown once the copy aged out');
});
