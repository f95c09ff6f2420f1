#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# The fault suite's long form as a benchmark (tests/bench/run.sh faults): two
# minutes of 64 API and 16 page clients while the survey program is killed
# every 7 s and PostgreSQL restarted with -m immediate every ~20 s; prints
# the figures and fails on a lost, doubled or unanswered response.
set -uo pipefail
exec bash "$(cd "$(dirname "$0")/.." && pwd)/faults/run.sh" --long
