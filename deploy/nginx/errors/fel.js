/* SPDX-License-Identifier: ISC
 * The retry of nginx's 502/503/504 pages (uppfolj-admin error-pages, one
 * per language, and deploy/nginx/errors/admin-skicka.html):
 * after a few seconds, load the same address again (data-retry="reload") or
 * go back to the page whose form was sent (data-retry="back"; the form is
 * sent again by the person, never by this script). Waits grow per address
 * while the fault lasts, and stop after a bound; the button always works.
 * Its words are the page's (body data-text-*, {seconds} filled in): no
 * language lives here.
 */
(function () {
	'use strict';
	var WAITS = [3, 5, 10, 20, 30];     /* seconds, then 30 s each time */
	var MAX_TRIES = 40;                 /* about 20 minutes of trying */
	var FORGET_MS = 120000;             /* a fault older than this is over */
	var body = document.body;
	var mode = body.getAttribute('data-retry');
	var fallback = body.getAttribute('data-fallback') || '/';
	var status = document.getElementById('retry-status');
	var link = document.getElementById('retry');
	var key = 'uf:retry:' + window.location.pathname;
	function say(name, seconds) {
		var t = body.getAttribute('data-text-' + name) || '';
		return t.replace('{seconds}', String(seconds));
	}

	/* How many times this address has failed in a row. */
	var tries = 0;
	try {
		var seen = JSON.parse(window.sessionStorage.getItem(key) || 'null');
		if (seen && Date.now() - seen.at < FORGET_MS) tries = seen.n;
		window.sessionStorage.setItem(key, JSON.stringify({ n: tries + 1, at: Date.now() }));
	} catch (e) { tries = 0; }

	function again() {
		if (mode === 'back') {
			if (window.history.length > 1) window.history.back();
			else window.location.replace(fallback);
		} else {
			window.location.reload();
		}
	}
	link.addEventListener('click', function (ev) { ev.preventDefault(); again(); });

	if (tries >= MAX_TRIES) {
		status.textContent = say('press');
		return;
	}
	var wait = WAITS[Math.min(tries, WAITS.length - 1)];
	status.textContent = say(mode === 'back' ? 'back-in' : 'retry-in', wait);
	window.setTimeout(function () {
		status.textContent = say(mode === 'back' ? 'going-back' : 'retrying');
		again();
	}, wait * 1000);
})();
