# tests: each suite folder adds its own targets.
# Folders of scripts and data ship whole, so a new test file cannot be left
# out of the tarball; dist-hook (tests/dist-files.sh) drops untracked files
# from them and fails when a tracked file or a migration is not shipped.
UF_DIST_WHOLE = tests/api tests/browser tests/adminweb tests/bench tests/deploy tests/scale \
	tests/audio \
	tests/faults tests/valgrind tests/sql
EXTRA_DIST += $(UF_DIST_WHOLE) tests/run-all.sh tests/dist-files.sh \
	tests/package.json tests/package-lock.json
dist-hook:
	$(SHELL) $(srcdir)/tests/dist-files.sh "$(srcdir)" "$(distdir)" "$(UF_DIST_WHOLE)" $(dist_schema_DATA)

include tests/unit/local.mk
include tests/forms/local.mk
include tests/reports/local.mk
include tests/sql/local.mk
include tests/fuzz/local.mk
