-- role: uppfolj_admin
-- The admin role codes (documents, codes, meaning units, double-coding
-- sets) but cannot rewrite the tree's history.
SELECT count(*) >= 0 AS reads FROM qual_document, qual_code, qual_unit,
	qual_dc_set, qual_dc_document, qual_code_event;
UPDATE qual_code_event SET actor = 'x';
DELETE FROM qual_code_event;
TRUNCATE qual_unit;
-- Report text keeps every version: no update, no delete for the admin role.
UPDATE report_text SET body = 'x';
DELETE FROM report_text;
