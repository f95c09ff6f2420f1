-- SPDX-License-Identifier: ISC
-- Draft saves cost one page, not the whole survey: a page post stores only
-- the answers that page changed (upsert, and delete of answers the page
-- cleared or hid) in one call, instead of deleting and re-inserting every
-- answer given so far. A revision number on the response (draft_rev, raised
-- by every draft write) lets the program merge a page into the draft it
-- read -- possibly from its session cache -- and have the write refused
-- ("stale") when the draft changed since, so it reads again and no answer
-- is lost. The session load returns the revision, in one query.
SET LOCAL ROLE uppfolj_owner;
SET LOCAL search_path = uppfolj;

-- A default on a new column needs no table rewrite.
ALTER TABLE response ADD COLUMN draft_rev integer NOT NULL DEFAULT 0;

-- What a draft's answers are at: the response, its revision and the
-- instrument version. Equal stamps mean equal answers, because every write
-- of a draft's answers raises the revision; 0018 and collect_draft_page
-- hand it to the program, whose session cache keeps a copy per stamp.
CREATE FUNCTION collect_draft_stamp(p_response_id bigint, p_rev integer, p_version integer)
RETURNS text LANGUAGE sql IMMUTABLE
AS $$ SELECT p_response_id::text || '.' || p_rev::text || '.' || p_version::text $$;

-- As 0011's collect_session_view (extend the session at most every sixth of
-- its idle time, then the session with its draft), in one query, plus the
-- draft's revision (0 when there is no response yet).
CREATE FUNCTION collect_session_load(p_token_hash bytea)
RETURNS TABLE (grp text, months integer, instrument_id text, version integer,
	consent text, status text, csrf text, answers jsonb, code_id bigint,
	expires_epoch bigint, draft_rev integer)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	s collect_session;
	idle interval;
BEGIN
	s := collect_session_row(p_token_hash);
	idle := collect_session_idle(s);
	IF s.last_seen < now() - least(interval '30 seconds', idle / 6) THEN
		UPDATE collect_session SET last_seen = now(), expires_at = now() + idle
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
		s.code_id, floor(extract(epoch FROM s.expires_at))::bigint,
		coalesce(r.draft_rev, 0)
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

-- Store one page of the caller's draft: p_put, answers in collect_put_answers'
-- JSON shape, are written over the response's answers to those items (each
-- re-checked against its item type as there); p_drop, a JSON array of item
-- ids, are removed (cleared on the page, or hidden by its answers). Applied
-- only when the draft is still at revision p_rev; then the revision goes up
-- by one. Returns the new revision, when the session expires (extended
-- as collect_session_load does) and the draft's new stamp, or a NULL
-- revision when the draft has another revision (nothing written: read it again and merge anew).
-- UF401 no session, UF403 no consent or no response, UF409 submitted,
-- UF400 an answer that does not fit.
CREATE FUNCTION collect_draft_page(p_token_hash bytea, p_rev integer, p_put jsonb,
	p_drop jsonb)
RETURNS TABLE (draft_rev integer, expires_epoch bigint, stamp text)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	s collect_session;
	r response;
	idle interval;
	n bigint;
BEGIN
	IF jsonb_typeof(p_put) IS DISTINCT FROM 'array'
	   OR jsonb_typeof(p_drop) IS DISTINCT FROM 'array' THEN
		RAISE EXCEPTION 'answers must be arrays' USING ERRCODE = 'UF400';
	END IF;
	s := collect_session_row(p_token_hash);
	-- The revision check and the row lock in one statement.
	UPDATE response x SET draft_rev = x.draft_rev + 1, updated_at = now()
	FROM participant p
	JOIN wave_instrument wi ON wi.grp = p.grp
	WHERE p.participant_id = s.participant_id AND wi.wave_id = s.wave_id
	  AND x.participant_id = s.participant_id AND x.wave_id = s.wave_id
	  AND x.instrument_id = wi.instrument_id AND x.status = 'draft'
	  AND x.draft_rev = p_rev
	RETURNING x.* INTO r;
	IF NOT FOUND THEN
		-- Why not: say so as collect_draft_put does, or report a stale read.
		PERFORM 1 FROM response x JOIN participant p ON p.participant_id = x.participant_id
		JOIN wave_instrument wi ON wi.wave_id = x.wave_id AND wi.grp = p.grp
			AND wi.instrument_id = x.instrument_id
		WHERE x.participant_id = s.participant_id AND x.wave_id = s.wave_id
		  AND x.status = 'submitted';
		IF FOUND THEN
			RAISE EXCEPTION 'already submitted' USING ERRCODE = 'UF409';
		END IF;
		PERFORM 1 FROM response x JOIN participant p ON p.participant_id = x.participant_id
		JOIN wave_instrument wi ON wi.wave_id = x.wave_id AND wi.grp = p.grp
			AND wi.instrument_id = x.instrument_id
		WHERE x.participant_id = s.participant_id AND x.wave_id = s.wave_id;
		IF NOT FOUND THEN
			RAISE EXCEPTION 'no consent' USING ERRCODE = 'UF403';
		END IF;
		RETURN QUERY SELECT NULL::integer, floor(extract(epoch FROM s.expires_at))::bigint,
			NULL::text;
		RETURN;
	END IF;
	IF NOT EXISTS (SELECT 1 FROM consent c WHERE c.participant_id = s.participant_id
		AND c.wave_id = s.wave_id AND c.decision = 'given') THEN
		RAISE EXCEPTION 'no consent' USING ERRCODE = 'UF403';
	END IF;
	IF jsonb_array_length(p_put) > 0 THEN
		INSERT INTO answer AS a (response_id, instrument_id, version, item_id,
			dont_know, declined, value_int, value_text, value_choices, value_date)
		SELECT r.response_id, r.instrument_id, r.version, x.i, coalesce(x.d, false),
			coalesce(x.dc, false), x.n, x.t, x.c, x.dt
		FROM jsonb_to_recordset(p_put)
			AS x(i text, d boolean, dc boolean, n integer, t text, c text[], dt date)
		JOIN instrument_item ii ON ii.instrument_id = r.instrument_id
			AND ii.version = r.version AND ii.item_id = x.i
		JOIN item_type ty ON ty.name = ii.item_type
		-- as 0014's collect_put_answers: checked by the type's storage
		WHERE coalesce(x.d, false) OR coalesce(x.dc, false) OR coalesce(
			CASE ty.storage
			WHEN 'int'     THEN x.n BETWEEN coalesce(ty.int_min, x.n)
				AND coalesce(ty.int_max, x.n)
			WHEN 'text'    THEN x.t IS NOT NULL
			WHEN 'decimal' THEN x.t ~ '^-?(0|[1-9][0-9]{0,9})(\.[0-9]{1,3})?$'
			WHEN 'choices' THEN x.c IS NOT NULL
			WHEN 'date'    THEN x.dt IS NOT NULL
			END, false)
		ON CONFLICT (response_id, item_id) DO UPDATE SET
			dont_know = excluded.dont_know, declined = excluded.declined,
			value_int = excluded.value_int, value_text = excluded.value_text,
			value_choices = excluded.value_choices, value_date = excluded.value_date;
		GET DIAGNOSTICS n = ROW_COUNT;
		IF n <> jsonb_array_length(p_put) THEN
			RAISE EXCEPTION 'answer does not fit its item type' USING ERRCODE = 'UF400';
		END IF;
	END IF;
	IF jsonb_array_length(p_drop) > 0 THEN
		DELETE FROM answer a WHERE a.response_id = r.response_id
		  AND a.item_id IN (SELECT jsonb_array_elements_text(p_drop));
	END IF;
	idle := collect_session_idle(s);
	IF s.last_seen < now() - least(interval '30 seconds', idle / 6) THEN
		UPDATE collect_session SET last_seen = now(), expires_at = now() + idle
		WHERE token_hash = p_token_hash
		RETURNING expires_at INTO s.expires_at;
	END IF;
	RETURN QUERY SELECT r.draft_rev, floor(extract(epoch FROM s.expires_at))::bigint,
		collect_draft_stamp(r.response_id, r.draft_rev, r.version);
END
$$;

-- 0003's whole-draft save (no longer called by the program, still granted):
-- it now raises the revision too, so a page merged into an older read is
-- refused after it.
CREATE OR REPLACE FUNCTION collect_draft_save(p_token_hash bytea, p_answers jsonb)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	s collect_session;
	r response;
BEGIN
	s := collect_session_row(p_token_hash);
	r := collect_draft_put(s, p_answers);
	UPDATE response SET updated_at = now(), draft_rev = draft_rev + 1
	WHERE response_id = r.response_id;
	UPDATE collect_session SET last_seen = now(),
		expires_at = now() + (s.expires_at - s.last_seen)
	WHERE token_hash = p_token_hash;
END
$$;

-- Likewise the draft stored when a session ends (Avbryt, "Spara och
-- fortsätt senare", the idle end): as 0011 with the revision raised.
CREATE OR REPLACE FUNCTION collect_session_end_saving(p_token_hash bytea, p_answers jsonb)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	s collect_session;
	r response;
BEGIN
	s := collect_session_row(p_token_hash);
	IF p_answers IS NOT NULL THEN
		r := collect_draft_put(s, p_answers);
		UPDATE response SET updated_at = now(), draft_rev = draft_rev + 1
		WHERE response_id = r.response_id;
	END IF;
	DELETE FROM collect_session WHERE token_hash = p_token_hash;
END
$$;

REVOKE ALL ON FUNCTION collect_session_load(bytea), collect_draft_page(bytea, integer, jsonb, jsonb)
	FROM PUBLIC;
GRANT EXECUTE ON FUNCTION collect_session_load(bytea),
	collect_draft_page(bytea, integer, jsonb, jsonb) TO uppfolj_collect;
