# SPDX-License-Identifier: ISC
# The qualitative analysis and the evaluators' text in both reports,
# sourced by tests/reports/run.sh (uses its ok/not_ok/check, BIN, BUILD,
# SRC, PGHOST, PGPORT, WORK, ART). Builds disclosure_study.sql's small
# study with qual_study.sql's codings and text in a database of its own,
# withdraws one coded participant, and checks: the delrapport's chapter
# order, the example table, suppression of a kategori and a subkategori
# with fewer than 5 respondents (and of a double coder's units), masked
# and de-gendered quotes, the latest text with its markup, the watermark,
# and the CSV category tables against counts computed here from the base
# tables.

QUAL_DB="uf_report_qual_$$"
QUAL_DIR=$WORK/qual
mkdir -p "$QUAL_DIR"
QUAL_CONN="host=$PGHOST port=$PGPORT dbname=$QUAL_DB user=uppfolj_report"
QSQL() { psql -X -q -At -F '|' -v ON_ERROR_STOP=1 -h "$PGHOST" -p "$PGPORT" -U postgres -d "$QUAL_DB" -c "SET search_path = uppfolj" -c "$1"; }
qual_cleanup() {
	psql -X -q -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres \
		-c "DROP DATABASE IF EXISTS $QUAL_DB" >/dev/null 2>&1
}

if psql -X -q -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -c "CREATE DATABASE $QUAL_DB" >/dev/null 2>&1 &&
   "$BUILD/admin/uppfolj-admin" migrate --db "host=$PGHOST port=$PGPORT dbname=$QUAL_DB user=postgres" \
	--schema "${UF_SCHEMA:-$SRC/schema}" >/dev/null 2>&1 &&
   "$BUILD/admin/uppfolj-admin" forms-load --db "host=$PGHOST port=$PGPORT dbname=$QUAL_DB user=postgres" \
	"$SRC/forms/chef.json" "$SRC/forms/personal.json" "$SRC/forms/peer.json" \
	"$SRC/forms/patient.json" >/dev/null 2>&1 &&
   psql -X -q -v ON_ERROR_STOP=1 -h "$PGHOST" -p "$PGPORT" -U postgres -d "$QUAL_DB" \
	-f "$SRC/tests/reports/disclosure_study.sql" >"$QUAL_DIR/setup.log" 2>&1 &&
   psql -X -q -v ON_ERROR_STOP=1 -h "$PGHOST" -p "$PGPORT" -U postgres -d "$QUAL_DB" \
	-f "$SRC/tests/reports/qual_study.sql" >>"$QUAL_DIR/setup.log" 2>&1 &&
   "$BUILD/admin/uppfolj-admin" mask-names add --study liten --kind namn Lisbeth \
	--db "host=$PGHOST port=$PGPORT dbname=$QUAL_DB user=uppfolj_admin" >>"$QUAL_DIR/setup.log" 2>&1; then
	ok "qual: small study with codings and authored text set up"

	# ---- the evaluators' examples (schema/0026): a transcript each for
	# PS-LIT005 (coded under the subkategori Behov i verksamheten) and
	# PS-LIT010 (under the kod Kvällsarbete), both units chosen as examples
	# through qual_example_set as the admin role. PS-LIT010 withdraws below.
	QSQL "INSERT INTO qual_document (study_id, wave_id, grp, participant_id, title, body)
		SELECT p.study_id, w.wave_id, p.grp, p.participant_id, 'Exempel ' || p.panel_id, x.t
		FROM participant p JOIN wave w ON w.study_id = p.study_id AND w.months = 12
		JOIN (VALUES ('PS-LIT005', 'Vi behövde någon som stod mitt emellan, sa Lisbeth på Vintergatan.'),
			('PS-LIT010', 'Kvällarna blev långa och ensamma i den nya rollen.')) x (panel, t)
		ON x.panel = p.panel_id;
		INSERT INTO qual_unit (document_id, start_pos, end_pos, span, code_id, coder_id)
		SELECT d.document_id, 0, length(d.body), d.body, c.code_id,
			(SELECT user_id FROM app_user WHERE username = 'kodare1')
		FROM qual_document d JOIN qual_code c ON c.name = CASE d.title
			WHEN 'Exempel PS-LIT005' THEN 'Behov i verksamheten' ELSE 'Kvällsarbete' END
		WHERE d.title LIKE 'Exempel PS-LIT0%'" >>"$QUAL_DIR/setup.log" 2>&1
	chosen=$(psql -X -q -At -h "$PGHOST" -p "$PGPORT" -U uppfolj_admin -d "$QUAL_DB" \
		-c "SET search_path = uppfolj" -c "SELECT qual_example_set(d.study_id, u.unit_id, true,
			u.coder_id, 'test:kodare1', 2) FROM qual_unit u JOIN qual_document d USING (document_id)
			WHERE d.title LIKE 'Exempel PS-LIT0%' ORDER BY d.title" 2>>"$QUAL_DIR/setup.log" | tr '\n' '/')
	check "qual: two meaning units chosen as examples (got: $chosen)" \
		[ "$chosen" = "Behov i verksamheten/Riskfaktorer med rollen/" ]

	# withdrawal: PS-LIT010 said "Behov i verksamheten" at 12 and 24 months
	before=$(QSQL "SELECT count(*) FROM qual_unit u JOIN qual_document d USING (document_id)
		JOIN participant p USING (participant_id) WHERE p.panel_id = 'PS-LIT010'")
	"$BUILD/admin/uppfolj-admin" erase --study liten --panel-id PS-LIT010 \
		--db "host=$PGHOST port=$PGPORT dbname=$QUAL_DB user=uppfolj_admin" >>"$QUAL_DIR/setup.log" 2>&1
	after=$(QSQL "SELECT count(*) FROM qual_document WHERE title LIKE '%PS-LIT010%'")
	check "qual: withdrawal erased the participant's $before coded units and transcripts" \
		[ "${before:-0}" -gt 0 -a "$after" = 0 ]
	left=$(QSQL "SELECT string_agg(u.span, '/') FROM qual_example e JOIN qual_unit u USING (unit_id)")
	check "qual: the withdrawal took PS-LIT010's chosen example with it (left: $left)" \
		[ "$left" = "Vi behövde någon som stod mitt emellan, sa Lisbeth på Vintergatan." ]

	"$BIN" delrapport --wave 12 --draft --db "$QUAL_CONN" -o "$QUAL_DIR/del12.pdf" \
		--csv "$QUAL_DIR/csv-del12" --quiet 2>"$QUAL_DIR/del.err"
	rc1=$?
	"$BIN" slutrapport --db "$QUAL_CONN" -o "$QUAL_DIR/slut.pdf" \
		--csv "$QUAL_DIR/csv-slut" --quiet 2>"$QUAL_DIR/slut.err"
	rc2=$?
	if [ $rc1 -eq 0 ] && [ $rc2 -eq 0 ]; then ok "qual: both reports generate"; else
		not_ok "qual: both reports generate" "$(head -c 400 "$QUAL_DIR/del.err" "$QUAL_DIR/slut.err")"; fi
	# the body, after the title page and the contents
	pdftotext -q -f 3 "$QUAL_DIR/del12.pdf" - 2>/dev/null | tr -d '\f' >"$QUAL_DIR/del12.txt"
	pdftotext -q "$QUAL_DIR/slut.pdf" "$QUAL_DIR/slut.txt" 2>/dev/null
	pdftotext -q -layout "$QUAL_DIR/slut.pdf" "$QUAL_DIR/slut.layout" 2>/dev/null
	cp -f "$QUAL_DIR/del12.pdf" "$ART/qual-del12.pdf" 2>/dev/null
	cp -f "$QUAL_DIR/slut.pdf" "$ART/qual-slut.pdf" 2>/dev/null

	# ---- the seed's chapter order: each heading's first line after the last
	prev=0 order_bad=""
	for h in "Sammanfattning" "Bakgrund" "Syfte" "Metod" "Urval" "Datainsamling" \
		"Dataanalys" "Etiska överväganden" "Beskrivning av projektet" "Resultat" \
		"Diskussion" "Metoddiskussion" "Resultatdiskussion" "Referenser" "Bilagor"; do
		at=$(grep -nxF -m1 "$h" "$QUAL_DIR/del12.txt" | cut -d: -f1)
		if [ -z "$at" ] || [ "$at" -le "$prev" ]; then order_bad="$order_bad [$h at ${at:-none}, after $prev]"; fi
		prev=${at:-$prev}
	done
	if [ -z "$order_bad" ]; then ok "qual: delrapport chapters in the seed's order"; else
		not_ok "qual: delrapport chapters in the seed's order" "$order_bad"; fi
	# the Bilagor: one questionnaire per group asked at 12 months, then the information
	flat=$(tr '\n' ' ' <"$QUAL_DIR/del12.txt" | tr -s ' ')
	missing=""
	for b in "Bilaga 1." "Bilaga 2." "Bilaga 3." "Bilaga 4. Information och samtycke"; do
		case $flat in *"$b"*) ;; *) missing="$missing [$b]" ;; esac
	done
	case $flat in *"Bilaga 5."*) missing="$missing [a fifth Bilaga: patients were not asked at 12]" ;; esac
	if [ -z "$missing" ]; then ok "qual: Bilagor hold the three questionnaires of the wave and the information"; else
		not_ok "qual: Bilagor hold the questionnaires and the information" "$missing"; fi

	# ---- Bilaga 4 prints the information texts themselves (forms/info via
	# lib/lang), placeholders filled as the survey fills them at 12 months:
	# questions = items asked at 12 months, minutes = their item types'
	# seconds (likert5, single, integer, date, number 20; multi 30; text 60;
	# vas 15) / 60 rounded up, at least 2 (collect's information page rule,
	# written again here); then the consent question, the languages, and the
	# consents per language and version only where every count is 5 or more
	QSQL "SELECT p.grp, c.lang, c.info_version, count(*) FROM consent c
		JOIN participant p USING (participant_id) JOIN wave w USING (wave_id)
		WHERE w.months = 12 AND NOT w.test AND c.decision = 'given' GROUP BY 1, 2, 3" \
		>"$QUAL_DIR/consents.txt" 2>"$QUAL_DIR/consents.err"
	python3 - "$SRC" "$QUAL_DIR" >"$QUAL_DIR/info.out" 2>&1 <<'PY'
import csv, json, math, os, re, sys
src, d = sys.argv[1], sys.argv[2]
text = open(os.path.join(d, 'del12.txt'), encoding='utf-8').read()
bil = ' '.join(text[text.index('Bilaga 4. Information och samtycke'):].split())
ui = json.load(open(os.path.join(src, 'forms/ui/sv.json'), encoding='utf-8'))['strings']
secs = {'likert5': 20, 'single': 20, 'integer': 20, 'date': 20, 'number': 20,
        'multi': 30, 'text': 60, 'vas': 15}
heads = {'chef': 'Chefer', 'personal': 'Personal', 'peer': 'Peer supporters'}
nouns = {'chef': 'chef', 'personal': 'personal', 'peer': 'peer supporter'}
consents = {}
for line in open(os.path.join(d, 'consents.txt'), encoding='utf-8'):
    g, lang, ver, n = line.rstrip('\n').split('|')
    consents.setdefault(g, []).append((lang, ver, int(n)))
fails, checked = [], 0
for g in ('chef', 'personal', 'peer'):
    form = json.load(open(os.path.join(src, 'forms/%s.json' % g), encoding='utf-8'))
    items = [i for i in form['items'] if 12 in i.get('waves', form['waves'])]
    minutes = max(2, math.ceil(sum(secs[i['type']] for i in items) / 60))
    info = json.load(open(os.path.join(src, 'forms/info/%s.sv.json' % g), encoding='utf-8'))
    fill = {'questions': str(len(items)), 'minutes': str(minutes), 'wave': '1',
            'months': '12', 'contact': ui['info.contact_default']}
    def filled(t):
        return ' '.join(re.sub(r'\{(\w+)\}', lambda m: fill[m.group(1)], t).split())
    want = ['%s: information version %s' % (heads[g], info['version']), filled(info['heading']),
            filled(info['lead']), filled(info['voluntary'])]
    for sec in info['sections']:
        want.append(filled(sec['heading']))
        want += [filled(p) for p in sec['paragraphs']]
    want.append('”%s” med texten ”%s”' % (ui['info.consent_legend'], ui['info.consent_text']))
    rows = consents.get(g, [])
    if rows and all(n >= 5 for _, _, n in rows):
        m = re.search(r'Tabell (\d+)\. Samtycken per språk och version, %s ' % nouns[g], bil)
        if not m:
            fails.append('%s: no consent table' % g)
        else:
            got = list(csv.reader(open(os.path.join(d, 'csv-del12', 'tabell_%02d.csv' % int(m.group(1))), encoding='utf-8')))[1:]
            exp = sorted(['12 månader', l, v, str(n)] for l, v, n in rows)
            if sorted(got) != exp:
                fails.append('%s: consents %s, want %s' % (g, got, exp))
        checked += 1
    elif rows:
        want.append('Antalet samtycken per språk och version redovisas inte för gruppen')
    for w in want:
        checked += 1
        if w not in bil:
            fails.append('%s: missing %r' % (g, w[:80]))
for w in ('Patient/brukare: information', '{questions}', '{contact}', '{months}'):
    checked += 1
    if w in bil:
        fails.append('present: %r' % w)
print('CHECKED %d' % checked)
for f in fails:
    print('FAIL ' + f)
PY
	nchk=$(awk '/^CHECKED/ { print $2 }' "$QUAL_DIR/info.out")
	if [ "${nchk:-0}" -ge 30 ] && ! grep -q '^FAIL' "$QUAL_DIR/info.out" && [ ! -s "$QUAL_DIR/consents.err" ]; then
		ok "qual: Bilaga 4 prints each group's information text from forms/info, filled for 12 months, and the consents per language ($nchk checks)"
	else
		not_ok "qual: Bilaga 4 prints the information texts" "$(head -c 800 "$QUAL_DIR/info.out" "$QUAL_DIR/consents.err")"
	fi
	# the Bilaga's pages to look at (its last mention: the first is the contents)
	bpage=$(for ((i = 1; i <= $(pdfinfo "$QUAL_DIR/del12.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }'); i++)); do
		pdftotext -q -f $i -l $i "$QUAL_DIR/del12.pdf" - | grep -q '^Bilaga 4\. Information' && echo $i; done | tail -n 1)
	[ -n "$bpage" ] && pdftoppm -q -png -r 70 -f "$bpage" -l $((bpage + 2)) "$QUAL_DIR/del12.pdf" "$ART/qual-del12-bilaga4"

	# ---- authored text: the latest version, markup rendered, not shown raw
	bad=""
	case $flat in *"Gammal version"*) bad="$bad [an older version]" ;; esac
	for want in "Peer support är en ny yrkeskategori." "Projektet genomfördes på fyra avdelningar och i två kommuner." \
		"Utvärdering 1: 12 månader" "Urvalet var litet, vilket begränsar slutsatserna." \
		"Reflektion om Rollen peer support: författarna ser ett mönster." \
		"Methodological challenges in qualitative content analysis"; do
		case $flat in *"$want"*) ;; *) bad="$bad [missing: $want]" ;; esac
	done
	grep -qxF "Lokal kontext" "$QUAL_DIR/del12.txt" || bad="$bad [## heading not a line of its own]"
	grep -qE '^## |^- Utvärdering|\*fyra' "$QUAL_DIR/del12.txt" && bad="$bad [markup printed raw]"
	if [ -z "$bad" ]; then ok "qual: the latest version of each text, markup rendered"; else
		not_ok "qual: the latest version of each text, markup rendered" "$bad"; fi

	# ---- suppression: a kategori of 3 respondents, a subkategori of 3 (and
	# of 6 only if the double coder's units were counted)
	bad=""
	for w in "Sällsynt kategori" "Enstaka iakttagelser" "Reflektion om Sällsynt" "Finansiering"; do
		case $flat in *"$w"*) bad="$bad [$w in the PDF]" ;; esac
		cat "$QUAL_DIR"/csv-del12/*.csv | grep -qF "$w" && bad="$bad [$w in the CSV]"
	done
	case $flat in *"En kategori redovisas inte eftersom färre än 5 svarande står bakom den."*) ;;
		*) bad="$bad [no sentence on the hidden kategori]" ;; esac
	case $flat in *"En subkategori redovisas inte eftersom färre än 5 svarande"*) ;;
		*) bad="$bad [no sentence on the hidden subkategori]" ;; esac
	if [ -z "$bad" ]; then ok "qual: a kategori and a subkategori with fewer than 5 respondents are not shown, and the report says so"; else
		not_ok "qual: suppression of small kategorier" "$bad"; fi

	# ---- quotes: masked, de-gendered, as in the example table
	quotes=$(awk '/^Resultat$/ { s = 1 } /^Diskussion$/ { s = 0 } s' "$QUAL_DIR/del12.txt" | tr '\n' ' ' | tr -s ' ')
	bad=""
	for want in "”Hen försvinner på kvällarna på [verksamhet], ingen vet var hen är.” (personal)" \
		"”Chefen brinner för frågan och hen driver den framåt hela tiden.” (personal)" \
		"(peer supporter)"; do
		case $quotes in *"$want"*) ;; *) bad="$bad [missing: $want]" ;; esac
	done
	pron=$(printf '%s' "$quotes" | perl -CSD -ne 'print "$1 " while /(?<![\p{L}\p{N}_])(han|hon|hans|hennes|honom|henne)(?![\p{L}\p{N}_])/gi')
	[ -z "$pron" ] || bad="$bad [pronouns: $pron]"
	for w in Vintergatan VINTERGATANS vintergatans Solrosen Lisbeth; do
		grep -qiF "$w" "$QUAL_DIR/del12.txt" "$QUAL_DIR/slut.txt" "$QUAL_DIR"/csv-*/*.csv && bad="$bad [$w]"
	done
	# a chef cell of 4 respondents: no chef quote
	case $quotes in *"(chef)"*) bad="$bad [a quote from a cell of 4 chefs]" ;; esac
	if [ -z "$bad" ]; then ok "qual: quotes are de-gendered, unit names masked, none from a small cell"; else
		not_ok "qual: quotes are de-gendered and masked" "$bad"; fi

	# ---- the watermark on every page of the draft, on none of the final
	pages=$(pdfinfo "$QUAL_DIR/del12.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
	marked=0
	for ((i = 1; i <= ${pages:-0}; i++)); do
		# the diagonal text comes out a letter a line
		pdftotext -q -raw -f $i -l $i "$QUAL_DIR/del12.pdf" - 2>/dev/null | tr -d '\n' |
			grep -q UTKAST && marked=$((marked + 1))
	done
	spages=$(pdfinfo "$QUAL_DIR/slut.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
	smarked=$(pdftotext -q -raw "$QUAL_DIR/slut.pdf" - 2>/dev/null | tr -d '\n' | grep -o UTKAST | wc -l)
	check "qual: --draft marks all ${pages:-0} pages UTKAST, the final report none of its ${spages:-0}" \
		[ "${pages:-0}" -gt 20 -a "$marked" = "${pages:-0}" -a "$smarked" = 0 ]

	# ---- the example table (Tabell 1 of the seed) and its CSV
	num=$(grep -oE '^Tabell [0-9]+\. Exempel på meningsbärande enhet, subkategori och kategori' \
		"$QUAL_DIR/del12.txt" | head -n1 | awk '{ print $2 }' | tr -d .)
	csv=$(printf '%s/csv-del12/tabell_%02d.csv' "$QUAL_DIR" "${num:-0}")
	if [ -n "$num" ] && head -n1 "$csv" | grep -q '^Meningsbärande enhet,Subkategori,Kategori' &&
	   grep -qF 'Behov i verksamheten,Rollen peer support' "$csv" &&
	   grep -qF 'Chefens engagemang,Påverkansfaktorer för deltagande' "$csv"; then
		ok "qual: the example table: meaning unit, subkategori, kategori (PDF and CSV)"
	else
		not_ok "qual: the example table" "Tabell ${num:-?}: $(head -c 300 "$csv" 2>/dev/null)"
	fi

	# ---- the chosen example in the table, masked; the withdrawn one nowhere;
	# the subkategorier without a chosen example named in the note
	bad=""
	grep -qF '"”Vi behövde någon som stod mitt emellan, sa [namn] på [verksamhet].”",Behov i verksamheten,Rollen peer support' "$csv" ||
		bad="$bad [chosen example not in the table's CSV]"
	case $flat in *"”Vi behövde någon som stod mitt emellan, sa [namn] på [verksamhet].”"*) ;;
		*) bad="$bad [chosen example not in the PDF]" ;; esac
	# the subkategori's automatic pick gave way to the chosen one
	grep -F 'Behov i verksamheten' "$csv" | grep -qF 'glappet' && bad="$bad [automatic example beside the chosen one]"
	grep -qF 'Kvällarna blev långa' "$QUAL_DIR/del12.txt" "$QUAL_DIR/slut.txt" "$QUAL_DIR"/csv-*/*.csv &&
		bad="$bad [the withdrawn participant's example is printed]"
	case $flat in *"Exemplen är valda av utvärderarna, utom för ”Riskfaktorer med rollen”, ”Chefens engagemang”, där ingen valde något"*) ;;
		*) bad="$bad [note naming the automatic examples]" ;; esac
	if [ -z "$bad" ]; then ok "qual: the table shows the evaluators' chosen example (masked), the withdrawn one is gone, the automatic picks are named"; else
		not_ok "qual: chosen examples in the table" "$bad"; fi

	# ---- CSV category tables against counts computed here. The rule
	# (schema/0024 report_qual_unit), written again from the base tables:
	# a unit counts under its subkategori (a kod's parent); on a document of
	# a double-coding set only the set's first coder's units count; a
	# respondent is the participant, or the document when there is none. A
	# cell prints its units when 5 or more distinct respondents stand behind
	# them, "·" when 1-4, "–" when none.
	QSQL "WITH u AS (
		SELECT k.name AS kat, s.name AS sub, d.grp::text AS grp, w.months,
			coalesce('p' || d.participant_id, 'd' || d.document_id) AS who
		FROM qual_unit x JOIN qual_document d USING (document_id)
		JOIN wave w ON w.wave_id = d.wave_id
		JOIN qual_code c ON c.code_id = x.code_id
		JOIN qual_code s ON s.code_id = CASE c.level WHEN 3 THEN c.parent_id ELSE c.code_id END
		JOIN qual_code k ON k.code_id = s.parent_id
		WHERE x.coder_id NOT IN (SELECT coder_b FROM qual_dc_set t JOIN qual_dc_document y
			USING (set_id) WHERE y.document_id = x.document_id))
		SELECT kat, sub, grp, months, count(*), count(DISTINCT who) FROM u GROUP BY 1, 2, 3, 4" \
		>"$QUAL_DIR/truth.txt" 2>"$QUAL_DIR/truth.err"
	QSQL "SELECT k.name, w.months, count(DISTINCT coalesce('p' || d.participant_id, 'd' || d.document_id))
		FROM qual_unit x JOIN qual_document d USING (document_id) JOIN wave w ON w.wave_id = d.wave_id
		JOIN qual_code c ON c.code_id = x.code_id
		LEFT JOIN qual_code p ON p.code_id = c.parent_id
		JOIN qual_code k ON k.code_id = CASE c.level WHEN 1 THEN c.code_id WHEN 2 THEN c.parent_id ELSE p.parent_id END
		WHERE x.coder_id NOT IN (SELECT coder_b FROM qual_dc_set t JOIN qual_dc_document y
			USING (set_id) WHERE y.document_id = x.document_id)
		GROUP BY 1, 2" >"$QUAL_DIR/truth-kat.txt" 2>>"$QUAL_DIR/truth.err"
	python3 - "$QUAL_DIR" >"$QUAL_DIR/check.out" 2>&1 <<'PY'
import csv, glob, os, re, sys
d = sys.argv[1]
truth = {}
for line in open(os.path.join(d, 'truth.txt'), encoding='utf-8'):
    kat, sub, grp, months, units, who = line.rstrip('\n').split('|')
    truth[(kat, sub, grp, int(months))] = (int(units), int(who))
label = {'chef': 'Chefer', 'personal': 'Personal', 'peer': 'Peer supporters',
         'patient': 'Patient/brukare'}
def want(kat, sub, grp, months):
    units, who = truth.get((kat, sub, grp, months), (0, 0))
    return '–' if units == 0 else str(units) if who >= 5 else '·'
def text(pdf):
    return open(os.path.join(d, pdf), encoding='utf-8').read().replace('\n', ' ')
fails, cells = [], 0
# delrapport, 12 months: a column per group
body = text('del12.txt')
tables = re.findall(r'Tabell (\d+)\. Meningsbärande enheter per subkategori och grupp – (.+?), 12 +månader', body)
for num, kat in tables:
    rows = list(csv.reader(open(os.path.join(d, 'csv-del12', 'tabell_%02d.csv' % int(num)), encoding='utf-8')))
    head = rows[0]
    for r in rows[1:]:
        if r[0].startswith('(kodat direkt'):
            continue
        for j, g in enumerate(head[1:], 1):
            grp = [k for k, v in label.items() if v == g][0]
            cells += 1
            if r[j] != want(kat, r[0], grp, 12):
                fails.append('del %s / %s / %s: %s, want %s' % (kat, r[0], g, r[j], want(kat, r[0], grp, 12)))
# slutrapport: a row per group under each subkategori, a column per wave
body = text('slut.txt')
tables = re.findall(r'Tabell (\d+)\. Meningsbärande enheter per subkategori, grupp och mätning – (.+?) (?:Subkategori|Tabell|$)', body)
for num, kat in tables:
    kat = kat.strip()
    rows = list(csv.reader(open(os.path.join(d, 'csv-slut', 'tabell_%02d.csv' % int(num)), encoding='utf-8')))
    waves = [int(h.split()[0]) for h in rows[0][1:]]
    sub = None
    for r in rows[1:]:
        if all(c == '' for c in r[1:]):
            sub = r[0]
            continue
        if sub.startswith('(kodat direkt'):
            continue
        grp = [k for k, v in label.items() if v == r[0]][0]
        for j, mo in enumerate(waves, 1):
            if r[j] == '':
                continue    # the group was not asked in that wave
            cells += 1
            if r[j] != want(kat, sub, grp, mo):
                fails.append('slut %s / %s / %s / %d: %s, want %s' % (kat, sub, r[0], mo, r[j], want(kat, sub, grp, mo)))
# the change table: whether 5 or more distinct respondents (all groups)
# stand behind the kategori at each wave; no counts
kt = {}
for line in open(os.path.join(d, 'truth-kat.txt'), encoding='utf-8'):
    kat, months, who = line.rstrip('\n').split('|')
    kt[(kat, int(months))] = int(who)
m = re.search(r'Tabell (\d+)\. Kategorier per mätning', body)
rows = list(csv.reader(open(os.path.join(d, 'csv-slut', 'tabell_%02d.csv' % int(m.group(1))), encoding='utf-8'))) if m else [[]]
waves = [int(h.split()[0]) for h in rows[0][1:-1]] if m else []
for r in rows[1:]:
    for j, mo in enumerate(waves, 1):
        n = kt.get((r[0], mo), 0)
        w = '–' if n == 0 else 'ja' if n >= 5 else '·'
        cells += 1
        if r[j] != w:
            fails.append('change %s / %d: %s, want %s' % (r[0], mo, r[j], w))
print('CELLS %d' % cells)
for f in fails:
    print('FAIL ' + f)
PY
	ncells=$(awk '/^CELLS/ { print $2 }' "$QUAL_DIR/check.out")
	if [ "${ncells:-0}" -ge 30 ] && ! grep -q '^FAIL' "$QUAL_DIR/check.out" && [ ! -s "$QUAL_DIR/truth.err" ]; then
		ok "qual: all $ncells cells of the CSV category tables match counts computed from the base tables"
	else
		not_ok "qual: CSV category tables match independent counts" "$(head -c 800 "$QUAL_DIR/check.out" "$QUAL_DIR/truth.err")"
	fi

	# ---- the slutrapport: how the kategorier changed across waves
	sflat=$(tr '\n' ' ' <"$QUAL_DIR/slut.layout" | tr -s ' ')
	bad=""
	for want in "Sällsynt kategori · – ja tillkom vid 36 mån" \
		"Rollen peer support ja ja · minskade vid 24 mån; avtog vid 36 mån" \
		"Påverkansfaktorer för deltagande ja ja ja ökade vid 36 mån" "Kategorierna över tid"; do
		case $sflat in *"$want"*) ;; *) bad="$bad [$want]" ;; esac
	done
	if [ -z "$bad" ]; then ok "qual: slutrapport shows kategorier appearing, growing and fading across waves"; else
		not_ok "qual: slutrapport shows change across waves" "missing:$bad"; fi

	# ---- Etiska överväganden: the four principles, versions, the withdrawal (1: fewer than 5)
	bad=""
	for want in "informationskravet, samtyckeskravet, konfidentialitetskravet och nyttjandekravet" \
		"Informationstextens version vid samtycket: 12 månader: test." \
		"har färre än 5 deltagare tagit tillbaka sitt samtycke."; do
		case $flat in *"$want"*) ;; *) bad="$bad [$want]" ;; esac
	done
	if [ -z "$bad" ]; then ok "qual: Etiska överväganden from the principles, the consent versions and the withdrawals"; else
		not_ok "qual: Etiska överväganden" "missing:$bad"; fi

	# pages to look at
	pdftoppm -q -png -r 60 -f 1 -l 1 "$QUAL_DIR/del12.pdf" "$ART/qual-del12-title" 2>/dev/null
else
	not_ok "qual: could not set up database $QUAL_DB" "$(tail -c 400 "$QUAL_DIR/setup.log" 2>/dev/null)"
fi
[ -n "${UF_KEEP:-}" ] || qual_cleanup
