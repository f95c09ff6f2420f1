-- SPDX-License-Identifier: ISC
-- How many participants of a study have withdrawn (been erased), for the
-- report's Etiska överväganden. Erasure leaves no trace of the person by
-- design (0006: the audit row does not even name the study), so a count per
-- study is kept apart from the audit log: a trigger on the participant row
-- adds one when it is deleted, which only erase_participant does. since is
-- when counting began: this migration for the studies it finds, a study's
-- creation for later ones. Nothing here names anyone.
SET LOCAL ROLE uppfolj_owner;
SET LOCAL search_path = uppfolj;

CREATE TABLE study_withdrawal (
	study_id bigint PRIMARY KEY REFERENCES study ON DELETE CASCADE,
	erased   bigint NOT NULL DEFAULT 0 CHECK (erased >= 0),
	since    timestamptz NOT NULL DEFAULT now()
);
INSERT INTO study_withdrawal (study_id) SELECT study_id FROM study;

-- Owner's rights: the admin role erasing may not write this table itself.
CREATE FUNCTION study_withdrawal_count() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = uppfolj, pg_temp AS $$
BEGIN
	INSERT INTO study_withdrawal AS s (study_id, erased, since)
	SELECT OLD.study_id, 1, created_at FROM study WHERE study_id = OLD.study_id
	ON CONFLICT (study_id) DO UPDATE SET erased = s.erased + 1;
	RETURN OLD;
END
$$;
CREATE TRIGGER participant_withdrawal AFTER DELETE ON participant
	FOR EACH ROW EXECUTE FUNCTION study_withdrawal_count();

GRANT SELECT ON study_withdrawal TO uppfolj_report, uppfolj_admin;

-- The meaning units a report counts, each with its kategori and
-- subkategori (NULL when coded on the kategori itself), wave, group and
-- respondent: the participant, or for a transcript without one the
-- document (a group interview counts as one respondent, never more). One
-- home for two rules: a free-text answer counts only when its response is
-- submitted and not a test (this view runs with the owner's rights, which
-- row-level security does not restrict), and a double-coded document
-- counts its first coder's units only, so agreement work is not counted
-- twice. Uncoded units are left out.
CREATE VIEW report_qual_unit AS
SELECT d.study_id, w.months, d.grp, d.document_id,
	coalesce('p' || d.participant_id, 'd' || d.document_id) AS respondent,
	CASE c.level WHEN 1 THEN c.code_id WHEN 2 THEN c.parent_id ELSE p.parent_id END
		AS kategori,
	CASE c.level WHEN 1 THEN NULL WHEN 2 THEN c.code_id ELSE c.parent_id END
		AS subkategori,
	u.span, u.guid, (d.response_id IS NULL) AS transcript
FROM qual_unit u
JOIN qual_document d ON d.document_id = u.document_id
JOIN wave w ON w.wave_id = d.wave_id
JOIN qual_code c ON c.code_id = u.code_id
LEFT JOIN qual_code p ON p.code_id = c.parent_id
LEFT JOIN response r ON r.response_id = d.response_id
WHERE (d.response_id IS NULL OR (r.status = 'submitted' AND NOT r.test))
  AND NOT w.test
  AND NOT EXISTS (SELECT 1 FROM qual_dc_document x
	JOIN qual_dc_set s ON s.set_id = x.set_id
	WHERE x.document_id = u.document_id AND u.coder_id <> s.coder_a);

GRANT SELECT ON report_qual_unit TO uppfolj_report;
