-- SPDX-License-Identifier: ISC
-- One md5 over every answer of the demo study, keyed by what the seed
-- decides (panel id, wave, item, value), never by generated row ids.
SET search_path = uppfolj;
SELECT count(*) || ' ' || md5(string_agg(concat_ws('|', p.panel_id, p.grp, u.name,
		w.months, a.item_id, a.dont_know, a.value_int, a.value_text,
		a.value_choices::text, a.value_date, r.submitted_at),
	E'\n' ORDER BY p.panel_id, w.months, a.item_id))
FROM answer a
JOIN response r USING (response_id)
JOIN participant p USING (participant_id)
JOIN unit u USING (unit_id)
JOIN wave w ON w.wave_id = r.wave_id
JOIN study s ON s.study_id = p.study_id
WHERE s.slug = 'demo';
