#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# All benchmarks in one command (not part of the test suite): a release build,
# a throwaway PostgreSQL cluster with the demo study, then
#   tests/bench/collect.sh  survey server vs static nginx and vs pgbench
#   tests/bench/flow.sh     patients walking the HTML pages, checked in the database
#   tests/bench/openloop.sh latency at a steady arrival rate (API and page posts)
#   tests/bench/report.sh   both reports at ~0.12M / 0.6M / 1.2M answers
#   tests/bench/faults.sh   the fault suite's long form (tests/faults/run.sh --long)
#   tests/bench/qual.sh     coding pages at 5,000 meaning units, the report's
#                           qualitative data at 20,000 (not in the default list)
#   tests/bench/audio.sh    read-aloud audio: generation time and disk, a
#                           question page with its player vs static nginx
#   tests/bench/export.sh   exports at ~1.2M answers against PostgreSQL's COPY
#                           (not in the default list: name it)
# Figures are printed; nothing is asserted except that no response is lost or
# stored twice. Loopback only; every load run is bounded in time.
#
#   bash tests/bench/run.sh [collect|flow|openloop|report|faults|export|qual|audio]...
set -uo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=deploy/lib.sh
. "$SRC/deploy/lib.sh"
WHICH=${*:-collect flow openloop report export faults audio}
WORK=$(mktemp -d /tmp/uppfolj-bench.XXXXXX)
chmod 755 "$WORK"   # our own folder: postgres and nginx's workers enter it
export PGPASSFILE=$WORK/pgpass
# UF_BENCH_BUILD: an existing release build to use instead of making one.
BUILD=${UF_BENCH_BUILD:-$WORK/build}
PGDIR=$WORK/pg
PGPORT=${UF_BENCH_PG_PORT:-55490}
trap 'uf_pg_stop "$PGDIR"; rm -rf "$WORK"' EXIT

uf_install wrk time libcurl4-openssl-dev
if [ -z "${UF_BENCH_BUILD:-}" ]; then
	echo "# release build (default -O2) in $BUILD"
	uf_build "$SRC" "$BUILD"
fi
uf_pg_start "$PGDIR" "$PGPORT"
uf_createdb "$PGDIR" "$PGPORT" uppfolj
uf_secret "$WORK/secret.key"
SUPER="host=$PGDIR port=$PGPORT dbname=uppfolj user=postgres"
"$BUILD/admin/uppfolj-admin" migrate --db "$SUPER" --schema "$SRC/schema" >/dev/null &&
	uf_pg_passwords "$PGDIR" "$PGPORT" "$PGPASSFILE" &&
	"$BUILD/admin/uppfolj-admin" forms-load --db "$SUPER" "$SRC"/forms/*.json >/dev/null &&
	"$BUILD/admin/uppfolj-admin" demo --db "$SUPER" --secret "$WORK/secret.key" --forms "$SRC/forms" \
		--codes-out "$WORK/codes.txt" --quiet >/dev/null || uf_die "database set-up failed"
echo "# machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# The respondent texts (forms/ui, forms/info) the programs read, from the
# source tree: a bench installs nothing.
export UPPFOLJ_LANG_DIR=$SRC/forms
export UF_SRC=$SRC UF_BUILD=$BUILD UF_BENCH_BUILD=$BUILD UF_PGHOST=$PGDIR UF_PGPORT=$PGPORT \
	UF_DB=uppfolj UF_SECRET=$WORK/secret.key UF_WORK=$WORK
status=0
for b in $WHICH; do
	echo; echo "## $b"
	bash "$SRC/tests/bench/$b.sh" || status=1
done
exit $status
