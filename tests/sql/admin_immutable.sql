-- role: uppfolj_admin
-- The admin role appends to the audit log but cannot rewrite it, and stores
-- instruments but cannot change a stored one.
BEGIN;
INSERT INTO uppfolj.audit_log (actor, action, object)
	VALUES ('sqltest', 'test.append', 'admin_immutable');
SELECT actor, action, object FROM uppfolj.audit_log WHERE actor = 'sqltest';
UPDATE uppfolj.audit_log SET actor = 'someone else' WHERE actor = 'sqltest';
DELETE FROM uppfolj.audit_log WHERE actor = 'sqltest';
INSERT INTO uppfolj.instrument (instrument_id, version, grp, title, definition, sha256)
	VALUES ('sqltest', 1, 'chef', 'Test', '{}', repeat('a', 64));
INSERT INTO uppfolj.instrument_item (instrument_id, version, item_id, position, theme_id, item_type)
	VALUES ('sqltest', 1, 'q_one', 0, 'tema', 'likert5');
UPDATE uppfolj.instrument SET title = 'Changed' WHERE instrument_id = 'sqltest';
DELETE FROM uppfolj.instrument_item WHERE instrument_id = 'sqltest';
UPDATE uppfolj.instrument_item SET item_type = 'text' WHERE instrument_id = 'sqltest';
ROLLBACK;
