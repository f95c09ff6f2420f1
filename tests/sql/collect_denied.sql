-- role: uppfolj_collect
-- The respondent-facing role has no table privileges at all: it works only
-- through the SECURITY DEFINER functions of 0003_collect.sql. Reading or
-- writing any respondent's data directly is refused.
SELECT count(*) FROM uppfolj.answer;
SELECT count(*) FROM uppfolj.response;
SELECT count(*) FROM uppfolj.participant;
SELECT count(*) FROM uppfolj.access_code;
SELECT count(*) FROM uppfolj.consent;
SELECT item_id, value_text FROM uppfolj.answer WHERE response_id = 1;
INSERT INTO uppfolj.answer (response_id, instrument_id, version, item_id, value_int)
	VALUES (1, 'chef', 2, 'chef_erf_hopp', 5);
UPDATE uppfolj.response SET status = 'submitted', submitted_at = now();
DELETE FROM uppfolj.consent;
INSERT INTO uppfolj.access_code (participant_id, wave_id, code_hash, expires_at)
	VALUES (1, 1, decode(repeat('00', 32), 'hex'), now());
