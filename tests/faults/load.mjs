// SPDX-License-Identifier: ISC
// The fault suite's load client: API submissions and patients answering
// page by page in HTML, each retrying on 502/503/504 (and on a connection
// failure) with the very same request until it gets a definite answer, as a
// tablet does. Loopback only; bounded by a duration, a number of clients and
// a retry budget per request. Writes what it was told (acknowledged
// submissions, every answer per status, retries, the time of every
// API acknowledgement) as JSON for tests/faults/run.sh to check against the
// database.
//
//   node load.mjs  (environment: FAULT_BASE, FAULT_SECONDS, FAULT_API_CLIENTS,
//                   FAULT_HTML_CLIENTS, FAULT_API_CODES, FAULT_HTML_CODES,
//                   FAULT_OUT)
import { readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { patientAnswers } from '../api/fixture.mjs';

const base = process.env.FAULT_BASE;
const seconds = Number(process.env.FAULT_SECONDS ?? 20);
const apiClients = Number(process.env.FAULT_API_CLIENTS ?? 8);
const htmlClients = Number(process.env.FAULT_HTML_CLIENTS ?? 4);
const codes = (f) => readFileSync(f, 'utf8').split('\n').filter((l) => l).map((l) => l.split('\t')[0]);
const apiCodes = codes(process.env.FAULT_API_CODES);
const htmlCodes = codes(process.env.FAULT_HTML_CODES);
const RETRY_BUDGET_MS = 30000;   // a request still failing after this gives up
const TIMEOUT_MS = 15000;        // no answer within this is "unanswered"

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const stats = {
	requests: 0, retried_requests: 0, retries: 0, unanswered: 0, gave_up: 0,
	status: {}, api_acked: [], html_acked: [], html_refused: [], acks_ms: [],
	api_unexpected: [], html_unexpected: [], max_retry_ms: 0,
	out_of_codes: 0,   // clients that ran out of codes before the deadline
	answered_again: 0, // pages answered again after a save lost in a crash
};
const count = (s) => { stats.status[s] = (stats.status[s] ?? 0) + 1; };
const transient = (s) => s === 502 || s === 503 || s === 504 || s === 'network';

// send(fn): fn() makes one attempt and returns {status, ...}; retried with
// back-off (100 ms doubling to 1 s) while the answer is transient.
async function send(fn) {
	const t0 = Date.now();
	let wait = 100, tries = 0;
	for (;;) {
		let r;
		stats.requests++;
		try {
			r = await fn();
		} catch (e) {
			r = { status: e.name === 'TimeoutError' ? 'timeout' : 'network' };
		}
		count(r.status);
		if (r.status === 'timeout') { stats.unanswered++; }
		if (!transient(r.status) && r.status !== 'timeout') {
			if (tries > 0) stats.max_retry_ms = Math.max(stats.max_retry_ms, Date.now() - t0);
			return r;
		}
		if (tries === 0) stats.retried_requests++;
		tries++; stats.retries++;
		if (Date.now() - t0 > RETRY_BUDGET_MS) { stats.gave_up++; return r; }
		await sleep(wait);
		wait = Math.min(wait * 2, 1000);
	}
}

const instrument = await (await fetch(`${base}/api/v1/instruments/patient`)).json();
const answers = patientAnswers(instrument);
stats.expected_answers = Object.keys(answers).length;
const deadline = Date.now() + seconds * 1000;

async function apiClient() {
	while (Date.now() < deadline) {
		const code = apiCodes.pop();
		if (!code) { stats.out_of_codes++; return; }
		const body = JSON.stringify({ submission_id: randomUUID(), code, instrument: instrument.id,
			version: instrument.version, wave: 24, consent: true, answers });
		const r = await send(async () => {
			const res = await fetch(`${base}/api/v1/responses`, { method: 'POST', body,
				headers: { 'content-type': 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
			await res.arrayBuffer();
			return { status: res.status };
		});
		if (r.status === 201 || r.status === 200) {
			stats.api_acked.push({ code, submission_id: JSON.parse(body).submission_id });
			stats.acks_ms.push(Date.now());
		} else if (!transient(r.status)) {
			stats.api_unexpected.push({ code, status: r.status });
		}
	}
}

// One patient's way through the pages with a cookie jar of their own.
class Browser {
	constructor() { this.jar = new Map(); }
	async req(method, path, form) {
		return send(async () => {
			const headers = {};
			if (this.jar.size) headers.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
			if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
			const res = await fetch(base + path, { method, headers, redirect: 'manual',
				body: form ? new URLSearchParams(form).toString() : undefined,
				signal: AbortSignal.timeout(TIMEOUT_MS) });
			for (const c of res.headers.getSetCookie()) {
				const [pair, ...attrs] = c.split(';');
				const eq = pair.indexOf('=');
				const k = pair.slice(0, eq).trim(), v = pair.slice(eq + 1).trim();
				if (v === '' || attrs.some((a) => /^\s*max-age=0\s*$/i.test(a))) this.jar.delete(k);
				else this.jar.set(k, v);
			}
			return { status: res.status, location: res.headers.get('location'), text: await res.text() };
		});
	}
}
const csrfOf = (html) => html.match(/name="csrf" value="([0-9a-f]{64})"/)?.[1];

// get(b, path): GET, following the program's redirects (e.g. /fortsatt to
// the current page); returns the final answer and its path.
async function get(b, path) {
	for (let hops = 0; hops < 5; hops++) {
		const r = await b.req('GET', path);
		if (r.status !== 303) return { ...r, path };
		path = new URL(r.location, base).pathname;
	}
	return { status: 'redirect loop', path };
}

async function patient(code) {
	const b = new Browser();
	const start = await get(b, '/');
	let r = await b.req('POST', '/kod', { csrf: csrfOf(start.text) ?? '', code });
	if (r.status !== 303) return { step: 'kod', status: r.status };
	let next = new URL(r.location, base).pathname;
	for (let pages = 0; pages < 200; pages++) {
		const page = await get(b, next);
		if (page.status !== 200) return { step: `GET ${next}`, status: page.status };
		const csrf = csrfOf(page.text) ?? '';
		if (page.path === '/information') {
			r = await b.req('POST', '/samtycke', { csrf, decision: 'given' });
			if (r.status !== 303) return { step: 'samtycke', status: r.status };
		} else if (page.path === '/granska') {
			// A page save committed asynchronously (schema 0027) can be lost
			// in a crash of PostgreSQL: the review shows the question
			// unanswered, and the respondent answers it again.
			const lost = page.text.match(/<dd>[^<]*Inte besvarad[^]*?<a href="(\/sida\/\d+)\?granska=1"/);
			if (lost) {
				stats.answered_again++;
				next = lost[1];
				continue;
			}
			// As the review's form does: with the draft revision it showed.
			const rev = page.text.match(/<input type="hidden" name="rev" value="(\d+)">/)?.[1] ?? '';
			r = await b.req('POST', '/skicka', { csrf, rev });
			if (r.status === 303 && new URL(r.location, base).pathname === '/tack') return { acked: true };
			// The draft changed since the review was drawn (a save lost in a
			// crash while the review came from the program's copy): 409 with
			// the review as it is now; read it again.
			if (r.status === 409) {
				stats.answered_again++;
				next = '/granska';
				continue;
			}
			// The same loss between the review's GET and the submission: the
			// program answers 400 with the review again, the lost question
			// marked; the respondent answers it and submits once more.
			const again = r.status === 400 &&
				r.text.match(/<dd>[^<]*Inte besvarad[^]*?<a href="(\/sida\/\d+)\?granska=1"/);
			if (again) {
				stats.answered_again++;
				next = again[1];
				continue;
			}
			// Anything else is a refusal; what it showed goes to the log.
			return { step: 'skicka', status: r.status, text: r.text.replace(/^[^]*?<main/, '<main').slice(0, 4000) };
		} else {
			const action = page.text.match(/<form method="post" action="(\/sida\/\d+)" class="survey"/)?.[1];
			if (!action) return { step: `GET ${page.path}`, status: 'no survey form' };
			const form = { csrf, action: 'next' };
			for (const [, id] of page.text.matchAll(/<div class="item[^"]*" id="item-([a-z0-9_]+)"/g)) {
				if (id in answers) form[id] = Array.isArray(answers[id]) ? answers[id][0] : String(answers[id]);
			}
			r = await b.req('POST', action, form);
			if (r.status !== 303) return { step: `POST ${action}`, status: r.status };
		}
		next = new URL(r.location, base).pathname;
	}
	return { step: 'pages', status: 'too many pages' };
}

async function htmlClient() {
	while (Date.now() < deadline) {
		const code = htmlCodes.pop();
		if (!code) { stats.out_of_codes++; return; }
		const res = await patient(code);
		if (res.acked) {
			stats.html_acked.push(code);
		} else {
			// A definite refusal (e.g. the session ended because its submission
			// was stored but the answer lost): checked against the database.
			stats.html_refused.push({ code, ...res });
		}
	}
}

const t0 = Date.now();
await Promise.all([
	...Array.from({ length: apiClients }, apiClient),
	...Array.from({ length: htmlClients }, htmlClient),
]);
stats.seconds = (Date.now() - t0) / 1000;
writeFileSync(process.env.FAULT_OUT, JSON.stringify(stats));
