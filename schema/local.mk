# schema: the migrations, installed to $(pkgdatadir)/schema where
# `uppfolj-admin migrate` finds them. Add each new NNNN_*.sql file here.
schemadir = $(pkgdatadir)/schema
dist_schema_DATA = \
	schema/0001_roles.sql \
	schema/0002_core.sql \
	schema/0003_collect.sql \
	schema/0004_report.sql \
	schema/0006_manage.sql \
	schema/0007_report_indexes.sql \
	schema/0008_answer_item_check.sql \
	schema/0009_admin_login_throttle.sql \
	schema/0010_submit_retry.sql \
	schema/0011_collect_session_end.sql \
	schema/0012_answer_decline.sql \
	schema/0013_mask_names.sql \
	schema/0014_item_type.sql \
	schema/0015_evaluator_tools.sql \
	schema/0016_draft_page.sql \
	schema/0018_session_cache_stamp.sql \
	schema/0020_qual.sql \
	schema/0021_respondent_language.sql \
	schema/0022_instrument_translation.sql \
	schema/0023_collect_lighter.sql \
	schema/0024_report_withdrawals.sql \
	schema/0025_draft_row.sql \
	schema/0026_qual_example.sql \
	schema/0027_draft_rev_async.sql \
	schema/0028_collect_flat_calls.sql \
	schema/0030_api_submit_lighter.sql
