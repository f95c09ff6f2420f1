-- SPDX-License-Identifier: ISC
-- Shared-tablet sessions: an idle time per respondent group (patients on a
-- ward tablet get minutes, staff at a desktop more), kept on the session row
-- so every extension uses the session's own; extending on request ("Är du
-- kvar?"); ending with what was on the page saved as a draft (Avbryt, "Spara
-- och fortsätt senare", the idle end); and telling an expired session from
-- one that never was, so the next page can say why it ended. Like 0003 every
-- function touches only the caller's own session, found by its token hash.
SET LOCAL ROLE uppfolj_owner;
SET LOCAL search_path = uppfolj;

-- NULL for sessions begun before this migration: they keep 0003's rule.
ALTER TABLE collect_session ADD COLUMN idle_seconds integer
	CHECK (idle_seconds BETWEEN 5 AND 14400);

-- The session's idle time; 10 minutes for a session begun before 0011.
CREATE FUNCTION collect_session_idle(s collect_session)
RETURNS interval LANGUAGE sql IMMUTABLE AS $$
	SELECT make_interval(secs => coalesce(s.idle_seconds, 600))
$$;

-- Log in as collect_login does, then give the new session its group's idle
-- time: p_idle_patient seconds for patients, p_idle_staff for everyone else.
-- Same result, plus the session's idle_seconds (NULL when not accepted).
CREATE FUNCTION collect_login_idle(p_code_hash bytea, p_addr_hash bytea,
	p_token_hash bytea, p_csrf text, p_idle_patient integer, p_idle_staff integer,
	p_addr_max integer, p_code_max integer, p_window_minutes integer)
RETURNS TABLE (accepted boolean, grp text, months integer, code_id bigint,
	idle_seconds integer)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	r record;
	idle integer;
BEGIN
	IF p_idle_patient NOT BETWEEN 5 AND 14400 OR p_idle_staff NOT BETWEEN 5 AND 14400 THEN
		RAISE EXCEPTION 'idle seconds out of range' USING ERRCODE = 'UF400';
	END IF;
	SELECT * INTO r FROM collect_login(p_code_hash, p_addr_hash, p_token_hash, p_csrf,
		1, p_addr_max, p_code_max, p_window_minutes) l;
	IF r.accepted THEN
		idle := CASE WHEN r.grp = 'patient' THEN p_idle_patient ELSE p_idle_staff END;
		UPDATE collect_session x SET idle_seconds = idle,
			expires_at = x.last_seen + make_interval(secs => idle)
		WHERE x.token_hash = p_token_hash;
	END IF;
	RETURN QUERY SELECT r.accepted, r.grp, r.months, r.code_id, idle;
END
$$;

-- collect_session_get with the session's own idle time: a page view
-- extends the session, writing at most every sixth of the idle time (and
-- at least every 30 seconds, as before) so that the deadline the page is
-- told stays close to "idle since the last page view".
CREATE FUNCTION collect_session_view(p_token_hash bytea)
RETURNS TABLE (grp text, months integer, instrument_id text, version integer,
	consent text, status text, csrf text, answers jsonb, code_id bigint,
	expires_epoch bigint)
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
		WHERE token_hash = p_token_hash;
	END IF;
	-- last_seen is now recent, so 0003's function does not write again;
	-- its idle argument only matters for a write.
	RETURN QUERY SELECT * FROM collect_session_get(p_token_hash, 240);
END
$$;

-- "Ja, fortsätt": the person is still there; the session lives its idle
-- time from now. Returns the new expiry (Unix seconds). UF401 when the
-- session has already ended.
CREATE FUNCTION collect_session_extend(p_token_hash bytea)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	s collect_session;
	new_expiry timestamptz;
BEGIN
	s := collect_session_row(p_token_hash);
	UPDATE collect_session SET last_seen = now(),
		expires_at = now() + collect_session_idle(s)
	WHERE token_hash = p_token_hash
	RETURNING expires_at INTO new_expiry;
	RETURN floor(extract(epoch FROM new_expiry))::bigint;
END
$$;

-- End the caller's live session, first storing p_answers (what was on the
-- page, merged with the draft and checked by the program; NULL: nothing to
-- store) as the draft when the session has consent and an unsubmitted
-- response. Avbryt, "Spara och fortsätt senare" and the idle end use it:
-- one transaction, so the answers are never lost while the session ends,
-- and never stored when it cannot end. UF401 when the session has ended.
CREATE FUNCTION collect_session_end_saving(p_token_hash bytea, p_answers jsonb)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	s collect_session;
	r response;
BEGIN
	s := collect_session_row(p_token_hash);
	IF p_answers IS NOT NULL THEN
		r := collect_draft_put(s, p_answers);
		UPDATE response SET updated_at = now() WHERE response_id = r.response_id;
	END IF;
	DELETE FROM collect_session WHERE token_hash = p_token_hash;
END
$$;

-- Whether the caller's session ended by running out of idle time (as
-- opposed to never existing or having been ended on purpose). Removes the
-- expired row either way: nothing of it is needed any more.
CREATE FUNCTION collect_session_expired(p_token_hash bytea)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	n integer;
BEGIN
	DELETE FROM collect_session
	WHERE token_hash = p_token_hash AND expires_at <= now();
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n > 0;
END
$$;

REVOKE ALL ON FUNCTION collect_session_idle(collect_session) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
	collect_login_idle(bytea, bytea, bytea, text, integer, integer, integer, integer,
		integer),
	collect_session_view(bytea),
	collect_session_extend(bytea),
	collect_session_end_saving(bytea, jsonb),
	collect_session_expired(bytea)
	TO uppfolj_collect;
