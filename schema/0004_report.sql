-- SPDX-License-Identifier: ISC
-- What the report program may see beyond the plain tables: who was asked in
-- each wave. Access codes are secrets the report role cannot read, so this
-- view (running with its owner's rights) hands out counts only, never a hash,
-- a code or a participant.
SET LOCAL ROLE uppfolj_owner;
SET LOCAL search_path = uppfolj;

-- One row per study, wave, group and report label: how many participants
-- were asked (got an access code, or answered the consent question, or
-- started a response), how many submitted and how many declined.
CREATE VIEW report_participation AS
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
WHERE ac.code_id IS NOT NULL OR c.consent_id IS NOT NULL
	OR r.response_id IS NOT NULL
GROUP BY w.study_id, w.months, p.grp, u.report_label, u.huvudman;

GRANT SELECT ON report_participation TO uppfolj_report;
