# SPDX-License-Identifier: ISC
# Disclosure control end to end, sourced by tests/reports/run.sh (uses its
# ok/not_ok/check, BIN, BUILD, SRC, PGHOST, PGPORT, WORK, ART). Builds the
# small study of disclosure_study.sql in a database of its own (groups of 4
# and 6, a group of 3, a missing wave, ties, zero differences), writes both
# reports with --csv, and lets disclosure_check.py try to work out every
# hidden small count from everything printed. Then the quotes: unit names
# in parts, ward numbers, places and the study's own names are masked.
# Last, the demo study's reports (run.sh wrote them) go through the same
# check.

DISC_DB="uf_report_disclosure_$$"
DISC_DIR=$WORK/disclosure
mkdir -p "$DISC_DIR"
DISC_CONN="host=$PGHOST port=$PGPORT dbname=$DISC_DB user=uppfolj_report"
disc_cleanup() {
	psql -X -q -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres \
		-c "DROP DATABASE IF EXISTS $DISC_DB" >/dev/null 2>&1
}

# disc_truth DB STUDY MONTHS: the true counts as JSON, straight from the
# answers: respondents per wave and group, and per report label and group in
# the delrapport's wave.
disc_truth() {
	psql -X -q -At -v ON_ERROR_STOP=1 -h "$PGHOST" -p "$PGPORT" -U postgres -d "$1" \
		-v study="$2" -v months="$3" <<'SQL'
SET search_path = uppfolj;
SELECT json_build_object(
	'groups', (SELECT json_object_agg(months, g) FROM (SELECT months, json_object_agg(grp, n) g
		FROM (SELECT w.months, p.grp, count(*) n FROM response r
			JOIN participant p USING (participant_id) JOIN wave w USING (wave_id)
			JOIN study s ON s.study_id = w.study_id AND s.slug = :'study'
			WHERE r.status = 'submitted' GROUP BY 1, 2) x GROUP BY months) y),
	'labels', json_build_object(:'months', (SELECT json_object_agg(report_label, g) FROM (
		SELECT report_label, json_object_agg(grp, answered) g FROM (
			SELECT u.report_label, gr.grp, coalesce(sum(rp.answered), 0) answered
			FROM (SELECT DISTINCT report_label FROM unit JOIN study s USING (study_id)
				WHERE s.slug = :'study') u
			CROSS JOIN (SELECT unnest(enum_range(NULL::respondent_group)) grp) gr
			LEFT JOIN report_participation rp ON rp.months = :'months'::int
				AND rp.report_label = u.report_label AND rp.grp = gr.grp
				AND rp.study_id = (SELECT study_id FROM study WHERE slug = :'study')
			GROUP BY 1, 2) z
		GROUP BY report_label) l)));
SQL
}

if psql -X -q -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -c "CREATE DATABASE $DISC_DB" >/dev/null 2>&1 &&
   "$BUILD/admin/uppfolj-admin" migrate --db "host=$PGHOST port=$PGPORT dbname=$DISC_DB user=postgres" \
	--schema "${UF_SCHEMA:-$SRC/schema}" >/dev/null 2>&1 &&
   "$BUILD/admin/uppfolj-admin" forms-load --db "host=$PGHOST port=$PGPORT dbname=$DISC_DB user=postgres" \
	"$SRC/forms/chef.json" "$SRC/forms/personal.json" "$SRC/forms/peer.json" \
	"$SRC/forms/patient.json" >/dev/null 2>&1 &&
   psql -X -q -v ON_ERROR_STOP=1 -h "$PGHOST" -p "$PGPORT" -U postgres -d "$DISC_DB" \
	-f "$SRC/tests/reports/disclosure_study.sql" >"$DISC_DIR/setup.log" 2>&1 &&
   "$BUILD/admin/uppfolj-admin" mask-names add --study liten --kind namn Lisbeth \
	--db "host=$PGHOST port=$PGPORT dbname=$DISC_DB user=uppfolj_admin" >>"$DISC_DIR/setup.log" 2>&1; then
	ok "disclosure: small study set up (groups of 4, 5 and 6; a missing wave)"
	"$BIN" delrapport --wave 12 --db "$DISC_CONN" -o "$DISC_DIR/del12.pdf" \
		--csv "$DISC_DIR/csv-del12" --quiet 2>"$DISC_DIR/del.err"
	rc1=$?
	"$BIN" slutrapport --db "$DISC_CONN" -o "$DISC_DIR/slut.pdf" \
		--csv "$DISC_DIR/csv-slut" --quiet 2>"$DISC_DIR/slut.err"
	rc2=$?
	if [ $rc1 -eq 0 ] && [ $rc2 -eq 0 ]; then
		ok "disclosure: both reports of the small study generate"
	else
		not_ok "disclosure: both reports of the small study generate" \
			"$(head -c 300 "$DISC_DIR/del.err" "$DISC_DIR/slut.err")"
	fi
	pdftotext -q "$DISC_DIR/del12.pdf" "$DISC_DIR/del12.txt" 2>/dev/null
	pdftotext -q "$DISC_DIR/slut.pdf" "$DISC_DIR/slut.txt" 2>/dev/null
	disc_truth "$DISC_DB" liten 12 >"$DISC_DIR/truth.json"
	python3 "$SRC/tests/reports/disclosure_check.py" "$DISC_DIR/csv-del12" "$DISC_DIR/del12.txt" \
		"$DISC_DIR/csv-slut" "$DISC_DIR/slut.txt" "$DISC_DIR/truth.json" 5 3 want-withheld-tests \
		>"$DISC_DIR/check.out" 2>&1
	checks=0
	while IFS= read -r line; do
		case $line in
		PASS\ *) ok "disclosure: ${line#PASS }"; checks=$((checks + 1)) ;;
		FAIL\ *) line=${line#FAIL }; not_ok "disclosure: ${line%% :: *}" "${line#* :: }"
			checks=$((checks + 1)) ;;
		esac
	done <"$DISC_DIR/check.out"
	[ "$checks" -ge 7 ] || not_ok "disclosure: the checker ran ($checks checks)" "$(tail -c 600 "$DISC_DIR/check.out")"

	# the same group hidden everywhere: no "(n = 4)" heading, TOC line or bullet
	flat=$(tr '\n' ' ' <"$DISC_DIR/del12.txt" | tr -s ' ')
	case $flat in
	*"Chefer (n ="*|*"Chefer: 4 svar"*) not_ok "disclosure: chefs (4) have no n anywhere in the delrapport" ;;
	*"Chefer: färre än 5 svar"*) ok "disclosure: chefs (4) have no n anywhere in the delrapport" ;;
	*) not_ok "disclosure: chefs (4) have no n anywhere in the delrapport" "no färre-än line" ;;
	esac

	# quotes: every way of writing a unit's name, a ward number, places and
	# the study's own names
	# the text after the last "Fritextsvar" heading: the chapter, not the TOC
	quotes=$(awk '/^\f?Fritextsvar$/ { b = ""; s = 1; next } s { b = b $0 "\n" } END { printf "%s", b }' \
		"$DISC_DIR/del12.txt" | tr '\n' ' ' | tr -s ' ')
	leak=""
	for w in Vintergatan VINTERGATANS vintergatans Öster Solrosen Solrosens Västerby Lisbeth \
		"avdelning 12" honom; do
		case $quotes in *"$w"*) leak="$leak [$w]" ;; esac
	done
	want=""
	for w in "Vi på [verksamhet] saknade information." "[verksamhet] rutiner var oklara för hen." \
		"På [verksamhet] fungerade det bra, bättre än i [verksamhet]." \
		"[namn] på [verksamhet] mottagning hjälpte oss." \
		"Personalen i [ort] var positiva till [verksamhet] arbete."; do
		case $quotes in *"$w"*) ;; *) want="$want [$w]" ;; esac
	done
	if [ -z "$leak" ] && [ -z "$want" ]; then
		ok "disclosure: quotes mask unit names in parts (any case, genitive), ward numbers, places and the study's names"
	else
		not_ok "disclosure: quotes mask unit names in parts, ward numbers, places and names" \
			"leak:$leak missing:$want"
	fi

	# --min-category 1 turns the small-count rule off (the 100 % rule stays)
	"$BIN" delrapport --wave 12 --db "$DISC_CONN" -o "$DISC_DIR/del12-k1.pdf" \
		--csv "$DISC_DIR/csv-k1" --min-category 1 --quiet 2>/dev/null
	one='^[^,]*,1,[0-9]+'$'\r''?$'   # a choice count of 1 with its share
	if grep -qhE "$one" "$DISC_DIR"/csv-k1/*.csv && ! grep -qhE "$one" "$DISC_DIR"/csv-del12/*.csv; then
		ok "disclosure: --min-category 1 prints counts of 1, the default does not"
	else
		not_ok "disclosure: --min-category 1 prints counts of 1, the default does not"
	fi
	expect "--min-category above --min-cell exits 2" 2 "may not be larger than" -- \
		"$BIN" delrapport --wave 12 --min-cell 5 --min-category 6 --db "$DISC_CONN"
	expect "--min-category x exits 2" 2 "min-category must be" -- \
		"$BIN" delrapport --wave 12 --min-category x --db "$DISC_CONN"

	# pages with hidden groups and merged rows, kept to look at
	pdftoppm -q -png -r 60 -f 4 -l 7 "$DISC_DIR/del12.pdf" "$ART/disclosure-del12" 2>/dev/null
	pdftoppm -q -png -r 60 -f 3 -l 3 "$DISC_DIR/slut.pdf" "$ART/disclosure-slut" 2>/dev/null
	cp -f "$DISC_DIR/del12.pdf" "$ART/disclosure-del12.pdf" 2>/dev/null
	cp -f "$DISC_DIR/slut.pdf" "$ART/disclosure-slut.pdf" 2>/dev/null
else
	not_ok "disclosure: could not set up database $DISC_DB" "$(tail -c 400 "$DISC_DIR/setup.log" 2>/dev/null)"
fi
disc_cleanup

# The demo study's reports (wave $W) under the same attack.
if disc_truth "$DBNAME" "$STUDY" "$W" >"$WORK/demo-truth.json" 2>"$WORK/demo-truth.err"; then
	python3 "$SRC/tests/reports/disclosure_check.py" "$WORK/csv-del" "$WORK/del.txt" \
		"$WORK/csv-slut" "$WORK/slut.txt" "$WORK/demo-truth.json" 5 3 >"$WORK/demo-check.out" 2>&1
	while IFS= read -r line; do
		case $line in
		PASS\ *) ok "disclosure (demo): ${line#PASS }" ;;
		FAIL\ *) line=${line#FAIL }; not_ok "disclosure (demo): ${line%% :: *}" "${line#* :: }" ;;
		esac
	done <"$WORK/demo-check.out"
	grep -q '^PASS\|^FAIL' "$WORK/demo-check.out" ||
		not_ok "disclosure (demo): the checker ran" "$(tail -c 600 "$WORK/demo-check.out")"
else
	not_ok "disclosure (demo): true counts" "$(head -c 300 "$WORK/demo-truth.err")"
fi
