-- SPDX-License-Identifier: ISC
-- Evaluator tooling (issue 14): test mode kept out of every count in one
-- place, rates that count every participant a wave reached, a participant
-- status view, codes voided and replaced, and when a code was first opened.
SET LOCAL ROLE uppfolj_owner;
SET LOCAL search_path = uppfolj;

-- ---------------------------------------------------------------------------
-- Test mode. A wave or a single code can be marked as a test; a participant's
-- responses in a test wave, or in a wave where their code is a test code, are
-- test responses. response.test is kept equal to that by the triggers below
-- (the one place that decides), and row-level security hides test responses
-- from the report and admin roles, so every query they run over response
-- (reports, exports, rates read by the admin role) leaves them out without
-- saying so. The views below run with the owner's rights, which RLS does not
-- restrict, so they exclude test pairs themselves. The collect functions run
-- as the owner too: a test respondent sees their own draft as any other.

ALTER TABLE wave ADD COLUMN test boolean NOT NULL DEFAULT false;
ALTER TABLE access_code ADD COLUMN test boolean NOT NULL DEFAULT false;
-- When the code was first used to open a session (set by a trigger on
-- collect_session), and when it was last replaced by a new code.
ALTER TABLE access_code ADD COLUMN opened_at timestamptz;
ALTER TABLE access_code ADD COLUMN replaced_at timestamptz;
ALTER TABLE access_code ADD COLUMN replacements integer NOT NULL DEFAULT 0
	CHECK (replacements >= 0);
ALTER TABLE response ADD COLUMN test boolean NOT NULL DEFAULT false;

-- Whether participant p's answers in wave w are test answers.
CREATE FUNCTION test_pair(p bigint, w bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
	SELECT EXISTS (SELECT 1 FROM uppfolj.wave x WHERE x.wave_id = w AND x.test)
		OR EXISTS (SELECT 1 FROM uppfolj.access_code c
			WHERE c.participant_id = p AND c.wave_id = w AND c.test)
$$;

CREATE FUNCTION response_test_set() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = uppfolj, pg_temp AS $$
BEGIN
	NEW.test := test_pair(NEW.participant_id, NEW.wave_id);
	RETURN NEW;
END
$$;
CREATE TRIGGER response_test BEFORE INSERT OR UPDATE OF participant_id, wave_id, test
	ON response FOR EACH ROW EXECUTE FUNCTION response_test_set();

-- A wave or code whose mark changed: its responses follow.
CREATE FUNCTION response_test_sync() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = uppfolj, pg_temp AS $$
BEGIN
	IF TG_TABLE_NAME = 'wave' THEN
		UPDATE response r SET test = test_pair(r.participant_id, r.wave_id)
		WHERE r.wave_id = NEW.wave_id;
	ELSE
		UPDATE response r SET test = test_pair(r.participant_id, r.wave_id)
		WHERE r.wave_id = NEW.wave_id AND r.participant_id = NEW.participant_id;
	END IF;
	RETURN NULL;
END
$$;
CREATE TRIGGER wave_test_sync AFTER UPDATE OF test ON wave FOR EACH ROW
	WHEN (OLD.test IS DISTINCT FROM NEW.test) EXECUTE FUNCTION response_test_sync();
CREATE TRIGGER code_test_sync AFTER INSERT OR UPDATE OF test ON access_code
	FOR EACH ROW WHEN (NEW.test) EXECUTE FUNCTION response_test_sync();
CREATE TRIGGER code_test_unsync AFTER UPDATE OF test ON access_code
	FOR EACH ROW WHEN (OLD.test AND NOT NEW.test) EXECUTE FUNCTION response_test_sync();

ALTER TABLE response ENABLE ROW LEVEL SECURITY;
CREATE POLICY response_real ON response FOR ALL TO uppfolj_admin, uppfolj_report
	USING (NOT test) WITH CHECK (NOT test);

-- The first session a code opens marks it opened (the participant status).
CREATE FUNCTION code_opened() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = uppfolj, pg_temp AS $$
BEGIN
	UPDATE access_code SET opened_at = now()
	WHERE code_id = NEW.code_id AND opened_at IS NULL;
	RETURN NULL;
END
$$;
CREATE TRIGGER collect_session_opened AFTER INSERT ON collect_session
	FOR EACH ROW EXECUTE FUNCTION code_opened();

-- ---------------------------------------------------------------------------
-- Who a wave reached. A participant counts in a wave when they have a code
-- for it, or answered its consent question, or have a response in it: the
-- demo study's earlier waves (and any data loaded without codes) have
-- consents and responses but no codes, and 0006's view, which started from
-- access_code, showed none of them. Test pairs are left out.
CREATE VIEW wave_pair AS
SELECT x.participant_id, x.wave_id
FROM (SELECT participant_id, wave_id FROM access_code
	UNION SELECT participant_id, wave_id FROM consent
	UNION SELECT participant_id, wave_id FROM response) x
JOIN wave w ON w.wave_id = x.wave_id
WHERE NOT w.test AND NOT EXISTS (SELECT 1 FROM access_code c
	WHERE c.participant_id = x.participant_id AND c.wave_id = x.wave_id AND c.test);

CREATE OR REPLACE VIEW response_rate AS
SELECT w.study_id, w.wave_id, w.months, u.unit_id, u.report_label, p.grp,
	count(*) AS invited,
	count(*) FILTER (WHERE EXISTS (SELECT 1 FROM response r
		WHERE r.participant_id = c.participant_id AND r.wave_id = c.wave_id)) AS started,
	count(*) FILTER (WHERE EXISTS (SELECT 1 FROM consent k
		WHERE k.participant_id = c.participant_id AND k.wave_id = c.wave_id
		AND k.decision = 'given')) AS consented,
	count(*) FILTER (WHERE EXISTS (SELECT 1 FROM consent k
		WHERE k.participant_id = c.participant_id AND k.wave_id = c.wave_id
		AND k.decision = 'declined')) AS declined,
	count(*) FILTER (WHERE EXISTS (SELECT 1 FROM response r
		WHERE r.participant_id = c.participant_id AND r.wave_id = c.wave_id
		AND r.status = 'submitted')) AS submitted,
	u.kind AS unit_kind
FROM wave_pair c
JOIN participant p ON p.participant_id = c.participant_id
JOIN wave w ON w.wave_id = c.wave_id
JOIN unit u ON u.unit_id = p.unit_id
GROUP BY w.study_id, w.wave_id, w.months, u.unit_id, u.report_label, p.grp, u.kind;

CREATE OR REPLACE VIEW report_participation AS
SELECT w.study_id,
       w.months,
       p.grp,
       u.report_label,
       u.huvudman,
       count(*) AS invited,
       count(*) FILTER (WHERE r.status = 'submitted') AS answered,
       count(*) FILTER (WHERE c.decision = 'declined') AS declined
FROM wave w
JOIN participant p ON p.study_id = w.study_id
JOIN unit u ON u.unit_id = p.unit_id
LEFT JOIN access_code ac ON ac.participant_id = p.participant_id
	AND ac.wave_id = w.wave_id
LEFT JOIN consent c ON c.participant_id = p.participant_id
	AND c.wave_id = w.wave_id
LEFT JOIN response r ON r.participant_id = p.participant_id
	AND r.wave_id = w.wave_id
WHERE (ac.code_id IS NOT NULL OR c.consent_id IS NOT NULL
	OR r.response_id IS NOT NULL)
	AND NOT w.test AND NOT coalesce(ac.test, false)
GROUP BY w.study_id, w.months, p.grp, u.report_label, u.huvudman;

-- ---------------------------------------------------------------------------
-- Participant status: one row per participant and wave they were reached in
-- (test pairs included and flagged, so the admin can find them), with the
-- furthest state and its dates. Never an answer. Withdrawn participants are
-- erased (0006) and so are not here.
CREATE VIEW participant_status AS
SELECT w.study_id, w.wave_id, w.months, u.unit_id, u.name AS unit_name,
	u.kind AS unit_kind, p.participant_id, p.panel_id, p.grp,
	CASE WHEN r.status = 'submitted' THEN 'submitted'
	     WHEN r.status = 'draft' THEN 'draft'
	     WHEN k.decision = 'declined' THEN 'declined'
	     WHEN k.decision = 'given' THEN 'consent'
	     WHEN c.opened_at IS NOT NULL THEN 'opened'
	     ELSE 'issued' END AS state,
	c.code_id, c.created_at AS issued_at, c.opened_at, c.replaced_at,
	c.replacements, k.decided_at, r.started_at, r.submitted_at,
	(w.test OR coalesce(c.test, false)) AS test
FROM (SELECT participant_id, wave_id FROM access_code
	UNION SELECT participant_id, wave_id FROM consent
	UNION SELECT participant_id, wave_id FROM response) x
JOIN participant p ON p.participant_id = x.participant_id
JOIN wave w ON w.wave_id = x.wave_id
JOIN unit u ON u.unit_id = p.unit_id
LEFT JOIN access_code c ON c.participant_id = x.participant_id AND c.wave_id = x.wave_id
LEFT JOIN consent k ON k.participant_id = x.participant_id AND k.wave_id = x.wave_id
LEFT JOIN response r ON r.participant_id = x.participant_id AND r.wave_id = x.wave_id;

-- The unit contact behind a web session token (64 hex digits, hashed here):
-- UF401 for an unknown, expired or disabled session, UF403 when the user is
-- not a unit contact. The one check of contact_rates() and contact_status();
-- internal (no role may call it), so it needs no SET of its own.
CREATE FUNCTION contact_user(p_token text) RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
DECLARE
	v_user bigint;
	v_role uppfolj.user_role;
BEGIN
	IF p_token IS NULL OR p_token !~ '^[0-9a-f]{64}$' THEN
		RAISE EXCEPTION 'session not accepted' USING ERRCODE = 'UF401';
	END IF;
	SELECT s.user_id, a.role INTO v_user, v_role
	FROM uppfolj.admin_session s JOIN uppfolj.app_user a ON a.user_id = s.user_id
	WHERE s.token_hash = sha256(convert_to(p_token, 'UTF8'))
	  AND s.expires_at > now() AND NOT a.disabled;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'session not accepted' USING ERRCODE = 'UF401';
	END IF;
	IF v_role <> 'unit_contact' THEN
		RAISE EXCEPTION 'not a unit contact' USING ERRCODE = 'UF403';
	END IF;
	RETURN v_user;
END
$$;
REVOKE EXECUTE ON FUNCTION contact_user(text) FROM PUBLIC;

-- 0006's contact_rates() with its session check in contact_user().
CREATE OR REPLACE FUNCTION contact_rates(p_token text)
RETURNS TABLE (months smallint, unit_id bigint, report_label text,
	grp respondent_group, invited bigint, started bigint, consented bigint,
	declined bigint, submitted bigint, rate numeric)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = uppfolj, pg_temp
AS $$
DECLARE
	v_user bigint := contact_user(p_token);
BEGIN
	RETURN QUERY
	SELECT r.months, r.unit_id, r.report_label, r.grp,
		mask_small(r.invited), mask_small(r.started), mask_small(r.consented),
		mask_small(r.declined), mask_small(r.submitted),
		masked_rate(r.submitted, r.invited)
	FROM response_rate r
	JOIN user_unit uu ON uu.unit_id = r.unit_id AND uu.user_id = v_user
	ORDER BY r.months, r.report_label, r.unit_id, r.grp;
END
$$;

-- A unit contact's status list: only the session user's units, only real
-- pairs; panel ids, states and dates, nothing of the answers. UF401/UF403
-- like contact_rates(), UF400 for a page over 500 rows.
CREATE FUNCTION contact_status(p_token text, p_months integer, p_unit bigint,
	p_state text, p_limit integer, p_offset integer)
RETURNS TABLE (months smallint, unit_id bigint, unit_name text, panel_id text,
	grp respondent_group, state text, issued_at timestamptz,
	opened_at timestamptz, decided_at timestamptz, started_at timestamptz,
	submitted_at timestamptz, total bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = uppfolj, pg_temp
AS $$
DECLARE
	v_user bigint := contact_user(p_token);
BEGIN
	IF p_limit IS NULL OR p_limit NOT BETWEEN 1 AND 500 OR p_offset IS NULL
		OR p_offset < 0 THEN
		RAISE EXCEPTION 'bad page' USING ERRCODE = 'UF400';
	END IF;
	RETURN QUERY
	SELECT s.months, s.unit_id, s.unit_name, s.panel_id, s.grp, s.state,
		s.issued_at, s.opened_at, s.decided_at, s.started_at, s.submitted_at,
		count(*) OVER ()
	FROM participant_status s
	JOIN user_unit uu ON uu.unit_id = s.unit_id AND uu.user_id = v_user
	WHERE NOT s.test AND (p_months IS NULL OR s.months = p_months)
	  AND (p_unit IS NULL OR s.unit_id = p_unit)
	  AND (p_state IS NULL OR s.state = p_state)
	ORDER BY s.months, s.unit_name, s.panel_id
	LIMIT p_limit OFFSET p_offset;
END
$$;

-- ---------------------------------------------------------------------------
-- Administration doors that touch rows the admin role cannot see or change
-- (test responses, the collect program's sessions). Each writes its audit
-- row in the caller's transaction.

-- Void a participant's code and give them a new one: the same row (so the
-- participant, wave and any draft stay as they are) with a new hash, so the
-- old code stops working at once; its sessions end. The new code is made by
-- the caller and arrives only as its keyed hash.
CREATE FUNCTION code_replace(p_code bigint, p_hash bytea, p_actor text)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = uppfolj, pg_temp
AS $$
BEGIN
	IF p_actor IS NULL OR length(p_actor) NOT BETWEEN 1 AND 100 THEN
		RAISE EXCEPTION 'actor required' USING ERRCODE = 'UF400';
	END IF;
	IF p_hash IS NULL OR length(p_hash) <> 32 THEN
		RAISE EXCEPTION 'bad hash' USING ERRCODE = 'UF400';
	END IF;
	PERFORM 1 FROM access_code WHERE code_id = p_code FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no such code' USING ERRCODE = 'UF404';
	END IF;
	IF EXISTS (SELECT 1 FROM access_code WHERE code_id = p_code AND used_at IS NOT NULL) THEN
		RAISE EXCEPTION 'code already used' USING ERRCODE = 'UF409';
	END IF;
	DELETE FROM collect_session WHERE code_id = p_code;
	UPDATE access_code SET code_hash = p_hash, replaced_at = now(),
		replacements = replacements + 1, failed_attempts = 0
	WHERE code_id = p_code;
	INSERT INTO audit_log (actor, action, object, detail)
	VALUES (p_actor, 'code.replace', 'code:' || p_code, NULL);
END
$$;

-- Mark a wave or a code as test (or real again).
CREATE FUNCTION wave_set_test(p_wave bigint, p_test boolean, p_actor text)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = uppfolj, pg_temp
AS $$
BEGIN
	IF p_actor IS NULL OR length(p_actor) NOT BETWEEN 1 AND 100 OR p_test IS NULL THEN
		RAISE EXCEPTION 'actor required' USING ERRCODE = 'UF400';
	END IF;
	UPDATE wave SET test = p_test WHERE wave_id = p_wave;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no such wave' USING ERRCODE = 'UF404';
	END IF;
	INSERT INTO audit_log (actor, action, object, detail)
	VALUES (p_actor, 'wave.test', 'wave:' || p_wave, jsonb_build_object('test', p_test));
END
$$;

CREATE FUNCTION code_set_test(p_code bigint, p_test boolean, p_actor text)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = uppfolj, pg_temp
AS $$
BEGIN
	IF p_actor IS NULL OR length(p_actor) NOT BETWEEN 1 AND 100 OR p_test IS NULL THEN
		RAISE EXCEPTION 'actor required' USING ERRCODE = 'UF400';
	END IF;
	UPDATE access_code SET test = p_test WHERE code_id = p_code;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no such code' USING ERRCODE = 'UF404';
	END IF;
	INSERT INTO audit_log (actor, action, object, detail)
	VALUES (p_actor, 'code.test', 'code:' || p_code, jsonb_build_object('test', p_test));
END
$$;

-- Delete every test response (with its answers) and test consent of a
-- study; the codes stay, so testing can go on. Returns the responses gone.
CREATE FUNCTION test_purge(p_study bigint, p_actor text)
RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = uppfolj, pg_temp
AS $$
DECLARE
	n bigint;
BEGIN
	IF p_actor IS NULL OR length(p_actor) NOT BETWEEN 1 AND 100 THEN
		RAISE EXCEPTION 'actor required' USING ERRCODE = 'UF400';
	END IF;
	DELETE FROM answer a USING response r, participant p
		WHERE a.response_id = r.response_id AND r.test
		  AND p.participant_id = r.participant_id AND p.study_id = p_study;
	WITH gone AS (DELETE FROM response r USING participant p
		WHERE r.test AND p.participant_id = r.participant_id
		  AND p.study_id = p_study RETURNING 1)
	SELECT count(*) INTO n FROM gone;
	DELETE FROM consent k USING participant p
		WHERE p.participant_id = k.participant_id AND p.study_id = p_study
		  AND test_pair(k.participant_id, k.wave_id);
	INSERT INTO audit_log (actor, action, object, detail)
	VALUES (p_actor, 'test.purge', 'study:' || p_study, jsonb_build_object('responses', n));
	RETURN n;
END
$$;

REVOKE EXECUTE ON FUNCTION test_pair(bigint, bigint), response_test_set(),
	response_test_sync(), code_opened() FROM PUBLIC;
GRANT SELECT ON wave_pair, participant_status TO uppfolj_admin;
GRANT SELECT ON wave_pair TO uppfolj_report;
GRANT EXECUTE ON FUNCTION contact_status(text, integer, bigint, text, integer, integer)
	TO uppfolj_contact;
GRANT EXECUTE ON FUNCTION code_replace(bigint, bytea, text),
	wave_set_test(bigint, boolean, text), code_set_test(bigint, boolean, text),
	test_purge(bigint, text) TO uppfolj_admin;
