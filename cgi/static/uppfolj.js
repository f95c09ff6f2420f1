/* SPDX-License-Identifier: ISC
 * Progressive enhancement for the respondent pages. Everything works
 * without this file (plain forms, POST-redirect-GET); with it:
 *  - same-page follow-up questions appear only when they apply,
 *  - a required question left empty gets a note before moving on,
 *  - text fields count characters,
 *  - answers not yet sent are kept in localStorage and sent again when the
 *    network is back; they are removed as soon as the server has them, and
 *    all of them on the start and thank-you pages (shared tablets).
 */
(function () {
	'use strict';
	var PREFIX = 'uf:draft:';
	var store = null;
	try { store = window.localStorage; } catch (e) { store = null; }

	function clearDrafts() {
		if (!store) return;
		var keys = [];
		for (var i = 0; i < store.length; i++) {
			var k = store.key(i);
			if (k && k.indexOf(PREFIX) === 0) keys.push(k);
		}
		keys.forEach(function (k) { store.removeItem(k); });
	}

	var body = document.body;
	if (body.classList.contains('start') || body.classList.contains('thanks') ||
	    document.querySelector('[data-clear-drafts]')) {
		clearDrafts();
		/* The thank-you page goes back to the start by itself (the meta
		 * refresh does it without script); replacing its history entry
		 * leaves one step less for the back button of the next person. */
		var idle = parseInt(body.getAttribute('data-idle'), 10);
		if (body.classList.contains('thanks') && idle > 0) {
			setTimeout(function () { window.location.replace('/'); },
			    Math.max(idle * 1000 - 500, 0));
		}
		return;
	}

	var form = document.querySelector('form.survey');
	if (!form) return;
	/* form.action would be the button named "action": read the attribute. */
	var target = form.getAttribute('action');
	var key = PREFIX + target;

	function values(name) {
		var out = [];
		form.querySelectorAll('[name="' + name + '"]').forEach(function (el) {
			if ((el.type === 'radio' || el.type === 'checkbox') ? el.checked : el.value.trim() !== '')
				out.push(el.value);
		});
		return out;
	}

	/* Same-page conditions (data-cond-* written by the server). */
	function applyConditions() {
		form.querySelectorAll('.item[data-cond-item]').forEach(function (item) {
			var src = item.getAttribute('data-cond-item');
			if (!form.querySelector('[name="' + src + '"]')) return; /* other page */
			var have = values(src), show;
			if (item.getAttribute('data-cond-op') === 'min') {
				var min = parseInt(item.getAttribute('data-cond-min'), 10);
				show = have.some(function (v) { return parseInt(v, 10) >= min; });
			} else {
				var want = (item.getAttribute('data-cond-values') || '').split(' ');
				show = have.some(function (v) { return want.indexOf(v) >= 0; });
			}
			item.hidden = !show;
			item.querySelectorAll('input, textarea').forEach(function (el) {
				el.disabled = !show; /* disabled fields are not sent */
			});
			var note = item.querySelector('.cond');
			if (note) note.hidden = true;
		});
	}

	function counters() {
		form.querySelectorAll('textarea[data-maxlength]').forEach(function (ta) {
			var max = parseInt(ta.getAttribute('data-maxlength'), 10);
			var hint = ta.nextElementSibling;
			if (!hint || !hint.classList.contains('hint')) return;
			hint.setAttribute('aria-live', 'polite');
			var update = function () {
				var n = Array.from(ta.value).length;
				hint.textContent = n + ' av högst ' + max + ' tecken.';
			};
			ta.addEventListener('input', update);
			update();
		});
	}

	function snapshot() {
		var data = {};
		new FormData(form).forEach(function (v, k) {
			if (k === 'csrf' || k === 'action') return;
			(data[k] = data[k] || []).push(String(v));
		});
		return data;
	}

	function saveLocal() {
		if (!store) return;
		try { store.setItem(key, JSON.stringify(snapshot())); } catch (e) { /* full */ }
	}

	function restoreLocal() {
		if (!store) return;
		var raw = store.getItem(key);
		if (!raw) return;
		var data;
		try { data = JSON.parse(raw); } catch (e) { store.removeItem(key); return; }
		Object.keys(data).forEach(function (name) {
			form.querySelectorAll('[name="' + name + '"]').forEach(function (el) {
				if (el.type === 'radio' || el.type === 'checkbox')
					el.checked = data[name].indexOf(el.value) >= 0;
				else if (data[name].length)
					el.value = data[name][0];
			});
		});
	}

	function banner(text) {
		var b = document.getElementById('uf-offline');
		if (!text) { if (b) b.remove(); return; }
		if (!b) {
			b = document.createElement('p');
			b.id = 'uf-offline';
			b.className = 'error offline';
			b.setAttribute('role', 'status');
			form.appendChild(b);   /* under the buttons: nothing above moves */
		}
		b.textContent = text;
	}

	/* Required questions left empty: say so once, then let the person go on
	 * (the server decides at submission). */
	var warned = false;
	function missingRequired() {
		var missing = [];
		form.querySelectorAll('.item').forEach(function (item) {
			if (item.hidden || !item.querySelector('.req')) return;
			var first = item.querySelector('input, textarea');
			if (first && values(first.name).length === 0) missing.push(item);
		});
		return missing;
	}

	var sending = false;
	function send(submitter) {
		var body = new URLSearchParams(new FormData(form));
		if (submitter && submitter.name) body.set(submitter.name, submitter.value);
		sending = true;
		return fetch(target, {
			method: 'POST', body: body, credentials: 'same-origin', redirect: 'follow',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' }
		}).then(function (resp) {
			sending = false;
			if (resp.redirected && resp.ok) {
				if (store) store.removeItem(key);
				window.location.assign(resp.url);
				return;
			}
			/* The server answered with a page (a message about an answer):
			 * let the browser show it the plain way. */
			if (store) store.removeItem(key);
			var h = document.createElement('input');
			h.type = 'hidden';
			h.name = submitter && submitter.name ? submitter.name : 'action';
			h.value = submitter && submitter.value ? submitter.value : 'next';
			form.appendChild(h);
			HTMLFormElement.prototype.submit.call(form);
		}, function () {
			sending = false;
			saveLocal();
			banner('Ingen anslutning just nu. Dina svar finns kvar och skickas när ' +
			    'nätet fungerar igen.');
			setTimeout(function () { send(submitter); }, 5000);
		});
	}

	form.addEventListener('submit', function (ev) {
		var submitter = ev.submitter || null;
		var forward = !submitter || submitter.value !== 'back';
		if (forward && !warned) {
			var missing = missingRequired();
			if (missing.length) {
				warned = true;
				ev.preventDefault();
				banner('Du har inte svarat på en fråga som måste besvaras. Svara, välj ' +
				    '”Vet ej” eller ”Vill inte svara” om det finns, eller tryck Nästa ' +
				    'igen för att svara senare.');
				var inp = missing[0].querySelector('input, textarea');
				if (inp) inp.focus();
				return;
			}
		}
		if (!window.fetch || !window.URLSearchParams) return; /* plain submit */
		ev.preventDefault();
		if (sending) return;
		saveLocal();
		send(submitter);
	});
	form.addEventListener('change', function () { applyConditions(); saveLocal(); });
	form.addEventListener('input', saveLocal);

	restoreLocal();
	applyConditions();
	counters();
})();
