# tests/sql: database and role tests, run by tests/run-all.sh (sql suite)
# against PostgreSQL; shipped in the tarball, not run by `make check`.
# (the folder ships whole: UF_DIST_WHOLE in tests/local.mk.)
