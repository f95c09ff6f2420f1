// SPDX-License-Identifier: ISC
// API submissions for the scale suite's restore drill: N new patients (with
// tests/api/fixture.mjs), each submitting one complete response through the
// nginx upstream, 4 at a time. Appends "api SUBMISSION_ID" to OUT for every
// response the API acknowledged (201); prints "stored S of N".
//
//   node load.mjs N OUT      (environment as tests/api/fixture.mjs)
import { appendFileSync } from 'node:fs';
import * as F from '../api/fixture.mjs';

const n = Number(process.argv[2]);
const out = process.argv[3];
if (!Number.isInteger(n) || n < 1 || n > 10000 || !out) {
	console.error('usage: node load.mjs N OUT');
	process.exit(2);
}
const def = await F.instrument('patient');
const people = Array.from({ length: n }, () => F.participant());
let next = 0, stored = 0;
async function worker() {
	while (next < people.length) {
		const p = people[next++];
		const body = F.submission(p, def, F.patientAnswers(def));
		const r = await F.postJson('/api/v1/responses', body);
		if (r.status === 201) {
			appendFileSync(out, `api ${body.submission_id}\n`);
			stored++;
		} else {
			console.error(`submission ${body.submission_id}: ${r.status} ${r.text}`);
		}
	}
}
await Promise.all([worker(), worker(), worker(), worker()]);
console.log(`stored ${stored} of ${n}`);
process.exit(stored === n ? 0 : 1);
