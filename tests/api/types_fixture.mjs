// SPDX-License-Identifier: ISC
// The question-type test instrument (tests/forms/valid/types_demo.json) in a
// study of its own: loaded by uppfolj-admin forms-load as the staff
// instrument (theme per page, desktop) and, with id types_demo_tab and
// group patient, as a one-question-per-page tablet instrument; one open
// 24-month wave. Shared by the API and browser suites.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import * as F from './fixture.mjs';

export const demoPath = join(F.env.src, 'tests/forms/valid/types_demo.json');
export const demo = JSON.parse(readFileSync(demoPath, 'utf8'));
export const tablet = { ...demo, id: 'types_demo_tab', group: 'patient', layout: 'one_per_page' };

function load(def, path) {
	const v = F.sql1(`SELECT max(version) FROM uppfolj.instrument WHERE instrument_id = ${F.lit(def.id)}`);
	if (v) return;
	execFileSync(join(F.env.build, 'admin', 'uppfolj-admin'), ['forms-load', '--db',
		`host=${F.env.pghost} port=${F.env.pgport} dbname=${F.env.db} user=postgres`, path],
	{ encoding: 'utf8', env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' } });
}

let study = null;
export function ensureTypesStudy() {
	if (study) return study;
	load(demo, demoPath);
	const tmp = join(mkdtempSync(join(tmpdir(), 'uf-types-')), 'types_demo_tab.json');
	writeFileSync(tmp, JSON.stringify(tablet));
	load(tablet, tmp);
	const slug = 'typestest';
	let id = F.sql1(`SELECT study_id FROM uppfolj.study WHERE slug = ${F.lit(slug)}`);
	if (!id) {
		id = F.sql1(`INSERT INTO uppfolj.study (slug, name, start_date, synthetic)
			VALUES (${F.lit(slug)}, 'Frågetyper', current_date - 730, true) RETURNING study_id`);
		F.sql(`INSERT INTO uppfolj.unit (study_id, name, kind, huvudman, report_label)
			VALUES (${id}, 'Typenheten', 'heldygnsvard', 'region', 'psykiatri, heldygnsvård')`);
		F.sql(`INSERT INTO uppfolj.wave (study_id, months, opens_on, closes_on)
			VALUES (${id}, 24, current_date - 30, current_date + 3650)`);
		for (const [grp, def] of [['personal', demo], ['patient', tablet]])
			F.sql(`INSERT INTO uppfolj.wave_instrument (wave_id, grp, instrument_id, version)
				SELECT wave_id, ${F.lit(grp)}, ${F.lit(def.id)}, ${def.version}
				FROM uppfolj.wave WHERE study_id = ${id}`);
	}
	const unit = F.sql1(`SELECT unit_id FROM uppfolj.unit WHERE study_id = ${id} LIMIT 1`);
	const wave = F.sql1(`SELECT wave_id FROM uppfolj.wave WHERE study_id = ${id} AND months = 24`);
	study = { id, unit, wave, slug };
	return study;
}

let pool = [];
// A participant of the types study with a fresh code; grp personal (desktop
// layout) or patient (tablet layout).
export function typesParticipant(grp = 'personal') {
	const s = ensureTypesStudy();
	if (pool.length === 0) pool = F.newCodes(50);
	const { code, hash } = pool.pop();
	const panel = 'Y-' + randomBytes(5).toString('hex').toUpperCase().slice(0, 10);
	const pid = F.sql1(`INSERT INTO uppfolj.participant (study_id, panel_id, grp, unit_id, synthetic)
		VALUES (${s.id}, ${F.lit(panel)}, ${F.lit(grp)}, ${s.unit}, true) RETURNING participant_id`);
	const codeId = F.sql1(`INSERT INTO uppfolj.access_code (participant_id, wave_id, code_hash, expires_at)
		VALUES (${pid}, ${s.wave}, decode(${F.lit(hash.slice(2))}, 'hex'), now() + interval '30 days')
		RETURNING code_id`);
	return { code, hash, pid, codeId, grp, wave: s.wave };
}

// Valid answers to every item of the demo instrument (required ones at least).
export const validAnswers = {
	td_vas: 73,
	td_vas_fri: { dont_know: true },
	td_g_tid: 4,
	td_g_lyssnar: 5,
	td_g_oklart: { dont_know: true },
};

// What is stored per item (answer rows, or a draft's answers as rows): the
// typed column that is set.
export function storedOf(p) {
	return Object.fromEntries(F.sql(`SELECT a.item_id,
		CASE WHEN a.value_int IS NOT NULL THEN 'int:' || a.value_int
		WHEN a.value_date IS NOT NULL THEN 'date:' || a.value_date
		WHEN a.value_choices IS NOT NULL THEN 'choices:' || array_to_string(a.value_choices, ',')
		WHEN a.value_text IS NOT NULL THEN 'text:' || a.value_text
		WHEN a.dont_know THEN 'dont_know' WHEN a.declined THEN 'declined' END
		FROM uppfolj.response r CROSS JOIN LATERAL uppfolj.response_answer_rows(r) a
		WHERE r.participant_id = ${p.pid}`));
}
