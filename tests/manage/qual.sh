# SPDX-License-Identifier: ISC
# Qualitative coding from the CLI, sourced by tests/manage/run.sh (its
# ok/nok/check/sql helpers, $ADMIN $ADB $ART $TAG): transcripts uploaded
# and each refused upload; a study's REFI-QDA export validated against the
# REFI-QDA Project schema (tests/qual/Project-mrt2019.xsd) with xmllint,
# imported into an empty copy and exported again with nothing lost; each
# refused import (hostile archives included) changes nothing.

QSRC=${UF_SRC:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
QS=qual-$TAG
QD=$ART/qual
mkdir -p "$QD"
qadm() { "$ADMIN" "$1" --db "$ADB" --study "$QS" "${@:2}"; }

# A study of the run's own with one wave and a peer supporter.
sql "INSERT INTO study (slug, name, start_date) VALUES ('$QS', 'Kvalitativ test & <prov>', '2024-01-01');
INSERT INTO wave (study_id, months, opens_on, closes_on)
	SELECT study_id, 12, '2025-01-01', '2025-02-28' FROM study WHERE slug = '$QS';
INSERT INTO unit (study_id, name, kind, huvudman, report_label)
	SELECT study_id, 'Träffpunkten', 'traffpunkt', 'kommun', 'kommun, träffpunkt' FROM study WHERE slug = '$QS';
INSERT INTO participant (study_id, panel_id, grp, unit_id)
	SELECT s.study_id, 'Q-QUAL$$', 'peer', u.unit_id FROM study s JOIN unit u USING (study_id) WHERE s.slug = '$QS';" >/dev/null
QSID=$(sql "SELECT study_id FROM study WHERE slug = '$QS'")
QUSER=qualcli$$
printf '%s\n' "$PW" | "$ADMIN" user-add --db "$ADB" --role evaluator "$QUSER" >/dev/null 2>&1
ndocs() { sql "SELECT count(*) FROM qual_document WHERE study_id = $QSID"; }

# --- uploads -------------------------------------------------------------
printf 'Jag har varit peer supporter i ett år. Det är ”roligt” & svårt.\r\nHen sa: <vänta>.\n' >"$QD/t1.txt"
qadm qual-upload --wave 12 --group peer --panel-id "Q-QUAL$$" --title 'Intervju 1 (syntetisk)' \
	--user "$QUSER" "$QD/t1.txt" >"$QD/up1.out" 2>&1
check "qual-upload stores a transcript tied to a participant" \
	[ "$(sql "SELECT count(*) FROM qual_document d JOIN participant p USING (participant_id)
		WHERE d.study_id = $QSID AND p.panel_id = 'Q-QUAL$$' AND d.body LIKE '%år. Det%'")" = 1 ]
check "CR LF is stored as LF" [ "$(sql "SELECT count(*) FROM qual_document WHERE study_id = $QSID
	AND position(chr(13) in body) > 0")" = 0 ]
printf 'Gruppsamtal med chefer.\nAlla var positiva.\n' >"$QD/t2.txt"
qadm qual-upload --wave 12 --group chef --title 'Anteckning' --user "$QUSER" "$QD/t2.txt" >/dev/null 2>&1
check "qual-upload stores a note without a participant" [ "$(ndocs)" = 2 ]
n0=$(ndocs)
printf 'Hej p\xe5 dig\n' >"$QD/latin1.txt"
qadm qual-upload --wave 12 --group chef --title X --user "$QUSER" "$QD/latin1.txt" >"$QD/bad.out" 2>&1
check "qual-upload refuses text that is not UTF-8" [ $? = 1 ] && grep -q 'inte i UTF-8' "$QD/bad.out"
printf ' \n\t\n' >"$QD/empty.txt"
qadm qual-upload --wave 12 --group chef --title X --user "$QUSER" "$QD/empty.txt" >"$QD/bad.out" 2>&1
check "qual-upload refuses an empty text" [ $? = 1 ] && grep -q 'Texten är tom' "$QD/bad.out"
head -c $((400 * 1024 + 1)) /dev/zero | tr '\0' 'a' >"$QD/big.txt"
qadm qual-upload --wave 12 --group chef --title X --user "$QUSER" "$QD/big.txt" >"$QD/bad.out" 2>&1
check "qual-upload refuses a text over 400 kB" [ $? = 1 ] && grep -q 'för stor' "$QD/bad.out"
printf 'Text med \033[31m styrtecken\n' >"$QD/ctl.txt"
qadm qual-upload --wave 12 --group chef --title X --user "$QUSER" "$QD/ctl.txt" >"$QD/bad.out" 2>&1
check "qual-upload refuses control characters" [ $? = 1 ] && grep -q 'styrtecken' "$QD/bad.out"
qadm qual-upload --wave 12 --group chef --panel-id "Q-QUAL$$" --title X --user "$QUSER" "$QD/t2.txt" >"$QD/bad.out" 2>&1
check "qual-upload refuses a participant of another group" [ $? = 1 ] && grep -q 'Ingen deltagare' "$QD/bad.out"
check "refused uploads store nothing" [ "$(ndocs)" = "$n0" ]

# --- a coded study -----------------------------------------------------------
sql "INSERT INTO qual_code (study_id, level, name) VALUES ($QSID, 1, 'Stöd & <hopp>'), ($QSID, 1, 'Rollen');
INSERT INTO qual_code (study_id, parent_id, level, name)
	SELECT study_id, code_id, 2, 'Glädje \"i\" arbetet' FROM qual_code WHERE study_id = $QSID AND name LIKE 'Stöd%';
INSERT INTO qual_code (study_id, parent_id, level, name)
	SELECT study_id, code_id, 3, 'Roligt' FROM qual_code WHERE study_id = $QSID AND level = 2;
INSERT INTO qual_unit (document_id, start_pos, end_pos, span, condensation, code_id, coder_id)
	SELECT d.document_id, 0, 38, substr(d.body, 1, 38), 'Ett år som peer <supporter> & mer',
		(SELECT code_id FROM qual_code WHERE study_id = $QSID AND name = 'Roligt'),
		(SELECT user_id FROM app_user WHERE username = '$QUSER')
	FROM qual_document d WHERE d.study_id = $QSID AND d.title LIKE 'Intervju%';
INSERT INTO qual_unit (document_id, start_pos, end_pos, span, code_id, coder_id)
	SELECT d.document_id, 39, 66, substr(d.body, 40, 27),
		(SELECT code_id FROM qual_code WHERE study_id = $QSID AND name = 'Rollen'),
		(SELECT user_id FROM app_user WHERE username = '$QUSER')
	FROM qual_document d WHERE d.study_id = $QSID AND d.title LIKE 'Intervju%';
INSERT INTO qual_unit (document_id, start_pos, end_pos, span, coder_id)
	SELECT d.document_id, 0, 5, substr(d.body, 1, 5),
		(SELECT user_id FROM app_user WHERE username = '$QUSER')
	FROM qual_document d WHERE d.study_id = $QSID AND d.title = 'Anteckning';" >/dev/null
nunits() { sql "SELECT count(*) FROM qual_unit m JOIN qual_document d USING (document_id) WHERE d.study_id = $QSID"; }
ncodes() { sql "SELECT count(*) FROM qual_code WHERE study_id = $QSID"; }
check "the coded study has 4 codes and 3 meaning units" [ "$(ncodes) $(nunits)" = "4 3" ]

# --- export, schema, round trip -------------------------------------------
unpack() { rm -rf "$2" && mkdir -p "$2" && (cd "$2" && python3 -c "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall()" "$1"); }
qadm qual-export -o "$QD/a.qdpx" >"$QD/export.out" 2>&1
check "qual-export writes a .qdpx" [ $? = 0 ] && [ -s "$QD/a.qdpx" ]
unpack "$QD/a.qdpx" "$QD/a"
xmllint --noout --schema "$QSRC/tests/qual/Project-mrt2019.xsd" "$QD/a/project.qde" >"$QD/xmllint.out" 2>&1
check "project.qde validates against the REFI-QDA Project schema" [ $? = 0 ]
note <"$QD/xmllint.out"
check "the archive holds project.qde and one Sources/<guid>.txt per text" \
	[ "$(cd "$QD/a" && ls Sources | grep -cE '^[0-9a-f-]{36}\.txt$')" = 2 ]
D1=$(sql "SELECT guid FROM qual_document WHERE study_id = $QSID AND title LIKE 'Intervju%'")
check "a text is in Sources/<guid>.txt as uploaded (CR LF as LF)" \
	cmp -s "$QD/a/Sources/$D1.txt" <(tr -d '\r' <"$QD/t1.txt")
grep -q "plainTextPath=\"internal://$D1.txt\"" "$QD/a/project.qde"
check "plainTextPath names the text" [ $? = 0 ]
grep -q 'name="Stöd &amp; &lt;hopp&gt;"' "$QD/a/project.qde" &&
	grep -q '<Description>Ett år som peer &lt;supporter&gt; &amp; mer</Description>' "$QD/a/project.qde"
check "names and condensations are escaped for XML" [ $? = 0 ]

# An empty copy: the same texts without codes or codings.
sql "DELETE FROM qual_unit WHERE document_id IN (SELECT document_id FROM qual_document WHERE study_id = $QSID);
DELETE FROM qual_code WHERE study_id = $QSID AND level = 3;
DELETE FROM qual_code WHERE study_id = $QSID AND level = 2;
DELETE FROM qual_code WHERE study_id = $QSID;" >/dev/null
check "the copy is empty" [ "$(ncodes) $(nunits)" = "0 0" ]
qadm qual-import --user "$QUSER" "$QD/a.qdpx" >"$QD/import.out" 2>&1
check "qual-import reads the project back" [ $? = 0 ] &&
	grep -q 'codes added: 4, meaning units added: 3, already there: 0' "$QD/import.out"
qadm qual-export -o "$QD/b.qdpx" >/dev/null 2>&1
unpack "$QD/b.qdpx" "$QD/b"
check "export, import into an empty copy, export again: the same project.qde" \
	cmp -s "$QD/a/project.qde" "$QD/b/project.qde"
diff "$QD/a/project.qde" "$QD/b/project.qde" | head -20 | note
check "... and the same texts" diff -r "$QD/a/Sources" "$QD/b/Sources"
qadm qual-import --user "$QUSER" "$QD/a.qdpx" >"$QD/import2.out" 2>&1
check "importing the same project again adds nothing" \
	grep -q 'codes added: 0, meaning units added: 0, already there: 3' "$QD/import2.out"

# --- refused imports --------------------------------------------------------
# mkzip OUT NAME=FILE...: an archive of the given entries (python3 zipfile).
mkzip() {
	python3 - "$@" <<'PY'
import sys, zipfile
out = sys.argv[1]
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for arg in sys.argv[2:]:
        name, path = arg.split('=', 1)
        z.writestr(zipfile.ZipInfo(name), open(path, 'rb').read(), zipfile.ZIP_DEFLATED)
PY
}
srcs=()
for f in "$QD"/a/Sources/*.txt; do srcs+=("Sources/$(basename "$f")=$f"); done
state() { echo "$(ncodes) $(nunits)"; }
S0=$(state)
# refused NAME MESSAGE FILE: qual-import exits 1 with MESSAGE and changes nothing.
refused() {
	qadm qual-import --user "$QUSER" "$3" >"$QD/refused.out" 2>&1
	local st=$?
	if [ $st = 1 ] && grep -q "$2" "$QD/refused.out" && [ "$(state)" = "$S0" ]; then ok "$1"
	else nok "$1 (exit $st)"; note <"$QD/refused.out"; fi
}
cp "$QD/t1.txt" "$QD/notzip.qdpx"
refused "qual-import refuses a file that is not a zip" 'inte ett .qdpx-arkiv' "$QD/notzip.qdpx"
mkzip "$QD/trav.qdpx" "project.qde=$QD/a/project.qde" "../evil.txt=$QD/t1.txt" "${srcs[@]}"
refused "qual-import refuses an entry with ../ (path traversal)" 'utanför' "$QD/trav.qdpx"
mkzip "$QD/abs.qdpx" "project.qde=$QD/a/project.qde" "/etc/evil.txt=$QD/t1.txt" "${srcs[@]}"
refused "qual-import refuses an absolute entry name" 'utanför' "$QD/abs.qdpx"
mkzip "$QD/other.qdpx" "project.qde=$QD/a/project.qde" "Sources/../../x.txt=$QD/t1.txt"
refused "qual-import refuses Sources/../ names" 'utanför' "$QD/other.qdpx"
mkzip "$QD/noqde.qdpx" "${srcs[@]}"
refused "qual-import refuses an archive without project.qde" 'saknar project.qde' "$QD/noqde.qdpx"
# A zip bomb: 64 MB of zeros packs into some 64 kB.
head -c $((64 * 1024 * 1024)) /dev/zero >"$QD/zeros"
mkzip "$QD/bomb.qdpx" "project.qde=$QD/a/project.qde" "Sources/$D1.txt=$QD/zeros"
rm -f "$QD/zeros"
check "the bomb is small packed ($(stat -c %s "$QD/bomb.qdpx") bytes)" [ "$(stat -c %s "$QD/bomb.qdpx")" -lt 1000000 ]
refused "qual-import refuses an entry that unpacks over its limit (zip bomb)" 'för stor' "$QD/bomb.qdpx"
truncate -s $((64 * 1024 * 1024 + 1)) "$QD/huge.qdpx"
refused "qual-import refuses a file over 64 MB" 'too big' "$QD/huge.qdpx"
rm -f "$QD/huge.qdpx"
# project.qde variants
qde() { sed "$1" "$QD/a/project.qde" >"$QD/v.qde" && mkzip "$QD/v.qdpx" "project.qde=$QD/v.qde" "${srcs[@]}"; }
{ printf '<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
  sed 1d "$QD/a/project.qde" | sed 's|origin="uppfolj"|origin="\&b;"|'; } >"$QD/v.qde"
mkzip "$QD/v.qdpx" "project.qde=$QD/v.qde" "${srcs[@]}"
refused "qual-import refuses a DOCTYPE with entities" 'utan DOCTYPE' "$QD/v.qdpx"
qde 's|urn:QDA-XML:project:1.0|urn:example:other|'
refused "qual-import refuses another namespace" 'inte ett REFI-QDA-projekt' "$QD/v.qdpx"
qde 's|<Project |<Projekt |; s|</Project>|</Projekt>|'
refused "qual-import refuses another root element" 'inte ett REFI-QDA-projekt' "$QD/v.qdpx"
qde 's|<Sources>|<Sources|'
refused "qual-import refuses malformed XML" 'inte ett REFI-QDA-projekt' "$QD/v.qdpx"
U1=$(grep -o 'PlainTextSelection guid="[^"]*" startPosition="0" endPosition="38"' "$QD/a/project.qde" | head -1)
qde "s|endPosition=\"38\"|endPosition=\"9999\"|"
refused "qual-import refuses a selection beyond the text" 'utanför texten' "$QD/v.qdpx"
qde "s|endPosition=\"38\"|endPosition=\"-1\"|"
refused "qual-import refuses a negative position" 'ogiltig guid eller position' "$QD/v.qdpx"
CG=$(sql "SELECT guid FROM qual_code WHERE study_id = $QSID AND name = 'Roligt'")
UG=$(printf '%s' "$U1" | sed 's/.*guid="\([^"]*\)".*/\1/')
qde "s|guid=\"$UG\"|guid=\"00000000-0000-4000-8000-0000000000d1\"|; s|<CodeRef targetGUID=\"$CG\"|<CodeRef targetGUID=\"00000000-0000-4000-8000-000000000000\"|"
refused "qual-import refuses a coding of an unknown code" 'kod som inte finns' "$QD/v.qdpx"
qde "s|TextSource guid=\"$D1\"|TextSource guid=\"00000000-0000-4000-8000-00000000000a\"|"
refused "qual-import refuses a text that is not the study's" 'finns inte i studien' "$QD/v.qdpx"
qde 's|<Code guid="'"$CG"'" name="Roligt" isCodable="true"/>|<Code guid="'"$CG"'" name="Roligt" isCodable="true"><Code guid="00000000-0000-4000-8000-0000000000b4" name="Fyra" isCodable="true"/></Code>|'
refused "qual-import refuses a fourth level of codes" 'fler än tre nivåer' "$QD/v.qdpx"
# a changed text: offsets would not fit
printf 'Annan text.\n' >"$QD/changed.txt"
chg=()
for s in "${srcs[@]}"; do case $s in "Sources/$D1.txt="*) chg+=("Sources/$D1.txt=$QD/changed.txt") ;; *) chg+=("$s") ;; esac; done
mkzip "$QD/v.qdpx" "project.qde=$QD/a/project.qde" "${chg[@]}"
refused "qual-import refuses a text changed in the file" 'har ändrats' "$QD/v.qdpx"
# a new unit with a bad one later: the good one is not kept either
qde "s|$U1|PlainTextSelection guid=\"00000000-0000-4000-8000-0000000000c1\" startPosition=\"1\" endPosition=\"3\"/><PlainTextSelection guid=\"00000000-0000-4000-8000-0000000000c2\" startPosition=\"5\" endPosition=\"99999\"/><$U1|"
refused "a refused import writes nothing, not even its good part" 'utanför texten' "$QD/v.qdpx"

# Withdrawal takes the transcript and its codings; the note stays.
"$ADMIN" erase --db "$ADB" --study "$QS" --panel-id "Q-QUAL$$" >"$QD/erase.out" 2>&1
check "erasing the participant removes their transcript and its meaning units" \
	[ "$(sql "SELECT count(*) FROM qual_document WHERE study_id = $QSID AND title LIKE 'Intervju%'") $(nunits)" = "0 1" ]
note <"$QD/erase.out"
