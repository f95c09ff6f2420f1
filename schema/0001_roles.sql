-- SPDX-License-Identifier: ISC
-- Roles and the schema. Runs as a superuser (the migrate command); every later
-- migration does its DDL as uppfolj_owner. Roles are cluster-wide, so each is
-- created only if missing.
--
--   uppfolj_owner    owns every object; no login; DDL only via migrations
--   uppfolj_collect  the respondent-facing FastCGI program: calls functions,
--                    never reads answers directly
--   uppfolj_report   the batch report program: read-only
--   uppfolj_admin    admin/evaluator pages and CLI
DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'uppfolj_owner') THEN
		CREATE ROLE uppfolj_owner NOLOGIN;
	END IF;
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'uppfolj_collect') THEN
		CREATE ROLE uppfolj_collect LOGIN;
	END IF;
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'uppfolj_report') THEN
		CREATE ROLE uppfolj_report LOGIN;
	END IF;
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'uppfolj_admin') THEN
		CREATE ROLE uppfolj_admin LOGIN;
	END IF;
END
$$;

CREATE SCHEMA uppfolj AUTHORIZATION uppfolj_owner;
REVOKE ALL ON SCHEMA uppfolj FROM PUBLIC;
GRANT USAGE ON SCHEMA uppfolj TO uppfolj_collect, uppfolj_report, uppfolj_admin;

-- Functions are executable by PUBLIC by default; nothing of ours should be.
-- (A per-schema default can only add privileges, so this must be global.)
ALTER DEFAULT PRIVILEGES FOR ROLE uppfolj_owner
	REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

ALTER ROLE uppfolj_collect SET search_path = uppfolj;
ALTER ROLE uppfolj_report SET search_path = uppfolj;
ALTER ROLE uppfolj_admin SET search_path = uppfolj;
ALTER ROLE uppfolj_report SET default_transaction_read_only = on;
