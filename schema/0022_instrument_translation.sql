-- SPDX-License-Identifier: ISC
-- Instrument translations (forms/translations/<id>-<version>.<tag>.json):
-- an instrument version's texts in another language, and easy-to-read
-- variants, as data beside the immutable instrument version. Unlike the
-- instrument, a translation may be corrected: each load of changed content
-- appends the next revision (append-only, like the instrument), and the
-- survey program shows the newest revision of each language. The definition
-- is the canonical JSON that uppfolj-admin forms-load checked against the
-- instrument (lib/form_translation.c); the database checks only its keys.
SET LOCAL ROLE uppfolj_owner;
SET LOCAL search_path = uppfolj;

CREATE TABLE instrument_translation (
	instrument_id    text NOT NULL,
	version          integer NOT NULL,
	lang             text NOT NULL CHECK (length(lang) <= 35 AND
		lang ~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$'),
	revision         integer NOT NULL CHECK (revision >= 1),
	machine_assisted boolean NOT NULL,
	definition       jsonb NOT NULL,
	sha256           text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
	loaded_at        timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (instrument_id, version, lang, revision),
	FOREIGN KEY (instrument_id, version) REFERENCES instrument,
	CHECK (definition->>'instrument' = instrument_id AND
		(definition->>'version')::integer = version AND
		definition->>'lang' = lang)
);

-- Revisions are history: nobody but the owner changes or removes one.
CREATE FUNCTION instrument_translation_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'instrument_translation is append-only' USING ERRCODE = 'UF409';
END
$$;
CREATE TRIGGER instrument_translation_append_only
	BEFORE UPDATE OR DELETE ON instrument_translation
	FOR EACH ROW EXECUTE FUNCTION instrument_translation_append_only();

-- The newest revision of each language of an instrument version (public:
-- it is the questionnaire itself, as collect_instrument). No rows: the
-- instrument is shown in Swedish only.
CREATE FUNCTION collect_instrument_translations(p_id text, p_version integer)
RETURNS TABLE (lang text, revision integer, definition text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
	SELECT DISTINCT ON (t.lang) t.lang, t.revision, t.definition::text
	FROM instrument_translation t
	WHERE t.instrument_id = p_id AND t.version = p_version
	ORDER BY t.lang, t.revision DESC;
$$;

REVOKE ALL ON FUNCTION collect_instrument_translations(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION collect_instrument_translations(text, integer)
	TO uppfolj_collect;
GRANT SELECT, INSERT ON instrument_translation TO uppfolj_admin;
GRANT SELECT ON instrument_translation TO uppfolj_report;
