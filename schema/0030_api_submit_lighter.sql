-- SPDX-License-Identifier: ISC
-- Less PostgreSQL CPU per JSON API submission (issue 13; profile and
-- figures in tests/bench/README.md). Same names, arguments, results,
-- errors and stored rows as before.
--
-- * collect_submit_code_lang is the submission itself, not 0021's wrapper
--   around 0010's collect_submit_code: the wrapper's nested call
--   materialised the inner function's result set and ran a second plpgsql
--   frame; the language now goes into the response and consent rows as
--   they are written instead of two UPDATEs after. It returns one row
--   (OUT parameters), not a set. collect_submit_code, which nothing in the
--   programs calls any more, calls it with no language: one home for the
--   submission's rules.
-- * response_test_set (0015) reads the two test marks itself: it called
--   the SQL function test_pair, which has subqueries and so is never
--   inlined; PostgreSQL 15 then parses and plans its body again in every
--   transaction that inserts a response (every submission, every consent).
-- * answer_values_idx (0007) goes: it served the report's values query,
--   which the one pass over the answers replaced; no query has a condition
--   on value_int, so the planner can use this partial index for none, and
--   every stored integer answer paid an index insertion for it.
SET LOCAL ROLE uppfolj_owner;
SET LOCAL search_path = uppfolj;

DROP INDEX answer_values_idx;

-- As 0015, with test_pair's two EXISTS written out (same result).
CREATE OR REPLACE FUNCTION response_test_set() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = uppfolj, pg_temp AS $$
BEGIN
	NEW.test := EXISTS (SELECT 1 FROM wave x WHERE x.wave_id = NEW.wave_id AND x.test)
		OR EXISTS (SELECT 1 FROM access_code c
			WHERE c.participant_id = NEW.participant_id AND c.wave_id = NEW.wave_id
			  AND c.test);
	RETURN NEW;
END
$$;

-- Submit a whole response in one call with the access code (JSON API), in
-- the language p_lang (NULL: the columns' default, sv; or what a draft from
-- the web pages already says). 0010's rules: a stored submission with this
-- id and a code of its participant and wave is answered first, before the
-- rate limit: 'replay' (the stored result) when the body is the same,
-- 'changed' when it is not; neither writes. Otherwise 'stored',
-- 'bad_code' (counted and committed), UF429 rate limited, UF409 (the id is
-- another response's, or the code is for another instrument/wave), UF403
-- (no consent given and none in the call), UF400 (p_lang not a language
-- tag, an answer that does not fit its item). code_id names the code whose
-- web sessions this ended. 0021's language rule: only a response stored
-- now, and its consent, get p_lang.
DROP FUNCTION collect_submit_code_lang(bytea, bytea, uuid, text, integer, integer,
	boolean, text, jsonb, integer, integer, integer, text);
CREATE FUNCTION collect_submit_code_lang(p_code_hash bytea, p_addr_hash bytea,
	p_submission uuid, p_instrument text, p_version integer, p_months integer,
	p_consent boolean, p_info_version text, p_answers jsonb,
	p_rate_addr integer, p_rate_code integer, p_window_minutes integer,
	p_lang text, OUT status text, OUT submitted_at timestamptz, OUT code_id bigint)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	c record;
	prev record;
	done record;
	rid bigint;
BEGIN
	IF p_lang IS NOT NULL AND NOT lang_tag_ok(p_lang) THEN
		RAISE EXCEPTION 'not a language tag' USING ERRCODE = 'UF400';
	END IF;
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
		status := CASE WHEN done.same THEN 'replay' ELSE 'changed' END;
		submitted_at := done.submitted_at;
		code_id := done.code_id;
		RETURN;
	END IF;
	PERFORM collect_rate_check(p_addr_hash, p_code_hash, p_rate_addr, p_rate_code,
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
		status := 'bad_code';
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
			status := CASE WHEN collect_same_submission(prev.response_id,
					prev.instrument_id, prev.version, c.months, p_instrument,
					p_version, p_months, p_answers)
				THEN 'replay' ELSE 'changed' END;
			submitted_at := prev.submitted_at;
			code_id := c.code_id;
			RETURN;
		END IF;
	END IF;
	IF NOT c.usable THEN
		PERFORM collect_rate_fail(p_addr_hash, p_code_hash, p_window_minutes);
		UPDATE access_code SET failed_attempts = failed_attempts + 1
		WHERE access_code.code_id = c.code_id;
		status := 'bad_code';
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
		-- 'sv': the column's default (0021).
		INSERT INTO consent AS k (participant_id, wave_id, info_version, decision, lang)
		VALUES (c.participant_id, c.wave_id, p_info_version, 'given', coalesce(p_lang, 'sv'))
		ON CONFLICT (participant_id, wave_id) DO UPDATE
			SET decision = 'given', info_version = p_info_version, decided_at = now(),
				lang = coalesce(p_lang, k.lang);
	ELSIF p_lang IS NOT NULL THEN
		UPDATE consent k SET lang = p_lang
		WHERE k.participant_id = c.participant_id AND k.wave_id = c.wave_id;
	END IF;
	IF prev.draft_id IS NOT NULL THEN
		-- A draft from the web pages becomes this submission.
		UPDATE response r SET submission_id = p_submission, status = 'submitted',
			submitted_at = now(), updated_at = now(), lang = coalesce(p_lang, r.lang)
		WHERE r.response_id = prev.draft_id;
		rid := prev.draft_id;
	ELSE
		INSERT INTO response (submission_id, participant_id, wave_id,
			instrument_id, version, status, submitted_at, lang)
		VALUES (p_submission, c.participant_id, c.wave_id, p_instrument,
			p_version, 'submitted', now(), coalesce(p_lang, 'sv'))
		RETURNING response_id INTO rid;
	END IF;
	PERFORM collect_put_answers(rid, p_instrument, p_version, p_answers,
		prev.draft_id IS NULL);
	UPDATE access_code SET used_at = now() WHERE access_code.code_id = c.code_id;
	DELETE FROM collect_session s WHERE s.code_id = c.code_id;
	status := 'stored';
	submitted_at := now();
	code_id := c.code_id;
END
$$;
REVOKE ALL ON FUNCTION collect_submit_code_lang(bytea, bytea, uuid, text, integer,
	integer, boolean, text, jsonb, integer, integer, integer, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION collect_submit_code_lang(bytea, bytea, uuid, text, integer,
	integer, boolean, text, jsonb, integer, integer, integer, text) TO uppfolj_collect;

-- 0010's submission without a language: the same function (CREATE OR
-- REPLACE keeps its grants).
CREATE OR REPLACE FUNCTION collect_submit_code(p_code_hash bytea, p_addr_hash bytea,
	p_submission uuid, p_instrument text, p_version integer, p_months integer,
	p_consent boolean, p_info_version text, p_answers jsonb,
	p_addr_max integer, p_code_max integer, p_window_minutes integer)
RETURNS TABLE (status text, submitted_at timestamptz, code_id bigint)
LANGUAGE sql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
	SELECT x.status, x.submitted_at, x.code_id
	FROM collect_submit_code_lang(p_code_hash, p_addr_hash, p_submission,
		p_instrument, p_version, p_months, p_consent, p_info_version, p_answers,
		p_addr_max, p_code_max, p_window_minutes, NULL) x
$$;
