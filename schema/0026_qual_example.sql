-- SPDX-License-Identifier: ISC
-- The examples the evaluators choose for the report's category table
-- (meningsbärande enhet -> subkategori -> kategori, the delrapport's
-- Tabell 1): a meaning unit marked as an example of the subkategori it is
-- coded under (its code, or its code's parent for a kod). The choice hangs
-- off the unit by ON DELETE CASCADE, so a withdrawal's erasure of the unit
-- takes the choice with it; the history keeps ids and names of evaluators
-- only, never a respondent's words.
SET LOCAL ROLE uppfolj_owner;
SET LOCAL search_path = uppfolj;

CREATE TABLE qual_example (
	unit_id   bigint PRIMARY KEY REFERENCES qual_unit ON DELETE CASCADE,
	chosen_by text NOT NULL CHECK (length(chosen_by) BETWEEN 1 AND 100),
	chosen_at timestamptz NOT NULL DEFAULT now()
);

-- Who chose or dropped which unit for which subkategori, append-only like
-- qual_code_event. The ids are plain numbers: the unit may be erased.
CREATE TYPE qual_example_event_kind AS ENUM ('choose', 'drop');
CREATE TABLE qual_example_event (
	event_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	study_id    bigint NOT NULL REFERENCES study,
	kind        qual_example_event_kind NOT NULL,
	unit_id     bigint NOT NULL,
	subkategori bigint NOT NULL,
	actor       text NOT NULL CHECK (length(actor) BETWEEN 1 AND 100),
	at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX qual_example_event_study_idx ON qual_example_event (study_id, at);
CREATE FUNCTION qual_example_event_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'qual_example_event is append-only' USING ERRCODE = 'UF409';
END
$$;
CREATE TRIGGER qual_example_event_no_change BEFORE UPDATE OR DELETE ON qual_example_event
	FOR EACH ROW EXECUTE FUNCTION qual_example_event_append_only();

-- Choose (p_chosen) or drop meaning unit p_unit of study p_study as an
-- example of its subkategori, as viewer p_viewer (who must see the unit:
-- qual_unit_visible) named p_actor. At most p_max examples per subkategori:
-- the subkategori's row is locked first, so two evaluators choosing at once
-- cannot both take the last place. Choosing a chosen unit or dropping an
-- unchosen one changes nothing and records nothing. Returns the
-- subkategori's name. UF404: no such unit (visible to the viewer) in the
-- study; UF400: the unit is not coded under a subkategori; UF409: the
-- subkategori has p_max examples already.
CREATE FUNCTION qual_example_set(p_study bigint, p_unit bigint, p_chosen boolean,
	p_viewer bigint, p_actor text, p_max integer) RETURNS text
LANGUAGE plpgsql SET search_path = uppfolj, pg_temp AS $$
DECLARE
	v_sub  bigint;
	v_name text;
	v_n    integer;
BEGIN
	SELECT CASE c.level WHEN 2 THEN c.code_id WHEN 3 THEN c.parent_id END
	INTO v_sub
	FROM qual_unit u
	JOIN qual_document d ON d.document_id = u.document_id
	LEFT JOIN qual_code c ON c.code_id = u.code_id
	WHERE u.unit_id = p_unit AND d.study_id = p_study
	  AND qual_unit_visible(u.document_id, u.coder_id, p_viewer);
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no such meaning unit' USING ERRCODE = 'UF404';
	END IF;
	IF v_sub IS NULL THEN
		RAISE EXCEPTION 'the meaning unit is not coded under a subkategori'
			USING ERRCODE = 'UF400';
	END IF;
	SELECT name INTO v_name FROM qual_code WHERE code_id = v_sub FOR UPDATE;
	IF p_chosen THEN
		IF EXISTS (SELECT 1 FROM qual_example WHERE unit_id = p_unit) THEN
			RETURN v_name;
		END IF;
		SELECT count(*) INTO v_n
		FROM qual_example e
		JOIN qual_unit u ON u.unit_id = e.unit_id
		JOIN qual_code c ON c.code_id = u.code_id
		WHERE c.code_id = v_sub OR (c.level = 3 AND c.parent_id = v_sub);
		IF v_n >= p_max THEN
			RAISE EXCEPTION 'the subkategori has its examples' USING ERRCODE = 'UF409';
		END IF;
		INSERT INTO qual_example (unit_id, chosen_by) VALUES (p_unit, p_actor);
		INSERT INTO qual_example_event (study_id, kind, unit_id, subkategori, actor)
		VALUES (p_study, 'choose', p_unit, v_sub, p_actor);
	ELSE
		DELETE FROM qual_example WHERE unit_id = p_unit;
		IF FOUND THEN
			INSERT INTO qual_example_event (study_id, kind, unit_id, subkategori, actor)
			VALUES (p_study, 'drop', p_unit, v_sub, p_actor);
		END IF;
	END IF;
	RETURN v_name;
END
$$;

GRANT SELECT, INSERT, DELETE ON qual_example TO uppfolj_admin;
GRANT SELECT, INSERT ON qual_example_event TO uppfolj_admin;
GRANT EXECUTE ON FUNCTION qual_example_set(bigint, bigint, boolean, bigint, text, integer)
	TO uppfolj_admin;
GRANT SELECT ON qual_example TO uppfolj_report;
