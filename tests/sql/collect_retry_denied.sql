-- role: uppfolj_collect
-- The helpers behind the API's retry check (0010_submit_retry.sql) read any
-- response's answers by id: only collect_submit_code, a SECURITY DEFINER
-- function, may call them; the respondent-facing role itself may not.
SELECT uppfolj.collect_answers_stored(1);
SELECT uppfolj.collect_answers_canonical('[]');
SELECT uppfolj.collect_same_submission(1, 'chef', 2, 12, 'chef', 2, 12, '[]');
SELECT uppfolj.collect_rate_check(decode(repeat('00', 32), 'hex'),
	decode(repeat('00', 32), 'hex'), 1, 1, 1);
