-- SPDX-License-Identifier: ISC
-- The respondent's language and easy-to-read choice (issue 15): kept in the
-- web session, stored with the response (the language and variant the
-- answers were given in) and with the consent (which language version of
-- the information was shown; consent.info_version names the text's
-- version). Languages are data (forms/ui/<tag>.json): the database checks
-- only a tag's shape, never a list. Rows from before this migration were
-- all answered in Swedish, so 'sv' is their truthful default. As 0003, the
-- functions touch only the caller's own session.
SET LOCAL ROLE uppfolj_owner;
SET LOCAL search_path = uppfolj;

-- A BCP 47 tag as the program accepts it (lib/lang.c, lang_tag_ok).
CREATE FUNCTION lang_tag_ok(p text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
	SELECT p IS NOT NULL AND length(p) <= 35
	   AND p ~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$'
$$;

ALTER TABLE collect_session
	ADD COLUMN lang text NOT NULL DEFAULT 'sv' CHECK (lang_tag_ok(lang)),
	ADD COLUMN easy boolean NOT NULL DEFAULT false;
ALTER TABLE response
	ADD COLUMN lang text NOT NULL DEFAULT 'sv' CHECK (lang_tag_ok(lang)),
	ADD COLUMN easy boolean NOT NULL DEFAULT false;
ALTER TABLE consent
	ADD COLUMN lang text NOT NULL DEFAULT 'sv' CHECK (lang_tag_ok(lang));

-- 0018's session read plus the session's language and easy flag. UF401 as
-- collect_session_view_since.
CREATE FUNCTION collect_session_view_lang(p_token_hash bytea, p_stamp text)
RETURNS TABLE (grp text, months integer, instrument_id text, version integer,
	consent text, status text, csrf text, answers jsonb, code_id bigint,
	expires_epoch bigint, stamp text, draft_rev integer, test boolean,
	lang text, easy boolean)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
BEGIN
	RETURN QUERY SELECT v.grp, v.months, v.instrument_id, v.version, v.consent,
		v.status, v.csrf, v.answers, v.code_id, v.expires_epoch, v.stamp,
		v.draft_rev, v.test, s.lang, s.easy
	FROM collect_session_view_since(p_token_hash, p_stamp) v
	JOIN collect_session s ON s.token_hash = p_token_hash;
END
$$;

-- The respondent chose a language or turned easy-to-read on or off (NULL:
-- unchanged). The session keeps it; a draft response takes it too, so the
-- submitted response carries what its answers were last given in. UF400
-- for a tag of the wrong shape, UF401 without a session.
CREATE FUNCTION collect_session_view_set(p_token_hash bytea, p_lang text,
	p_easy boolean)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	s collect_session;
BEGIN
	IF p_lang IS NOT NULL AND NOT lang_tag_ok(p_lang) THEN
		RAISE EXCEPTION 'not a language tag' USING ERRCODE = 'UF400';
	END IF;
	s := collect_session_row(p_token_hash);
	UPDATE collect_session SET lang = coalesce(p_lang, lang),
		easy = coalesce(p_easy, easy)
	WHERE token_hash = p_token_hash
	RETURNING * INTO s;
	UPDATE response r SET lang = s.lang, easy = s.easy
	WHERE r.participant_id = s.participant_id AND r.wave_id = s.wave_id
	  AND r.status = 'draft';
END
$$;

-- 0003's consent, recording the language the information was shown in
-- (the session's) beside the text's version; a response it opens starts in
-- that language and variant.
CREATE FUNCTION collect_consent_lang(p_token_hash bytea, p_decision text,
	p_info_version text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	s collect_session;
BEGIN
	s := collect_session_row(p_token_hash);
	PERFORM collect_consent(p_token_hash, p_decision, p_info_version);
	UPDATE consent c SET lang = s.lang
	WHERE c.participant_id = s.participant_id AND c.wave_id = s.wave_id;
	UPDATE response r SET lang = s.lang, easy = s.easy
	WHERE r.participant_id = s.participant_id AND r.wave_id = s.wave_id
	  AND r.status = 'draft';
END
$$;

-- The JSON API's submission (0010's collect_submit_code) may name the
-- language the answers were given in: stored on the response it stored.
-- Only a response submitted now or replayed with the same id and code
-- (status 'stored' or 'replay') is changed, and only that one.
CREATE FUNCTION collect_submit_code_lang(p_code_hash bytea, p_addr_hash bytea,
	p_submission uuid, p_instrument text, p_version integer, p_months integer,
	p_consent boolean, p_info_version text, p_answers jsonb,
	p_rate_addr integer, p_rate_code integer, p_window_minutes integer,
	p_lang text)
RETURNS TABLE (status text, submitted_at timestamptz, code_id bigint)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	x record;
BEGIN
	IF p_lang IS NOT NULL AND NOT lang_tag_ok(p_lang) THEN
		RAISE EXCEPTION 'not a language tag' USING ERRCODE = 'UF400';
	END IF;
	SELECT * INTO x FROM collect_submit_code(p_code_hash, p_addr_hash, p_submission,
		p_instrument, p_version, p_months, p_consent, p_info_version, p_answers,
		p_rate_addr, p_rate_code, p_window_minutes) c;
	IF p_lang IS NOT NULL AND x.status = 'stored' THEN
		UPDATE response r SET lang = p_lang WHERE r.submission_id = p_submission;
		UPDATE consent c SET lang = p_lang FROM response r
		WHERE r.submission_id = p_submission AND c.participant_id = r.participant_id
		  AND c.wave_id = r.wave_id;
	END IF;
	RETURN QUERY SELECT x.status, x.submitted_at, x.code_id;
END
$$;

REVOKE ALL ON FUNCTION collect_session_view_lang(bytea, text),
	collect_session_view_set(bytea, text, boolean),
	collect_consent_lang(bytea, text, text),
	collect_submit_code_lang(bytea, bytea, uuid, text, integer, integer, boolean,
		text, jsonb, integer, integer, integer, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION collect_session_view_lang(bytea, text),
	collect_session_view_set(bytea, text, boolean),
	collect_consent_lang(bytea, text, text),
	collect_submit_code_lang(bytea, bytea, uuid, text, integer, integer, boolean,
		text, jsonb, integer, integer, integer, text) TO uppfolj_collect;
