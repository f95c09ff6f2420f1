-- SPDX-License-Identifier: ISC
-- Answers name their instrument item through a statement-level check
-- instead of a foreign key. A foreign key takes a share lock on the
-- referenced row for every inserted answer; with every respondent answering
-- the same few items, concurrent submissions piled up MultiXacts on those
-- instrument_item rows, and the index the key needed (answer_item_idx, the
-- same three values in every respondent's rows) became a contended page.
-- Instrument items never change or go away (instrument_item_no_update), so
-- checking that the item exists when an answer is written, once per
-- statement, keeps the same guarantee without locking anything.
-- Measured with pgbench on the JSON API's submit transaction, 64 clients:
-- about 1,350 -> 1,700 transactions per second.
SET LOCAL ROLE uppfolj_owner;
SET LOCAL search_path = uppfolj;

ALTER TABLE answer DROP CONSTRAINT answer_instrument_id_version_item_id_fkey;
DROP INDEX answer_item_idx;

-- Raise foreign_key_violation when a written answer names an item that its
-- instrument version does not have.
CREATE FUNCTION answer_item_exists() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	bad record;
BEGIN
	SELECT n.instrument_id, n.version, n.item_id INTO bad FROM written_answers n
	WHERE NOT EXISTS (SELECT 1 FROM uppfolj.instrument_item ii
		WHERE ii.instrument_id = n.instrument_id AND ii.version = n.version
		  AND ii.item_id = n.item_id)
	LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'answer names item "%", which instrument % version % does not have',
			bad.item_id, bad.instrument_id, bad.version
			USING ERRCODE = 'foreign_key_violation';
	END IF;
	RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION answer_item_exists() FROM PUBLIC;

-- A trigger with a transition table has one event; hence two.
CREATE TRIGGER answer_item_exists_insert AFTER INSERT ON answer
	REFERENCING NEW TABLE AS written_answers
	FOR EACH STATEMENT EXECUTE FUNCTION answer_item_exists();
CREATE TRIGGER answer_item_exists_update AFTER UPDATE ON answer
	REFERENCING NEW TABLE AS written_answers
	FOR EACH STATEMENT EXECUTE FUNCTION answer_item_exists();
