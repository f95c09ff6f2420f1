-- SPDX-License-Identifier: ISC
-- The data model. Pseudonymous by construction: no column holds a name,
-- personal number, e-mail or phone number of a respondent. Unit names exist
-- for administration only; reports use unit.report_label.
SET LOCAL ROLE uppfolj_owner;
SET LOCAL search_path = uppfolj;

CREATE TYPE unit_kind AS ENUM
	('heldygnsvard', 'boendestod', 'traffpunkt', 'stodboende', 'other');
CREATE TYPE huvudman AS ENUM ('region', 'kommun');
CREATE TYPE respondent_group AS ENUM ('chef', 'personal', 'peer', 'patient');
CREATE TYPE consent_decision AS ENUM ('given', 'declined');
CREATE TYPE response_status AS ENUM ('draft', 'submitted');

CREATE TABLE study (
	study_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
	name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	start_date  date NOT NULL,
	synthetic   boolean NOT NULL DEFAULT false,   -- demo/benchmark data
	created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE unit (
	unit_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	study_id     bigint NOT NULL REFERENCES study,
	name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	kind         unit_kind NOT NULL,
	huvudman     huvudman NOT NULL,
	-- what reports print instead of the name, e.g. 'psykiatri, heldygnsvård'
	report_label text NOT NULL CHECK (length(report_label) BETWEEN 1 AND 100),
	UNIQUE (study_id, name)
);

CREATE TABLE wave (
	wave_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	study_id   bigint NOT NULL REFERENCES study,
	months     smallint NOT NULL CHECK (months BETWEEN 1 AND 120),
	opens_on   date NOT NULL,
	closes_on  date NOT NULL,
	closed_at  timestamptz,          -- closed by an admin before closes_on
	UNIQUE (study_id, months),
	UNIQUE (wave_id, study_id),
	CHECK (closes_on >= opens_on)
);

-- An instrument version is immutable once stored (trigger below); a changed
-- questionnaire is a new version.
CREATE TABLE instrument (
	instrument_id text NOT NULL CHECK (instrument_id ~ '^[a-z][a-z0-9_]{0,31}$'),
	version       integer NOT NULL CHECK (version >= 1),
	grp           respondent_group NOT NULL,
	title         text NOT NULL,
	definition    jsonb NOT NULL,
	sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
	loaded_at     timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (instrument_id, version)
);

-- One row per item of an instrument version, so answers can reference them.
CREATE TABLE instrument_item (
	instrument_id text NOT NULL,
	version       integer NOT NULL,
	item_id       text NOT NULL CHECK (item_id ~ '^[a-z][a-z0-9_]{0,31}$'),
	position      integer NOT NULL CHECK (position >= 0),
	theme_id      text NOT NULL,
	item_type     text NOT NULL CHECK (item_type IN
		('likert5', 'single', 'multi', 'text', 'integer', 'date')),
	PRIMARY KEY (instrument_id, version, item_id),
	UNIQUE (instrument_id, version, position),
	FOREIGN KEY (instrument_id, version) REFERENCES instrument
);

-- Which instrument version a group answers in a wave.
CREATE TABLE wave_instrument (
	wave_id       bigint NOT NULL REFERENCES wave,
	grp           respondent_group NOT NULL,
	instrument_id text NOT NULL,
	version       integer NOT NULL,
	PRIMARY KEY (wave_id, grp),
	FOREIGN KEY (instrument_id, version) REFERENCES instrument
);

-- A pseudonymous panel member; panel_id stays the same across waves.
CREATE TABLE participant (
	participant_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	study_id       bigint NOT NULL REFERENCES study,
	panel_id       text NOT NULL CHECK (panel_id ~ '^[A-Z]{1,3}-[0-9A-Z]{4,12}$'),
	grp            respondent_group NOT NULL,
	unit_id        bigint NOT NULL REFERENCES unit,
	synthetic      boolean NOT NULL DEFAULT false,
	created_at     timestamptz NOT NULL DEFAULT now(),
	UNIQUE (study_id, panel_id)
);
CREATE INDEX participant_unit_idx ON participant (unit_id, grp);

-- One code per participant and wave, stored only as a keyed hash.
CREATE TABLE access_code (
	code_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	participant_id bigint NOT NULL REFERENCES participant ON DELETE CASCADE,
	wave_id        bigint NOT NULL REFERENCES wave,
	code_hash      bytea NOT NULL UNIQUE CHECK (length(code_hash) = 32),
	created_at     timestamptz NOT NULL DEFAULT now(),
	expires_at     timestamptz NOT NULL,
	used_at        timestamptz,      -- set when the response is submitted
	failed_attempts integer NOT NULL DEFAULT 0,
	UNIQUE (participant_id, wave_id)
);

CREATE TABLE consent (
	consent_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	participant_id bigint NOT NULL REFERENCES participant ON DELETE CASCADE,
	wave_id        bigint NOT NULL REFERENCES wave,
	info_version   text NOT NULL CHECK (length(info_version) BETWEEN 1 AND 40),
	decision       consent_decision NOT NULL,
	decided_at     timestamptz NOT NULL DEFAULT now(),
	UNIQUE (participant_id, wave_id)
);

CREATE TABLE response (
	response_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	submission_id  uuid NOT NULL UNIQUE,     -- client-generated idempotency key
	participant_id bigint NOT NULL REFERENCES participant ON DELETE CASCADE,
	wave_id        bigint NOT NULL REFERENCES wave,
	instrument_id  text NOT NULL,
	version        integer NOT NULL,
	status         response_status NOT NULL DEFAULT 'draft',
	started_at     timestamptz NOT NULL DEFAULT now(),
	updated_at     timestamptz NOT NULL DEFAULT now(),
	submitted_at   timestamptz,
	FOREIGN KEY (instrument_id, version) REFERENCES instrument,
	-- at most one response (so at most one submitted) per participant, wave
	-- and instrument
	UNIQUE (participant_id, wave_id, instrument_id),
	UNIQUE (response_id, instrument_id, version),
	CHECK ((status = 'submitted') = (submitted_at IS NOT NULL))
);
CREATE INDEX response_wave_idx ON response (wave_id, status);

-- One typed value per answered item. The foreign keys guarantee that an
-- answer names an item of the response's own instrument version.
CREATE TABLE answer (
	response_id   bigint NOT NULL,
	instrument_id text NOT NULL,
	version       integer NOT NULL,
	item_id       text NOT NULL,
	dont_know     boolean NOT NULL DEFAULT false,   -- "vet ej / ej aktuellt"
	value_int     integer,
	value_text    text CHECK (length(value_text) <= 10000),
	value_choices text[] CHECK (cardinality(value_choices) BETWEEN 1 AND 30),
	value_date    date,
	PRIMARY KEY (response_id, item_id),
	FOREIGN KEY (response_id, instrument_id, version)
		REFERENCES response (response_id, instrument_id, version) ON DELETE CASCADE,
	FOREIGN KEY (instrument_id, version, item_id) REFERENCES instrument_item,
	CHECK (num_nonnulls(value_int, value_text, value_choices, value_date)
		= CASE WHEN dont_know THEN 0 ELSE 1 END)
);
CREATE INDEX answer_item_idx ON answer (instrument_id, version, item_id);

-- Who did what, when. Never the content of answers or codes.
CREATE TABLE audit_log (
	audit_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at        timestamptz NOT NULL DEFAULT now(),
	actor     text NOT NULL CHECK (length(actor) BETWEEN 1 AND 100),
	action    text NOT NULL CHECK (action ~ '^[a-z_.]{1,40}$'),
	object    text CHECK (length(object) <= 200),
	detail    jsonb
);

-- Stored instrument versions never change.
CREATE FUNCTION instrument_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'instrument % version % is immutable; load a new version',
		OLD.instrument_id, OLD.version USING ERRCODE = 'UF409';
END
$$;
CREATE TRIGGER instrument_no_update BEFORE UPDATE OR DELETE ON instrument
	FOR EACH ROW EXECUTE FUNCTION instrument_immutable();
CREATE TRIGGER instrument_item_no_update BEFORE UPDATE OR DELETE ON instrument_item
	FOR EACH ROW EXECUTE FUNCTION instrument_immutable();

-- The audit log is append-only for everyone but its owner.
CREATE FUNCTION audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'UF409';
END
$$;
CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit_log
	FOR EACH ROW EXECUTE FUNCTION audit_append_only();

-- Privileges. collect gets nothing on tables: it works through SECURITY
-- DEFINER functions (0003_collect.sql) that only ever touch the caller's own
-- session. report reads everything except secrets. admin manages.
GRANT SELECT ON study, unit, wave, instrument, instrument_item, wave_instrument,
	participant, consent, response, answer, audit_log TO uppfolj_report;
GRANT SELECT ON ALL TABLES IN SCHEMA uppfolj TO uppfolj_admin;
GRANT INSERT, UPDATE ON study, unit, wave, wave_instrument, participant,
	access_code TO uppfolj_admin;
GRANT INSERT ON instrument, instrument_item TO uppfolj_admin;
GRANT DELETE ON participant, access_code, consent, response, answer TO uppfolj_admin;
GRANT UPDATE (closed_at) ON wave TO uppfolj_admin;
GRANT INSERT ON audit_log TO uppfolj_admin;
