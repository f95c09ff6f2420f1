-- role: superuser
-- Privileges aside, the triggers hold even for the owner and a superuser:
-- the audit log is append-only and a stored instrument version never
-- changes.
BEGIN;
INSERT INTO uppfolj.audit_log (actor, action, object)
	VALUES ('sqltest', 'test.append', 'owner_triggers');
UPDATE uppfolj.audit_log SET actor = 'someone else' WHERE actor = 'sqltest';
DELETE FROM uppfolj.audit_log WHERE actor = 'sqltest';
SELECT count(*) FROM uppfolj.audit_log WHERE actor = 'sqltest';
INSERT INTO uppfolj.instrument (instrument_id, version, grp, title, definition, sha256)
	VALUES ('sqltest', 1, 'chef', 'Test', '{}', repeat('a', 64));
INSERT INTO uppfolj.instrument_item (instrument_id, version, item_id, position, theme_id, item_type)
	VALUES ('sqltest', 1, 'q_one', 0, 'tema', 'likert5');
UPDATE uppfolj.instrument SET title = 'Changed' WHERE instrument_id = 'sqltest';
DELETE FROM uppfolj.instrument WHERE instrument_id = 'sqltest';
UPDATE uppfolj.instrument_item SET item_type = 'text' WHERE instrument_id = 'sqltest';
DELETE FROM uppfolj.instrument_item WHERE instrument_id = 'sqltest';
-- A changed questionnaire is a new version, which is allowed.
INSERT INTO uppfolj.instrument (instrument_id, version, grp, title, definition, sha256)
	VALUES ('sqltest', 2, 'chef', 'Changed', '{}', repeat('b', 64));
SELECT instrument_id, version, title FROM uppfolj.instrument
	WHERE instrument_id = 'sqltest' ORDER BY version;
ROLLBACK;
