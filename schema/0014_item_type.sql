-- SPDX-License-Identifier: ISC
-- Question types as data: table item_type names every type lib/item_types.c
-- knows, with the answer column it is stored in and, for integer-stored
-- types with a fixed range, that range. instrument_item.item_type references
-- it instead of 0002's CHECK list, and collect_put_answers checks an answer
-- against its type's row instead of a CASE per type, so a new type is one
-- INSERT here (in a new migration) and no function body changes.
-- The foreign key is taken only when an instrument is loaded (instrument_item
-- rows are written once), never in a submission.
SET LOCAL ROLE uppfolj_owner;
SET LOCAL search_path = uppfolj;

CREATE TABLE item_type (
	name    text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_]{0,31}$'),
	storage text NOT NULL CHECK (storage IN ('int', 'text', 'choices', 'date', 'decimal')),
	int_min integer,   -- a range every item of the type shares (likert5)
	int_max integer,
	CHECK (storage = 'int' OR (int_min IS NULL AND int_max IS NULL)),
	CHECK (int_min IS NULL OR int_max IS NULL OR int_min < int_max)
);
INSERT INTO item_type (name, storage, int_min, int_max) VALUES
	('likert5', 'int', 1, 5),
	('single', 'text', NULL, NULL),
	('multi', 'choices', NULL, NULL),
	('text', 'text', NULL, NULL),
	('integer', 'int', NULL, NULL),
	('date', 'date', NULL, NULL),
	('vas', 'int', 0, 100),
	('number', 'decimal', NULL, NULL);
GRANT SELECT ON item_type TO uppfolj_report, uppfolj_admin;

-- 0002's unnamed CHECK got PostgreSQL's default name.
ALTER TABLE instrument_item DROP CONSTRAINT instrument_item_item_type_check;
ALTER TABLE instrument_item ADD CONSTRAINT instrument_item_item_type_fkey
	FOREIGN KEY (item_type) REFERENCES item_type;

-- As 0012, with the type's storage and range read from item_type.
CREATE OR REPLACE FUNCTION collect_put_answers(p_rid bigint, p_instrument text,
	p_version integer, p_answers jsonb, p_fresh boolean)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	n bigint;
BEGIN
	IF jsonb_typeof(p_answers) IS DISTINCT FROM 'array' THEN
		RAISE EXCEPTION 'answers must be an array' USING ERRCODE = 'UF400';
	END IF;
	IF NOT p_fresh THEN
		DELETE FROM uppfolj.answer WHERE response_id = p_rid;
	END IF;
	INSERT INTO uppfolj.answer (response_id, instrument_id, version, item_id,
		dont_know, declined, value_int, value_text, value_choices, value_date)
	SELECT p_rid, p_instrument, p_version, x.i, coalesce(x.d, false),
		coalesce(x.dc, false), x.n, x.t, x.c, x.dt
	FROM jsonb_to_recordset(p_answers)
		AS x(i text, d boolean, dc boolean, n integer, t text, c text[], dt date)
	JOIN uppfolj.instrument_item ii ON ii.instrument_id = p_instrument
		AND ii.version = p_version AND ii.item_id = x.i
	JOIN uppfolj.item_type ty ON ty.name = ii.item_type
	WHERE coalesce(x.d, false) OR coalesce(x.dc, false) OR coalesce(
		CASE ty.storage
		WHEN 'int'     THEN x.n BETWEEN coalesce(ty.int_min, x.n)
			AND coalesce(ty.int_max, x.n)
		WHEN 'text'    THEN x.t IS NOT NULL
		-- a canonical decimal (lib/item_types.c item_number_parse);
		-- value_text::numeric always works on it
		WHEN 'decimal' THEN x.t ~ '^-?(0|[1-9][0-9]{0,9})(\.[0-9]{1,3})?$'
		WHEN 'choices' THEN x.c IS NOT NULL
		WHEN 'date'    THEN x.dt IS NOT NULL
		END, false);
	GET DIAGNOSTICS n = ROW_COUNT;
	IF n <> jsonb_array_length(p_answers) THEN
		RAISE EXCEPTION 'answer does not fit its item type' USING ERRCODE = 'UF400';
	END IF;
END
$$;
