-- SPDX-License-Identifier: ISC
-- Failed admin-web logins per client address. The lockout in app_user slows
-- guessing at one name; this stops one address from guessing across many
-- names. The address is stored only as a keyed hash (it is personal data),
-- and a row is only kept while its window can still matter.
SET LOCAL ROLE uppfolj_owner;
SET LOCAL search_path = uppfolj;

CREATE TABLE admin_login_attempt (
	addr_hash    bytea PRIMARY KEY CHECK (length(addr_hash) = 32),
	window_start timestamptz NOT NULL DEFAULT now(),
	failures     integer NOT NULL DEFAULT 0 CHECK (failures >= 0)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON admin_login_attempt TO uppfolj_admin;
