// SPDX-License-Identifier: ISC
// The web admin and `uppfolj-admin` share manage/: the same operation gives
// the same Swedish sentence in both, units and waves changed from either are
// seen by the other, rates are written with a Swedish decimal comma on the
// pages, and the session limits come from the configuration.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import * as L from './lib.mjs';

const quiet = { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' };
const adb = `host=${L.env.pghost} port=${L.env.pgport} dbname=${L.env.db} user=uppfolj_admin`;
// Run uppfolj-admin CMD --db ... --study ... ARGS; { status, stdout, stderr }.
function cli(cmd, args, study = true) {
	const a = [cmd, '--db', adb, ...(study ? ['--study', L.env.study] : []), ...args];
	const r = spawnSync(join(L.env.build, 'admin', 'uppfolj-admin'), a, { env: quiet, encoding: 'utf8' });
	return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
// The sentence the CLI printed after "uppfolj-admin CMD: ".
const cliSays = (r) => r.stderr.split('\n')[0].replace(/^uppfolj-admin [a-z-]+: /, '');
// The sentence in a page's error box (entities of hw_text undone).
const pageSays = (html) => (html.match(/<p class="error"[^>]*>([^<]*)</)?.[1] ?? '')
	.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

let admin;
before(() => { admin = L.userAdd('awdelad', 'admin'); });

test('a wave date that does not exist: the web and the CLI say the same sentence', async () => {
	const c = await L.loggedIn(admin);
	const web = await c.post('/admin/omgangar/datum', { omgang: '36', oppnar: '2026-02-30', stanger: '2026-12-31' });
	assert.equal(web.status, 400);
	const line = cli('wave-set', ['--wave', '36', '--opens', '2026-02-30', '--closes', '2026-12-31']);
	assert.equal(line.status, 1);
	assert.match(cliSays(line), /^Ange datumen som ÅÅÅÅ-MM-DD/);
	assert.equal(pageSays(web.text), cliSays(line));
	// And for a wave that does not exist.
	const w = L.sql(`SELECT opens_on, closes_on FROM uppfolj.wave WHERE study_id = ${L.studyId()} AND months = 36`)[0];
	const web2 = await c.post('/admin/omgangar/datum', { omgang: '99', oppnar: w[0], stanger: w[1] });
	const cli2 = cli('wave-set', ['--wave', '99', '--opens', w[0], '--closes', w[1]]);
	assert.equal(web2.status, 404);
	assert.equal(pageSays(web2.text), cliSays(cli2));
	assert.equal(cliSays(cli2), 'Det finns ingen omgång vid 99 månader.');
});

test('a unit added with the CLI is on the units page; a second one of that name is refused alike', async () => {
	const name = `CLI-enhet ${randomBytes(3).toString('hex')}`;
	const made = cli('unit-add', ['--name', name, '--kind', 'traffpunkt', '--huvudman', 'kommun', '--label', 'kommun, träffpunkt']);
	assert.equal(made.status, 0, made.stderr);
	const id = L.sql1(`SELECT unit_id FROM uppfolj.unit WHERE name = ${L.lit(name)}`);
	assert.match(made.stdout, new RegExp(`created unit ${id}`));
	const c = await L.loggedIn(admin);
	const page = await c.get('/admin/enheter');
	assert.match(page.text, new RegExp(`<a href="/admin/enheter/${id}">${name}</a></td><td>Träffpunkt</td><td>Kommun</td>`));
	const web = await c.post('/admin/enheter', { namn: name, typ: 'other', huvudman: 'kommun', redovisning: 'x' });
	assert.equal(web.status, 409);
	const again = cli('unit-add', ['--name', name, '--kind', 'other', '--huvudman', 'kommun', '--label', 'x']);
	assert.equal(again.status, 1);
	assert.equal(pageSays(web.text), cliSays(again));
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.unit WHERE name = ${L.lit(name)}`), 1);
	// A unit added on the web is listed by `uppfolj-admin units`.
	const webName = `Webb-enhet ${randomBytes(3).toString('hex')}`;
	const add = await c.post('/admin/enheter', { namn: webName, typ: 'stodboende', huvudman: 'region', redovisning: 'region, stödboende' });
	assert.equal(add.status, 303);
	const list = cli('units', []);
	assert.equal(list.status, 0);
	assert.match(list.stdout, new RegExp(`\\t${webName}\\tstodboende\\tregion\\tregion, stödboende\\t0\\t0\\t0\\t0\\n`));
});

test('a user made on the web is listed by the CLI, with the units', async () => {
	const c = await L.loggedIn(admin);
	const unit = L.unitId('Avdelning 3,');
	const name = L.uname('awlista');
	const r = await c.post('/admin/anvandare', [['anvandarnamn', name], ['losenord', 'ett-bra-losenord'],
		['losenord2', 'ett-bra-losenord'], ['roll', 'unit_contact'], ['enhet', unit]]);
	assert.equal(r.status, 303);
	const list = cli('users', [], false);
	assert.equal(list.status, 0);
	assert.match(list.stdout, new RegExp(`^${name}\\tunit_contact\\tactive\\t\\d{4}-\\d\\d-\\d\\d\\t${L.unitName(unit)}$`, 'm'));
	assert.equal(L.auditCount('user.create', 'web:' + admin.name) >= 1, true);
});

test('rates on the page have a Swedish decimal comma', async () => {
	const c = await L.loggedIn(admin);
	const r = await c.get('/admin/svarsfrekvens');
	assert.equal(r.status, 200);
	const cells = [...r.text.matchAll(/data-col="rate">([^<]*)</g)].map((m) => m[1]);
	assert.ok(cells.length > 0);
	for (const x of cells) assert.match(x, /^(\d{1,3},\d %|–)$/, x);
	assert.ok(cells.some((x) => x.includes(',')), 'some rate is shown');
	assert.ok(!r.text.match(/data-col="rate">\d+\.\d/), 'no decimal point');
});

test('a web session lives as the configuration says (default 30 minutes idle)', async () => {
	const c = await L.loggedIn(admin);
	const mins = L.num(`SELECT round(extract(epoch FROM expires_at - now()) / 60) FROM uppfolj.admin_session
		WHERE token_hash = decode('${L.tokenHash(c.token)}', 'hex')`);
	assert.equal(mins, 30);
	const ck = c.lastCookies.find((x) => x.startsWith('uf_admin='));
	assert.match(ck, /Max-Age=28800/, 'the cookie lives session_max_hours (8)');
});

test('session_idle_minutes and session_max_hours are checked when the program starts', () => {
	const dir = mkdtempSync(join(tmpdir(), 'uf-awconf-'));
	const run = (extra) => {
		const f = join(dir, `c${randomBytes(3).toString('hex')}.conf`);
		writeFileSync(f, `contact_db = dbname=x user=uppfolj_contact\nsocket = ${join(dir, 's.sock')}\n`
			+ `base_url = http://127.0.0.1:1\nsecret_file = ${join(dir, 'no-such-key')}\n${extra}`);
		const r = spawnSync(join(L.env.build, 'adminweb', 'uppfolj-adminweb'), ['--config', f],
			{ env: quiet, encoding: 'utf8', timeout: 10000 });
		return { status: r.status, err: r.stderr };
	};
	let r = run('session_idle_minutes = 0\n');
	assert.equal(r.status, 1);
	assert.match(r.err, /session_idle_minutes must be a number from 5 to 480/);
	r = run('session_max_hours = 25\n');
	assert.equal(r.status, 1);
	assert.match(r.err, /session_max_hours must be a number from 1 to 24/);
	r = run('session_idle_minutes = 120\nsession_max_hours = 1\n');
	assert.equal(r.status, 1);
	assert.match(r.err, /must not exceed session_max_hours/);
	// Good values pass that check: the next problem is the missing key.
	r = run('session_idle_minutes = 45\nsession_max_hours = 4\n');
	assert.equal(r.status, 1);
	assert.match(r.err, /access-code key/);
});
