-- SPDX-License-Identifier: ISC
-- A study's own list of names that reports mask in free-text quotes, on top
-- of the words of its unit names: people, places, nicknames of wards. Each
-- becomes [namn], [ort] or [verksamhet]. Kept by the admin tools
-- (uppfolj-admin mask-names); read by the report role.
SET LOCAL ROLE uppfolj_owner;
SET LOCAL search_path = uppfolj;

CREATE TABLE study_mask_name (
	study_id   bigint NOT NULL REFERENCES study ON DELETE CASCADE,
	name       text NOT NULL CHECK (length(name) BETWEEN 2 AND 100
		AND name !~ '[[:cntrl:]]'),
	kind       text NOT NULL CHECK (kind IN ('verksamhet', 'ort', 'namn')),
	created_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (study_id, name)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON study_mask_name TO uppfolj_admin;
GRANT SELECT ON study_mask_name TO uppfolj_report;
