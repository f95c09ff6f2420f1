# SPDX-License-Identifier: ISC
# The printable questionnaire, sourced by tests/reports/run.sh (uses its
# ok/not_ok/check/expect, BIN, SRC, WORK, ART, REPORT_DB, q). Prints
# forms/patient.json from the file and the same version from the database,
# and reads the PDFs back with pdftotext: every item's text and options,
# "Vet ej" / "Vill inte svara" where offered, the required marks, the skip
# condition in words and the Bilaga heading. Bad options are refused.

QDIR=$WORK/questionnaire
mkdir -p "$QDIR"
PATIENT_V=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' \
	"$SRC/forms/patient.json")

"$BIN" questionnaire --form "$SRC/forms/patient.json" -o "$QDIR/file.pdf" --quiet 2>"$QDIR/file.err"
check "questionnaire --form forms/patient.json writes a PDF" [ -s "$QDIR/file.pdf" ]
"$BIN" questionnaire --instrument patient --version "$PATIENT_V" --db "$REPORT_DB" \
	--bilaga "Bilaga 2" -o "$QDIR/db.pdf" --quiet 2>"$QDIR/db.err"
check "questionnaire --instrument patient --version $PATIENT_V reads the database" [ -s "$QDIR/db.pdf" ]
pdftotext -q "$QDIR/file.pdf" "$QDIR/file.txt" 2>/dev/null
# with -layout the number stays on its question's line
pdftotext -q -layout "$QDIR/file.pdf" "$QDIR/file-layout.txt" 2>/dev/null
pdftotext -q "$QDIR/db.pdf" "$QDIR/db.txt" 2>/dev/null

# Every item's text (with * when required), options, likert labels and
# Vet ej / Vill inte svara, and the skip condition, from the JSON itself.
res=$(python3 - "$SRC/forms/patient.json" "$QDIR/file.txt" "$QDIR/file-layout.txt" <<'PY'
import json, re, sys
f = json.load(open(sys.argv[1], encoding="utf-8"))
text = re.sub(r"\s+", " ", open(sys.argv[2], encoding="utf-8").read())
layout = re.sub(r"\s+", " ", open(sys.argv[3], encoding="utf-8").read())
LIKERT = ["Stämmer inte alls", "Stämmer ganska dåligt", "Stämmer delvis",
          "Stämmer ganska bra", "Stämmer helt"]
missing = []
def want(s, what):
    if re.sub(r"\s+", " ", s) not in text:
        missing.append("%s: %s" % (what, s[:60]))
items = f["items"]
number = {it["id"]: k + 1 for k, it in enumerate(items)}
pos = 0
for k, it in enumerate(items):
    q = "%d. %s%s" % (k + 1, it["sv"], " *" if it.get("required") else "")
    at = layout.find(q, pos)
    if at < 0:
        missing.append("question in order: %s" % q[:60])
    else:
        pos = at
    for o in it.get("options", []):
        want(o["sv"], it["id"] + " option")
    if it["type"] == "likert5":
        for l in LIKERT:
            want(l, it["id"] + " likert")
    if it.get("dont_know"):
        want("Vet ej / ej aktuellt", it["id"])
    if it.get("decline"):
        want("Vill inte svara", it["id"])
    c = it.get("show_if")
    if c and "in" in c:
        ref = next(x for x in items if x["id"] == c["item"])
        words = ['”%s (%s)”' % (v, LIKERT[int(v) - 1]) if ref["type"] == "likert5" else
                 '”%s”' % next(o["sv"] for o in ref["options"] if o["code"] == v) for v in c["in"]]
        cond = "Besvaras bara om svaret på fråga %d är %s." % (
            number[c["item"]], ", ".join(words[:-1]) + " eller " + words[-1] if len(words) > 1 else words[0])
        want(cond, it["id"] + " condition")
want(f["title"]["sv"], "title")
want(f["intro"]["sv"], "intro")
conds = sum(1 for it in items if "show_if" in it)
print(len(items), conds, len(missing))
for m in missing[:8]:
    print("#", m)
PY
)
read -r qitems qconds qmissing <<<"$(head -n 1 <<<"$res")"
if [ "${qitems:-0}" -gt 10 ] && [ "${qconds:-0}" -ge 1 ] && [ "${qmissing:-1}" = 0 ]; then
	ok "questionnaire: all $qitems patient items in order with * when required, their options, Vet ej/Vill inte svara where offered, $qconds skip condition(s) in words"
else
	not_ok "questionnaire: every patient item, option and skip condition is printed" "$(tail -n +2 <<<"$res" | head -c 600)"
fi
# the condition of the patient form in plain words (a reference written out)
flat=$(tr '\n' ' ' <"$QDIR/file.txt" | tr -s ' ')
case $flat in
*"Besvaras bara om svaret på fråga "*" är ”1 (Stämmer inte alls)” eller ”2 (Stämmer ganska dåligt)”."*)
	ok "questionnaire: pat_varfor_inte's skip condition reads as words (1 or 2 on the earlier question)" ;;
*) not_ok "questionnaire: pat_varfor_inte's skip condition reads as words" ;;
esac
# the same version from the database: the same questionnaire, with the label
sed 's/ · Bilaga 2//' "$QDIR/db.txt" | grep -v '^Bilaga 2\. ' >"$QDIR/db-nolabel.txt"
grep -v "^$(head -n 1 "$QDIR/file.txt")\$" "$QDIR/file.txt" >"$QDIR/file-notitle.txt"
grep -v "^$(head -n 1 "$QDIR/file.txt")\$" "$QDIR/db-nolabel.txt" >"$QDIR/db-notitle.txt"
check "questionnaire: the stored version prints the same questions as the file" \
	cmp -s "$QDIR/file-notitle.txt" "$QDIR/db-notitle.txt"
title=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["title"]["sv"])' "$SRC/forms/patient.json")
check "questionnaire --bilaga \"Bilaga 2\": the heading reads \"Bilaga 2. $title\"" \
	grep -qF "Bilaga 2. $title" "$QDIR/db.txt"
check "questionnaire: each page says which instrument and version (footer)" \
	grep -qF "Frågeformulär patient, version $PATIENT_V · Bilaga 2" "$QDIR/db.txt"
# every instrument prints (the staff forms have more item kinds and conditions)
allok=1
for f in chef personal peer; do
	"$BIN" questionnaire --form "$SRC/forms/$f.json" -o "$QDIR/$f.pdf" --quiet 2>>"$QDIR/all.err" &&
		pdftotext -q "$QDIR/$f.pdf" - | tr '\n' ' ' | tr -s ' ' | grep -q "Besvaras bara om svaret på fråga" ||
		allok=0
done
check "questionnaire: chef, personal and peer print, each with its skip conditions in words" [ $allok = 1 ]

expect "questionnaire: --bilaga over 60 bytes exits 2" 2 "short label" -- \
	"$BIN" questionnaire --form "$SRC/forms/patient.json" -o "$QDIR/x.pdf" \
	--bilaga "$(printf 'B%.0s' $(seq 61))"
expect "questionnaire: --bilaga with a line break exits 2" 2 "short label" -- \
	"$BIN" questionnaire --form "$SRC/forms/patient.json" -o "$QDIR/x.pdf" --bilaga "$(printf 'Bilaga\n2')"
expect "questionnaire: --bilaga that is not UTF-8 exits 2" 2 "short label" -- \
	"$BIN" questionnaire --form "$SRC/forms/patient.json" -o "$QDIR/x.pdf" --bilaga "$(printf 'Bilaga \xff')"
expect "questionnaire: both --form and --instrument exits 2" 2 "name the instrument" -- \
	"$BIN" questionnaire --form "$SRC/forms/patient.json" --instrument patient --version 1
expect "questionnaire: --instrument without --version exits 2" 2 "needs --version" -- \
	"$BIN" questionnaire --instrument patient --db "$REPORT_DB"
expect "questionnaire: --version 0 exits 2" 2 "whole number" -- \
	"$BIN" questionnaire --instrument patient --version 0 --db "$REPORT_DB"
expect "questionnaire: a version that is not loaded exits 1 and says so" 1 "no instrument \"patient\" version 999 is loaded" -- \
	"$BIN" questionnaire --instrument patient --version 999 --db "$REPORT_DB" -o "$QDIR/x.pdf"
expect "questionnaire: an instrument file that does not parse exits 1" 1 "." -- \
	"$BIN" questionnaire --form "$SRC/tests/forms/invalid/$(ls "$SRC/tests/forms/invalid" | grep -m1 '\.json$')" -o "$QDIR/x.pdf"
check "questionnaire: no PDF is left by a refused run" [ ! -e "$QDIR/x.pdf" ]

# pages to look at
pdftoppm -q -png -r 60 "$QDIR/db.pdf" "$ART/questionnaire-patient" 2>/dev/null
pdftoppm -q -png -r 60 -f 1 -l 2 "$QDIR/personal.pdf" "$ART/questionnaire-personal" 2>/dev/null
cp -f "$QDIR/db.pdf" "$ART/questionnaire-patient.pdf" 2>/dev/null
