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
head -n 1 "$OUT/manifest.tsv" | grep -qx 'uppfolj-audio 1'
is $? "the manifest starts with its format line"
items_of "$FORMS/patient.json" | sort >"$T/items"
awk -F'\t' 'NR > 1 { print $6 }' "$OUT/manifest.tsv" | sort >"$T/listed"
[ -s "$T/items" ] && cmp -s "$T/items" "$T/listed"
is $? "the manifest lists each of the $(wc -l <"$T/items") items once"
bad=0
while IFS=$'\t' read -r kind inst ver lang var id path; do
	[ "$kind" = item ] && [ "$inst" = patient ] && [ "$ver" = "$VERSION" ] && [ "$lang" = sv ] &&
		[ "$var" = plain ] && [[ $path =~ ^patient/$VERSION/sv/plain/$id\.[0-9a-f]{16}\.opus$ ]] &&
		[ "$(head -c 4 "$OUT/$path")" = OggS ] && [ "$(dd if="$OUT/$path" bs=1 skip=28 count=8 2>/dev/null)" = OpusHead ] &&
		[ "$(stat -c %a "$OUT/$path")" = 644 ] || { bad=$((bad + 1)); echo "$kind $id $path" | note; }
done < <(tail -n +2 "$OUT/manifest.tsv")
is $bad "each line: item patient $VERSION sv plain, a file patient/$VERSION/sv/plain/<item>.<hash>.opus that is Ogg Opus, mode 644"
check_dur() { # the longest question speaks for more than a second (opusinfo-free: granule position)
	local f=$OUT/$(awk -F'\t' 'NR == 2 { print $7 }' "$OUT/manifest.tsv")
	[ "$(stat -c %s "$f")" -gt 2000 ]
}
check_dur
is $? "a file holds more than a header"
no_temp "$OUT"
is $? "no temporary file is left"
cp "$OUT/manifest.tsv" "$T/manifest.1"
find "$OUT" -name '*.opus' -printf '%p %T@\n' | sort >"$T/files.1"
build --out "$OUT" "$FORMS/patient.json"; st=$?
[ $st = 0 ] && grep -q '(0 new)' "$T/out" && cmp -s "$OUT/manifest.tsv" "$T/manifest.1" &&
	find "$OUT" -name '*.opus' -printf '%p %T@\n' | sort | cmp -s - "$T/files.1"
is $? "a second run makes nothing and writes the same manifest ($(cat "$T/out"))"

# One question changed: one new file, the rest kept.
first=$(items_of "$FORMS/patient.json" | head -n 1)
node -e 'const fs = require("fs"); const d = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
	d.items[0].sv = d.items[0].sv + " (ny)"; fs.writeFileSync(process.argv[2], JSON.stringify(d));' \
	"$FORMS/patient.json" "$T/patient-changed.json"
build --out "$OUT" "$T/patient-changed.json"; st=$?
old=$(awk -F'\t' -v id="$first" '$6 == id { print $7 }' "$T/manifest.1")
new=$(awk -F'\t' -v id="$first" '$6 == id { print $7 }' "$OUT/manifest.tsv")
[ $st = 0 ] && grep -q '(1 new)' "$T/out" && [ -n "$new" ] && [ "$new" != "$old" ] &&
	[ -f "$OUT/$new" ] && [ -f "$OUT/$old" ] &&
	[ "$(diff <(tail -n +2 "$T/manifest.1") <(tail -n +2 "$OUT/manifest.tsv") | grep -c '^[<>]')" = 2 ]
is $? "a changed question gets one new file under a new name; the others and the old file stay"
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
	awk -F'\t' 'NR > 1 && $4 == "en" && $5 == "easy" { print $6 }' "$TRD/manifest.tsv" | sort >"$T/easy.got"
	awk -F'\t' 'NR > 1 && $4 == "en" && $5 == "plain" { print $6 }' "$TRD/manifest.tsv" | sort >"$T/plain.got"
	[ $st = 0 ] && cmp -s "$T/plain.got" "$T/items" && [ -s "$T/easy.want" ] && cmp -s "$T/easy.got" "$T/easy.want" &&
		! awk -F'\t' 'NR > 1 && $4 != "en"' "$TRD/manifest.tsv" | grep -q .
	is $? "--lang en with the English translation: every item in en, easy files for the $(wc -l <"$T/easy.want") items with easy texts, nothing else"
	f1=$(awk -F'\t' -v id="$first" '$4 == "en" && $5 == "plain" && $6 == id { print $7 }' "$TRD/manifest.tsv")
	f2=$(awk -F'\t' -v id="$first" '$6 == id { print $7 }' "$T/manifest.1")
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
line2() { { echo 'uppfolj-audio 1'; printf '%s\n' "$1"; } >"$T/bad.tsv"; collect_with "$T/bad.tsv"; st=$?; }
line2 $'item\tpatient\t2\tsv\tplain\tpat_x\t../../etc/passwd.opus'
[ $st = 1 ] && grep -q 'audio_manifest: line 2: bad file path' "$T/err"
is $? "a manifest path with .. is refused at start, naming the line"
line2 $'item\tpatient\t2\tsv\tplain\tpat_x\tpatient/2/sv/plain/a"b.opus'
[ $st = 1 ] && grep -q 'line 2: bad file path' "$T/err"
is $? "a manifest path with a quote is refused"
line2 $'item\tpatient\t2\tsv\tloud\tpat_x\tpatient/2/sv/plain/x.opus'
[ $st = 1 ] && grep -q 'line 2: the variant must be plain or easy' "$T/err"
is $? "an unknown variant is refused"
line2 $'item\tpatient\t2\tsv\tplain\tpat_x'
[ $st = 1 ] && grep -q 'line 2: needs 7 tab-separated fields' "$T/err"
is $? "a short line is refused"
printf 'uppfolj-audio 2\n' >"$T/bad.tsv"; collect_with "$T/bad.tsv"; st=$?
[ $st = 1 ] && grep -q 'line 1: not an uppfolj-audio 1 manifest' "$T/err"
is $? "another format is refused"
{ cat "$OUT/manifest.tsv"; tail -n 1 "$OUT/manifest.tsv"; } >"$T/bad.tsv"; collect_with "$T/bad.tsv"; st=$?
[ $st = 1 ] && grep -q 'listed twice' "$T/err"
is $? "a file listed twice is refused"
collect_with "$T/missing.tsv"; st=$?
[ $st = 1 ] && grep -q 'cannot open' "$T/err"
is $? "a missing manifest is refused"
echo "1..$n"
