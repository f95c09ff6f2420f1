#!/bin/bash
# SPDX-License-Identifier: ISC
# End-to-end tests of uppfolj-report against the demo study (TAP). Run by
# tests/run-all.sh with UF_SRC UF_BUILD UF_PGHOST UF_PGPORT UF_DB UF_ARTIFACTS;
# standalone, export those yourself (the demo study must be loaded, and the
# socket must accept the roles uppfolj_report and postgres without password).
# UF_KEEP=1 keeps the work folder (PDFs, CSVs, texts) for a look afterwards.
set -u

SRC=${UF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${UF_BUILD:?set UF_BUILD to the build folder}
PGHOST=${UF_PGHOST:?set UF_PGHOST (socket folder)}
PGPORT=${UF_PGPORT:?set UF_PGPORT}
DBNAME=${UF_DB:-uppfolj}
ART=${UF_ARTIFACTS:-$(mktemp -d)}
BIN=$BUILD/reports/uppfolj-report
[ -x "$BIN" ] || { echo "Bail out! $BIN not built"; exit 1; }
mkdir -p "$ART" || exit 1

REPORT_DB="host=$PGHOST port=$PGPORT dbname=$DBNAME user=uppfolj_report"
WORK=$(mktemp -d)
EMPTY_DB="uf_report_empty_$$"
trap 'rm -rf "$WORK"; psql -X -q -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -c "DROP DATABASE IF EXISTS $EMPTY_DB" >/dev/null 2>&1' EXIT

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; [ -n "${2:-}" ] && printf '# %s\n' "$2"; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name"; fi; }

# read-only queries as the report role
q() { psql -X -q -A -t -h "$PGHOST" -p "$PGPORT" -U uppfolj_report -d "$DBNAME" -c "$1"; }
txt() { pdftotext -q "$1" - 2>/dev/null; }
layout() { pdftotext -q -layout "$1" - 2>/dev/null; }

STUDY=$(q "SELECT slug FROM study WHERE synthetic ORDER BY study_id LIMIT 1")
[ -n "$STUDY" ] || { echo "Bail out! no synthetic study in $DBNAME (run uppfolj-admin demo)"; exit 1; }
W=$(q "SELECT months FROM wave w JOIN study s USING (study_id) WHERE s.slug = '$STUDY' ORDER BY months OFFSET 1 LIMIT 1")
[ -n "$W" ] || W=24
echo "# study $STUDY, delrapport wave $W"

DEL=$WORK/delrapport-$W.pdf
SLUT=$WORK/slutrapport.pdf

# ---- both reports generate ------------------------------------------------
"$BIN" delrapport --wave "$W" --study "$STUDY" --db "$REPORT_DB" -o "$DEL" \
	--csv "$WORK/csv-del" --quiet 2>"$WORK/del.err"
rc=$?
if [ $rc -eq 0 ] && [ -s "$DEL" ]; then ok "delrapport --wave $W generates"; else
	not_ok "delrapport --wave $W generates" "rc=$rc $(head -c 400 "$WORK/del.err")"; fi
"$BIN" slutrapport --study "$STUDY" --db "$REPORT_DB" -o "$SLUT" \
	--csv "$WORK/csv-slut" --quiet 2>"$WORK/slut.err"
rc=$?
if [ $rc -eq 0 ] && [ -s "$SLUT" ]; then ok "slutrapport generates"; else
	not_ok "slutrapport generates" "rc=$rc $(head -c 400 "$WORK/slut.err")"; fi
cp -f "$DEL" "$SLUT" "$ART/" 2>/dev/null
txt "$DEL" >"$WORK/del.txt"
txt "$SLUT" >"$WORK/slut.txt"
layout "$DEL" >"$WORK/del.layout"
layout "$SLUT" >"$WORK/slut.layout"

# ---- fonts ------------------------------------------------------------------
for f in "$DEL" "$SLUT"; do
	pdffonts "$f" 2>/dev/null >"$WORK/fonts"
	if grep -q 'DejaVuSans,Book.*yes *yes' "$WORK/fonts" &&
	   grep -q 'DejaVuSans-Bold.*yes *yes' "$WORK/fonts"; then
		ok "$(basename "$f") embeds DejaVu Sans and Bold"
	else
		not_ok "$(basename "$f") embeds DejaVu Sans and Bold" "$(cat "$WORK/fonts")"
	fi
done

# ---- headings ---------------------------------------------------------------
missing=""
for h in "Innehåll" "Sammanfattning" "Metod" "Skalor" "Fritextsvar" \
	"Syntetiska data – demostudie" "Delrapport – mätningen $W månader" \
	"Störst instämmande" "Minst instämmande"; do
	grep -qF "$h" "$WORK/del.txt" || missing="$missing [$h]"
done
# every theme of the instruments asked in the wave is a chapter
while IFS= read -r theme; do
	[ -n "$theme" ] && { grep -qF "$theme" "$WORK/del.txt" || missing="$missing [$theme]"; }
done < <(q "SELECT DISTINCT t->>'sv' FROM wave_instrument wi JOIN wave w USING (wave_id)
	JOIN study s USING (study_id) JOIN instrument i USING (instrument_id, version),
	jsonb_array_elements(i.definition->'themes') t WHERE s.slug = '$STUDY' AND w.months = $W")
if [ -z "$missing" ]; then ok "delrapport has its headings and theme chapters"; else
	not_ok "delrapport has its headings and theme chapters" "missing:$missing"; fi

missing=""
for h in "Innehåll" "Sammanfattning" "Metod" "De största förändringarna" \
	"Slutrapport – förändring över tid" "Parad (Wilcoxon)" "Jämförelser över tid" \
	"Oparad (Mann–Whitney U)" \
	"medelvärde per grupp och mätning"; do
	tr '\n' ' ' <"$WORK/slut.txt" | tr -s ' ' | grep -qF "$h" || missing="$missing [$h]"
done
if [ -z "$missing" ]; then ok "slutrapport has its headings, paired tests and trend charts"; else
	not_ok "slutrapport has its headings, paired tests and trend charts" "missing:$missing"; fi

# ---- counts agree with SQL ----------------------------------------------------
bad=""
while IFS='|' read -r grp label cnt; do
	[ -z "$grp" ] && continue
	if [ "$cnt" -ge 5 ]; then
		grep -qF "$label (n = $cnt)" "$WORK/del.txt" || bad="$bad [$label (n = $cnt)]"
	fi
done < <(q "SELECT p.grp, CASE p.grp WHEN 'chef' THEN 'Chefer' WHEN 'personal' THEN 'Personal'
	WHEN 'peer' THEN 'Peer supporters' ELSE 'Patient/brukare' END, count(*)
	FROM response r JOIN participant p USING (participant_id) JOIN wave w USING (wave_id)
	JOIN study s ON s.study_id = w.study_id
	WHERE s.slug = '$STUDY' AND w.months = $W AND r.status = 'submitted' GROUP BY p.grp")
if [ -z "$bad" ]; then ok "delrapport group sizes match SQL counts"; else
	not_ok "delrapport group sizes match SQL counts" "not found:$bad"; fi

total=$(q "SELECT count(*) FROM response r JOIN wave w USING (wave_id) JOIN study s
	ON s.study_id = w.study_id WHERE s.slug = '$STUDY' AND w.months = $W AND r.status = 'submitted'")
if grep -E "^ *Totalt +[0-9]+ +$total( |$)" "$WORK/del.layout" >/dev/null; then
	ok "delrapport participation total is $total as in SQL"
else
	not_ok "delrapport participation total is $total as in SQL" "$(grep -m3 Totalt "$WORK/del.layout")"
fi

bad=""
while IFS='|' read -r months answered; do
	[ -z "$months" ] && continue
	[ "$answered" -ge 5 ] || continue
	grep -qE "(^| )$answered \([0-9]+ %\)" "$WORK/slut.layout" || bad="$bad [$months: $answered]"
done < <(q "SELECT w.months, count(*) FROM response r JOIN participant p USING (participant_id)
	JOIN wave w USING (wave_id) JOIN study s ON s.study_id = w.study_id
	WHERE s.slug = '$STUDY' AND r.status = 'submitted' AND p.grp = 'personal' GROUP BY 1")
if [ -z "$bad" ]; then ok "slutrapport respondents per wave match SQL (personal)"; else
	not_ok "slutrapport respondents per wave match SQL (personal)" "not found:$bad"; fi

# ---- privacy ------------------------------------------------------------------
leaks=""
while IFS= read -r name; do
	[ -z "$name" ] && continue
	for f in "$WORK/del.txt" "$WORK/slut.txt"; do
		grep -qiF "$name" "$f" && leaks="$leaks [$name in $(basename "$f")]"
	done
	cat "$WORK"/csv-*/*.csv 2>/dev/null | grep -qiF "$name" && leaks="$leaks [$name in CSV]"
done < <(q "SELECT u.name FROM unit u JOIN study s USING (study_id) WHERE s.slug = '$STUDY'")
if [ -z "$leaks" ]; then ok "no unit name appears in the PDFs or CSVs"; else
	not_ok "no unit name appears in the PDFs or CSVs" "$leaks"; fi

raw=$(q "SELECT count(*) FROM answer a JOIN response r USING (response_id) JOIN wave w USING (wave_id)
	JOIN study s ON s.study_id = w.study_id WHERE s.slug = '$STUDY' AND w.months = $W
	AND a.value_text ~* '\m(han|hon|hans|hennes|honom|henne)\M'")
pron() { perl -CSD -ne 'print if /(?<![\p{L}\p{N}_])(han|hon|hans|hennes|honom|henne)(?![\p{L}\p{N}_])/i' "$@"; }
found=$(pron "$WORK/del.txt" "$WORK/slut.txt" | head -n 3)
if [ -z "$found" ] && [ "${raw:-0}" -gt 0 ] && grep -qiw "hen\|hens" "$WORK/del.txt"; then
	ok "no han/hon/hans/hennes/honom/henne in the reports ($raw raw answers had them; hen is printed)"
else
	not_ok "no han/hon/hans/hennes/honom/henne in the reports" "raw=$raw found: $found"
fi

# A group below --min-cell shows no figures.
HIGH=$WORK/high.pdf
"$BIN" delrapport --wave "$W" --study "$STUDY" --db "$REPORT_DB" -o "$HIGH" \
	--min-cell 1000 --csv "$WORK/csv-high" --quiet 2>"$WORK/high.err"
rc=$?
txt "$HIGH" >"$WORK/high.txt"
if [ $rc -eq 0 ] && grep -qF "färre än 1000 svar" "$WORK/high.txt" &&
   ! grep -qE "\(n = [0-9]+\)|n=[0-9]+" "$WORK/high.txt" &&
   ! grep -qF "Stämmer ganska bra" "$WORK/high.txt" &&
   ! awk '/^\f?Fritextsvar$/ { s = 1; b = ""; next } s { b = b $0 "\n" } END { printf "%s", b }' \
	"$WORK/high.txt" | grep -q "^”" &&
   ! grep -hE '(^|,)[0-9]+,[0-9]+,' "$WORK"/csv-high/*.csv | grep -v '^Grupp' | grep -qv '–' ; then
	ok "--min-cell 1000: groups say \"färre än 1000 svar\" and show no figures, bars or quotes"
else
	not_ok "--min-cell 1000: groups say \"färre än 1000 svar\" and show no figures, bars or quotes" \
		"rc=$rc $(grep -m3 -E '\(n = |n=' "$WORK/high.txt")"
fi
# the slutrapport too
"$BIN" slutrapport --study "$STUDY" --db "$REPORT_DB" -o "$WORK/high-slut.pdf" --min-cell 1000 --quiet
rc=$?
txt "$WORK/high-slut.pdf" >"$WORK/high-slut.txt"
if [ $rc -eq 0 ] && grep -qF "Ingen jämförelse visade" "$WORK/high-slut.txt" &&
   ! grep -qF "Parad (Wilcoxon)" "$WORK/high-slut.txt" &&
   ! grep -qE "[0-9],[0-9]{2} – [0-9],[0-9]{2}" "$WORK/high-slut.txt"; then
	ok "slutrapport --min-cell 1000 shows no means, intervals or tests"
else
	not_ok "slutrapport --min-cell 1000 shows no means, intervals or tests" "rc=$rc"
fi

# ---- CSV matches the PDF ----------------------------------------------------------
# Every row of every CSV table: its figures (all cells after the first) must
# appear in that order on one line of the PDF's text layout.
csv_check() {
	perl -CSD -e '
		use utf8;
		my ($layout, @files) = @ARGV;
		open my $fh, "<:encoding(UTF-8)", $layout or die;
		my @lines = <$fh>; close $fh;
		my ($rows, $bad) = (0, 0);
		for my $f (@files) {
			open my $c, "<:encoding(UTF-8)", $f or die;
			local $/; my $data = <$c>; close $c;
			my @recs; my @fld; my $cur = ""; my $inq = 0;
			for (my $i = 0; $i < length $data; $i++) {
				my $ch = substr($data, $i, 1);
				if ($inq) {
					if ($ch eq "\"") {
						if (substr($data, $i + 1, 1) eq "\"") { $cur .= "\""; $i++ }
						else { $inq = 0 }
					} else { $cur .= $ch }
				} elsif ($ch eq "\"") { $inq = 1 }
				elsif ($ch eq ",") { push @fld, $cur; $cur = "" }
				elsif ($ch eq "\r") { }
				elsif ($ch eq "\n") { push @fld, $cur; push @recs, [@fld]; @fld = (); $cur = "" }
				else { $cur .= $ch }
			}
			shift @recs;   # header
			for my $r (@recs) {
				# the figures: numbers, "–", "5 par", "6 + 8", "3,1 – 4,2",
				# "12 → 36", "65 (98 %)"; words may wrap differently
				my @v = grep { /^[-+<>→–\d\s,.%()]+$/ || /^\d+ par$/ }
				    grep { $_ ne "" } @$r[1 .. $#$r];
				next unless @v && grep { /\d/ } @v;
				$rows++;
				# words between the figures (e.g. "Parad (Wilcoxon)") may sit
				# between them on the line
				my $re = join("(?:\\s+|\\s.*?\\s)", map { my $x = quotemeta; $x =~ s/\\ /\\s*/g; $x } @v);
				unless (grep { /(^|\s)$re(\s|$)/ } @lines) {
					$bad++;
					print STDERR "# $f: @v\n" if $bad <= 5;
				}
			}
		}
		print "$rows $bad\n";
	' "$@"
}
for kind in del slut; do
	set -- "$WORK/csv-$kind"/*.csv
	if [ -e "$1" ]; then
		res=$(csv_check "$WORK/$kind.layout" "$@" 2>"$WORK/csv-$kind.err")
		rows=${res% *}; bad=${res#* }
		if [ "${rows:-0}" -gt 20 ] && [ "$bad" = 0 ]; then
			ok "$kind: all $rows CSV rows of $# tables appear in the PDF with the same figures"
		else
			not_ok "$kind: CSV rows appear in the PDF with the same figures" \
				"rows=$rows bad=$bad $(head -c 600 "$WORK/csv-$kind.err")"
		fi
	else
		not_ok "$kind: --csv wrote tables"
	fi
done
if head -n 1 "$WORK/csv-del/tabell_01.csv" | grep -q '^Grupp,Tillfrågade,Svarat' &&
   grep -q $'\r$' "$WORK/csv-del/tabell_01.csv"; then
	ok "CSV is UTF-8 with a header line and CRLF line ends"
else
	not_ok "CSV is UTF-8 with a header line and CRLF line ends"
fi

# ---- paired tests and scale scores against plain SQL --------------------------
# The report computes pairs and scale scores in C from per-response values;
# these recount them straight from the answer table.
qt() { psql -X -q -A -t -F $'\t' -h "$PGHOST" -p "$PGPORT" -U uppfolj_report -d "$DBNAME" -c "$1"; }
SUBMITTED="FROM answer a JOIN response r ON r.response_id = a.response_id AND r.status = 'submitted'
	JOIN wave w ON w.wave_id = r.wave_id JOIN study s ON s.study_id = w.study_id AND s.slug = '$STUDY'"
# item text, first wave, later wave, participants with a 1-5 value in both
# (items whose text is unique)
qt "WITH it AS (SELECT DISTINCT e->>'id' AS id, e->>'sv' AS sv FROM instrument i
	CROSS JOIN LATERAL jsonb_array_elements(i.definition->'items') e WHERE e->>'type' = 'likert5'),
	u AS (SELECT * FROM it WHERE sv IN (SELECT sv FROM it GROUP BY sv HAVING count(*) = 1)),
	v AS (SELECT r.participant_id, w.months, a.item_id $SUBMITTED WHERE a.value_int BETWEEN 1 AND 5)
	SELECT u.sv, v1.months, v2.months, count(*) FROM u JOIN v v1 ON v1.item_id = u.id
	JOIN v v2 ON v2.participant_id = v1.participant_id AND v2.item_id = u.id AND v2.months > v1.months
	GROUP BY 1, 2, 3" >"$WORK/pairs.sql.txt"
# scale name, wave, participants with at least min_answered of its items
# (per instrument: two groups may have scales of the same name)
qt "WITH sc AS (SELECT DISTINCT i.instrument_id, e->>'sv' AS sv,
	(e->>'min_answered')::int AS min_answered, x.item_id
	FROM instrument i CROSS JOIN LATERAL jsonb_array_elements(i.definition->'scales') e
	CROSS JOIN LATERAL jsonb_array_elements_text(e->'items') x(item_id))
	SELECT sv, months, count(*) FROM (SELECT sc.instrument_id, sc.sv, sc.min_answered,
	r.participant_id, w.months, count(*) AS k $SUBMITTED JOIN sc ON sc.item_id = a.item_id
	WHERE a.value_int IS NOT NULL GROUP BY 1, 2, 3, 4, 5) p
	WHERE k >= min_answered GROUP BY instrument_id, 1, 2" >"$WORK/scales.sql.txt"
res=$(perl -e '
	use strict; use warnings; use utf8;
	binmode STDERR, ":encoding(UTF-8)";
	my ($pairs, $scales, @files) = @ARGV;
	my (%pair, %scale);
	for my $src ([$pairs, \%pair], [$scales, \%scale]) {
		open my $fh, "<:encoding(UTF-8)", $src->[0] or die;
		while (my $l = <$fh>) {
			chomp $l; my @f = split /\t/, $l; my $n = pop @f;
			$src->[1]{join "\t", @f}{$n} = 1;
		}
	}
	$pair{$_} = (keys %{$pair{$_}})[0] for keys %pair;   # one item: one count
	my %item = map { (split /\t/)[0] => 1 } keys %pair;
	my ($paired, $unpaired, $scored, $badp, $bads) = (0, 0, 0, 0, 0);
	for my $f (@files) {
		open my $c, "<:encoding(UTF-8)", $f or die;
		local $/; my $data = <$c>; close $c;
		my @recs; my @fld; my $cur = ""; my $inq = 0;
		for (my $i = 0; $i < length $data; $i++) {
			my $ch = substr($data, $i, 1);
			if ($inq) {
				if ($ch eq "\"") {
					if (substr($data, $i + 1, 1) eq "\"") { $cur .= "\""; $i++ }
					else { $inq = 0 }
				} else { $cur .= $ch }
			} elsif ($ch eq "\"") { $inq = 1 }
			elsif ($ch eq ",") { push @fld, $cur; $cur = "" }
			elsif ($ch eq "\n") { push @fld, $cur; push @recs, [@fld]; @fld = (); $cur = "" }
			elsif ($ch ne "\r") { $cur .= $ch }
		}
		my $hdr = shift(@recs) // [];
		my $scale;
		for my $r (@recs) {
			if (($r->[1] // "") =~ /^(\d+)–(\d+)$/ && $item{$r->[0]}) {
				my $want = $pair{"$r->[0]\t$1\t$2"} // 0;
				if ($r->[2] eq "Parad (Wilcoxon)") {
					$paired++;
					if ($r->[3] ne "$want par") { $badp++; print STDERR "# $r->[0] $1-$2: $r->[3], SQL $want\n" }
				} elsif ($r->[2] =~ /^Oparad/) {
					$unpaired++;
					if ($want >= 5) { $badp++; print STDERR "# $r->[0]: unpaired, SQL $want pairs\n" }
				}
			} elsif ($hdr->[0] eq "Skala / mätning") {
				if (($r->[1] // "") eq "") { $scale = $r->[0]; next }
				my ($mo) = $r->[0] =~ /^(\d+) månader$/;
				next unless defined $mo && $r->[1] =~ /^\d+$/;
				$scored++;
				my $want = $scale{"$scale\t$mo"} // {};
				unless ($want->{$r->[1]}) {
					$bads++;
					print STDERR "# $scale $mo: n=$r->[1], SQL @{[sort keys %$want]}\n";
				}
			}
		}
	}
	print "$paired $unpaired $scored $badp $bads\n";
' "$WORK/pairs.sql.txt" "$WORK/scales.sql.txt" "$WORK/csv-slut"/*.csv 2>"$WORK/pairs.err")
read -r paired unpaired scored badp bads <<<"$res"
if [ "${paired:-0}" -ge 10 ] && [ "${badp:-1}" = 0 ]; then
	ok "slutrapport: pairs of all $paired paired item tests ($unpaired unpaired) match SQL"
else
	not_ok "slutrapport: pairs of the paired item tests match SQL" \
		"paired=$paired unpaired=$unpaired bad=$badp $(head -c 600 "$WORK/pairs.err")"
fi
if [ "${scored:-0}" -ge 6 ] && [ "${bads:-1}" = 0 ]; then
	ok "slutrapport: respondents of all $scored scale scores match SQL"
else
	not_ok "slutrapport: respondents of the scale scores match SQL" \
		"scored=$scored bad=$bads $(head -c 600 "$WORK/pairs.err")"
fi

# ---- a rendered page as an artefact ------------------------------------------
if pdftoppm -q -png -r 70 -f 5 -l 5 "$DEL" "$ART/report-delrapport-page" &&
   pdftoppm -q -png -r 70 -f 3 -l 3 "$SLUT" "$ART/report-slutrapport-page" &&
   ls "$ART"/report-delrapport-page*.png >/dev/null 2>&1; then
	ok "rendered pages kept in $ART"
else
	not_ok "rendered pages kept in $ART"
fi

# ---- errors: messages and exit codes ----------------------------------------------
expect() {   # expect NAME RC PATTERN -- command...
	local name=$1 want=$2 pat=$3; shift 4
	"$@" >"$WORK/out" 2>"$WORK/err"
	local rc=$?
	if [ $rc -eq "$want" ] && grep -qE "$pat" "$WORK/err" "$WORK/out"; then ok "$name"
	else not_ok "$name" "rc=$rc (want $want) $(head -c 300 "$WORK/err")"; fi
}
expect "bad option exits 2" 2 "unknown option --bogus" -- "$BIN" delrapport --wave "$W" --bogus
expect "missing --wave exits 2" 2 "needs --wave" -- "$BIN" delrapport --db "$REPORT_DB"
expect "--min-cell abc exits 2" 2 "min-cell must be" -- "$BIN" slutrapport --min-cell abc
expect "--wave 0 exits 2" 2 "wave must be" -- "$BIN" delrapport --wave 0
expect "unknown report exits 2" 2 "unknown report" -- "$BIN" kvartalsrapport
expect "--help exits 0" 0 "usage: uppfolj-report delrapport" -- "$BIN" --help
expect "no database: exit 1 with advice" 1 "cannot connect to the database.*--db" -- \
	"$BIN" slutrapport --db "host=$WORK/nowhere port=1 dbname=none user=uppfolj_report" -o "$WORK/x.pdf"
expect "unknown study: exit 1 naming the studies" 1 "no study \"nosuchstudy\".*$STUDY" -- \
	"$BIN" slutrapport --study nosuchstudy --db "$REPORT_DB" -o "$WORK/x.pdf"
expect "unknown wave: exit 1 listing the waves" 1 "no wave at 99 months" -- \
	"$BIN" delrapport --wave 99 --study "$STUDY" --db "$REPORT_DB" -o "$WORK/x.pdf"

# An empty wave, in a database of its own so the shared one is not touched.
if psql -X -q -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -c "CREATE DATABASE $EMPTY_DB" >/dev/null 2>&1 &&
   for f in "$SRC"/schema/0*.sql; do
	psql -X -q -v ON_ERROR_STOP=1 -h "$PGHOST" -p "$PGPORT" -U postgres -d "$EMPTY_DB" -1 -f "$f" >/dev/null 2>&1 || exit 1
   done &&
   psql -X -q -v ON_ERROR_STOP=1 -h "$PGHOST" -p "$PGPORT" -U postgres -d "$EMPTY_DB" -c "
	INSERT INTO uppfolj.study (slug, name, start_date, synthetic) VALUES ('tom', 'Tom studie', '2024-01-01', true);
	INSERT INTO uppfolj.wave (study_id, months, opens_on, closes_on)
		SELECT study_id, 12, '2025-01-01', '2025-02-01' FROM uppfolj.study;" >/dev/null 2>&1; then
	expect "empty wave: exit 1 with a clear message, no crash" 1 "no submitted responses yet" -- \
		"$BIN" delrapport --wave 12 --db "host=$PGHOST port=$PGPORT dbname=$EMPTY_DB user=uppfolj_report" -o "$WORK/e.pdf"
	[ ! -e "$WORK/e.pdf" ] && ok "empty wave writes no PDF" || not_ok "empty wave writes no PDF"
else
	not_ok "empty wave: could not set up database $EMPTY_DB"
	not_ok "empty wave writes no PDF"
fi

# A revised instrument: chef version 1 at 12 months, version 2 (one item
# dropped, one added) at 36. The slutrapport shows both, each as asked
# only in its own wave. A database of its own again.
VERS_DB="uf_report_versions_$$"
trap '[ -n "${UF_KEEP:-}" ] || rm -rf "$WORK"; for d in $EMPTY_DB $VERS_DB; do psql -X -q -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -c "DROP DATABASE IF EXISTS $d" >/dev/null 2>&1; done' EXIT
VSQL() { psql -X -q -At -v ON_ERROR_STOP=1 -h "$PGHOST" -p "$PGPORT" -U postgres -d "$VERS_DB" -c "$1"; }
python3 - "$SRC/forms/chef.json" "$WORK/chef-v2.json" "$WORK/chef-items.txt" <<'PY' || exit 1
import json, sys
d = json.load(open(sys.argv[1]))
gone = next(i for i in d["items"] if i["id"] == "chef_erf_roll_tydlig")
d["items"].remove(gone)
d["version"] = 2
d["items"].append({"id": "chef_erf_ny_fraga", "theme": gone["theme"], "type": "likert5",
	"sv": "Peer supportern deltar i arbetsplatsträffarna.", "required": False, "dont_know": True})
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
open(sys.argv[3], "w").write(gone["sv"] + "\n")
PY
if psql -X -q -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -c "CREATE DATABASE $VERS_DB" >/dev/null 2>&1 &&
   "$BUILD/admin/uppfolj-admin" migrate --db "host=$PGHOST port=$PGPORT dbname=$VERS_DB user=postgres" \
	--schema "$SRC/schema" >/dev/null 2>&1 &&
   "$BUILD/admin/uppfolj-admin" forms-load --db "host=$PGHOST port=$PGPORT dbname=$VERS_DB user=postgres" \
	"$SRC/forms/chef.json" "$WORK/chef-v2.json" >/dev/null 2>&1 &&
   VSQL "SET search_path = uppfolj;
	INSERT INTO study (slug, name, start_date, synthetic) VALUES ('versioner', 'Versioner', '2023-01-01', true);
	INSERT INTO unit (study_id, name, kind, huvudman, report_label)
		SELECT study_id, 'Avdelning V', 'heldygnsvard', 'region', 'psykiatri, heldygnsvård' FROM study;
	INSERT INTO wave (study_id, months, opens_on, closes_on)
		SELECT study_id, m, '2024-01-01'::date + (m - 12) * 30, '2024-02-01'::date + (m - 12) * 30
		FROM study, (VALUES (12), (36)) v(m);
	INSERT INTO wave_instrument (wave_id, grp, instrument_id, version)
		SELECT wave_id, 'chef', 'chef', CASE months WHEN 12 THEN 1 ELSE 2 END FROM wave;
	INSERT INTO participant (study_id, panel_id, grp, unit_id, synthetic)
		SELECT study_id, 'V-VERS0' || k, 'chef', unit_id, true FROM unit, generate_series(1, 6) k;
	INSERT INTO consent (participant_id, wave_id, info_version, decision)
		SELECT participant_id, wave_id, 'test', 'given' FROM participant, wave;
	INSERT INTO response (submission_id, participant_id, wave_id, instrument_id, version, status, submitted_at)
		SELECT gen_random_uuid(), p.participant_id, w.wave_id, 'chef', wi.version, 'submitted', w.opens_on + 1
		FROM participant p, wave w JOIN wave_instrument wi USING (wave_id);
	INSERT INTO answer (response_id, instrument_id, version, item_id, value_int)
		SELECT r.response_id, 'chef', r.version, ii.item_id, CASE r.version WHEN 1 THEN 4 ELSE 2 END
		FROM response r JOIN instrument_item ii ON ii.instrument_id = 'chef' AND ii.version = r.version
		WHERE ii.item_type = 'likert5';" >/dev/null; then
	"$BIN" slutrapport --db "host=$PGHOST port=$PGPORT dbname=$VERS_DB user=uppfolj_report" \
		-o "$WORK/vers.pdf" --csv "$WORK/csv-vers" --quiet 2>"$WORK/vers.err"
	check "slutrapport over two versions of an instrument generates" [ -s "$WORK/vers.pdf" ]
	gone=$(cat "$WORK/chef-items.txt")
	# The dropped item: in the table of its theme, asked at 12 only, 6 answers
	# of 4; all six gave the same answer, so n is printed and the
	# distribution withheld (·).
	grep -h -A1 -F "$gone (ställd bara vid 12 månader)" "$WORK"/csv-vers/*.csv >"$WORK/vers-gone.txt"
	check "an item dropped in the newer version is still reported, as asked at 12 months" \
		grep -q '^12 månader,6,·,·,·,·,·,0,·,·,·' "$WORK/vers-gone.txt"
	grep -h -A1 -F "Peer supportern deltar i arbetsplatsträffarna. (ställd bara vid 36 månader)" \
		"$WORK"/csv-vers/*.csv >"$WORK/vers-new.txt"
	check "an item added in the newer version is reported, as asked at 36 months" \
		grep -q '^36 månader,6,·,·,·,·,·,0,·,·,·' "$WORK/vers-new.txt"
	both=$(grep -h -F "Beslutet att införa peer support var väl förankrat hos ledningen." -A2 \
		"$WORK"/csv-vers/*.csv | grep -c -E '^(12|36) månader,6,')
	check "an item in both versions has both waves" [ "$both" = 2 ]
	pdftotext -q "$WORK/vers.pdf" - 2>/dev/null | tr '\n' ' ' | tr -s ' ' >"$WORK/vers.txt"
	check "Metod says which version each wave used" \
		grep -q "Enkäten för chefer ändrades under utvärderingen: version 1 vid 12 månader, version 2 vid 36 månader." "$WORK/vers.txt"
	check "a report of one version says nothing of versions" \
		bash -c '! grep -q "ändrades under utvärderingen" "$1"' _ "$WORK/slut.txt"
else
	not_ok "versions: could not set up database $VERS_DB"
fi

# ---- disclosure control over a small study ------------------------------------
# shellcheck source=tests/reports/disclosure.sh
. "$SRC/tests/reports/disclosure.sh"

echo "1..$n"
[ $failed -eq 0 ]
