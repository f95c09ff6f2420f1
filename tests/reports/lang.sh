# SPDX-License-Identifier: ISC
# The respondents' languages in the reports (reports/render_lang.c), sourced
# by tests/reports/run.sh (its ok/not_ok/check/q/txt helpers, $BIN $STUDY $W
# $WORK $DEL $SLUT $REPORT_DB $SRC). The demo answers some patients in
# English and Arabic and with easy-to-read on (admin/demo_lang.c). Reference
# values come from SQL over the raw tables and lang_reference.py (which says
# how each is computed), never from the report program. Temporary changes
# to the shared demo are set back at once.

sup() { psql -X -q -A -t -h "$PGHOST" -p "$PGPORT" -U postgres -d "$DBNAME" -c "$1"; }
LREF=$SRC/tests/reports/lang_reference.py
LSTUDY="(SELECT study_id FROM uppfolj.study WHERE slug = '$STUDY')"
# grp|months|lang|easy|respondents of every submitted, non-test response
lang_rows() {
	sup "SELECT p.grp, w.months, r.lang, r.easy, count(DISTINCT r.participant_id)
		FROM uppfolj.response r JOIN uppfolj.participant p USING (participant_id)
		JOIN uppfolj.wave w ON w.wave_id = r.wave_id
		WHERE w.study_id = $LSTUDY AND r.status = 'submitted' AND NOT w.test AND NOT r.test
		GROUP BY 1, 2, 3, 4"
}
# participant|lang|easy|item value ... of the patients' responses in wave $1
score_rows() {
	sup "SELECT r.participant_id, r.lang, r.easy,
		coalesce(string_agg(a.item_id || ' ' || a.value_int, ' '), '')
		FROM uppfolj.response r JOIN uppfolj.participant p USING (participant_id)
		JOIN uppfolj.wave w ON w.wave_id = r.wave_id
		LEFT JOIN uppfolj.answer a ON a.response_id = r.response_id AND a.value_int IS NOT NULL
		WHERE w.study_id = $LSTUDY AND w.months = $1 AND p.grp = 'patient'
		AND r.status = 'submitted' AND NOT r.test GROUP BY 1, 2, 3"
}
# csv_with DIR HEAD: the CSV files of DIR whose first column head is HEAD
csv_with() { grep -l "^\"\\?$2" "$1"/*.csv 2>/dev/null | sort; }

# ---- the demo's spread of languages reaches the default --min-cell ----
read -r n_en n_ar n_easy <<<"$(sup "SELECT count(*) FILTER (WHERE r.lang = 'en'),
	count(*) FILTER (WHERE r.lang = 'ar'), count(*) FILTER (WHERE r.easy)
	FROM uppfolj.response r JOIN uppfolj.participant p USING (participant_id)
	JOIN uppfolj.wave w ON w.wave_id = r.wave_id
	WHERE w.study_id = $LSTUDY AND w.months = $W AND p.grp = 'patient' AND r.status = 'submitted'" | tr '|' ' ')"
check "demo: patients of wave $W answered in English ($n_en), Arabic ($n_ar) and easy-to-read ($n_easy), each at least 5" \
	[ "${n_en:-0}" -ge 5 -a "${n_ar:-0}" -ge 5 -a "${n_easy:-0}" -ge 5 ]
check "demo: staff answered in Swedish with the plain text" \
	[ "$(sup "SELECT count(*) FROM uppfolj.response r JOIN uppfolj.participant p USING (participant_id)
		WHERE p.study_id = $LSTUDY AND p.grp <> 'patient' AND (r.lang <> 'sv' OR r.easy)")" = 0 ]

# ---- the section in both reports ----
for kind in del slut; do
	check "${kind}rapport: Metod has 'Språk och lättläst text' and the table" \
		grep -q "Svarande per grupp.*efter svarsspråk och lättläst" "$WORK/$kind.txt"
	check "${kind}rapport: the staff groups (all Swedish, plain) are one sentence, not rows of 100 %" \
		grep -q "Alla svar från chefer, personal och peer supporters gavs på svenska med vanlig" "$WORK/$kind.txt"
	f=$(csv_with "$WORK/csv-$kind" "Grupp och svarsspråk" | head -n 1)
	if [ -z "$f" ]; then not_ok "${kind}rapport: the language table is among the CSV files"; continue; fi
	ok "${kind}rapport: the language table is among the CSV files ($(basename "$f"))"
	res=$(lang_rows | python3 "$LREF" counts "$f" 5 "$W")
	check "${kind}rapport: language and easy-to-read counts and percents equal SQL's, small cells hidden ($res)" \
		[ "${res%% *}" = ok ]
	check "${kind}rapport: the table has the patients' English and Arabic rows and the easy-to-read rows" \
		[ "$(grep -c '^"\?\(Engelska\|Arabiska\|Lättläst text\|Vanlig text\)"\?,' "$f")" -ge 4 ]
done

# ---- scale scores by language group (patients) ----
f=$(csv_with "$WORK/csv-del" "Skala och svarande" | head -n 1)
if [ -n "$f" ]; then
	res=$(score_rows "$W" | python3 "$LREF" scales "$f" "$SRC/forms/patient.json" "$W")
	check "delrapport: patients' scale n, Md and M by language and easy-to-read equal the reference ($res)" \
		[ "${res%% *}" = ok ]
else
	not_ok "delrapport: patients' scale scores by language group are shown"
fi
check "delrapport: the split's method is stated (no test, and why)" \
	grep -q "Skillnaderna testas inte" "$WORK/del.txt"
i=0
for mo in $(sup "SELECT DISTINCT w.months FROM uppfolj.response r JOIN uppfolj.participant p USING (participant_id)
	JOIN uppfolj.wave w ON w.wave_id = r.wave_id WHERE w.study_id = $LSTUDY AND p.grp = 'patient'
	AND r.status = 'submitted' ORDER BY 1"); do
	i=$((i + 1))
	f=$(csv_with "$WORK/csv-slut" "Skala och svarande" | sed -n "${i}p")
	res=$( [ -n "$f" ] && score_rows "$mo" | python3 "$LREF" scales "$f" "$SRC/forms/patient.json" "$mo")
	check "slutrapport: patients' scale scores by language group at $mo months equal the reference ($res)" \
		[ "${res%% *}" = ok ]
done

# ---- quotes with their language ----
# The demo's Arabic answers are printed as written, shaped and right to
# left (reports/bidi.c), with "(på arabiska)"; a quote from its English
# bank is marked "på engelska" wherever the sample prints one; Swedish ones
# carry no language.
quotes() {
	python3 - "$1" <<'PY'
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
text = " ".join(l for l in lines if "på arabiska)" not in l)
en = ["It helps to talk", "I would like to meet", "The peer supporter listens",
      "Sometimes it is hard", "Thank you. The support", "I have started going"]
q = [(m.group(1), m.group(2) or "") for m in re.finditer(r"”([^”]*)”( \([^)]*\))?", text)]
english = [n for t, n in q if any(t.startswith(b) for b in en)]
swedish_marked = [n for t, n in q if not any(t.startswith(b) for b in en) and "på " in n]
print(sum(1 for l in lines if "på arabiska)" in l),
      sum(1 for n in english if "på engelska" not in n), len(swedish_marked))
PY
}
read -r n_ar_q en_unmarked sv_marked <<<"$(quotes "$WORK/del.txt")"
check "delrapport: Arabic answers are marked '(på arabiska)' ($n_ar_q), English ones marked (unmarked: $en_unmarked), Swedish ones carry no language ($sv_marked)" \
	[ "${n_ar_q:-0}" -gt 0 -a "$en_unmarked" = 0 -a "$sv_marked" = 0 ]
check "delrapport: no Arabic quote is replaced by the note pointing to the export" \
	[ "$(grep -c 'kan inte återges i rapporten' "$WORK/del.txt")" = 0 ]
# Drawn shaped: no Arabic letter (U+0621-064A) is in the text, only their
# presentation forms (U+FB50-FDFF, U+FE70-FEFF) and marks.
check "delrapport: every Arabic letter is drawn in its contextual form (no unshaped letter)" \
	[ "$(python3 -c 'import re, sys; print(len(re.findall("[\u0621-\u064a]", open(sys.argv[1], encoding="utf-8").read())))' "$WORK/del.txt")" = 0 ]
# The Arabic quote lines read back to the stored text. Reference: the
# patients' Arabic free-text answers of wave W from the database (masking
# and de-gendering change none of them: no unit or study names, no
# Swedish pronouns). The line is undone by hand, not by the report's code:
# pdftotext writes a right-to-left run it finds in logical order between
# U+202B and U+202C, so that run is reversed back to the order drawn; then
# the right-to-left line is reversed, its left-to-right runs (Latin letters,
# digits) turned back and the mirrored brackets unmirrored (a mark is drawn
# just left of its letter, so it follows it again), and NFKC maps the
# presentation forms to the letters.
sup "SELECT a.value_text FROM uppfolj.answer a JOIN uppfolj.response r USING (response_id)
	JOIN uppfolj.participant p USING (participant_id) JOIN uppfolj.wave w ON w.wave_id = r.wave_id
	WHERE w.study_id = $LSTUDY AND w.months = $W AND p.grp = 'patient' AND r.lang = 'ar'
	AND r.status = 'submitted' AND NOT r.test AND a.value_text IS NOT NULL" >"$WORK/ar-stored.txt"
res=$(python3 - "$WORK/del.txt" "$WORK/ar-stored.txt" <<'PY'
import re, sys, unicodedata as ud
nfkc = lambda s: ud.normalize("NFKC", s)
stored = {nfkc(l) for l in open(sys.argv[2], encoding="utf-8").read().split("\n") if l}
def drawn(line):
    return re.sub("\u202b([^\u202c]*)\u202c", lambda m: m.group(1)[::-1], line)
def logical(vis):
    s = vis[::-1]
    s = re.sub(r"[0-9A-Za-zÅÄÖåäöé]+(?: [0-9A-Za-zÅÄÖåäöé]+)*", lambda m: m.group(0)[::-1], s)
    return nfkc(s.translate(str.maketrans("()[]", ")(][")))
good = bad = 0
for line in open(sys.argv[1], encoding="utf-8").read().split("\n"):
    if "på arabiska)" not in line:
        continue
    m = re.fullmatch(r"”(.*)” \((?:\d+ svar, )?på arabiska\)", logical(drawn(line)))
    if m and m.group(1) in stored:
        good += 1
    else:
        bad += 1
        sys.stderr.write("not read back: %r -> %r\n" % (line, logical(drawn(line))))
print("ok" if good > 0 and bad == 0 else "bad", good, bad, len(stored))
PY
)
check "delrapport: each Arabic quote line reads back to a stored answer, in order and shaped (read back, not, stored: $res)" \
	[ "${res%% *}" = ok ]
check "delrapport: no language printed as a bare tag" \
	[ "$(grep -c 'språk: ' "$WORK/del.txt")" = 0 ]

# Every Swedish patient text answer of wave W marked as given in English with
# easy-to-read on, for one run, then in Swedish with easy-to-read on: the
# English pat_mer has an easy-to-read text that differs, the Swedish has none
# (forms/translations/patient-2.*.json).
QIDS=$(sup "SELECT string_agg(DISTINCT r.response_id::text, ',') FROM uppfolj.response r
	JOIN uppfolj.participant p USING (participant_id) JOIN uppfolj.wave w ON w.wave_id = r.wave_id
	JOIN uppfolj.answer a ON a.response_id = r.response_id AND a.item_id = 'pat_mer'
	WHERE w.study_id = $LSTUDY AND w.months = $W AND r.lang = 'sv'")
QEASY=$(sup "SELECT coalesce(string_agg(response_id::text, ','), '0') FROM uppfolj.response
	WHERE response_id IN (${QIDS:-0}) AND easy")
if [ -n "$QIDS" ]; then
	sup "UPDATE uppfolj.response SET lang = 'en', easy = true WHERE response_id IN ($QIDS)" >/dev/null
	"$BIN" delrapport --wave "$W" --study "$STUDY" --db "$REPORT_DB" -o "$WORK/del-en.pdf" >/dev/null 2>&1
	sup "UPDATE uppfolj.response SET lang = 'sv' WHERE response_id IN ($QIDS)" >/dev/null
	"$BIN" delrapport --wave "$W" --study "$STUDY" --db "$REPORT_DB" -o "$WORK/del-sveasy.pdf" >/dev/null 2>&1
	sup "UPDATE uppfolj.response SET easy = (response_id IN ($QEASY)) WHERE response_id IN ($QIDS)" >/dev/null
	for k in en sveasy; do txt "$WORK/del-$k.pdf" | grep -v 'på arabiska)' | tr '\n' ' ' | sed 's/.*Patient\/brukare Vill du berätta något mer?//; s/Urval:.*//' >"$WORK/del-$k.quotes"; done
	ne=$(grep -o '” ([^)]*på engelska, lättläst version av frågan)' "$WORK/del-en.quotes" | wc -l)
	nall=$(grep -o '”[^”]*”' "$WORK/del-en.quotes" | wc -l)
	ns=$(grep -c 'lättläst version' "$WORK/del-sveasy.quotes")
	check "delrapport: answers to the English easy-to-read question say so ($ne of $nall quotes; the Arabic ones are left out), Swedish easy-to-read ones do not ($ns)" \
		[ "$ne" -gt 0 -a "$ne" = "$nall" -a "$ns" = 0 ]
else
	not_ok "delrapport: easy-to-read quotes (no Swedish free-text answers in wave $W)"
fi

# ---- suppression of a small language cell ----
# Two Swedish patient responses of wave W answered in Finnish for one run:
# Finnish (2 < 5 in every wave) goes under Övriga språk, which is hidden,
# and a second language count is hidden with it; the language split of
# the scale scores is then not shown, with the line saying why.
FIDS=$(sup "SELECT string_agg(response_id::text, ',') FROM (SELECT r.response_id FROM uppfolj.response r
	JOIN uppfolj.participant p USING (participant_id) JOIN uppfolj.wave w ON w.wave_id = r.wave_id
	WHERE w.study_id = $LSTUDY AND w.months = $W AND p.grp = 'patient' AND r.status = 'submitted'
	AND r.lang = 'sv' AND NOT r.easy ORDER BY r.response_id LIMIT 2) x")
sup "UPDATE uppfolj.response SET lang = 'fi' WHERE response_id IN ($FIDS)" >/dev/null
"$BIN" delrapport --wave "$W" --study "$STUDY" --db "$REPORT_DB" -o "$WORK/del-fi.pdf" \
	--csv "$WORK/csv-fi" --quiet >/dev/null 2>&1
res=$(lang_rows | python3 "$LREF" counts "$(csv_with "$WORK/csv-fi" "Grupp och svarsspråk" | head -n 1)" 5 "$W")
sup "UPDATE uppfolj.response SET lang = 'sv' WHERE response_id IN ($FIDS)" >/dev/null
f=$(csv_with "$WORK/csv-fi" "Grupp och svarsspråk" | head -n 1)
pat=$(sed -n '/^"\?Patient\/brukare/,$p' "$f")
check "small language: Finnish (2) is not named, 'Övriga språk' is hidden" \
	[ -z "$(echo "$pat" | grep -i 'finska')" ] && echo "$pat" | grep -q '^"\?Övriga språk"\?,–,–'
check "small language: a second language count is hidden with it (reference: $res)" \
	[ "${res%% *}" = ok ] && [ "$(echo "$pat" | grep -c '^"\?\(Svenska\|Engelska\|Arabiska\)"\?,–,–')" -ge 1 ]
txt "$WORK/del-fi.pdf" | tr '\n' ' ' >"$WORK/del-fi.txt"
check "small language: the scale scores by language are not shown, and the report says why" \
	grep -q "Skalpoängen efter svarsspråk redovisas inte för $W månader" "$WORK/del-fi.txt"
f=$(csv_with "$WORK/csv-fi" "Skala och svarande" | head -n 1)
check "small language: the easy-to-read split is still shown" \
	[ -n "$f" ] && grep -q '^"\?Lättläst text' "$f" && ! grep -q '^"\?Andra språk' "$f"

# ---- a small easy-to-read cell ----
# With --min-cell one above the patients' easy-to-read count, that count is
# hidden, and the plain-text count (n minus it) with it.
mc=$((n_easy + 1))
"$BIN" delrapport --wave "$W" --study "$STUDY" --db "$REPORT_DB" -o "$WORK/del-mc.pdf" \
	--csv "$WORK/csv-mc" --min-cell "$mc" --quiet >/dev/null 2>&1
f=$(csv_with "$WORK/csv-mc" "Grupp och svarsspråk" | head -n 1)
res=$([ -n "$f" ] && lang_rows | python3 "$LREF" counts "$f" "$mc" "$W")
pat=$([ -n "$f" ] && sed -n '/^"\?Patient\/brukare/,$p' "$f")
check "--min-cell $mc: both easy-to-read counts of the patients hidden, the rest as SQL says ($res)" \
	[ "${res%% *}" = ok ] && [ "$(echo "$pat" | grep -c '^"\?\(Lättläst\|Vanlig\) text"\?,–,–')" = 2 ]
