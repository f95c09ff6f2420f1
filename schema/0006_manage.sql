-- SPDX-License-Identifier: ISC
-- Administration: users of the web admin (argon2id hashes, lockout, expiring
-- sessions), which units a unit contact may see, the response-rate view, the
-- unit contacts' own DB role (functions only), and erasure of a participant.
-- Passwords, session tokens and CSRF tokens are stored only as hashes.

-- The unit contacts' role is cluster-wide: created only if missing, and before
-- SET ROLE because only the superuser running migrate may create roles.
DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'uppfolj_contact') THEN
		CREATE ROLE uppfolj_contact LOGIN;
	END IF;
END
$$;
ALTER ROLE uppfolj_contact SET search_path = uppfolj;

SET LOCAL ROLE uppfolj_owner;
SET LOCAL search_path = uppfolj;

CREATE TYPE user_role AS ENUM ('admin', 'evaluator', 'unit_contact');

CREATE TABLE app_user (
	user_id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	username      text NOT NULL UNIQUE CHECK (username ~ '^[a-z][a-z0-9._-]{1,39}$'),
	-- libsodium crypto_pwhash_str (argon2id): "$argon2id$v=19$m=...,t=...,p=1$..."
	password_hash text NOT NULL CHECK (password_hash ~ '^\$argon2id?\$' AND
		length(password_hash) <= 128),
	role          user_role NOT NULL,
	failed_logins integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
	locked_until  timestamptz,
	disabled      boolean NOT NULL DEFAULT false,
	created_at    timestamptz NOT NULL DEFAULT now()
);

-- The units a unit contact may see (rates, code sheets). Admins and
-- evaluators see every unit and need no rows here.
CREATE TABLE user_unit (
	user_id bigint NOT NULL REFERENCES app_user ON DELETE CASCADE,
	unit_id bigint NOT NULL REFERENCES unit ON DELETE CASCADE,
	PRIMARY KEY (user_id, unit_id)
);
CREATE INDEX user_unit_unit_idx ON user_unit (unit_id);

-- A logged-in browser. token_hash and csrf_hash are SHA-256 of the 64-hex
-- tokens the browser holds, so a copy of this table logs nobody in.
CREATE TABLE admin_session (
	session_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
	user_id    bigint NOT NULL REFERENCES app_user ON DELETE CASCADE,
	csrf_hash  bytea NOT NULL CHECK (length(csrf_hash) = 32),
	created_at timestamptz NOT NULL DEFAULT now(),
	last_seen  timestamptz NOT NULL DEFAULT now(),
	expires_at timestamptz NOT NULL,
	CHECK (expires_at > created_at)
);
CREATE INDEX admin_session_user_idx ON admin_session (user_id);
CREATE INDEX admin_session_expires_idx ON admin_session (expires_at);

-- Response rates per wave x unit x group, exact. "invited" counts issued
-- codes (one per participant and wave); the other columns count distinct
-- invited participants. Admins/evaluators read it directly; unit contacts
-- only through contact_rates() below, masked.
CREATE VIEW response_rate AS
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
		AND r.status = 'submitted')) AS submitted
FROM access_code c
JOIN participant p ON p.participant_id = c.participant_id
JOIN wave w ON w.wave_id = c.wave_id
JOIN unit u ON u.unit_id = p.unit_id
GROUP BY w.study_id, w.wave_id, w.months, u.unit_id, u.report_label, p.grp;

-- The small-count rule, in one place: a count below 5 (including 0) is
-- returned as NULL and shown as "<5". A rate is only given when both the
-- submitted and the invited count are shown, since otherwise it would give
-- the hidden count away.
CREATE FUNCTION mask_small(n bigint) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT
AS $$ SELECT CASE WHEN n >= 5 THEN n END $$;

CREATE FUNCTION masked_rate(submitted bigint, invited bigint) RETURNS numeric
LANGUAGE sql IMMUTABLE STRICT
AS $$ SELECT CASE WHEN submitted >= 5 AND invited >= 5
	THEN round(100.0 * submitted / invited, 1) END $$;

-- The rates a unit contact's web session may see: only the units linked to
-- the session's user, masked. p_token is the session token the browser
-- holds (64 hex digits); it is hashed here, so the caller needs the token
-- itself, not a row of admin_session. Raises UF401 for an unknown, expired
-- or disabled session and UF403 when the user is not a unit contact.
CREATE FUNCTION contact_rates(p_token text)
RETURNS TABLE (months smallint, unit_id bigint, report_label text,
	grp respondent_group, invited bigint, started bigint, consented bigint,
	declined bigint, submitted bigint, rate numeric)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = uppfolj, pg_temp
AS $$
DECLARE
	v_user bigint;
	v_role user_role;
BEGIN
	IF p_token IS NULL OR p_token !~ '^[0-9a-f]{64}$' THEN
		RAISE EXCEPTION 'session not accepted' USING ERRCODE = 'UF401';
	END IF;
	SELECT s.user_id, a.role INTO v_user, v_role
	FROM admin_session s JOIN app_user a ON a.user_id = s.user_id
	WHERE s.token_hash = sha256(convert_to(p_token, 'UTF8'))
	  AND s.expires_at > now() AND NOT a.disabled;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'session not accepted' USING ERRCODE = 'UF401';
	END IF;
	IF v_role <> 'unit_contact' THEN
		RAISE EXCEPTION 'not a unit contact' USING ERRCODE = 'UF403';
	END IF;
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

-- An answer's value as export text: "dont_know" for "vet ej / ej aktuellt",
-- numbers as digits, multiple choices joined with ';', dates as YYYY-MM-DD.
CREATE FUNCTION answer_value(a answer) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$ SELECT CASE
	WHEN a.dont_know THEN 'dont_know'
	WHEN a.value_int IS NOT NULL THEN a.value_int::text
	WHEN a.value_choices IS NOT NULL THEN array_to_string(a.value_choices, ';')
	WHEN a.value_date IS NOT NULL THEN to_char(a.value_date, 'YYYY-MM-DD')
	ELSE a.value_text END $$;

-- Erase one participant in every wave: answers, drafts, responses, consents,
-- codes, the collect program's sessions, and the participant row itself, in
-- the caller's transaction. The final DELETE of the participant fails (a
-- foreign-key error) if a table added later still references it, so nothing
-- is silently left behind. The audit row says that an erasure happened and by
-- whom, nothing of the content (not even the panel id).
CREATE FUNCTION erase_participant(p_participant bigint, p_actor text)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = uppfolj, pg_temp
AS $$
BEGIN
	IF p_actor IS NULL OR length(p_actor) NOT BETWEEN 1 AND 100 THEN
		RAISE EXCEPTION 'actor required' USING ERRCODE = 'UF400';
	END IF;
	PERFORM 1 FROM participant WHERE participant_id = p_participant FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no such participant' USING ERRCODE = 'UF404';
	END IF;
	-- The collect program's rows (0003): its sessions, and the failure
	-- counters keyed by the hash of one of this participant's codes.
	DELETE FROM collect_session WHERE participant_id = p_participant;
	DELETE FROM collect_attempt t USING access_code c
		WHERE t.kind = 'code' AND t.key_hash = c.code_hash
		  AND c.participant_id = p_participant;
	DELETE FROM answer a USING response r
		WHERE a.response_id = r.response_id AND r.participant_id = p_participant;
	DELETE FROM response WHERE participant_id = p_participant;
	DELETE FROM consent WHERE participant_id = p_participant;
	DELETE FROM access_code WHERE participant_id = p_participant;
	DELETE FROM participant WHERE participant_id = p_participant;
	INSERT INTO audit_log (actor, action) VALUES (p_actor, 'participant.erase');
END
$$;

-- 0001 meant "no function of ours is executable by PUBLIC", but a per-schema
-- ALTER DEFAULT PRIVILEGES can only add to the global defaults, never take
-- away, so every function so far was executable by PUBLIC (any role with
-- USAGE on the schema could call, e.g., collect_login). Revoke it for the
-- existing functions and, per role rather than per schema, for later ones;
-- each role gets EXECUTE only where a GRANT says so.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA uppfolj FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE uppfolj_owner
	REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

-- Privileges. The admin role manages users and sessions; the contact role
-- has no table privileges at all, only contact_rates().
GRANT USAGE ON SCHEMA uppfolj TO uppfolj_contact;

GRANT SELECT, INSERT, UPDATE, DELETE ON app_user, user_unit, admin_session
	TO uppfolj_admin;
GRANT SELECT ON response_rate TO uppfolj_admin, uppfolj_report;
GRANT EXECUTE ON FUNCTION mask_small(bigint), masked_rate(bigint, bigint)
	TO uppfolj_admin;
GRANT EXECUTE ON FUNCTION answer_value(answer) TO uppfolj_admin, uppfolj_report;
GRANT EXECUTE ON FUNCTION erase_participant(bigint, text) TO uppfolj_admin;
GRANT EXECUTE ON FUNCTION contact_rates(text) TO uppfolj_contact;
