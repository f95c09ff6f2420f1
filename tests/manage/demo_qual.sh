# SPDX-License-Identifier: ISC
# The demo's qualitative material, sourced by tests/manage/run.sh (its
# ok/nok/check/sql helpers, $ADMIN $ART $TAG $UF_SECRET): two demo studies
# of this run's own from the same seed. The counts the generator prints
# equal the database's; every meaning unit is a kod on the text it quotes;
# one kategori stays under five respondents while others reach five in a
# wave and group; the double coding is finished by both coders; every
# report has its sections and reflections; the same seed gives the same
# material.

DQ_SRC=${UF_SRC:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
DQ_SUPER="host=$UF_PGHOST port=$UF_PGPORT dbname=$UF_DB user=postgres"
DQ_A=dq-a-$TAG DQ_B=dq-b-$TAG
dq_demo() {
	"$ADMIN" demo --db "$DQ_SUPER" --secret "$UF_SECRET" --forms "$DQ_SRC/forms" \
		--slug "$1" --seed 7 >"$ART/demo-$1.log" 2>&1
}
dq_demo "$DQ_A"; rc_a=$?
dq_demo "$DQ_B"; rc_b=$?
check "demo: two studies from seed 7 created" [ "$rc_a $rc_b" = "0 0" ]
DQS="(SELECT study_id FROM study WHERE slug = '$DQ_A')"

# What the generator says it made ("qual: N documents, ..."): the numbers in order.
read -r g_docs g_units g_kat g_sub g_kod g_sets g_setdocs g_units_b g_texts <<<"$(
	grep '^qual: ' "$ART/demo-$DQ_A.log" | grep -oE '[0-9]+' | tr '\n' ' ')"
db_counts=$(sql "SELECT
	(SELECT count(*) FROM qual_document WHERE study_id = $DQS),
	(SELECT count(*) FROM qual_unit m JOIN qual_document d USING (document_id)
		JOIN app_user u ON u.user_id = m.coder_id WHERE d.study_id = $DQS AND u.username = 'demo.kodare1'),
	(SELECT count(*) FROM qual_code WHERE study_id = $DQS AND level = 1),
	(SELECT count(*) FROM qual_code WHERE study_id = $DQS AND level = 2),
	(SELECT count(*) FROM qual_code WHERE study_id = $DQS AND level = 3),
	(SELECT count(*) FROM qual_dc_set WHERE study_id = $DQS),
	(SELECT count(*) FROM qual_dc_document x JOIN qual_dc_set s USING (set_id) WHERE s.study_id = $DQS),
	(SELECT count(*) FROM qual_unit m JOIN qual_document d USING (document_id)
		JOIN app_user u ON u.user_id = m.coder_id WHERE d.study_id = $DQS AND u.username = 'demo.kodare2'),
	(SELECT count(*) FROM report_text WHERE study_id = $DQS)" | tr '|' ' ')
check "demo: the counts printed (documents, units, tree, set, texts) equal the database's ($db_counts)" \
	[ -n "${g_texts:-}" ] && [ "$db_counts" = "$g_docs $g_units $g_kat $g_sub $g_kod $g_sets $g_setdocs $g_units_b $g_texts" ]
# The generator's plan (demo_qual.c): 6 chefer, 8 personal, 4 peer per wave,
# 6 patients from wave 2 on; a tree of 6 kategorier; 10 sections and 6
# reflections per report, 3 delrapporter and the slutrapport.
check "demo: 66 documents over the three waves and 64 report texts, as planned" \
	[ "$g_docs $g_kat $g_texts" = "66 6 64" ]
check "demo: every meaning unit quotes its document (span = text between the offsets), is a kod and has a condensation" \
	[ "$(sql "SELECT count(*) FROM qual_unit m JOIN qual_document d USING (document_id)
		JOIN qual_code c ON c.code_id = m.code_id WHERE d.study_id = $DQS
		AND m.span = substr(d.body, m.start_pos + 1, m.end_pos - m.start_pos)
		AND m.span = btrim(m.span) AND c.level = 3 AND m.condensation <> ''")" = "$((g_units + g_units_b))" ]
check "demo: each document belongs to a participant who answered that wave" \
	[ "$(sql "SELECT count(*) FROM qual_document d JOIN response r ON r.participant_id = d.participant_id
		AND r.wave_id = d.wave_id AND r.status = 'submitted' WHERE d.study_id = $DQS")" = "$g_docs" ]
# Respondents (distinct participants) per kategori, wave and group; the rare
# kategori in all waves and groups together.
cells="WITH u AS (SELECT k.name, d.wave_id, d.grp, d.participant_id FROM qual_unit m
	JOIN qual_document d USING (document_id) JOIN qual_code c ON c.code_id = m.code_id
	JOIN qual_code s ON s.code_id = c.parent_id JOIN qual_code k ON k.code_id = s.parent_id
	WHERE d.study_id = $DQS)"
check "demo: the kategori 'Påverkan på arbetsplatsens atmosfär' has fewer than 5 respondents in all" \
	[ "$(sql "$cells SELECT count(DISTINCT participant_id) FROM u WHERE name = 'Påverkan på arbetsplatsens atmosfär'")" -lt 5 ]
check "demo: other kategorier reach 5 respondents in a wave and group (and peer supporters never do)" \
	[ "$(sql "$cells SELECT count(*) FILTER (WHERE grp <> 'peer'), count(*) FILTER (WHERE grp = 'peer')
		FROM (SELECT name, wave_id, grp FROM u GROUP BY 1, 2, 3
		HAVING count(DISTINCT participant_id) >= 5) x" | cut -d'|' -f2)" = 0 ] &&
	[ "$(sql "$cells SELECT count(*) FROM (SELECT 1 FROM u GROUP BY name, wave_id, grp
		HAVING count(DISTINCT participant_id) >= 5) x")" -ge 10 ]
check "demo: quotes with han/hon and a unit's name are there for de-gendering and masking" \
	[ "$(sql "SELECT count(*) FILTER (WHERE span ~ '\\m(han|hon|henne|honom)\\M') > 0
		AND count(*) FILTER (WHERE span LIKE '%' || un.name || '%') > 0
		FROM qual_unit m JOIN qual_document d USING (document_id) JOIN participant p USING (participant_id)
		JOIN unit un ON un.unit_id = p.unit_id WHERE d.study_id = $DQS")" = t ]
check "demo: the double coding is finished by both demo coders, on wave 1's interviews" \
	[ "$(sql "SELECT s.a_done_at IS NOT NULL AND s.b_done_at IS NOT NULL AND a.username = 'demo.kodare1'
		AND b.username = 'demo.kodare2' AND (SELECT bool_and(w.months = 12) FROM qual_dc_document x
		JOIN qual_document d USING (document_id) JOIN wave w ON w.wave_id = d.wave_id WHERE x.set_id = s.set_id)
		FROM qual_dc_set s JOIN app_user a ON a.user_id = s.coder_a JOIN app_user b ON b.user_id = s.coder_b
		WHERE s.study_id = $DQS")" = t ]
check "demo: the second coder differs from the first on some units but not most (agreement to measure)" \
	[ "$(sql "SELECT count(*) FILTER (WHERE b.code_id = a.code_id) > count(*) FILTER (WHERE b.code_id <> a.code_id)
		AND count(*) FILTER (WHERE b.code_id <> a.code_id) + $g_units_b < (SELECT count(*) FROM qual_unit m2
		JOIN qual_dc_document x USING (document_id) JOIN qual_dc_set s USING (set_id)
		WHERE s.study_id = $DQS AND m2.coder_id = s.coder_a) + $g_units_b
		FROM qual_unit b JOIN qual_unit a USING (document_id, start_pos, end_pos)
		JOIN app_user ub ON ub.user_id = b.coder_id JOIN app_user ua ON ua.user_id = a.coder_id
		JOIN qual_document d ON d.document_id = b.document_id
		WHERE d.study_id = $DQS AND ub.username = 'demo.kodare2' AND ua.username = 'demo.kodare1'")" = t ]
check "demo: each delrapport and the slutrapport has 10 sections and a reflection per kategori" \
	[ "$(sql "SELECT string_agg(kind || coalesce(months::text, '') || ':' || n, ' ' ORDER BY kind, months)
		FROM (SELECT kind, months, count(DISTINCT section::text || coalesce(code_id, 0)) n FROM report_text
		WHERE study_id = $DQS GROUP BY 1, 2) x")" = "delrapport12:16 delrapport24:16 delrapport36:16 slutrapport:16" ]
# The same seed, another slug: the same texts, offsets, condensations and codes.
dq_digest() {
	sql "SELECT md5(string_agg(d.title || d.body, '' ORDER BY d.title)) || md5((SELECT
		string_agg(d2.title || m.start_pos || '-' || m.end_pos || m.condensation || c.name || u.username, ''
		ORDER BY d2.title, m.start_pos, u.username) FROM qual_unit m JOIN qual_document d2 USING (document_id)
		JOIN qual_code c ON c.code_id = m.code_id JOIN app_user u ON u.user_id = m.coder_id
		WHERE d2.study_id = s.study_id)) || md5((SELECT string_agg(kind::text || section::text || body, ''
		ORDER BY kind, months, section, body) FROM report_text t WHERE t.study_id = s.study_id))
		FROM study s JOIN qual_document d ON d.study_id = s.study_id WHERE s.slug = '$1' GROUP BY s.study_id"
}
check "demo: the same seed gives the same material (documents, units, texts)" \
	[ -n "$(dq_digest "$DQ_A")" ] && [ "$(dq_digest "$DQ_A")" = "$(dq_digest "$DQ_B")" ]
