-- SPDX-License-Identifier: ISC
-- The survey program's session cache stays right when a respondent's
-- requests move between several uppfolj-collect instances (behind one
-- nginx upstream): every request reads the session, and the draft answers
-- only when they changed since the copy the instance holds. The draft's
-- stamp is 0016's collect_draft_stamp (response, draft revision, instrument
-- version): every write of a draft's answers raises the revision, so an
-- equal stamp means equal answers. Like 0003, it touches only the caller's
-- own session.
SET LOCAL ROLE uppfolj_owner;
SET LOCAL search_path = uppfolj;

-- collect_session_load (0016), plus the draft's stamp; when p_stamp (what the
-- caller's cached copy was read at) is still the draft's stamp, answers is
-- NULL and the caller uses its copy. The stamp ends with the instrument
-- version, which sizes the copy. The stamp is read before the answers,
-- so a copy is never older than its stamp says. test: the session's answers
-- are test answers (0015's test_pair), which the pages say. UF401 as the view.
CREATE FUNCTION collect_session_view_since(p_token_hash bytea, p_stamp text)
RETURNS TABLE (grp text, months integer, instrument_id text, version integer,
	consent text, status text, csrf text, answers jsonb, code_id bigint,
	expires_epoch bigint, stamp text, draft_rev integer, test boolean)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	s collect_session;
	idle interval;
	m record;
BEGIN
	s := collect_session_row(p_token_hash);
	idle := collect_session_idle(s);
	-- As collect_session_view: a page view keeps the session alive.
	IF s.last_seen < now() - least(interval '30 seconds', idle / 6) THEN
		UPDATE collect_session SET last_seen = now(), expires_at = now() + idle
		WHERE token_hash = p_token_hash
		RETURNING expires_at INTO s.expires_at;
	END IF;
	SELECT p.grp::text AS grp, w.months::integer AS months, wi.instrument_id,
		wi.version,
		(SELECT c.decision::text FROM consent c
		 WHERE c.participant_id = s.participant_id AND c.wave_id = s.wave_id) AS consent,
		r.status::text AS status,
		collect_draft_stamp(r.response_id, r.draft_rev, wi.version) AS stamp,
		coalesce(r.draft_rev, 0) AS rev, r.response_id AS rid
	INTO m
	FROM participant p
	JOIN wave w ON w.wave_id = s.wave_id
	JOIN wave_instrument wi ON wi.wave_id = w.wave_id AND wi.grp = p.grp
	LEFT JOIN response r ON r.participant_id = s.participant_id
		AND r.wave_id = s.wave_id AND r.instrument_id = wi.instrument_id
	WHERE p.participant_id = s.participant_id;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'session without instrument' USING ERRCODE = 'UF401';
	END IF;
	IF p_stamp IS NOT NULL AND m.stamp = p_stamp THEN
		RETURN QUERY SELECT m.grp, m.months, m.instrument_id, m.version, m.consent,
			m.status, s.csrf, NULL::jsonb, s.code_id,
			floor(extract(epoch FROM s.expires_at))::bigint, m.stamp, m.rev,
			test_pair(s.participant_id, s.wave_id);
	ELSE
		-- collect_session_load (0016) reads the revision with the answers:
		-- the stamp returned is the one they were read at.
		RETURN QUERY SELECT v.grp, v.months, v.instrument_id, v.version, v.consent,
			v.status, v.csrf, v.answers, v.code_id, v.expires_epoch,
			collect_draft_stamp(m.rid, v.draft_rev, v.version),
			v.draft_rev, test_pair(s.participant_id, s.wave_id)
		FROM collect_session_load(p_token_hash) v;
	END IF;
END
$$;

GRANT EXECUTE ON FUNCTION collect_session_view_since(bytea, text) TO uppfolj_collect;
