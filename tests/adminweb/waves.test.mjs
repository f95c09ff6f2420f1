// SPDX-License-Identifier: ISC
// The waves page's "Ny mätning" form and study overview: a wave created
// from the web gets the instrument each group answers (the default: the
// newest loaded version whose "waves" list the months), and a refused form
// shows the Swedish message and writes nothing. The demo study already has
// 12, 24 and 36 months, so the test loads an extra chef instrument for 48
// months and removes its wave again afterwards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as L from './lib.mjs';

const MONTHS = 48;
const INSTR = 'aw_chef48';
let admin, evaluator;

const waveRows = () => L.num(`SELECT count(*) FROM uppfolj.wave WHERE study_id = ${L.studyId()}`);
const instrumentRows = () => L.num('SELECT count(*) FROM uppfolj.wave_instrument');
const removeTestWave = () => L.sql(`WITH w AS (SELECT wave_id FROM uppfolj.wave
	WHERE study_id = ${L.studyId()} AND months = ${MONTHS}),
	d AS (DELETE FROM uppfolj.wave_instrument wi USING w WHERE wi.wave_id = w.wave_id)
	DELETE FROM uppfolj.wave x USING w WHERE x.wave_id = w.wave_id`);

before(() => {
	// A chef instrument used only at 48 months (loaded once; loading the
	// same version again is a no-op).
	const def = JSON.parse(readFileSync(join(L.env.src, 'forms', 'chef.json'), 'utf8'));
	def.id = INSTR;
	def.version = 1;
	def.waves = [MONTHS];
	for (const it of def.items) delete it.waves;
	const dir = mkdtempSync(join(tmpdir(), 'uf-aw-waves-'));
	const f = join(dir, `${INSTR}.json`);
	writeFileSync(f, JSON.stringify(def));
	execFileSync(join(L.env.build, 'admin', 'uppfolj-admin'), ['forms-load', '--quiet', '--db',
		`host=${L.env.pghost} port=${L.env.pgport} dbname=${L.env.db} user=uppfolj_admin`, f],
	{ env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' }, stdio: 'pipe' });
	removeTestWave();
	admin = L.userAdd('awwave', 'admin');
	evaluator = L.userAdd('awwaveeval', 'evaluator');
});

after(() => removeTestWave());

test('the waves page shows the studies and, for admins, the "Ny mätning" form', async () => {
	const a = await L.loggedIn(admin);
	const r = await a.get('/admin/omgangar');
	assert.equal(r.status, 200);
	const [slug, name, start] = L.sql(`SELECT slug, name, to_char(start_date, 'YYYY-MM-DD')
		FROM uppfolj.study WHERE study_id = ${L.studyId()}`)[0];
	const row = r.text.match(new RegExp(`<tr data-study="${slug}">(.*?)</tr>`))?.[1] ?? '';
	assert.match(row, new RegExp(`<td>${slug}</td>`));
	assert.ok(row.includes(name.replace(/&/g, '&amp;')), row);
	assert.match(row, new RegExp(`<td>${start}</td>`));
	assert.match(r.text, /<h2 id="ny">Ny mätning<\/h2>/);
	assert.match(r.text, /action="\/admin\/omgangar\/ny"/);
	// Every group's list has the default preselected, the versions of that
	// group only, and "none".
	for (const g of ['chef', 'personal', 'peer', 'patient']) {
		const sel = r.text.match(new RegExp(`<select id="fragor_${g}" name="fragor_${g}">([\\s\\S]*?)</select>`))?.[1];
		assert.ok(sel, g);
		assert.match(sel, /<option value="" selected>Standard/);
		assert.match(sel, new RegExp(`value="${g}:\\d+"`));
		assert.match(sel, /value="none"/);
		for (const other of ['personal', 'peer', 'patient'].filter((x) => x !== g))
			assert.doesNotMatch(sel, new RegExp(`value="${other}:\\d+"`), `${g} offers ${other}`);
	}
	const e = await L.loggedIn(evaluator);
	const re = await e.get('/admin/omgangar');
	assert.equal(re.status, 200);
	assert.doesNotMatch(re.text, /Ny mätning/);
	assert.match(re.text, new RegExp(`<tr data-study="${slug}">`));
	assert.equal((await e.post('/admin/omgangar/ny', { manader: String(MONTHS), oppnar: '2099-01-01', stanger: '2099-02-01' })).status, 403);
	assert.equal(waveRows(), L.num(`SELECT count(*) FROM uppfolj.wave WHERE study_id = ${L.studyId()} AND months <> ${MONTHS}`));
});

test('a refused "Ny mätning" form shows the Swedish message and writes nothing', async () => {
	const a = await L.loggedIn(admin);
	const w = waveRows(), wi = instrumentRows(), au = L.auditCount('wave.create');
	const base = { manader: String(MONTHS), oppnar: '2099-01-01', stanger: '2099-02-01' };
	for (const [f, status, msg] of [
		[{ ...base, stanger: '2098-12-31' }, 400, /Stängningsdagen kan inte vara före öppningsdagen/],
		[{ ...base, oppnar: '2099-02-30' }, 400, /Ange datumen som ÅÅÅÅ-MM-DD/],
		[{ ...base, manader: '121' }, 400, /1 till 120/],
		[{ ...base, manader: '36' }, 409, /Det finns redan en mätning vid 36 månader/],
		[{ ...base, fragor_chef: 'patient:2' }, 400, /är för gruppen patient, inte för gruppen chef/],
		[{ ...base, fragor_chef: 'chef:2' }, 400, /används inte vid 48 månader/],
		[{ ...base, fragor_chef: 'chef:7' }, 400, /Det finns inget inläst frågeformulär &quot;chef&quot; version 7/],
		[{ ...base, fragor_chef: 'none' }, 400, /Ingen grupp har ett frågeformulär vid 48 månader/],
		[{ ...base, fragor_chef: 'chef;1' }, 400, /Välj frågeformulär i listorna/],
	]) {
		const r = await a.post('/admin/omgangar/ny', f);
		assert.equal(r.status, status, JSON.stringify(f));
		assert.match(r.text, /role="alert"/);
		assert.match(r.text, msg, JSON.stringify(f));
		// The form comes back with what was typed.
		assert.match(r.text, new RegExp(`id="manader" name="manader"[^>]*value="${f.manader}"`));
	}
	assert.equal(waveRows(), w);
	assert.equal(instrumentRows(), wi);
	assert.equal(L.auditCount('wave.create'), au);
});

test('"Ny mätning" creates the wave with the default instruments, logged', async () => {
	const a = await L.loggedIn(admin);
	const au = L.auditCount('wave.create', `web:${admin.name}`);
	const r = await a.post('/admin/omgangar/ny', { manader: String(MONTHS), oppnar: '2099-01-01',
		stanger: '2099-02-01', fragor_chef: '', fragor_personal: '', fragor_peer: '', fragor_patient: '' });
	assert.equal(r.status, 303, r.text.slice(0, 400));
	assert.equal(r.location, '/admin/omgangar?klart=ny');
	const [opens, closes] = L.sql(`SELECT to_char(opens_on, 'YYYY-MM-DD'), to_char(closes_on, 'YYYY-MM-DD')
		FROM uppfolj.wave WHERE study_id = ${L.studyId()} AND months = ${MONTHS}`)[0] ?? [];
	assert.deepEqual([opens, closes], ['2099-01-01', '2099-02-01']);
	// Only the chef instrument lists 48 months: the other groups get none.
	assert.deepEqual(L.sql(`SELECT wi.grp, wi.instrument_id, wi.version FROM uppfolj.wave_instrument wi
		JOIN uppfolj.wave w USING (wave_id) WHERE w.study_id = ${L.studyId()} AND w.months = ${MONTHS}`),
	[['chef', INSTR, '1']]);
	assert.equal(L.auditCount('wave.create', `web:${admin.name}`), au + 1);
	const page = await a.get('/admin/omgangar?klart=ny');
	assert.match(page.text, /Mätningen är skapad/);
	assert.match(page.text, new RegExp(`<tr data-wave="${MONTHS}">`));
	// Once is enough: the same months again are refused.
	const again = await a.post('/admin/omgangar/ny', { manader: String(MONTHS), oppnar: '2099-01-01', stanger: '2099-02-01' });
	assert.equal(again.status, 409);
	assert.match(again.text, /Det finns redan en mätning vid 48 månader/);
});
