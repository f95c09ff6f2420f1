-- SPDX-License-Identifier: ISC
-- Qualitative content analysis (kvalitativ innehållsanalys): the documents
-- to analyse (free-text answers and uploaded transcripts), meaning units
-- with their condensation and code, the code tree (kategori > subkategori >
-- kod) with its history, and double-coding sets for agreement.
--
-- Withdrawal erases: every row that carries a respondent's words hangs off a
-- participant or an answer row by ON DELETE CASCADE, so erase_participant
-- (0006, or any later version) removes transcripts, meaning units and
-- codings without knowing about them. The code tree and its history hold the
-- evaluators' names for codes only, never respondents' words.
SET LOCAL ROLE uppfolj_owner;
SET LOCAL search_path = uppfolj;

-- A transcript's participant must be of the document's own study.
ALTER TABLE participant ADD CONSTRAINT participant_study_key
	UNIQUE (participant_id, study_id);

-- One row per document. A free-text answer becomes a document when the
-- coding pages first list it (qual_sync below): its text stays in answer and
-- is never copied, so the answer's erasure takes the document with it. An
-- uploaded transcript keeps its text here. Offsets into a document's text
-- count characters (code points), as REFI-QDA's positions do.
CREATE TABLE qual_document (
	document_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	study_id       bigint NOT NULL REFERENCES study,
	wave_id        bigint NOT NULL,
	grp            respondent_group NOT NULL,
	participant_id bigint,
	-- a free-text answer ...
	response_id    bigint,
	item_id        text,
	-- ... or an uploaded transcript or note
	title          text CHECK (length(title) BETWEEN 1 AND 200
		AND title !~ '[[:cntrl:]]'),
	body           text CHECK (length(body) BETWEEN 1 AND 200000),
	uploaded_by    bigint REFERENCES app_user ON DELETE SET NULL,
	-- REFI-QDA source guid: stored so that it stays the same across exports
	guid           uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
	created_at     timestamptz NOT NULL DEFAULT now(),
	FOREIGN KEY (wave_id, study_id) REFERENCES wave (wave_id, study_id),
	FOREIGN KEY (participant_id, study_id)
		REFERENCES participant (participant_id, study_id) ON DELETE CASCADE,
	FOREIGN KEY (response_id, item_id)
		REFERENCES answer (response_id, item_id) ON DELETE CASCADE,
	UNIQUE (response_id, item_id),
	CHECK ((response_id IS NULL) = (item_id IS NULL)),
	-- exactly one of: an answer (with its participant), or a transcript
	CHECK (CASE WHEN response_id IS NOT NULL
		THEN body IS NULL AND title IS NULL AND participant_id IS NOT NULL
		ELSE body IS NOT NULL AND title IS NOT NULL END)
);
CREATE INDEX qual_document_study_idx ON qual_document (study_id, wave_id, grp);
CREATE INDEX qual_document_participant_idx ON qual_document (participant_id);

-- The code tree: level 1 kategori, 2 subkategori, 3 kod. A code's parent is
-- one level up in the same study (trigger below). Names are unique among
-- siblings.
CREATE TABLE qual_code (
	code_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	study_id   bigint NOT NULL REFERENCES study,
	parent_id  bigint REFERENCES qual_code,
	level      smallint NOT NULL CHECK (level BETWEEN 1 AND 3),
	name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200
		AND name !~ '[[:cntrl:]]' AND name = btrim(name)),
	guid       uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
	created_at timestamptz NOT NULL DEFAULT now(),
	CHECK ((level = 1) = (parent_id IS NULL)),
	UNIQUE NULLS NOT DISTINCT (study_id, parent_id, name)
);
CREATE INDEX qual_code_parent_idx ON qual_code (parent_id);

CREATE FUNCTION qual_code_parent_check() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	v_study bigint;
	v_level smallint;
BEGIN
	IF NEW.parent_id IS NULL THEN
		RETURN NEW;
	END IF;
	SELECT study_id, level INTO v_study, v_level
	FROM qual_code WHERE code_id = NEW.parent_id;
	IF v_study IS DISTINCT FROM NEW.study_id OR v_level <> NEW.level - 1 THEN
		RAISE EXCEPTION 'a code''s parent is one level up in the same study'
			USING ERRCODE = 'UF400';
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER qual_code_parent BEFORE INSERT OR UPDATE ON qual_code
	FOR EACH ROW EXECUTE FUNCTION qual_code_parent_check();

-- What happened to the tree, for its history: who created, renamed, moved
-- or merged which code. code_id and the other ids are plain numbers since
-- a merged code is gone; the names at the time are kept. Append-only.
CREATE TYPE qual_code_event_kind AS ENUM ('create', 'rename', 'move', 'merge');
CREATE TABLE qual_code_event (
	event_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	study_id   bigint NOT NULL REFERENCES study,
	kind       qual_code_event_kind NOT NULL,
	code_id    bigint NOT NULL,
	old_name   text,
	new_name   text,
	old_parent bigint,
	new_parent bigint,
	into_code  bigint,       -- merge: the code that took over
	actor      text NOT NULL CHECK (length(actor) BETWEEN 1 AND 100),
	at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX qual_code_event_study_idx ON qual_code_event (study_id, at);
CREATE FUNCTION qual_code_event_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'qual_code_event is append-only' USING ERRCODE = 'UF409';
END
$$;
CREATE TRIGGER qual_code_event_no_change BEFORE UPDATE OR DELETE ON qual_code_event
	FOR EACH ROW EXECUTE FUNCTION qual_code_event_append_only();

-- A meaning unit (meningsbärande enhet): a span of a document, its
-- condensation, the coder, and (the coding) the code it is assigned to.
-- span is the document's text between the offsets, copied when the unit is
-- made (the insert statement takes it from the document itself).
CREATE TABLE qual_unit (
	unit_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	document_id  bigint NOT NULL REFERENCES qual_document ON DELETE CASCADE,
	start_pos    integer NOT NULL CHECK (start_pos >= 0),
	end_pos      integer NOT NULL CHECK (end_pos > start_pos),
	span         text NOT NULL CHECK (length(span) = end_pos - start_pos),
	condensation text CHECK (length(condensation) <= 2000),
	code_id      bigint REFERENCES qual_code,
	coder_id     bigint NOT NULL REFERENCES app_user,
	guid         uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
	created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX qual_unit_document_idx ON qual_unit (document_id, start_pos);
CREATE INDEX qual_unit_code_idx ON qual_unit (code_id);

-- Independent double coding: two coders code the same documents; each sees
-- only their own meaning units on them until both have said they are done.
CREATE TABLE qual_dc_set (
	set_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	study_id   bigint NOT NULL REFERENCES study,
	name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200
		AND name !~ '[[:cntrl:]]'),
	coder_a    bigint NOT NULL REFERENCES app_user,
	coder_b    bigint NOT NULL REFERENCES app_user,
	a_done_at  timestamptz,
	b_done_at  timestamptz,
	created_by text NOT NULL CHECK (length(created_by) BETWEEN 1 AND 100),
	created_at timestamptz NOT NULL DEFAULT now(),
	CHECK (coder_a <> coder_b),
	UNIQUE (study_id, name)
);
CREATE TABLE qual_dc_document (
	set_id      bigint NOT NULL REFERENCES qual_dc_set ON DELETE CASCADE,
	document_id bigint NOT NULL REFERENCES qual_document ON DELETE CASCADE,
	PRIMARY KEY (set_id, document_id)
);
CREATE INDEX qual_dc_document_doc_idx ON qual_dc_document (document_id);

-- Whether viewer may see meaning unit u: always their own; another coder's
-- only when no open double-coding set (one not yet done by both) holds the
-- document with that coder in it.
CREATE FUNCTION qual_unit_visible(p_document bigint, p_coder bigint,
	p_viewer bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
	SELECT p_coder = p_viewer OR NOT EXISTS (
		SELECT 1 FROM qual_dc_document d
		JOIN qual_dc_set s ON s.set_id = d.set_id
		WHERE d.document_id = p_document
		  AND (s.a_done_at IS NULL OR s.b_done_at IS NULL)
		  AND (p_coder IN (s.coder_a, s.coder_b)
		       OR p_viewer IN (s.coder_a, s.coder_b)))
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON qual_document, qual_code, qual_unit,
	qual_dc_set, qual_dc_document TO uppfolj_admin;
GRANT SELECT, INSERT ON qual_code_event TO uppfolj_admin;
GRANT EXECUTE ON FUNCTION qual_unit_visible(bigint, bigint, bigint) TO uppfolj_admin;
GRANT SELECT ON qual_document, qual_code, qual_unit, qual_code_event,
	qual_dc_set, qual_dc_document TO uppfolj_report;

-- Report text the evaluators write in the product: per study and report
-- (a delrapport per wave, the slutrapport) and section, plain text with
-- minimal markup, stored in versions. A save adds version n + 1; nothing is
-- ever changed, so every earlier wording stays. A reflection belongs to one
-- kategori of the code tree (and goes with it if the kategori is merged
-- away).
CREATE TYPE report_kind AS ENUM ('delrapport', 'slutrapport');
CREATE TYPE report_section AS ENUM ('bakgrund', 'syfte', 'beskrivning', 'urval',
	'datainsamling', 'dataanalys', 'etik', 'reflektion', 'resultatdiskussion',
	'metoddiskussion', 'referenser');
CREATE TABLE report_text (
	text_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	study_id   bigint NOT NULL REFERENCES study,
	kind       report_kind NOT NULL,
	months     smallint CHECK (months BETWEEN 1 AND 120),   -- the delrapport's wave
	section    report_section NOT NULL,
	code_id    bigint REFERENCES qual_code ON DELETE CASCADE,
	version    integer NOT NULL CHECK (version >= 1),
	body       text NOT NULL CHECK (length(body) <= 50000),
	author     text NOT NULL CHECK (length(author) BETWEEN 1 AND 100),
	created_at timestamptz NOT NULL DEFAULT now(),
	CHECK ((kind = 'delrapport') = (months IS NOT NULL)),
	CHECK ((section = 'reflektion') = (code_id IS NOT NULL)),
	UNIQUE NULLS NOT DISTINCT (study_id, kind, months, section, code_id, version)
);
CREATE FUNCTION report_text_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'report_text keeps every version' USING ERRCODE = 'UF409';
END
$$;
CREATE TRIGGER report_text_no_update BEFORE UPDATE ON report_text
	FOR EACH ROW EXECUTE FUNCTION report_text_append_only();

GRANT SELECT, INSERT ON report_text TO uppfolj_admin;
GRANT SELECT ON report_text TO uppfolj_report;
