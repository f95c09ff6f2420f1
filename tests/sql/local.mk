# tests/sql: database and role tests, run by tests/run-all.sh (sql suite)
# against PostgreSQL; shipped in the tarball, not run by `make check`.
EXTRA_DIST += \
	tests/sql/run.sh \
	tests/sql/admin_immutable.sql tests/sql/admin_immutable.expected \
	tests/sql/answer_decline.sql tests/sql/answer_decline.expected \
	tests/sql/collect_denied.sql tests/sql/collect_denied.expected \
	tests/sql/collect_retry_denied.sql tests/sql/collect_retry_denied.expected \
	tests/sql/collect_session_end.sql tests/sql/collect_session_end.expected \
	tests/sql/constraints.sql tests/sql/constraints.expected \
	tests/sql/draft_page.sql tests/sql/draft_page.expected \
	tests/sql/owner_triggers.sql tests/sql/owner_triggers.expected \
	tests/sql/report_readonly.sql tests/sql/report_readonly.expected \
	tests/sql/demo/checks.sql tests/sql/demo/checksum.sql
