// SPDX-License-Identifier: ISC
// uppfolj-report's tables for numeric items (reports/render_numeric.c) on a
// study of fixed answers to tests/forms/valid/types_demo.json, against
// reference values computed independently (Python 3's statistics module and
// brute-force permutation counts, 2026-12-06; the script is quoted below).
//
// Data, group personal. td_vas (VAS 0-100), participants P1..P8 at 12 and
// 24 months, P9 at 24 only, P10 declined at 24:
//   12 months: 10 20 30 40 50 60 70 80
//   24 months: 15 22 28 55 58 61 90 85 (P1..P8), 100 (P9)
// td_timmar (number, 1 decimal), 24 months, P1..P6: 10.5 12.0 7.5 20.0 15.5 30.0
//
// Reference (delrapport, 24 months):
//   td_vas:    n 9, median 58, Q1 28, Q3 85 (statistics.quantiles(x, n=4,
//              method='inclusive'), which is R's type 7), mean 57.111...,
//              95 % CI mean ± t(0.975, 8) s / sqrt(9) with t = 2.306004135
//              (t table) -> 33.461 – 80.761
//   td_timmar: n 6, median 13.75, Q1 10.875, Q3 18.875, mean 15.9167,
//              CI with t(0.975, 5) = 2.570581836 -> 7.3819 – 24.4515
// Reference (slutrapport, 12 -> 24 months, td_vas):
//   paired differences 5 2 -2 15 8 1 20 5: median 5; signed-rank with
//   average ranks T+ = 33.5 of 36, exact two-sided p = 8/256 = 0.03125
//   (all 2^8 sign assignments with |T+ - 18| >= 15.5)
//   Mann-Whitney, 8 at 12 against 9 at 24 months: U(24 months) = 45, exact
//   two-sided p = 0.42345 (all C(17, 9) splits with |U - 36| >= 9)
// Shown as the report rounds (half away from zero, decimal comma): VAS with
// one decimal, the number with two (its own one plus one), p with three.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import * as F from './fixture.mjs';
import * as T from './types_fixture.mjs';

T.ensureTypesStudy();   // loads types_demo.json
const slug = 'typesreport';

function setUp() {
	if (F.sql1(`SELECT study_id FROM uppfolj.study WHERE slug = ${F.lit(slug)}`)) return;
	const id = F.sql1(`INSERT INTO uppfolj.study (slug, name, start_date, synthetic)
		VALUES (${F.lit(slug)}, 'Frågetyper, rapport', current_date - 900, true) RETURNING study_id`);
	const unit = F.sql1(`INSERT INTO uppfolj.unit (study_id, name, kind, huvudman, report_label)
		VALUES (${id}, 'Rapportenheten', 'heldygnsvard', 'region', 'psykiatri, heldygnsvård')
		RETURNING unit_id`);
	const wave = {};
	for (const [months, opens, closes] of [[12, 500, 400], [24, 100, 10]]) {
		wave[months] = F.sql1(`INSERT INTO uppfolj.wave (study_id, months, opens_on, closes_on)
			VALUES (${id}, ${months}, current_date - ${opens}, current_date - ${closes}) RETURNING wave_id`);
		F.sql(`INSERT INTO uppfolj.wave_instrument (wave_id, grp, instrument_id, version)
			VALUES (${wave[months]}, 'personal', 'types_demo', 1)`);
	}
	const vas12 = [10, 20, 30, 40, 50, 60, 70, 80];
	const vas24 = [15, 22, 28, 55, 58, 61, 90, 85, 100, null];
	const tim24 = ['10.5', '12.0', '7.5', '20.0', '15.5', '30.0'];
	for (let k = 0; k < 10; k++) {
		const pid = F.sql1(`INSERT INTO uppfolj.participant (study_id, panel_id, grp, unit_id, synthetic)
			VALUES (${id}, ${F.lit(`R-TYPES${String(k).padStart(2, '0')}`)}, 'personal', ${unit}, true)
			RETURNING participant_id`);
		for (const months of [12, 24]) {
			const answers = [];
			if (months === 12 && k < 8) answers.push(`('td_vas', ${vas12[k]}, NULL, false)`);
			if (months === 24) {
				answers.push(vas24[k] === null ? `('td_vas', NULL, NULL, true)`
					: `('td_vas', ${vas24[k]}, NULL, false)`);
				if (k < 6) answers.push(`('td_timmar', NULL, ${F.lit(tim24[k])}, false)`);
			}
			if (!answers.length) continue;
			F.sql(`INSERT INTO uppfolj.consent (participant_id, wave_id, info_version, decision)
				VALUES (${pid}, ${wave[months]}, 'test', 'given')`);
			const rid = F.sql1(`INSERT INTO uppfolj.response (submission_id, participant_id, wave_id,
				instrument_id, version, status, submitted_at)
				VALUES ('${randomUUID()}', ${pid}, ${wave[months]}, 'types_demo', 1, 'submitted', now())
				RETURNING response_id`);
			F.sql(`INSERT INTO uppfolj.answer (response_id, instrument_id, version, item_id,
				value_int, value_text, declined)
				SELECT ${rid}, 'types_demo', 1, x.i, x.n::integer, x.t::text, x.d
				FROM (VALUES ${answers.join(', ')}) AS x(i, n, t, d)`);
		}
	}
}

// RFC 4180 as lib/csv.c writes it: commas, CRLF, "..." with doubled quotes.
function parseCsv(text) {
	const rows = [];
	let row = [], cell = '', quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; }
			else if (ch === '"') quoted = false;
			else cell += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') { row.push(cell); cell = ''; }
		else if (ch === '\r') { /* CRLF */ }
		else if (ch === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; }
		else cell += ch;
	}
	if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
	return rows;
}

function report(kind, extra) {
	const dir = mkdtempSync(join(tmpdir(), 'uf-types-report-'));
	execFileSync(join(F.env.build, 'reports', 'uppfolj-report'), [kind, ...extra, '--study', slug,
		'--db', `host=${F.env.pghost} port=${F.env.pgport} dbname=${F.env.db} user=uppfolj_report`,
		'-o', join(dir, `${kind}.pdf`), '--csv', dir, '--quiet'],
	{ encoding: 'utf8', env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' } });
	// The table whose header has this column.
	return (column) => {
		for (const f of readdirSync(dir).filter((n) => n.endsWith('.csv')).sort()) {
			const text = readFileSync(join(dir, f), 'utf8');
			if (text.split('\r\n')[0].includes(column))
				return parseCsv(text);
		}
		throw new Error(`no table with column ${column} in ${dir}`);
	};
}

const row = (table, start) => table.find((r) => r[0].startsWith(start));

test('delrapport: n, median, quartiles, mean and CI of a VAS and a number', () => {
	setUp();
	const table = report('delrapport', ['--wave', '24'])('Q1 – Q3');
	assert.deepEqual(row(table, 'Hur stöttad').slice(1), ['9', '58,0', '28,0 – 85,0', '57,1', '33,5 – 80,8']);
	assert.deepEqual(row(table, 'Hur många timmar').slice(1),
		['6', '13,75', '10,88 – 18,88', '15,92', '7,38 – 24,45']);
	assert.match(row(table, 'Hur många samtal')[1], /färre än 5/);
});

test('slutrapport: change of a VAS with the signed-rank and Mann–Whitney tests', () => {
	setUp();
	const table = report('slutrapport', [])('p (MW)');
	assert.deepEqual(row(table, 'Hur stöttad').slice(1), ['12 → 24', '8', '5,0', '0,031', '8 / 9', '0,423']);
});
