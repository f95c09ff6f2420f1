# SPDX-License-Identifier: ISC
# `slutrapport --study A --compare B`, sourced by tests/reports/run.sh (its
# ok/not_ok/check, BIN, SRC, WORK, BUILD, PGHOST, PGPORT, DBNAME). Two demo
# studies of this run's own (seeds 11 and 12, 80 participants each, so some
# groups fall under --min-cell); the report's comparison tables (CSV) are
# checked row by row against compare_reference.py, which computes n, mean,
# the Mann-Whitney p and Holm from the answers in the database. Wrong use
# of --compare is refused.

CDIR=$WORK/compare
mkdir -p "$CDIR/csv"
CA=cmp-a-$$ CB=cmp-b-$$
CSUPER="host=$PGHOST port=$PGPORT dbname=$DBNAME user=postgres"
CSECRET=${UF_SECRET:-$CDIR/secret}
[ -s "$CSECRET" ] || head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$CSECRET"
for s in "$CA:11" "$CB:12"; do
	"$BUILD/admin/uppfolj-admin" demo --db "$CSUPER" --secret "$CSECRET" --forms "$SRC/forms" \
		--slug "${s%%:*}" --seed "${s#*:}" --participants 80 --quiet >"$CDIR/demo-${s%%:*}.log" 2>&1
done
"$BIN" slutrapport --db "$REPORT_DB" --study "$CA" --compare "$CB" --csv "$CDIR/csv" \
	-o "$CDIR/compare.pdf" --quiet 2>"$CDIR/report.err"
check "slutrapport --study A --compare B writes the report" [ -s "$CDIR/compare.pdf" ]
pdftotext -q "$CDIR/compare.pdf" "$CDIR/compare.txt" 2>/dev/null
check "the report has the comparison chapter with both studies named" \
	grep -q "Jämförelse med studien $CB" "$CDIR/compare.txt"

# The answers both reports count, read as the report role (row-level
# security leaves test answers out, as for the report): likert5 items of
# submitted responses with a value; A and B by study.
psql -X -q -A -t -F $'\t' -h "$PGHOST" -p "$PGPORT" -U uppfolj_report -d "$DBNAME" -c "
	SELECT CASE s.slug WHEN '$CA' THEN 'A' ELSE 'B' END, p.grp, w.months, a.item_id, a.value_int
	FROM answer a JOIN response r USING (response_id)
	JOIN participant p ON p.participant_id = r.participant_id
	JOIN wave w ON w.wave_id = r.wave_id JOIN study s ON s.study_id = w.study_id
	JOIN instrument_item ii ON ii.instrument_id = a.instrument_id AND ii.version = a.version
	 AND ii.item_id = a.item_id
	WHERE s.slug IN ('$CA', '$CB') AND r.status = 'submitted'
	AND ii.item_type = 'likert5' AND a.value_int IS NOT NULL" >"$CDIR/answers.tsv"
# statement texts per group and item id, from the instruments the studies use
python3 - "$SRC/forms" >"$CDIR/items.tsv" <<'PY'
import glob, json, sys
for f in sorted(glob.glob(sys.argv[1] + '/*.json')):
    d = json.load(open(f, encoding='utf-8'))
    grp = d.get('group')
    def walk(items):
        for it in items:
            if it.get('type') == 'likert5':
                print(f"{grp}\t{it['id']}\t{it['sv'] if isinstance(it['sv'], str) else it['sv']}")
            for k in ('items', 'statements'):
                if isinstance(it.get(k), list):
                    walk(it[k])
    for k in ('items', 'pages'):
        if isinstance(d.get(k), list):
            walk(d[k])
PY
python3 "$SRC/tests/reports/compare_reference.py" "$CDIR/answers.tsv" 5 "$CDIR/csv" \
	>"$CDIR/reference.log" 2>&1
st=$?
check "comparison tables: n, M, Mann-Whitney p and Holm per group, wave and item equal the reference ($(tail -n 1 "$CDIR/reference.log"))" \
	[ "$st" = 0 ]
[ "$st" = 0 ] || grep MISMATCH "$CDIR/reference.log" | head -n 5 | sed 's/^/# /'
check "rows where both studies have fewer than 5 answers are left out and counted" \
	grep -qE '[0-9]+ rader \(påståenden eller skalor vid en mätning\) där båda studierna har' \
	<(tr '\n' ' ' <"$CDIR/compare.txt")

"$BIN" delrapport --wave 12 --db "$REPORT_DB" --study "$CA" --compare "$CB" -o "$CDIR/x.pdf" \
	--quiet >/dev/null 2>"$CDIR/usage.err"
check "--compare with the delrapport is refused (exit 2)" [ $? = 2 ]
"$BIN" slutrapport --db "$REPORT_DB" --study "$CA" --compare "$CA" -o "$CDIR/x.pdf" \
	--quiet >/dev/null 2>>"$CDIR/usage.err"
check "--compare with the same study is refused (exit 2)" [ $? = 2 ]
"$BIN" slutrapport --db "$REPORT_DB" --study "$CA" --compare "no-such-$$" -o "$CDIR/x.pdf" \
	--quiet >/dev/null 2>>"$CDIR/usage.err"
check "--compare with an unknown study fails with a message (exit 1)" \
	[ $? = 1 ] && grep -q "no-such-$$" "$CDIR/usage.err"
