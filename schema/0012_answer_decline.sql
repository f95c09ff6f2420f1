-- SPDX-License-Identifier: ISC
-- "Vill inte svara" (decline) as an answer of its own, never mixed with
-- "Vet ej / ej aktuellt": answer.declined beside answer.dont_know, at most
-- one of them and then no value. The collect program's answer JSON carries
-- it as "dc": true (collect_put_answers writes it, collect_session_get reads
-- it back), and answer_value() spells it 'declined' in every export.
-- Functions are replaced whole (CREATE OR REPLACE keeps their grants); the
-- bodies are 0003's and 0006's with only the decline added.
SET LOCAL ROLE uppfolj_owner;
SET LOCAL search_path = uppfolj;

-- A default on a new column needs no table rewrite.
ALTER TABLE answer ADD COLUMN declined boolean NOT NULL DEFAULT false;
-- Same name as 0002's unnamed check: one value, or "vet ej", or "vill inte
-- svara".
ALTER TABLE answer DROP CONSTRAINT answer_check;
ALTER TABLE answer ADD CONSTRAINT answer_check CHECK (
	NOT (dont_know AND declined)
	AND num_nonnulls(value_int, value_text, value_choices, value_date)
		= CASE WHEN dont_know OR declined THEN 0 ELSE 1 END);

-- As 0003: replace every answer of response p_rid with p_answers, now
-- {"i", "d", "dc", "n", "t", "c", "dt"}; "d" and "dc" together, or either
-- with a value, break the table's check.
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
	WHERE coalesce(x.d, false) OR coalesce(x.dc, false) OR coalesce(
		CASE ii.item_type
		WHEN 'likert5' THEN x.n BETWEEN 1 AND 5
		WHEN 'integer' THEN x.n IS NOT NULL
		WHEN 'single'  THEN x.t IS NOT NULL
		WHEN 'text'    THEN x.t IS NOT NULL
		WHEN 'multi'   THEN x.c IS NOT NULL
		WHEN 'date'    THEN x.dt IS NOT NULL
		END, false);
	GET DIAGNOSTICS n = ROW_COUNT;
	IF n <> jsonb_array_length(p_answers) THEN
		RAISE EXCEPTION 'answer does not fit its item type' USING ERRCODE = 'UF400';
	END IF;
END
$$;

-- As 0003, with "dc" for a declined answer.
CREATE OR REPLACE FUNCTION collect_session_get(p_token_hash bytea, p_idle_minutes integer)
RETURNS TABLE (grp text, months integer, instrument_id text, version integer,
	consent text, status text, csrf text, answers jsonb, code_id bigint,
	expires_epoch bigint)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	s collect_session;
BEGIN
	s := collect_session_row(p_token_hash);
	IF s.last_seen < now() - interval '30 seconds' THEN
		UPDATE collect_session SET last_seen = now(),
			expires_at = now() + make_interval(mins => p_idle_minutes)
		WHERE token_hash = p_token_hash
		RETURNING expires_at INTO s.expires_at;
	END IF;
	RETURN QUERY
	SELECT p.grp::text, w.months::integer, wi.instrument_id, wi.version,
		(SELECT c.decision::text FROM consent c
		 WHERE c.participant_id = s.participant_id AND c.wave_id = s.wave_id),
		r.status::text, s.csrf,
		coalesce((SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
				'i', a.item_id, 'd', CASE WHEN a.dont_know THEN true END,
				'dc', CASE WHEN a.declined THEN true END,
				'n', a.value_int, 't', a.value_text, 'c', a.value_choices,
				'dt', a.value_date)))
			FROM answer a WHERE a.response_id = r.response_id), '[]'::jsonb),
		s.code_id, floor(extract(epoch FROM s.expires_at))::bigint
	FROM participant p
	JOIN wave w ON w.wave_id = s.wave_id
	JOIN wave_instrument wi ON wi.wave_id = w.wave_id AND wi.grp = p.grp
	LEFT JOIN response r ON r.participant_id = s.participant_id
		AND r.wave_id = s.wave_id AND r.instrument_id = wi.instrument_id
	WHERE p.participant_id = s.participant_id;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'session without instrument' USING ERRCODE = 'UF401';
	END IF;
END
$$;


-- As 0006: an answer's value as export text, 'declined' for "vill inte svara".
CREATE OR REPLACE FUNCTION answer_value(a answer) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$ SELECT CASE
	WHEN a.dont_know THEN 'dont_know'
	WHEN a.declined THEN 'declined'
	WHEN a.value_int IS NOT NULL THEN a.value_int::text
	WHEN a.value_choices IS NOT NULL THEN array_to_string(a.value_choices, ';')
	WHEN a.value_date IS NOT NULL THEN to_char(a.value_date, 'YYYY-MM-DD')
	ELSE a.value_text END $$;

-- As 0010, with "dc": a retry that declines where the first submission
-- skipped (or the other way round) is a different body, answered 409.
CREATE OR REPLACE FUNCTION collect_answers_canonical(p_answers jsonb)
RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
	SELECT coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
			'i', x.i, 'd', CASE WHEN x.d THEN true END,
			'dc', CASE WHEN x.dc THEN true END, 'n', x.n, 't', x.t,
			'c', x.c, 'dt', x.dt)) ORDER BY x.i), '[]'::jsonb)
	FROM jsonb_to_recordset(p_answers)
		AS x(i text, d boolean, dc boolean, n integer, t text, c text[], dt date)
$$;
CREATE OR REPLACE FUNCTION collect_answers_stored(p_rid bigint)
RETURNS jsonb LANGUAGE sql STABLE AS $$
	SELECT coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
			'i', a.item_id, 'd', CASE WHEN a.dont_know THEN true END,
			'dc', CASE WHEN a.declined THEN true END,
			'n', a.value_int, 't', a.value_text, 'c', a.value_choices,
			'dt', a.value_date)) ORDER BY a.item_id), '[]'::jsonb)
	FROM uppfolj.answer a WHERE a.response_id = p_rid
$$;
REVOKE ALL ON FUNCTION collect_answers_canonical(jsonb),
	collect_answers_stored(bigint) FROM PUBLIC;
