#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# The fuzz suite (TAP): build the libFuzzer harnesses (build.sh), then run
# each for UF_FUZZ_SECONDS (default 10; UF_FUZZ_JOBS at a time, default 2)
# from its committed seeds, which include every input that once found a
# bug. A crash, sanitizer report,
# broken invariant, timeout or leak is "not ok"; the input is kept in
# $UF_ARTIFACTS/fuzz/. The working corpus grows in $UF_FUZZ_OUT/corpus and
# is reused by the next run with the same UF_FUZZ_OUT (long runs: make fuzz).
#
#   bash tests/fuzz/run.sh [HARNESS...]     e.g. run.sh json api_answers
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$HERE/../.." && pwd)
SECS=${UF_FUZZ_SECONDS:-10}
OUT=${UF_FUZZ_OUT:-${UF_BUILD:+$UF_BUILD/fuzz}}
OUT=${OUT:-$(mktemp -d /tmp/uppfolj-fuzz.XXXXXX)}
ART=${UF_ARTIFACTS:-$OUT/artifacts}/fuzz
mkdir -p "$OUT" "$ART" || exit 1
n=0 bad=0

ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); bad=$((bad + 1)); echo "not ok $n - $*"; }

# The dictionary each harness uses, if any.
dict_of() {
	case $1 in
	request) echo request ;;
	query | survey_post) echo urlencoded ;;
	cookie) echo cookie ;;
	json | api_answers) echo json ;;
	form_load | translation) echo form_load ;;
	conf) echo conf ;;
	esac
}

# Seed folders beyond tests/fuzz/corpus/NAME: the loader also starts from the
# real instruments and the checker's valid and invalid cases.
extra_seeds() {
	case $1 in
	form_load) echo "$SRC/forms $SRC/tests/forms/valid $SRC/tests/forms/invalid" ;;
	translation) echo "$SRC/forms/translations" ;;
	esac
}

if bash "$HERE/build.sh" "$OUT" >"$ART/build.log" 2>&1; then
	ok "fuzz: harnesses built with clang -fsanitize=fuzzer,address,undefined"
else
	not_ok "fuzz: build (see $ART/build.log)"
	tail -n 20 "$ART/build.log" | sed 's/^/# /'
	echo "1..$n"
	exit 1
fi

if [ $# -gt 0 ]; then
	names=("$@")
else
	names=()
	for h in "$HERE"/fuzz_*.c; do
		h=$(basename "${h%.c}")
		[ "$h" = fuzz_common ] || names+=("${h#fuzz_}")
	done
fi

# fuzz_one NAME: run one harness; its exit status goes to $ART/NAME.status.
fuzz_one() {
	local name=$1 bin=$OUT/fuzz_$1 work=$OUT/corpus/$1 d args st
	mkdir -p "$work"
	args=(-max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
		-artifact_prefix="$ART/$name-")
	d=$(dict_of "$name")
	[ -n "$d" ] && args+=(-dict="$HERE/dict/$d.dict")
	# shellcheck disable=SC2046
	(cd "$OUT" && "$bin" "${args[@]}" "$work" "$HERE/corpus/$name" $(extra_seeds "$name")) \
		>"$ART/$name.log" 2>&1
	st=$?
	echo "$st" >"$ART/$name.status"
}

# UF_FUZZ_JOBS harnesses at a time (default 2); each runs for a fixed time,
# so the suite takes about (harnesses / jobs) * UF_FUZZ_SECONDS.
for name in "${names[@]}"; do
	rm -f "$ART/$name.status"
	[ -x "$OUT/fuzz_$name" ] || continue
	while [ "$(jobs -rp | wc -l)" -ge "${UF_FUZZ_JOBS:-2}" ]; do wait -n; done
	fuzz_one "$name" &
done
wait

for name in "${names[@]}"; do
	log=$ART/$name.log
	if [ ! -x "$OUT/fuzz_$name" ]; then
		not_ok "fuzz: $name (no harness fuzz_$name)"
		continue
	fi
	st=$(cat "$ART/$name.status" 2>/dev/null || echo none)
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	cov=$(grep -oE '(INITED|DONE|REDUCE|NEW|pulse) +cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -n 1 |
		sed -E 's/.*cov: ([0-9]+) ft: ([0-9]+) corp: ([0-9]+)/cov \1, ft \2, corpus \3/')
	if [ "$st" = 0 ] && [ -n "$runs" ]; then
		ok "fuzz: $name ($runs runs in ${SECS}s, $cov)"
	else
		not_ok "fuzz: $name (exit $st; see $log)"
		grep -E 'ERROR|invariant failed|SUMMARY|Test unit written|^#[0-9]+ +(INITED|DONE)' "$log" | head -n 15 | sed 's/^/# /'
	fi
done
echo "1..$n"
[ "$bad" = 0 ]
