// SPDX-License-Identifier: ISC
// The analysis exports from the admin web form: filters (wave, group, unit
// kind) give the database's rows and nothing else, the excel-sv dialect
// (BOM, ';', CRLF, read by Python's csv module), .sav and .dta read back
// with the readstat tool, free text only when ticked and then audited as
// such, and a 400/404 page for every value the form does not offer.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as L from './lib.mjs';

let evaluator;

before(() => {
	evaluator = L.userAdd('awexport', 'evaluator');
});

const responses = (where) => L.num(`SELECT count(*) FROM uppfolj.response r
	JOIN uppfolj.participant p USING (participant_id) JOIN uppfolj.unit u ON u.unit_id = p.unit_id
	JOIN uppfolj.wave w ON w.wave_id = r.wave_id
	WHERE p.study_id = ${L.studyId()} AND r.status = 'submitted' AND ${where}`);

// Python's csv module on a file: rows of cells (delimiter d), as JSON.
const pyCsv = (path, d) => JSON.parse(execFileSync('python3', ['-c', `import csv, json, sys
print(json.dumps(list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8-sig"), delimiter=sys.argv[2], strict=True))))`,
	path, d]).toString());

test('export form: the filters are offered; a filtered wide CSV in excel-sv has the database\'s rows', async () => {
	const e = await L.loggedIn(evaluator);
	const page = await e.get('/admin/export');
	assert.equal(page.status, 200);
	for (const name of ['omgang', 'grupp', 'verksamhet', 'dialekt', 'fritext'])
		assert.match(page.text, new RegExp(`name="${name}"`), name);
	for (const f of ['svar-bred.sav', 'svar-bred.dta', 'svar-bred.R', 'kodbok.csv'])
		assert.match(page.text, new RegExp(`formaction="/admin/export/${f.replace('.', '\\.')}"`), f);
	const wave = L.sql(`SELECT min(months) FROM uppfolj.wave WHERE study_id = ${L.studyId()}`)[0][0];
	const r = await e.post('/admin/export/svar-bred.csv',
		{ omgang: wave, grupp: 'personal', verksamhet: 'heldygnsvard', dialekt: 'excel-sv' });
	assert.equal(r.status, 200);
	const path = join(L.env.artifacts, 'web-bred-excel-sv.csv');
	writeFileSync(path, r.buf);
	assert.deepEqual([...r.buf.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
	const body = r.buf.subarray(3).toString('latin1');
	assert.equal(body.split('\n').length - 1, body.split('\r\n').length - 1, 'every line ends in CRLF');
	const rows = pyCsv(path, ';');
	const want = responses(`w.months = ${wave} AND p.grp = 'personal' AND u.kind = 'heldygnsvard'`);
	assert.ok(want > 0);
	assert.equal(rows.length - 1, want);
	assert.equal(rows[0][0], 'panel_id');
	assert.ok(rows.every((x) => x.length === rows[0].length), 'every row has every column');
	assert.deepEqual([...new Set(rows.slice(1).map((x) => `${x[1]}/${x[3]}/${x[4]}`))],
		[`personal/heldygnsvard/${wave}`]);
	assert.ok(!rows[0].some((c) => /^(chef|peer|pat)_/.test(c)), 'only the personal questionnaire\'s columns');
	const audit = L.sql(`SELECT detail->>'wave', detail->>'group', detail->>'unit_kind', detail->>'dialect',
		detail->>'free_text' FROM uppfolj.audit_log WHERE action = 'export.wide'
		AND actor = ${L.lit('web:' + evaluator.name)} ORDER BY audit_id DESC LIMIT 1`)[0];
	assert.deepEqual(audit, [String(wave), 'personal', 'heldygnsvard', 'excel-sv', 'false']);
});

test('export: .sav and .dta downloads read back with readstat; free text only when ticked, then audited', async () => {
	const e = await L.loggedIn(evaluator);
	const want = responses('true');
	for (const [file, type] of [['svar-bred.sav', 'application/x-spss-sav'], ['svar-bred.dta', 'application/x-stata-dta']]) {
		for (const fritext of [false, true]) {
			const r = await e.post('/admin/export/' + file, fritext ? { fritext: 'ja' } : {});
			assert.equal(r.status, 200);
			assert.equal(r.headers.get('content-type'), type);
			assert.equal(r.headers.get('content-disposition'), `attachment; filename="${file}"`);
			const path = join(L.env.artifacts, (fritext ? 'fritext-' : '') + file);
			writeFileSync(path, r.buf);
			const meta = execFileSync('readstat', [path]).toString();
			assert.match(meta, new RegExp(`Rows: ${want}\\b`), file);
			const values = execFileSync('readstat', [path, '-'], { maxBuffer: 1 << 28 }).toString();
			const head = values.split('\n')[0];
			const texts = L.sql(`SELECT DISTINCT ii.item_id FROM uppfolj.instrument_item ii WHERE ii.item_type = 'text'`).map((x) => x[0]);
			const hasText = texts.some((t) => head.includes(`"${t}"`));
			assert.equal(hasText, fritext, `${file}: text columns only with fritext`);
			const a = L.sql(`SELECT detail->>'free_text', detail->>'rows' FROM uppfolj.audit_log
				WHERE action = ${L.lit('export.' + file.split('.')[1])} AND actor = ${L.lit('web:' + evaluator.name)}
				ORDER BY audit_id DESC LIMIT 1`)[0];
			assert.deepEqual(a, [String(fritext), String(want)]);
		}
	}
	const rs = await e.post('/admin/export/svar-bred.R');
	assert.equal(rs.status, 200);
	assert.match(rs.text, /read\.csv\(uf_fil, fileEncoding = "UTF-8"/);
});

test('export: every value the form does not offer is refused with a page, nothing downloaded', async () => {
	const e = await L.loggedIn(evaluator);
	const before = L.num(`SELECT count(*) FROM uppfolj.audit_log WHERE action LIKE 'export.%'
		AND actor = ${L.lit('web:' + evaluator.name)}`);
	for (const [fields, status, msg] of [
		[{ dialekt: 'excel' }, 400, /Välj CSV-format i listan/],
		[{ omgang: '0' }, 400, /Omgången anges i månader/],
		[{ omgang: '12a' }, 400, /Omgången anges i månader/],
		[{ omgang: '121' }, 400, /Omgången anges i månader/],
		[{ omgang: '99' }, 404, /Det finns ingen omgång vid 99 månader/],
		[{ grupp: 'anhorig' }, 400, /Välj grupp i listan/],
		[{ verksamhet: 'sjukhus' }, 400, /Välj verksamhetstyp i listan/],
		[{ fritext: 'nej' }, 400, /värde som formuläret inte har/],
		[{ okand: '1' }, 400, null],
	]) {
		const r = await e.post('/admin/export/svar-bred.csv', fields);
		assert.equal(r.status, status, JSON.stringify(fields));
		assert.equal(r.headers.get('content-disposition'), null, JSON.stringify(fields));
		assert.match(r.headers.get('content-type'), /text\/html/);
		if (msg)
			assert.match(r.text, msg, JSON.stringify(fields));
	}
	assert.equal(L.num(`SELECT count(*) FROM uppfolj.audit_log WHERE action LIKE 'export.%'
		AND actor = ${L.lit('web:' + evaluator.name)}`), before, 'no export ran');
});
