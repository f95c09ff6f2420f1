#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# The admin web suites (HTTP and browser) as TAP, with the environment of
# tests/run-all.sh (UF_SRC, UF_BUILD, UF_PGHOST, UF_PGPORT, UF_DB, UF_SECRET,
# UF_BASE_URL, UF_ARTIFACTS). nginx must route /admin/ to uppfolj-adminweb
# serving the demo study (config "study = demo", base_url = UF_BASE_URL).
set -u
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/.." || exit 2
exec node --test --test-reporter=tap --test-concurrency=1 "$here"/*.test.mjs
