// SPDX-License-Identifier: ISC
// The Cookie header carries every cookie of the domain, most of them other
// applications': those are ignored however malformed (a name of 65+
// characters, more than 32 cookies, bytes that are not UTF-8), while the
// programs' own cookies (uf_...) are still checked strictly. Through nginx
// to both FastCGI programs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import * as F from './fixture.mjs';

// GET path with a raw Cookie header (latin1: a byte per character, so a
// byte that is not UTF-8 gets there as it is); resolves { status, text }.
function getWithCookie(path, cookie) {
	return new Promise((resolve, reject) => {
		const rq = request(F.env.base + path, { headers: { cookie } }, (res) => {
			const parts = [];
			res.on('data', (d) => parts.push(d));
			res.on('end', () => resolve({ status: res.statusCode, headers: res.headers,
				text: Buffer.concat(parts).toString('utf8') }));
		});
		rq.on('error', reject);
		rq.end();
	});
}

const foreign = {
	'a name of 65 characters': 'x'.repeat(65) + '=1',
	'40 cookies of other applications': Array.from({ length: 40 }, (_, i) => `c${i}=v${i}`).join('; '),
	'a value that is not UTF-8': 'other=\xff\xfe\xc3',
	'a name that is not UTF-8': '\xe9t\xe9=1',
	'a quoted value with spaces and no = piece': 'q="a b"; flag; =x',
};
const paths = ['/', '/api/v1/health', '/admin/login'];

for (const [what, cookie] of Object.entries(foreign)) {
	test(`another application's cookie (${what}) breaks no page`, async () => {
		for (const path of paths) {
			const r = await getWithCookie(path, cookie + '; _ga=GA1.2.3');
			assert.equal(r.status, 200, `${path}: ${r.text.slice(0, 200)}`);
		}
	});
}

test('a session keeps working among foreign and malformed cookies', async () => {
	const p = F.participant();
	const c = new F.Client();
	c.cookies.set('x'.repeat(70), 'long-name');
	for (let i = 0; i < 40; i++) c.cookies.set(`app${i}`, `v${i}`);
	await c.loginAndConsent(p.code);
	const page = await c.get('/sida/1');
	assert.equal(page.status, 200, page.text.slice(0, 200));
	assert.equal(F.state(p).sessions, 1);
});

test('our own cookies stay strict: a malformed uf_ cookie is a 400', async () => {
	for (const bad of ['uf_s=a b', 'uf_s="abc"', 'uf_s=\xff', 'uf_' + 'x'.repeat(62) + '=1']) {
		for (const path of ['/', '/admin/login']) {
			const r = await getWithCookie(path, 'other=1; ' + bad);
			assert.equal(r.status, 400, `${path} ${JSON.stringify(bad)}`);
		}
	}
	const many = Array.from({ length: 33 }, (_, i) => `uf_c${i}=v`).join('; ');
	assert.equal((await getWithCookie('/api/v1/health', many)).status, 413);
});

test('the Cookie header keeps an overall size limit', async () => {
	const big = Array.from({ length: 600 }, (_, i) => `o${i}=0123456789`).join('; ');
	assert.ok(big.length > 8192);
	const r = await getWithCookie('/api/v1/health', big);
	assert.ok([400, 413].includes(r.status), String(r.status));
});
