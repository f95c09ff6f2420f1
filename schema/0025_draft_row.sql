-- SPDX-License-Identifier: ISC
-- A draft is one value on its response (issue 13): response.draft holds the
-- draft's answers as one jsonb object keyed by item id, so a page save is
-- one UPDATE of one row (revision check, consent, answers) instead of an
-- upsert per answer with its foreign key and 0008's statement trigger. The
-- submission turns the answers into answer rows exactly as before (0003's
-- collect_draft_put, 0010's collect_submit_code), and submitting clears the
-- draft; exports and reports read answer rows of submitted responses only,
-- so they do not change. Erasure, withdrawal, a declined consent and
-- purge-drafts delete the response row, and the draft with it.
SET LOCAL ROLE uppfolj_owner;
SET LOCAL search_path = uppfolj;

-- NULL: no answers yet (or submitted). Otherwise {"item": {"d": true} |
-- {"dc": true} | {"n": 3} | {"t": "..."} | {"c": [...]} | {"dt": "..."}},
-- the page JSON of collect_put_answers without "i" (the key is the item).
ALTER TABLE response ADD COLUMN draft jsonb;
ALTER TABLE response ADD CONSTRAINT response_draft_only_draft
	CHECK (status = 'draft' OR draft IS NULL);

-- Submitting ends the draft whichever function submits: its answers are
-- then the answer rows the submission wrote.
CREATE FUNCTION response_draft_clear() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	NEW.draft := NULL;
	RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION response_draft_clear() FROM PUBLIC;
CREATE TRIGGER response_draft_clear BEFORE UPDATE OF status ON response
	FOR EACH ROW WHEN (NEW.status = 'submitted' AND NEW.draft IS NOT NULL)
	EXECUTE FUNCTION response_draft_clear();

-- Drafts written before this migration move into the column.
UPDATE response r SET draft = (SELECT jsonb_object_agg(a.item_id, jsonb_strip_nulls(
		jsonb_build_object('d', CASE WHEN a.dont_know THEN true END,
			'dc', CASE WHEN a.declined THEN true END,
			'n', a.value_int, 't', a.value_text, 'c', a.value_choices,
			'dt', a.value_date)))
	FROM answer a WHERE a.response_id = r.response_id)
WHERE r.status = 'draft';
DELETE FROM answer a USING response r
WHERE a.response_id = r.response_id AND r.status = 'draft';

-- Raised from inside a SQL expression (a CASE branch calls it only then).
CREATE FUNCTION collect_unfit_answer() RETURNS jsonb
LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'answer does not fit its item type' USING ERRCODE = 'UF400';
END
$$;

-- p_draft with the answers of p_put (collect_put_answers' JSON array)
-- written over it and the item ids of p_drop (a JSON array) removed. Each
-- answer is checked as collect_put_answers and the answer table's CHECKs
-- check it (an item of this instrument version, its type's storage and
-- range, one value or "vet ej" or "vill inte svara", the sizes), so a
-- draft holds only what its submission can store; UF400 otherwise, and for
-- an item twice in p_put. (plpgsql, not sql: PostgreSQL 15 plans a SQL
-- function's query again on every call from another statement; plpgsql
-- keeps the plan for the session.)
CREATE FUNCTION collect_draft_merge(p_draft jsonb, p_instrument text, p_version integer,
	p_put jsonb, p_drop jsonb)
RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
BEGIN
	RETURN (SELECT CASE WHEN count(*) = jsonb_array_length(p_put)
			AND count(DISTINCT x.i) = count(*)
		THEN (coalesce(p_draft, '{}'::jsonb) || coalesce(jsonb_object_agg(x.i,
				jsonb_strip_nulls(jsonb_build_object(
					'd', CASE WHEN x.d THEN true END,
					'dc', CASE WHEN x.dc THEN true END,
					'n', x.n, 't', x.t, 'c', x.c, 'dt', x.dt))), '{}'::jsonb))
			- ARRAY(SELECT jsonb_array_elements_text(p_drop))
		ELSE uppfolj.collect_unfit_answer() END
	FROM jsonb_to_recordset(p_put)
		AS x(i text, d boolean, dc boolean, n integer, t text, c text[], dt date)
	JOIN uppfolj.instrument_item ii ON ii.instrument_id = p_instrument
		AND ii.version = p_version AND ii.item_id = x.i
	JOIN uppfolj.item_type ty ON ty.name = ii.item_type
	WHERE NOT (coalesce(x.d, false) AND coalesce(x.dc, false))
	  AND num_nonnulls(x.n, x.t, x.c, x.dt)
		= CASE WHEN coalesce(x.d, false) OR coalesce(x.dc, false) THEN 0 ELSE 1 END
	  AND coalesce(length(x.t) <= 10000, true)
	  AND coalesce(cardinality(x.c) BETWEEN 1 AND 30, true)
	  AND (coalesce(x.d, false) OR coalesce(x.dc, false) OR coalesce(
		CASE ty.storage
		WHEN 'int'     THEN x.n BETWEEN coalesce(ty.int_min, x.n)
			AND coalesce(ty.int_max, x.n)
		WHEN 'text'    THEN x.t IS NOT NULL
		WHEN 'decimal' THEN x.t ~ '^-?(0|[1-9][0-9]{0,9})(\.[0-9]{1,3})?$'
		WHEN 'choices' THEN x.c IS NOT NULL
		WHEN 'date'    THEN x.dt IS NOT NULL
		END, false)));
END
$$;

-- A response's answers in the pages' JSON (as 0012's collect_session_get):
-- the draft's while it is one, the answer rows once submitted.
CREATE FUNCTION collect_answers_json(r response) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
BEGIN
	RETURN (SELECT CASE WHEN r.status = 'draft' THEN
		coalesce((SELECT jsonb_agg(e.value || jsonb_build_object('i', e.key))
			FROM jsonb_each(r.draft) e), '[]'::jsonb)
	ELSE coalesce((SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
			'i', a.item_id, 'd', CASE WHEN a.dont_know THEN true END,
			'dc', CASE WHEN a.declined THEN true END,
			'n', a.value_int, 't', a.value_text, 'c', a.value_choices,
			'dt', a.value_date)))
		FROM uppfolj.answer a WHERE a.response_id = r.response_id), '[]'::jsonb)
	END);
END
$$;

-- A response's answers as answer rows, its draft's included: what a
-- participant's access request lists (manage/db_manage.c M_ACCESS_ROWS).
-- (Its SET clause keeps the planner from inlining it, which under the
-- admin role's row-level security on response fails to plan.)
CREATE FUNCTION response_answer_rows(r response) RETURNS SETOF answer
LANGUAGE sql STABLE SET search_path = uppfolj, pg_temp AS $$
	SELECT * FROM uppfolj.answer a WHERE a.response_id = r.response_id
	UNION ALL
	SELECT (jsonb_populate_record(NULL::uppfolj.answer, jsonb_build_object(
		'response_id', r.response_id, 'instrument_id', r.instrument_id,
		'version', r.version, 'item_id', e.key,
		'dont_know', e.value ? 'd', 'declined', e.value ? 'dc',
		'value_int', e.value -> 'n', 'value_text', e.value -> 't',
		'value_choices', e.value -> 'c', 'value_date', e.value -> 'dt'))).*
	FROM jsonb_each(r.draft) e
$$;

-- The caller's draft response, locked, for a whole-draft write. UF403
-- without consent (or without a response), UF409 after submission: as
-- 0003's collect_draft_put, which the submission still uses.
CREATE FUNCTION collect_draft_row(s collect_session)
RETURNS response LANGUAGE plpgsql AS $$
DECLARE
	r uppfolj.response;
BEGIN
	SELECT resp.* INTO r FROM uppfolj.response resp
	JOIN uppfolj.participant p ON p.participant_id = resp.participant_id
	JOIN uppfolj.wave_instrument wi ON wi.wave_id = resp.wave_id AND wi.grp = p.grp
		AND wi.instrument_id = resp.instrument_id
	WHERE resp.participant_id = s.participant_id AND resp.wave_id = s.wave_id
	FOR UPDATE OF resp;
	IF NOT FOUND OR NOT EXISTS (SELECT 1 FROM uppfolj.consent c
		WHERE c.participant_id = s.participant_id AND c.wave_id = s.wave_id
		  AND c.decision = 'given') THEN
		RAISE EXCEPTION 'no consent' USING ERRCODE = 'UF403';
	END IF;
	IF r.status <> 'draft' THEN
		RAISE EXCEPTION 'already submitted' USING ERRCODE = 'UF409';
	END IF;
	RETURN r;
END
$$;

-- Replace session s's draft with p_answers (a JSON array) and raise its
-- revision.
CREATE FUNCTION collect_draft_replace(s collect_session, p_answers jsonb)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	r uppfolj.response;
BEGIN
	IF jsonb_typeof(p_answers) IS DISTINCT FROM 'array' THEN
		RAISE EXCEPTION 'answers must be an array' USING ERRCODE = 'UF400';
	END IF;
	r := uppfolj.collect_draft_row(s);
	UPDATE uppfolj.response SET updated_at = now(), draft_rev = draft_rev + 1,
		draft = uppfolj.collect_draft_merge(NULL, r.instrument_id, r.version, p_answers,
			'[]'::jsonb)
	WHERE response_id = r.response_id;
END
$$;
REVOKE ALL ON FUNCTION collect_unfit_answer(), collect_draft_merge(jsonb, text, integer,
	jsonb, jsonb), collect_answers_json(response), response_answer_rows(response),
	collect_draft_row(collect_session), collect_draft_replace(collect_session, jsonb)
	FROM PUBLIC;
-- The access request reads a draft's answers as rows (admin tools).
GRANT EXECUTE ON FUNCTION response_answer_rows(response) TO uppfolj_admin;

-- 0016's whole-draft save and end-with-saving, into the column.
CREATE OR REPLACE FUNCTION collect_draft_save(p_token_hash bytea, p_answers jsonb)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	s collect_session;
BEGIN
	s := collect_session_row(p_token_hash);
	PERFORM collect_draft_replace(s, p_answers);
	UPDATE collect_session SET last_seen = now(),
		expires_at = now() + (s.expires_at - s.last_seen)
	WHERE token_hash = p_token_hash;
END
$$;

CREATE OR REPLACE FUNCTION collect_session_end_saving(p_token_hash bytea, p_answers jsonb)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	s collect_session;
BEGIN
	s := collect_session_row(p_token_hash);
	IF p_answers IS NOT NULL THEN
		PERFORM collect_draft_replace(s, p_answers);
	END IF;
	DELETE FROM collect_session WHERE token_hash = p_token_hash;
END
$$;

-- 0012's session read and 0016's, with the draft from the column (0011's
-- collect_session_view calls the first).
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
		r.status::text, s.csrf, collect_answers_json(r),
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

CREATE OR REPLACE FUNCTION collect_session_load(p_token_hash bytea)
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
		r.status::text, s.csrf, collect_answers_json(r),
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

-- 0023's session read with the draft from the column: still one
-- statement, the answers only when the caller's stamp is not the draft's.
CREATE OR REPLACE FUNCTION collect_session_view_since(p_token_hash bytea, p_stamp text)
RETURNS TABLE (grp text, months integer, instrument_id text, version integer,
	consent text, status text, csrf text, answers jsonb, code_id bigint,
	expires_epoch bigint, stamp text, draft_rev integer, test boolean)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	idle interval;
	seen timestamptz;
BEGIN
	SELECT p.grp::text, w.months::integer, wi.instrument_id, wi.version,
		k.decision::text, r.status::text, s.csrf,
		CASE WHEN p_stamp IS NOT NULL
			AND collect_draft_stamp(r.response_id, r.draft_rev, wi.version) = p_stamp
		THEN NULL
		ELSE collect_answers_json(r)
		END,
		s.code_id, floor(extract(epoch FROM s.expires_at))::bigint,
		collect_draft_stamp(r.response_id, r.draft_rev, wi.version),
		coalesce(r.draft_rev, 0),
		coalesce(r.test, test_pair(s.participant_id, s.wave_id)),
		collect_session_idle(s), s.last_seen
	INTO grp, months, instrument_id, version, consent, status, csrf, answers, code_id,
		expires_epoch, stamp, draft_rev, test, idle, seen
	FROM collect_session s
	JOIN participant p ON p.participant_id = s.participant_id
	JOIN wave w ON w.wave_id = s.wave_id
	JOIN wave_instrument wi ON wi.wave_id = s.wave_id AND wi.grp = p.grp
	LEFT JOIN response r ON r.participant_id = s.participant_id
		AND r.wave_id = s.wave_id AND r.instrument_id = wi.instrument_id
	LEFT JOIN consent k ON k.participant_id = s.participant_id AND k.wave_id = s.wave_id
	WHERE s.token_hash = p_token_hash AND s.expires_at > now();
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no session' USING ERRCODE = 'UF401';
	END IF;
	IF seen < now() - least(interval '30 seconds', idle / 6) THEN
		UPDATE collect_session x SET last_seen = now(), expires_at = now() + idle
		WHERE x.token_hash = p_token_hash
		RETURNING floor(extract(epoch FROM x.expires_at))::bigint INTO expires_epoch;
	END IF;
	RETURN NEXT;
END
$$;

-- 0023's page save as one UPDATE of the response row: revision check,
-- consent, row lock and the page's answers merged into the draft
-- (collect_draft_merge: p_put written over, p_drop removed, each answer
-- checked). Same arguments, results and errors as 0016.
CREATE OR REPLACE FUNCTION collect_draft_page(p_token_hash bytea, p_rev integer, p_put jsonb,
	p_drop jsonb)
RETURNS TABLE (draft_rev integer, expires_epoch bigint, stamp text)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	s collect_session;
	r record;
	st response_status;
	idle interval;
BEGIN
	IF jsonb_typeof(p_put) IS DISTINCT FROM 'array'
	   OR jsonb_typeof(p_drop) IS DISTINCT FROM 'array' THEN
		RAISE EXCEPTION 'answers must be arrays' USING ERRCODE = 'UF400';
	END IF;
	SELECT * INTO s FROM collect_session z
	WHERE z.token_hash = p_token_hash AND z.expires_at > now();
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no session' USING ERRCODE = 'UF401';
	END IF;
	UPDATE response x SET draft_rev = x.draft_rev + 1, updated_at = now(),
		draft = collect_draft_merge(x.draft, x.instrument_id, x.version, p_put, p_drop)
	FROM participant p
	JOIN wave_instrument wi ON wi.grp = p.grp
	WHERE p.participant_id = s.participant_id AND wi.wave_id = s.wave_id
	  AND x.participant_id = s.participant_id AND x.wave_id = s.wave_id
	  AND x.instrument_id = wi.instrument_id AND x.status = 'draft'
	  AND x.draft_rev = p_rev
	  AND EXISTS (SELECT 1 FROM consent c WHERE c.participant_id = s.participant_id
		AND c.wave_id = s.wave_id AND c.decision = 'given')
	RETURNING x.response_id, x.version, x.draft_rev AS rev
	INTO r;
	IF NOT FOUND THEN
		-- Why not: submitted (UF409), no consent or no response (UF403);
		-- else the draft is at another revision.
		SELECT x.status INTO st FROM response x
		JOIN participant p ON p.participant_id = x.participant_id
		JOIN wave_instrument wi ON wi.wave_id = x.wave_id AND wi.grp = p.grp
			AND wi.instrument_id = x.instrument_id
		WHERE x.participant_id = s.participant_id AND x.wave_id = s.wave_id;
		IF st = 'submitted' THEN
			RAISE EXCEPTION 'already submitted' USING ERRCODE = 'UF409';
		END IF;
		IF st IS NULL OR NOT EXISTS (SELECT 1 FROM consent c
			WHERE c.participant_id = s.participant_id AND c.wave_id = s.wave_id
			  AND c.decision = 'given') THEN
			RAISE EXCEPTION 'no consent' USING ERRCODE = 'UF403';
		END IF;
		expires_epoch := floor(extract(epoch FROM s.expires_at))::bigint;
		RETURN NEXT;
		RETURN;
	END IF;
	expires_epoch := floor(extract(epoch FROM s.expires_at))::bigint;
	-- A page save keeps the session alive, as a page view does.
	idle := collect_session_idle(s);
	IF s.last_seen < now() - least(interval '30 seconds', idle / 6) THEN
		UPDATE collect_session z SET last_seen = now(), expires_at = now() + idle
		WHERE z.token_hash = p_token_hash
		RETURNING floor(extract(epoch FROM z.expires_at))::bigint INTO expires_epoch;
	END IF;
	draft_rev := r.rev;
	stamp := collect_draft_stamp(r.response_id, r.rev, r.version);
	RETURN NEXT;
END
$$;
