# tests: each suite folder adds its own targets.
include tests/unit/local.mk
include tests/forms/local.mk
include tests/reports/local.mk
include tests/sql/local.mk
include tests/fuzz/local.mk
