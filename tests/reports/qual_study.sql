-- SPDX-License-Identifier: ISC
-- Codings and authored text on top of the small study of
-- disclosure_study.sql (tests/reports/qual.sh): two coders, a code tree of
-- three kategorier, transcripts per participant and wave, meaning units
-- chosen so that some cells, one subkategori and one kategori have fewer
-- than 5 distinct respondents, a double-coded document, and every report
-- section in two versions. Runs as postgres after disclosure_study.sql.
SET search_path = uppfolj;

INSERT INTO app_user (username, password_hash, role) VALUES
	('kodare1', '$argon2id$v=19$m=65536,t=2,p=1$x$y', 'evaluator'),
	('kodare2', '$argon2id$v=19$m=65536,t=2,p=1$x$y', 'evaluator');

-- the tree: kategori > subkategori > kod
CREATE TEMP TABLE tree (name text, parent text, level int);
INSERT INTO tree VALUES
	('Rollen peer support', NULL, 1),
	('Riskfaktorer med rollen', 'Rollen peer support', 2),
	('Kvällsarbete', 'Riskfaktorer med rollen', 3),
	('Behov i verksamheten', 'Rollen peer support', 2),
	('Påverkansfaktorer för deltagande', NULL, 1),
	('Chefens engagemang', 'Påverkansfaktorer för deltagande', 2),
	('Finansiering', 'Påverkansfaktorer för deltagande', 2),
	('Sällsynt kategori', NULL, 1),
	('Enstaka iakttagelser', 'Sällsynt kategori', 2);
INSERT INTO qual_code (study_id, level, name)
	SELECT study_id, 1, t.name FROM study, tree t WHERE t.level = 1 ORDER BY t.name <> 'Rollen peer support', t.name DESC;
INSERT INTO qual_code (study_id, parent_id, level, name)
	SELECT c.study_id, c.code_id, 2, t.name FROM tree t JOIN qual_code c ON c.name = t.parent WHERE t.level = 2;
INSERT INTO qual_code (study_id, parent_id, level, name)
	SELECT c.study_id, c.code_id, 3, t.name FROM tree t JOIN qual_code c ON c.name = t.parent WHERE t.level = 3;

-- one transcript per participant and wave that the plan below codes; the
-- sentences name a unit and use han/hon, which the report must mask
CREATE TEMP TABLE sentence (k int, text text, code text);
INSERT INTO sentence VALUES
	(1, 'Hon försvinner på kvällarna på Vintergatan, ingen vet var hon är.', 'Kvällsarbete'),
	(2, 'Det saknades något för att fylla ut glappet mellan patient och personal.', 'Behov i verksamheten'),
	(3, 'Chefen brinner för frågan och han driver den framåt hela tiden.', 'Chefens engagemang'),
	(4, 'Pengarna kom utifrån och det avgjorde att vi var med.', 'Finansiering'),
	(5, 'En sak som bara några få sa något om i intervjuerna.', 'Enstaka iakttagelser');
-- who says what when: (panel prefix, first..last k, months, sentence)
CREATE TEMP TABLE says (grp text, lo int, hi int, months int, k int);
INSERT INTO says VALUES
	('personal', 1, 8, 12, 1), ('personal', 1, 10, 12, 2), ('peer', 1, 6, 12, 2),
	('personal', 1, 6, 12, 3), ('chef', 1, 4, 12, 3), ('personal', 1, 3, 12, 4),
	('personal', 1, 2, 12, 5),
	('personal', 1, 10, 24, 2), ('personal', 1, 6, 24, 3),
	('personal', 1, 4, 36, 2), ('personal', 1, 12, 36, 3), ('personal', 1, 7, 36, 5);
CREATE TEMP TABLE doc AS
	SELECT DISTINCT p.participant_id, p.grp, w.wave_id, w.months, p.panel_id
	FROM says s JOIN participant p ON p.grp::text = s.grp
		AND substr(p.panel_id, 7)::int BETWEEN s.lo AND s.hi
	JOIN wave w ON w.months = s.months;
INSERT INTO qual_document (study_id, wave_id, grp, participant_id, title, body)
	SELECT (SELECT study_id FROM study), d.wave_id, d.grp, d.participant_id,
		'Intervju ' || d.panel_id || ' ' || d.months,
		(SELECT string_agg(x.text, ' ' ORDER BY x.k) FROM sentence x WHERE x.k IN (
			SELECT s.k FROM says s WHERE s.grp = d.grp::text AND s.months = d.months
			AND substr(d.panel_id, 7)::int BETWEEN s.lo AND s.hi))
	FROM doc d;
-- a group interview without a known participant: one respondent
INSERT INTO qual_document (study_id, wave_id, grp, title, body)
	SELECT study_id, (SELECT wave_id FROM wave WHERE months = 12), 'personal',
		'Fokusgrupp personal', (SELECT text FROM sentence WHERE k = 5) FROM study;

-- a meaning unit per sentence of each document, by kodare1
INSERT INTO qual_unit (document_id, start_pos, end_pos, span, condensation, code_id, coder_id)
	SELECT d.document_id, strpos(d.body, x.text) - 1, strpos(d.body, x.text) - 1 + length(x.text),
		x.text, 'kondensering', c.code_id, (SELECT user_id FROM app_user WHERE username = 'kodare1')
	FROM qual_document d JOIN sentence x ON strpos(d.body, x.text) > 0
	JOIN qual_code c ON c.name = x.code;

-- the free-text answers of personal at 12 months become documents, each
-- coded on the kategori itself
INSERT INTO qual_document (study_id, wave_id, grp, participant_id, response_id, item_id)
	SELECT pa.study_id, r.wave_id, pa.grp, pa.participant_id, a.response_id, a.item_id
	FROM answer a JOIN response r USING (response_id) JOIN participant pa USING (participant_id)
	JOIN instrument_item ii ON ii.instrument_id = a.instrument_id AND ii.version = a.version
		AND ii.item_id = a.item_id
	WHERE ii.item_type = 'text' AND a.value_text IS NOT NULL;
INSERT INTO qual_unit (document_id, start_pos, end_pos, span, code_id, coder_id)
	SELECT d.document_id, 0, length(a.value_text), a.value_text,
		(SELECT code_id FROM qual_code WHERE name = 'Rollen peer support'),
		(SELECT user_id FROM app_user WHERE username = 'kodare1')
	FROM qual_document d JOIN answer a USING (response_id, item_id);

-- double coding: kodare2 codes the 12-month transcripts of PS-LIT007..009
-- too, all as Finansiering, which would then have 6 respondents and be
-- shown; the report counts the first coder's units only
INSERT INTO qual_dc_set (study_id, name, coder_a, coder_b, created_by)
	SELECT study_id, 'Dubbelkodning 1', (SELECT user_id FROM app_user WHERE username = 'kodare1'),
		(SELECT user_id FROM app_user WHERE username = 'kodare2'), 'test' FROM study;
INSERT INTO qual_dc_document (set_id, document_id)
	SELECT s.set_id, d.document_id FROM qual_dc_set s, qual_document d
	JOIN participant p USING (participant_id) JOIN wave w ON w.wave_id = d.wave_id
	WHERE p.panel_id IN ('PS-LIT007', 'PS-LIT008', 'PS-LIT009') AND w.months = 12
		AND d.response_id IS NULL;
INSERT INTO qual_unit (document_id, start_pos, end_pos, span, code_id, coder_id)
	SELECT u.document_id, u.start_pos, u.end_pos, u.span,
		(SELECT code_id FROM qual_code WHERE name = 'Finansiering'),
		(SELECT user_id FROM app_user WHERE username = 'kodare2')
	FROM qual_unit u JOIN qual_dc_document x USING (document_id);

-- the evaluators' text: every section, version 1 then a newer version 2
CREATE TEMP TABLE section (section report_section, body text);
INSERT INTO section VALUES
	('bakgrund', E'Peer support är en ny yrkeskategori.\n\n## Lokal kontext\n\nProjektet genomfördes på *fyra avdelningar* och i två kommuner.'),
	('syfte', E'Övergripande syfte är att få kunskap om rollen.\n\n- Utvärdering 1: 12 månader\n- Utvärdering 2: 24 månader'),
	('beskrivning', 'Projektet startade genom att utbilda ett utbildningsteam.'),
	('urval', 'Personalgrupperna utsågs av enhetschefen.'),
	('datainsamling', 'Intervjuerna spelades in och transkriberades.'),
	('dataanalys', 'En intervju analyserades av fyra personer var för sig.'),
	('etik', 'Intervjuerna gjordes av personer utan tidigare kontakt med respondenterna.'),
	('resultatdiskussion', 'Rollen växte fram i samspel med arbetsplatsen.'),
	('metoddiskussion', 'Urvalet var litet, vilket begränsar slutsatserna.'),
	('referenser', E'- Graneheim, U. H., m.fl. (2017). *Methodological challenges in qualitative content analysis*.\n- Vetenskapsrådet. (2017). God forskningssed.');
INSERT INTO report_text (study_id, kind, months, section, version, body, author)
	SELECT study_id, k.kind::report_kind, k.months, s.section, v,
		CASE WHEN v = 1 THEN 'Gammal version som inte ska synas.' ELSE s.body END, 'kodare1'
	FROM study, section s, (VALUES ('delrapport', 12), ('slutrapport', NULL)) k(kind, months),
		generate_series(1, 2) v;
INSERT INTO report_text (study_id, kind, months, section, code_id, version, body, author)
	SELECT c.study_id, k.kind::report_kind, k.months, 'reflektion', c.code_id, 1,
		'Reflektion om ' || c.name || ': författarna ser ett mönster.', 'kodare1'
	FROM qual_code c, (VALUES ('delrapport', 12), ('slutrapport', NULL)) k(kind, months)
	WHERE c.level = 1;
