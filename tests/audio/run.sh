#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# uppfolj-admin audio-build (TAP), with the real espeak-ng and opusenc:
#   - the patient instrument: one Ogg Opus file per item in the documented
#     layout, mode 644, and a manifest naming each; a second run makes
#     nothing and writes the same manifest; a changed question makes one
#     new file (its name's hash changes), the others are kept
#   - refusals, each leaving the manifest as it was and no temporary file:
#     an unknown voice, a language without a voice, a failing encoder, an
#     encoder that writes nothing, a program over the time limit (killed),
#     a speech program that cannot be started, a text over 4000
#     characters, bad options
#   - uppfolj-collect refuses a malformed manifest, naming the line
#   - the information page: each language's text, plain and easy, short and
#     whole, per wave; --contact and --months fill them in as a study does
#   - every sound as Ogg Opus and MP3 (lame)
# Environment: UF_SRC UF_BUILD [UF_FORMS] [UF_WORK].
set -u
SRC=${UF_SRC:?}
BUILD=${UF_BUILD:?}
FORMS=${UF_FORMS:-$SRC/forms}
ADMIN=$BUILD/admin/uppfolj-admin
T=$(mktemp -d "${UF_WORK:-/tmp}/audio.XXXXXX") || exit 1
trap '[ -n "${UF_KEEP:-}" ] || rm -rf "$T"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $*"; }
is() { if [ "$1" = 0 ]; then ok "$2"; else not_ok "$2"; fi; }
note() { sed 's/^/# /'; }
build() { "$ADMIN" audio-build "$@" >"$T/out" 2>"$T/err"; }
no_temp() { ! ls -A "$1" | grep -q '^\.'; }
items_of() { node -e 'const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
	console.log(d.items.flatMap((it) => it.type === "grid" ? it.statements.map((s) => s.id) : [it.id]).join("\n"))' "$1"; }

# --- the patient instrument ---------------------------------------------
OUT=$T/audio
VERSION=$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).version' "$FORMS/patient.json")
t0=$(date +%s%3N)
build --out "$OUT" "$FORMS/patient.json"; st=$?
echo "# audio-build of the patient instrument: $(($(date +%s%3N) - t0)) ms: $(cat "$T/out")"
is $st "audio-build of the patient instrument succeeds"
[ $st = 0 ] || note <"$T/err"
head -n 1 "$OUT/manifest.tsv" | grep -qx 'uppfolj-audio 2'
is $? "the manifest starts with its format line"
items_of "$FORMS/patient.json" | sort >"$T/items"
awk -F'\t' 'NR > 1 && $1 == "item" { print $6 }' "$OUT/manifest.tsv" | sort >"$T/listed"
[ -s "$T/items" ] && cmp -s "$T/items" "$T/listed"
is $? "the manifest lists each of the $(wc -l <"$T/items") items once"
# mp3_ok FILE: an MPEG audio frame (11 sync bits) first, more than a header.
mp3_ok() { [ "$(od -An -tx1 -N2 "$1" | tr -d ' ')" = fff3 ] || [ "$(od -An -tx1 -N2 "$1" | tr -d ' ')" = fffb ]; }
bad=0
while IFS=$'\t' read -r kind inst ver lang var id path mp3; do
	[ "$kind" = item ] || continue
	[ "$inst" = patient ] && [ "$ver" = "$VERSION" ] && [ "$lang" = sv ] &&
		[ "$var" = plain ] && [[ $path =~ ^patient/$VERSION/sv/plain/$id\.[0-9a-f]{16}\.opus$ ]] &&
		[ "$(head -c 4 "$OUT/$path")" = OggS ] && [ "$(dd if="$OUT/$path" bs=1 skip=28 count=8 2>/dev/null)" = OpusHead ] &&
		[ "$(stat -c %a "$OUT/$path")" = 644 ] &&
		[[ $mp3 =~ ^patient/$VERSION/sv/plain/$id\.[0-9a-f]{16}\.mp3$ ]] && mp3_ok "$OUT/$mp3" &&
		[ "$(stat -c %s "$OUT/$mp3")" -gt 2000 ] && [ "$(stat -c %a "$OUT/$mp3")" = 644 ] ||
		{ bad=$((bad + 1)); echo "$kind $id $path $mp3" | note; }
done < <(tail -n +2 "$OUT/manifest.tsv")
is $bad "each item line: item patient $VERSION sv plain, patient/$VERSION/sv/plain/<item>.<hash>.opus that is Ogg Opus and .mp3 that is MPEG audio, mode 644"

# The information page: each language with an information file of its own
# for the group (forms/info/patient.<tag>.json), plain and easy, the short
# and the whole text, filled in for each of the instrument's waves.
LANGS_INFO=$(cd "$SRC/forms/info" && ls patient.*.json | sed 's/^patient\.//; s/\.json$//' | sort | tr '\n' ' ')
WAVES=$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).waves.join(" ")' "$FORMS/patient.json")
awk -F'\t' 'NR > 1 && $1 == "info" { print $4 }' "$OUT/manifest.tsv" | sort -u | tr '\n' ' ' >"$T/info.langs"
bad=0
while IFS=$'\t' read -r kind grp hash lang var part path mp3; do
	[ "$kind" = info ] || continue
	[ "$grp" = patient ] && [[ $hash =~ ^[0-9a-f]{16}$ ]] && [[ $var =~ ^(plain|easy)$ ]] && [[ $part =~ ^(summary|full)$ ]] &&
		[[ $path =~ ^info/patient/$lang/$var/$part\.[0-9a-f]{16}\.opus$ ]] && [ "$(head -c 4 "$OUT/$path")" = OggS ] &&
		[[ $mp3 =~ ^info/patient/$lang/$var/$part\.[0-9a-f]{16}\.mp3$ ]] && mp3_ok "$OUT/$mp3" ||
		{ bad=$((bad + 1)); echo "$kind $lang $var $part $path" | note; }
done < <(tail -n +2 "$OUT/manifest.tsv")
# The whole text names the wave: one file per wave and variant; the short
# one may be the same text at two waves (then listed once).
full=$(awk -F'\t' '$1 == "info" && $4 == "sv" && $6 == "full"' "$OUT/manifest.tsv" | wc -l)
nw=$(echo $WAVES | wc -w)
[ $bad = 0 ] && [ "$(cat "$T/info.langs")" = "$LANGS_INFO" ] && [ "$full" = $((2 * nw)) ]
is $? "information lines for $LANGS_INFO(the languages with their own patient information), Opus and MP3; sv's whole text once per wave ($WAVES) and variant: $full"
check_dur() { # the longest question speaks for more than a second (opusinfo-free: granule position)
	local f=$OUT/$(awk -F'\t' 'NR == 2 { print $7 }' "$OUT/manifest.tsv")
	[ "$(stat -c %s "$f")" -gt 2000 ]
}
check_dur
is $? "a file holds more than a header"
no_temp "$OUT"
is $? "no temporary file is left"
cp "$OUT/manifest.tsv" "$T/manifest.1"
find "$OUT" \( -name '*.opus' -o -name '*.mp3' \) -printf '%p %T@\n' | sort >"$T/files.1"
build --out "$OUT" "$FORMS/patient.json"; st=$?
[ $st = 0 ] && grep -q '(0 new)' "$T/out" && cmp -s "$OUT/manifest.tsv" "$T/manifest.1" &&
	find "$OUT" \( -name '*.opus' -o -name '*.mp3' \) -printf '%p %T@\n' | sort | cmp -s - "$T/files.1"
is $? "a second run makes nothing and writes the same manifest ($(cat "$T/out"))"

# One question changed: one new file, the rest kept.
first=$(items_of "$FORMS/patient.json" | head -n 1)
node -e 'const fs = require("fs"); const d = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
	d.items[0].sv = d.items[0].sv + " (ny)"; fs.writeFileSync(process.argv[2], JSON.stringify(d));' \
	"$FORMS/patient.json" "$T/patient-changed.json"
build --out "$OUT" "$T/patient-changed.json"; st=$?
old=$(awk -F'\t' -v id="$first" '$1 == "item" && $6 == id { print $7 }' "$T/manifest.1")
new=$(awk -F'\t' -v id="$first" '$1 == "item" && $6 == id { print $7 }' "$OUT/manifest.tsv")
[ $st = 0 ] && grep -q '(2 new)' "$T/out" && [ -n "$new" ] && [ "$new" != "$old" ] &&
	[ -f "$OUT/$new" ] && [ -f "$OUT/$old" ] &&
	[ "$(diff <(tail -n +2 "$T/manifest.1") <(tail -n +2 "$OUT/manifest.tsv") | grep -c '^[<>]')" = 2 ]
is $? "a changed question gets one new sound (Opus and MP3) under a new name; the others and the old file stay"
build --out "$OUT" "$FORMS/patient.json"
cp "$OUT/manifest.tsv" "$T/manifest.1"

# --- a translation: its language, plain and easy-to-read ------------------
EN=$SRC/forms/translations/patient-$VERSION.en.json
if [ -f "$EN" ]; then
	TRD=$T/tr
	build --out "$TRD" --lang en "$FORMS/patient.json" "$EN"; st=$?
	# Expected easy files: items whose English has an easy text of its own,
	# or whose grid has one (the grid's question is spoken with each row).
	node -e 'const fs = require("fs");
		const d = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
		const t = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
		const ids = [];
		for (const it of d.items) {
			if (it.type === "grid") {
				for (const s of it.statements)
					if (t.grids?.[it.id]?.easy || t.items?.[s.id]?.easy) ids.push(s.id);
			} else if (t.items?.[it.id]?.easy) ids.push(it.id);
		}
		console.log(ids.sort().join("\n"));' "$FORMS/patient.json" "$EN" >"$T/easy.want"
	awk -F'\t' 'NR > 1 && $1 == "item" && $4 == "en" && $5 == "easy" { print $6 }' "$TRD/manifest.tsv" | sort >"$T/easy.got"
	awk -F'\t' 'NR > 1 && $1 == "item" && $4 == "en" && $5 == "plain" { print $6 }' "$TRD/manifest.tsv" | sort >"$T/plain.got"
	[ $st = 0 ] && cmp -s "$T/plain.got" "$T/items" && [ -s "$T/easy.want" ] && cmp -s "$T/easy.got" "$T/easy.want" &&
		! awk -F'\t' 'NR > 1 && $4 != "en"' "$TRD/manifest.tsv" | grep -q .
	is $? "--lang en with the English translation: every item in en, easy files for the $(wc -l <"$T/easy.want") items with easy texts, nothing else"
	f1=$(awk -F'\t' -v id="$first" '$1 == "item" && $4 == "en" && $5 == "plain" && $6 == id { print $7 }' "$TRD/manifest.tsv")
	f2=$(awk -F'\t' -v id="$first" '$1 == "item" && $6 == id { print $7 }' "$T/manifest.1")
	[ -n "$f1" ] && ! cmp -s "$TRD/$f1" "$OUT/$f2"
	is $? "... the English file is not the Swedish one"
	# What is spoken: the English answer labels from forms/ui/en.json, not
	# the Swedish ones (espeak-ng behind a script that keeps its input).
	printf '#!/bin/sh\nif [ "$1" = --version ]; then exec espeak-ng --version; fi\ntee -a %s | espeak-ng "$@"\n' \
		"$T/spoken.txt" >"$T/espeak-tee"
	chmod 755 "$T/espeak-tee"
	build --out "$T/tr2" --lang en --lang-dir "$SRC/forms" --espeak "$T/espeak-tee" "$FORMS/patient.json" "$EN"; st=$?
	dk_en=$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).strings["item.dont_know"]' "$SRC/forms/ui/en.json")
	dk_sv=$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).strings["item.dont_know"]' "$SRC/forms/ui/sv.json")
	[ $st = 0 ] && grep -qF "$dk_en" "$T/spoken.txt" && ! grep -qF "$dk_sv" "$T/spoken.txt"
	is $? "the English files speak the English answer labels (\"$dk_en\"), not the Swedish (\"$dk_sv\")"
	build --out "$TRD" "$EN"; st=$?
	[ $st = 1 ] && grep -q 'translation of patient version '"$VERSION"', which is not among the instrument files' "$T/err"
	is $? "a translation without its instrument is refused"
else
	echo "ok $((n += 1)) - translations # SKIP no $EN"
fi

# --- the information texts as a study fills them in -------------------------
# --contact: the whole text (which names the contact) is spoken with it, as
# the page shows it with collect.conf's contact; the short text is the same.
CONTACT='Ring Anna Berg, 036-10 20 30.'
printf '#!/bin/sh\nif [ "$1" = --version ]; then exec espeak-ng --version; fi\ntee -a %s | espeak-ng "$@"\n' \
	"$T/spoken-info.txt" >"$T/espeak-info"
chmod 755 "$T/espeak-info"
CO=$T/contact
cp -r "$OUT" "$CO"
build --out "$CO" --lang sv --contact "$CONTACT" --espeak "$T/espeak-info" "$FORMS/patient.json"; st=$?
sum_a=$(awk -F'\t' '$1 == "info" && $4 == "sv" && $6 == "summary" { print $3 }' "$OUT/manifest.tsv" | sort | tr '\n' ' ')
sum_b=$(awk -F'\t' '$1 == "info" && $4 == "sv" && $6 == "summary" { print $3 }' "$CO/manifest.tsv" | sort | tr '\n' ' ')
full_a=$(awk -F'\t' '$1 == "info" && $4 == "sv" && $6 == "full" { print $3 }' "$OUT/manifest.tsv" | sort)
full_b=$(awk -F'\t' '$1 == "info" && $4 == "sv" && $6 == "full" { print $3 }' "$CO/manifest.tsv" | sort)
[ $st = 0 ] && [ -n "$sum_a" ] && [ "$sum_a" = "$sum_b" ] && [ -n "$full_b" ] &&
	[ -z "$(comm -12 <(echo "$full_a") <(echo "$full_b"))" ] &&
	[ "$(grep -cF "$CONTACT" "$T/spoken-info.txt")" = "$full" ] && grep -q "uppföljning 2, 24 månader" "$T/spoken-info.txt" &&
	! grep -q '{' "$T/spoken-info.txt"
is $? "--contact: the whole text's files are new and speak it ($full times, with the wave filled in); the short text keeps its hash"
last=$(echo $WAVES | awk '{ print $NF }')
build --out "$CO" --lang sv --months "$last" "$FORMS/patient.json"; st=$?
full_c=$(awk -F'\t' '$1 == "info" && $6 == "full" { print $3 }' "$CO/manifest.tsv" | sort)
[ $st = 0 ] && grep -q '(0 new)' "$T/out" && [ "$(echo "$full_c" | wc -l)" = 2 ] &&
	[ "$(comm -12 <(echo "$full_a") <(echo "$full_c") | wc -l)" = 2 ]
is $? "--months $last: that wave's whole texts only (plain and easy), the files of the first run kept ($(cat "$T/out"))"
build --out "$CO" --months 200 "$FORMS/patient.json"; st=$?
[ $st = 2 ] && grep -q -- '--months needs' "$T/err"
is $? "--months 200: usage error"
build --out "$CO" --contact '' "$FORMS/patient.json"; st=$?
[ $st = 2 ] && grep -q -- '--contact needs' "$T/err"
is $? "--contact '': usage error"

# --- refusals: the manifest stays as it was, nothing half written ------------
# refused NAME PATTERN STATUS: the last build exited STATUS with PATTERN on
# stderr, left the manifest unchanged and no temporary file.
refused() {
	local name=$1 pattern=$2 want=${3:-1}
	[ "$st" = "$want" ] && grep -q -- "$pattern" "$T/err" && cmp -s "$OUT/manifest.tsv" "$T/manifest.1" &&
		no_temp "$OUT"
	is $? "$name (exit $st: $(head -c 300 "$T/err" | tr '\n' ' '))"
}
count_files() { find "$OUT/patient" -name '*.opus' | wc -l; }
before=$(count_files)

build --out "$OUT" --voice sv=xx-no-such-voice "$FORMS/patient.json"; st=$?
refused "an unknown voice is refused before anything is made" 'has no voice "xx-no-such-voice" for sv'
build --out "$OUT" --lang qps "$FORMS/patient.json"; st=$?
refused "a language asked for without a voice is refused" 'has no voice "qps" for qps'

# Stand-ins for the encoder, each answering --version like the real one.
fake() { # fake NAME BODY: an executable script in $T
	printf '#!/bin/sh\nif [ "$1" = --version ]; then echo "%s 0.1"; exit 0; fi\n%s\n' "$1" "$2" >"$T/$1"
	chmod 755 "$T/$1"
}
fake enc-fails 'echo broken >&2; exit 1'
build --out "$OUT" --opusenc "$T/enc-fails" "$T/patient-changed.json"; st=$?
refused "a failing encoder is refused, naming the item" "item $first: $T/enc-fails exited with an error"
fake enc-silent 'exit 0'
build --out "$OUT" --opusenc "$T/enc-silent" "$T/patient-changed.json"; st=$?
refused "an encoder that writes nothing is refused" "enc-silent wrote nothing"
build --out "$OUT" --lame "$T/enc-fails" "$T/patient-changed.json"; st=$?
refused "a failing MP3 encoder is refused, naming the item" "item $first: $T/enc-fails exited with an error"
fake enc-hangs "exec sleep 30 # $T-marker"
t0=$(date +%s%3N)
build --out "$OUT" --timeout 1 --opusenc "$T/enc-hangs" "$T/patient-changed.json"; st=$?
took=$(($(date +%s%3N) - t0))
refused "an encoder over the time limit is stopped and refused ($took ms)" "took too long and was stopped"
[ "$took" -lt 10000 ] && ! pgrep -f -- "$T-marker" >/dev/null
is $? "... within seconds, and the stopped program is not left running"
build --out "$OUT" --espeak "$T/no-such-program" "$FORMS/patient.json"; st=$?
refused "a speech program that cannot be started is refused" "could not be started"
build --out "$OUT" "$SRC/tests/audio/long_options.json"; st=$?
refused "a text over 4000 characters is refused, naming the item" \
	"langtext 1 sv plain item lang_fraga: the text to read aloud (question, help and choices) is longer than 4000 characters"
[ "$(count_files)" = "$before" ] && [ -z "$(find "$OUT/langtext" -name 'lang_fraga.*')" ]
is $? "the refused runs made no file of the patient instrument ($(count_files), as before) nor of the long item"
FRESH=$T/fresh
build --out "$FRESH" "$SRC/tests/audio/long_options.json"; st=$?
[ $st = 1 ] && [ ! -e "$FRESH/manifest.tsv" ]
is $? "a refused first run writes no manifest at all"

build "$FORMS/patient.json"; st=$?
[ $st = 2 ] && grep -q 'needs --out DIR' "$T/err"
is $? "no --out: usage error"
build --out "$OUT" --lang ../x "$FORMS/patient.json"; st=$?
[ $st = 2 ] && grep -q -- '--lang needs a language tag' "$T/err"
is $? "--lang ../x: usage error"
build --out "$OUT" --voice 'sv=a b' "$FORMS/patient.json"; st=$?
[ $st = 2 ] && grep -q -- '--voice needs TAG=VOICE' "$T/err"
is $? "--voice with a space: usage error"
build --out "$OUT" --timeout 0 "$FORMS/patient.json"; st=$?
[ $st = 2 ]
is $? "--timeout 0: usage error"

# --- uppfolj-collect reads only a well-formed manifest ----------------------
key=$T/secret.key
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$key"
collect_with() { # collect_with MANIFEST: start-up with it (then --new-codes 1 and exit)
	printf 'socket = %s/unused.sock\nsecret_file = %s\nlang_dir = %s\naudio_manifest = %s\n' "$T" "$key" "${UPPFOLJ_LANG_DIR:-$SRC/forms}" "$1" >"$T/collect.conf"
	"$BUILD/collect/uppfolj-collect" --config "$T/collect.conf" --new-codes 1 >"$T/out" 2>"$T/err"
}
collect_with "$OUT/manifest.tsv"
is $? "uppfolj-collect starts with audio-build's manifest"
line2() { { echo 'uppfolj-audio 2'; printf '%s\n' "$1"; } >"$T/bad.tsv"; collect_with "$T/bad.tsv"; st=$?; }
line2 $'item\tpatient\t2\tsv\tplain\tpat_x\t../../etc/passwd.opus\tpatient/2/sv/plain/x.mp3'
[ $st = 1 ] && grep -q 'audio_manifest: line 2: bad .opus file path' "$T/err"
is $? "a manifest path with .. is refused at start, naming the line"
line2 $'item\tpatient\t2\tsv\tplain\tpat_x\tpatient/2/sv/plain/a"b.opus\tpatient/2/sv/plain/x.mp3'
[ $st = 1 ] && grep -q 'line 2: bad .opus file path' "$T/err"
is $? "a manifest path with a quote is refused"
line2 $'item\tpatient\t2\tsv\tplain\tpat_x\tpatient/2/sv/plain/x.opus\tpatient/2/sv/plain/x.opus'
[ $st = 1 ] && grep -q 'line 2: bad .mp3 file path' "$T/err"
is $? "an MP3 column that names no .mp3 is refused"
line2 $'item\tpatient\t2\tsv\tloud\tpat_x\tpatient/2/sv/plain/x.opus\tpatient/2/sv/plain/x.mp3'
[ $st = 1 ] && grep -q 'line 2: the variant must be plain or easy' "$T/err"
is $? "an unknown variant is refused"
line2 $'info\tpatient\t-\tsv\tplain\tsummary\tinfo/x.opus\tinfo/x.mp3'
[ $st = 1 ] && grep -q 'line 2: bad text hash' "$T/err"
is $? "an information line without the text's hash is refused"
line2 $'info\tpatient\t0123456789abcdef\tsv\tplain\tall\tinfo/x.opus\tinfo/x.mp3'
[ $st = 1 ] && grep -q 'line 2: bad part of the information page' "$T/err"
is $? "an information line naming no part of the page is refused"
line2 $'item\tpatient\t2\tsv\tplain\tpat_x\tpatient/2/sv/plain/x.opus'
[ $st = 1 ] && grep -q 'line 2: needs 8 tab-separated fields' "$T/err"
is $? "a short line is refused"
printf 'uppfolj-audio 1\n' >"$T/bad.tsv"; collect_with "$T/bad.tsv"; st=$?
[ $st = 1 ] && grep -q 'line 1: not an uppfolj-audio 2 manifest (run uppfolj-admin audio-build again)' "$T/err"
is $? "another format (the one before MP3) is refused, saying what to do"
{ cat "$OUT/manifest.tsv"; tail -n 1 "$OUT/manifest.tsv"; } >"$T/bad.tsv"; collect_with "$T/bad.tsv"; st=$?
[ $st = 1 ] && grep -q 'listed twice' "$T/err"
is $? "a file listed twice is refused"
collect_with "$T/missing.tsv"; st=$?
[ $st = 1 ] && grep -q 'cannot open' "$T/err"
is $? "a missing manifest is refused"
echo "1..$n"
