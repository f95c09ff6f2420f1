-- role: uppfolj_report
-- The report role reads answers but changes nothing: its sessions are
-- read-only by default, and even with that switched off it holds no
-- privilege to write. It never sees access-code hashes.
SHOW default_transaction_read_only;
SELECT count(*) FROM uppfolj.answer;
SELECT count(*) FROM uppfolj.response;
SELECT count(*) FROM uppfolj.participant;
INSERT INTO uppfolj.audit_log (actor, action) VALUES ('report', 'report.test');
-- Switching the default off is allowed; writing still is not.
SET default_transaction_read_only = off;
INSERT INTO uppfolj.answer (response_id, instrument_id, version, item_id, value_int)
	VALUES (1, 'chef', 2, 'chef_erf_hopp', 5);
INSERT INTO uppfolj.study (slug, name, start_date) VALUES ('x', 'X', '2024-01-01');
UPDATE uppfolj.answer SET value_int = 5;
UPDATE uppfolj.study SET name = 'changed';
DELETE FROM uppfolj.answer;
DELETE FROM uppfolj.participant;
INSERT INTO uppfolj.audit_log (actor, action) VALUES ('report', 'report.test');
SELECT count(*) FROM uppfolj.access_code;
