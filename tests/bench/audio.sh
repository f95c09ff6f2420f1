#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Read-aloud audio (a script, not a timed test):
#   (a) uppfolj-admin audio-build of every instrument in forms/, each
#       language and variant it has (forms/translations/), and each group's
#       information texts per wave, into an empty folder: wall time,
#       files and bytes per encoding (Ogg Opus, MP3), disk, seconds of
#       speech; then again with nothing changed (every file kept)
#   (b) a patient question page with its player (GET, session cookie)
#       against nginx serving the same bytes as a static file, with wrk at
#       32 and 64 connections, the ratio in the same run (target >= 0.40);
#       then the program restarted without audio_manifest and the same page
#       without its player against its own static copy, so the players'
#       cost is told apart from the machine's load; and nginx serving one
#       read-aloud file, for scale
# Environment as collect.sh (UF_SRC, UF_BENCH_BUILD or UF_BUILD, UF_PGHOST,
# UF_PGPORT, UF_DB, UF_SECRET, UF_BENCH_PORT, UF_BENCH_SECONDS [10]);
# UF_BENCH_AUDIO_GENERATE=0 leaves out (a).
set -euo pipefail

SRC=${UF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
DUR=${UF_BENCH_SECONDS:-10}
THREADS=2
command -v wrk >/dev/null || { echo "bench: wrk missing (apt-get install wrk)" >&2; exit 1; }
# shellcheck source=tests/bench/stack.sh
. "$SRC/tests/bench/stack.sh"

# --- (a) generation: time and disk -----------------------------------------
if [ "${UF_BENCH_AUDIO_GENERATE:-1}" != 0 ]; then
ALL=$WORK/audio-all
t0=$(date +%s%N)
TR=("$SRC"/forms/translations/*.json)
[ -e "${TR[0]}" ] || TR=()
"$BUILD/admin/uppfolj-admin" audio-build --lang-dir "$SRC/forms" --out "$ALL" "$SRC"/forms/*.json "${TR[@]}" >"$WORK/build.out"
t1=$(date +%s%N)
"$BUILD/admin/uppfolj-admin" audio-build --lang-dir "$SRC/forms" --out "$ALL" "$SRC"/forms/*.json "${TR[@]}" >"$WORK/build2.out"
t2=$(date +%s%N)
files=$(find "$ALL" -name '*.opus' | wc -l)
bytes=$(find "$ALL" -name '*.opus' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
mp3s=$(find "$ALL" -name '*.mp3' | wc -l)
mp3bytes=$(find "$ALL" -name '*.mp3' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
infos=$(awk -F'\t' '$1 == "info"' "$ALL/manifest.tsv" | wc -l)
disk=$(du -sk "$ALL" | cut -f1)
# Seconds of speech: the last Ogg page's granule position / 48 kHz, less the
# encoder's pre-skip (bytes 10-11 of OpusHead at offset 28), per file.
speech=$(find "$ALL" -name '*.opus' -print0 | xargs -0 python3 -c '
import struct, sys
total = 0.0
for p in sys.argv[1:]:
    d = open(p, "rb").read()
    pre = struct.unpack_from("<H", d, 28 + 10)[0]
    last = d.rfind(b"OggS")
    total += (struct.unpack_from("<q", d, last + 6)[0] - pre) / 48000
print("%.0f" % total)')
echo "# languages and variants: $(awk -F'\t' 'NR > 1 { print $4 "/" $5 }' "$ALL/manifest.tsv" | sort -u | tr '\n' ' ')"
echo "audio-build, every instrument, empty folder: $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1e9 }') s; $(cat "$WORK/build.out")"
echo "audio-build again, nothing changed: $(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.2f", (b - a) / 1e9 }') s"
echo "Opus: $files files, $bytes bytes ($(awk -v b="$bytes" -v n="$files" 'BEGIN { printf "%.1f", b / n / 1024 }') KiB a file), $speech s of speech ($(awk -v b="$bytes" -v s="$speech" 'BEGIN { printf "%.1f", b * 8 / s / 1000 }') kbit/s)"
echo "MP3: $mp3s files, $mp3bytes bytes ($(awk -v b="$mp3bytes" -v n="$mp3s" 'BEGIN { printf "%.1f", b / n / 1024 }') KiB a file, $(awk -v b="$mp3bytes" -v s="$speech" 'BEGIN { printf "%.1f", b * 8 / s / 1000 }') kbit/s)"
echo "both: $disk KiB on disk; $infos of the sounds are information texts"
for inst in "$SRC"/forms/*.json; do
	id=$(basename "$inst" .json)
	[ -d "$ALL/$id" ] && echo "  $id: $(find "$ALL/$id" -name '*.opus' | wc -l) sounds, $(du -sk "$ALL/$id" | cut -f1) KiB"
	[ -d "$ALL/info/$id" ] && echo "  information $id: $(find "$ALL/info/$id" -name '*.opus' | wc -l) sounds, $(du -sk "$ALL/info/$id" | cut -f1) KiB"
done
fi

# --- (b) a question page with its player vs the same bytes from nginx ------
open_session
curl -fsS -H "Cookie: $COOKIE" "$BASE/sida/3" -o "$WORK/static/audio-page.html"
grep -q '<audio controls preload="none"' "$WORK/static/audio-page.html" || die "the question page has no player"
SRCPATH=$(sed -n 's/.*<audio [^>]*><source src="\([^"]*\)".*/\1/p' "$WORK/static/audio-page.html" | head -n 1)
curl -fsS "$BASE$SRCPATH" -o /dev/null || die "the player's file is not served"
echo "# question page with player: $(wc -c <"$WORK/static/audio-page.html") bytes; its file $SRCPATH: $(curl -fsS "$BASE$SRCPATH" | wc -c) bytes"

declare -A R
# get NAME PATH [COOKIE] [CONNECTIONS]: one wrk run into R[NAME].
get() {
	R[$1]=$(GETPATH=$2 COOKIE=${3:-} wrk -t$THREADS -c"${4:-32}" -d${DUR}s -s "$HERE/collect_get.lua" "$BASE" | grep '^RESULT')
	[ "$(field bad "${R[$1]}")" = 0 ] || die "GET $2: $(field bad "${R[$1]}") answers were not 200"
}
for c in 32 64; do
	get page_$c /sida/3 "$COOKIE" $c
	get static_$c /static/audio-page.html "" $c
done
get file_32 "$SRCPATH"

# The same page without players: the program again, without the manifest.
kill "$COLLECT_PID" && wait "$COLLECT_PID" 2>/dev/null || true
sed '/^audio_manifest/d' "$WORK/collect.conf" >"$WORK/collect-noaudio.conf"
"$BIN" --config "$WORK/collect-noaudio.conf" >>"$WORK/collect.log" 2>&1 &
COLLECT_PID=$!
for _ in $(seq 100); do curl -fsS "$BASE/api/v1/health" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fsS -H "Cookie: $COOKIE" "$BASE/sida/3" -o "$WORK/static/plain-page.html"
! grep -q '<audio' "$WORK/static/plain-page.html" || die "the page still has a player"
echo "# the same page without player: $(wc -c <"$WORK/static/plain-page.html") bytes"
for c in 32 64; do
	get nopl_$c /sida/3 "$COOKIE" $c
	get nopl_static_$c /static/plain-page.html "" $c
done

printf '\n%-34s %10s %9s %9s\n' "run" "req/s" "p50 ms" "p99 ms"
for key in page_32 static_32 page_64 static_64 nopl_32 nopl_static_32 nopl_64 nopl_static_64 file_32; do
	l=${R[$key]}
	printf '%-34s %10s %9s %9s\n' "$key" "$(field rps "$l")" "$(field p50_ms "$l")" "$(field p99_ms "$l")"
done
status=0
for c in 32 64; do
	g=$(ratio "$(field rps "${R[page_$c]}")" "$(field rps "${R[static_$c]}")")
	ge "$g" 0.40 && m=met || { m="NOT met"; status=1; }
	echo "ratio question page with player / static file at $c connections: $g (target >= 0.40: $m)"
	echo "ratio the same page without player / its static file at $c connections: $(ratio "$(field rps "${R[nopl_$c]}")" "$(field rps "${R[nopl_static_$c]}")")"
done
echo "# load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
