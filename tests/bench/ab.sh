#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Before/after on a shared machine: runs one survey-server benchmark
# (UF_AB_BENCH: flow [default] or openloop) alternately from two source
# trees with their release builds, in the order UF_AB_ORDER names them
# ("a b a b" by default), so both see the same load. Each tree's own
# scripts, clients and nginx config are used. Run it through run.sh (the
# cluster and study): UF_AB_SRC_A=... UF_AB_BUILD_A=... UF_AB_SRC_B=...
# UF_AB_BUILD_B=... bash tests/bench/run.sh ab
set -uo pipefail
: "${UF_AB_SRC_A:?}" "${UF_AB_BUILD_A:?}" "${UF_AB_SRC_B:?}" "${UF_AB_BUILD_B:?}"
status=0
for v in ${UF_AB_ORDER:-a b a b}; do
	case $v in
	a) s=$UF_AB_SRC_A b=$UF_AB_BUILD_A ;;
	b) s=$UF_AB_SRC_B b=$UF_AB_BUILD_B ;;
	*) echo "ab: UF_AB_ORDER names a or b" >&2; exit 2 ;;
	esac
	echo "### $v: $s, $b"
	UF_SRC=$s UF_BENCH_BUILD=$b UF_BUILD=$b bash "$s/tests/bench/${UF_AB_BENCH:-flow}.sh" || status=1
done
exit $status
