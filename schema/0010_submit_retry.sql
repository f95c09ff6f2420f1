-- SPDX-License-Identifier: ISC
-- The JSON API's retries. A client resending a submission that is already
-- stored (same submission id, same code) gets the stored result before any
-- rate limit: it holds the right code and an id nobody else knows, and a
-- client that gives up on 429 would report a stored response as lost. The
-- same id with a different body (instrument, version, wave or answers) is
-- answered 'changed' (HTTP 409) and nothing is written: the first answers
-- stay and the client is told. The rate check names the seconds left of the
-- window in its DETAIL ("retry_after=N") for the Retry-After header.
-- The body is compared with the stored answers themselves, in one canonical
-- form, so responses stored before this migration are compared alike.
SET LOCAL ROLE uppfolj_owner;
SET LOCAL search_path = uppfolj;

-- Raise UF429 when either the address or the code has too many failures in
-- the current window; DETAIL 'retry_after=N': whole seconds until the later
-- of the limiting windows ends (at least 1).
CREATE OR REPLACE FUNCTION collect_rate_check(p_addr_hash bytea, p_code_hash bytea,
	p_addr_max integer, p_code_max integer, p_window_minutes integer)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	wait numeric;
BEGIN
	SELECT max(extract(epoch FROM a.window_start
			+ make_interval(mins => p_window_minutes) - now()))
	INTO wait
	FROM uppfolj.collect_attempt a
	WHERE (a.kind, a.key_hash) IN (('addr', p_addr_hash), ('code', p_code_hash))
	  AND a.failures >= CASE a.kind WHEN 'addr' THEN p_addr_max ELSE p_code_max END
	  AND a.window_start > now() - make_interval(mins => p_window_minutes);
	IF wait IS NOT NULL THEN
		RAISE EXCEPTION 'too many attempts' USING ERRCODE = 'UF429',
			DETAIL = 'retry_after=' || greatest(ceil(wait), 1)::bigint;
	END IF;
END
$$;

-- Answers (collect_put_answers' JSON shape) in one canonical form: typed
-- fields, no nulls, "d" only when true, sorted by item. Raises 22023 when
-- p_answers is not an array of objects.
CREATE FUNCTION collect_answers_canonical(p_answers jsonb)
RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
	SELECT coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
			'i', x.i, 'd', CASE WHEN x.d THEN true END, 'n', x.n, 't', x.t,
			'c', x.c, 'dt', x.dt)) ORDER BY x.i), '[]'::jsonb)
	FROM jsonb_to_recordset(p_answers)
		AS x(i text, d boolean, n integer, t text, c text[], dt date)
$$;

-- The stored answers of response p_rid in the same canonical form.
CREATE FUNCTION collect_answers_stored(p_rid bigint)
RETURNS jsonb LANGUAGE sql STABLE AS $$
	SELECT coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
			'i', a.item_id, 'd', CASE WHEN a.dont_know THEN true END,
			'n', a.value_int, 't', a.value_text, 'c', a.value_choices,
			'dt', a.value_date)) ORDER BY a.item_id), '[]'::jsonb)
	FROM uppfolj.answer a WHERE a.response_id = p_rid
$$;

-- Whether submitted response p_rid (of instrument r_instrument version
-- r_version, in a wave of r_months) is what this call sends.
CREATE FUNCTION collect_same_submission(p_rid bigint, r_instrument text,
	r_version integer, r_months integer, p_instrument text, p_version integer,
	p_months integer, p_answers jsonb)
RETURNS boolean LANGUAGE sql STABLE AS $$
	SELECT r_instrument = p_instrument AND r_version = p_version
		AND r_months = p_months
		AND uppfolj.collect_answers_stored(p_rid)
			= uppfolj.collect_answers_canonical(p_answers)
$$;

-- Submit a whole response in one call with the access code (JSON API).
-- A stored submission with this id and a code of its participant and wave
-- is answered first, before the rate limit: 'replay' (the stored result)
-- when the body is the same, 'changed' when it is not; neither writes.
-- Otherwise as 0003 says: 'stored', 'bad_code' (counted and committed),
-- UF429 rate limited, UF409 (the id is another response's, or the code is
-- for another instrument/wave), UF403 (no consent given and none in the
-- call). code_id names the code whose web sessions this ended.
CREATE OR REPLACE FUNCTION collect_submit_code(p_code_hash bytea, p_addr_hash bytea,
	p_submission uuid, p_instrument text, p_version integer, p_months integer,
	p_consent boolean, p_info_version text, p_answers jsonb,
	p_addr_max integer, p_code_max integer, p_window_minutes integer)
RETURNS TABLE (status text, submitted_at timestamptz, code_id bigint)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	c record;
	prev record;
	done record;
	rid bigint;
BEGIN
	-- A retry of a stored submission. Submitted responses never change
	-- (only erasure removes them), so no lock is needed to read one.
	SELECT r.submitted_at, ac.code_id,
		collect_same_submission(r.response_id, r.instrument_id, r.version,
			w.months, p_instrument, p_version, p_months, p_answers) AS same
	INTO done
	FROM response r
	JOIN access_code ac ON ac.code_hash = p_code_hash
		AND ac.participant_id = r.participant_id AND ac.wave_id = r.wave_id
	JOIN wave w ON w.wave_id = r.wave_id
	WHERE r.submission_id = p_submission AND r.status = 'submitted';
	IF FOUND THEN
		RETURN QUERY SELECT CASE WHEN done.same THEN 'replay' ELSE 'changed' END,
			done.submitted_at, done.code_id;
		RETURN;
	END IF;
	PERFORM collect_rate_check(p_addr_hash, p_code_hash, p_addr_max, p_code_max,
		p_window_minutes);
	-- Lock the code first: concurrent retries of one submission queue here
	-- and the later ones see the earlier one's row (each statement below
	-- takes a new snapshot).
	SELECT ac.code_id, ac.participant_id, ac.wave_id,
		ac.used_at IS NULL AND ac.expires_at > now() AND w.closed_at IS NULL
			AND current_date BETWEEN w.opens_on AND w.closes_on AS usable,
		w.months, wi.instrument_id, wi.version
	INTO c
	FROM access_code ac
	JOIN participant p ON p.participant_id = ac.participant_id
	JOIN wave w ON w.wave_id = ac.wave_id
	LEFT JOIN wave_instrument wi ON wi.wave_id = ac.wave_id AND wi.grp = p.grp
	WHERE ac.code_hash = p_code_hash
	FOR UPDATE OF ac;
	IF NOT FOUND THEN
		PERFORM collect_rate_fail(p_addr_hash, p_code_hash, p_window_minutes);
		RETURN QUERY SELECT 'bad_code'::text, NULL::timestamptz, NULL::bigint;
		RETURN;
	END IF;
	-- The submission id's response, the consent and any draft, at once.
	SELECT r.response_id, r.participant_id, r.wave_id, r.status, r.submitted_at,
		r.instrument_id, r.version,
		(SELECT k.decision FROM consent k
		 WHERE k.participant_id = c.participant_id AND k.wave_id = c.wave_id) AS decision,
		(SELECT d.response_id FROM response d
		 WHERE d.participant_id = c.participant_id AND d.wave_id = c.wave_id
		   AND d.instrument_id = p_instrument) AS draft_id
	INTO prev
	FROM (SELECT 1) one
	LEFT JOIN response r ON r.submission_id = p_submission;
	IF prev.participant_id IS NOT NULL THEN
		IF prev.participant_id <> c.participant_id OR prev.wave_id <> c.wave_id THEN
			RAISE EXCEPTION 'submission id belongs to another response'
				USING ERRCODE = 'UF409';
		END IF;
		-- A concurrent first call stored it while this one waited.
		IF prev.status = 'submitted' THEN
			RETURN QUERY SELECT CASE WHEN collect_same_submission(prev.response_id,
					prev.instrument_id, prev.version, c.months, p_instrument,
					p_version, p_months, p_answers)
				THEN 'replay' ELSE 'changed' END, prev.submitted_at, c.code_id;
			RETURN;
		END IF;
	END IF;
	IF NOT c.usable THEN
		PERFORM collect_rate_fail(p_addr_hash, p_code_hash, p_window_minutes);
		UPDATE access_code SET failed_attempts = failed_attempts + 1
		WHERE access_code.code_id = c.code_id;
		RETURN QUERY SELECT 'bad_code'::text, NULL::timestamptz, NULL::bigint;
		RETURN;
	END IF;
	IF c.instrument_id IS DISTINCT FROM p_instrument
		OR c.version IS DISTINCT FROM p_version OR c.months IS DISTINCT FROM p_months THEN
		RAISE EXCEPTION 'code is for another instrument or wave' USING ERRCODE = 'UF409';
	END IF;
	IF prev.decision IS DISTINCT FROM 'given' THEN
		IF NOT p_consent THEN
			RAISE EXCEPTION 'consent required' USING ERRCODE = 'UF403';
		END IF;
		INSERT INTO consent AS k (participant_id, wave_id, info_version, decision)
		VALUES (c.participant_id, c.wave_id, p_info_version, 'given')
		ON CONFLICT (participant_id, wave_id) DO UPDATE
			SET decision = 'given', info_version = p_info_version, decided_at = now();
	END IF;
	IF prev.draft_id IS NOT NULL THEN
		-- A draft from the web pages becomes this submission.
		UPDATE response r SET submission_id = p_submission, status = 'submitted',
			submitted_at = now(), updated_at = now()
		WHERE r.response_id = prev.draft_id;
		rid := prev.draft_id;
	ELSE
		INSERT INTO response (submission_id, participant_id, wave_id,
			instrument_id, version, status, submitted_at)
		VALUES (p_submission, c.participant_id, c.wave_id, p_instrument,
			p_version, 'submitted', now())
		RETURNING response_id INTO rid;
	END IF;
	PERFORM collect_put_answers(rid, p_instrument, p_version, p_answers,
		prev.draft_id IS NULL);
	UPDATE access_code SET used_at = now() WHERE access_code.code_id = c.code_id;
	DELETE FROM collect_session s WHERE s.code_id = c.code_id;
	RETURN QUERY SELECT 'stored'::text, now(), c.code_id;
END
$$;

-- Helpers of the SECURITY DEFINER functions only, like 0003's.
REVOKE ALL ON FUNCTION collect_answers_canonical(jsonb),
	collect_answers_stored(bigint),
	collect_same_submission(bigint, text, integer, integer, text, integer, integer, jsonb)
	FROM PUBLIC;
