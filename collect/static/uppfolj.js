/* SPDX-License-Identifier: ISC
 * Progressive enhancement for the respondent pages. Everything works
 * without this file (plain forms, POST-redirect-GET, the server ends idle
 * sessions by itself); with it:
 *  - same-page follow-up questions appear only when they apply,
 *  - a required question left empty gets a note before moving on,
 *  - text fields count characters,
 *  - choices not yet sent are kept in localStorage under the session's key
 *    and survive a reload, a failed send (network down, 502/503/504: sent
 *    again with back-off) and Back; they go when the server has them, and
 *    all of them when a session ends (start and thank-you pages, idle end;
 *    the server's Clear-Site-Data does the same) - a shared tablet keeps
 *    nothing of one person for the next,
 *  - "Är du kvar?" a little before the idle end, with "Ja, fortsätt"; at the
 *    end the page is stored as a draft and the start page replaces it,
 *  - a page restored from the back/forward cache is loaded again, so the
 *    server decides what it may still show,
 *  - a visual analogue scale's number field becomes a slider with its value
 *    shown; until touched it has no thumb (not answered), and "Ta bort
 *    svaret" returns it to that state.
 */
(function () {
	'use strict';
	var PREFIX = 'uf:draft:';

	/* The page's texts in its language (data-texts on <body>, from
	 * forms/ui/<lang>.json's js.* keys); Swedish pages carry none and use
	 * the Swedish given here. {name} placeholders from vars. */
	var TEXTS = {};
	try { TEXTS = JSON.parse(document.body.getAttribute('data-texts') || '{}'); } catch (e) { TEXTS = {}; }
	function t(key, sv, vars) {
		var s = typeof TEXTS[key] === 'string' ? TEXTS[key] : sv;
		return s.replace(/\{([a-z_]+)\}/g, function (m, n) {
			return vars && Object.prototype.hasOwnProperty.call(vars, n) ? String(vars[n]) : m;
		});
	}
	var store = null;
	try { store = window.localStorage; } catch (e) { store = null; }

	/* Remove stored drafts, except those whose key starts with keep. */
	function clearDrafts(keep) {
		if (!store) return;
		var keys = [];
		for (var i = 0; i < store.length; i++) {
			var k = store.key(i);
			if (k && k.indexOf(PREFIX) === 0 && !(keep && k.indexOf(keep) === 0)) keys.push(k);
		}
		keys.forEach(function (k) { store.removeItem(k); });
	}

	window.addEventListener('pageshow', function (ev) {
		if (ev.persisted) window.location.reload();
	});

	var body = document.body;
	if (body.classList.contains('start') || body.classList.contains('thanks') ||
	    document.querySelector('[data-clear-drafts]')) {
		clearDrafts();
		try { window.sessionStorage.clear(); } catch (e) { /* none */ }
		/* The thank-you page goes back to the start by itself; replacing
		 * its history entry leaves one step less for the next person's
		 * Back button. */
		var back = parseInt(body.getAttribute('data-return'), 10);
		if (back > 0) {
			var note = document.querySelector('.return-note');
			if (note) note.hidden = false;
			setTimeout(function () { window.location.replace('/'); }, back * 1000);
		}
		return;
	}

	var csrfField = document.querySelector('input[name="csrf"]');
	var csrf = csrfField ? csrfField.value : '';
	/* Drafts are keyed to the session (a part of its CSRF token, which the
	 * page holds anyway): another session's drafts are not this person's. */
	var sessionKey = PREFIX + csrf.slice(0, 16) + ':';
	if (csrf) clearDrafts(sessionKey);

	var form = document.querySelector('form.survey');
	/* form.action would be the button named "action": read the attribute. */
	var target = form ? form.getAttribute('action') : null;
	var key = sessionKey + target;
	var canFetch = !!(window.fetch && window.URLSearchParams && window.FormData);

	function post(url, params) {
		return fetch(url, {
			method: 'POST', body: params, credentials: 'same-origin', redirect: 'follow',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' }
		});
	}

	/* ---- idle warning and end ------------------------------------------ */
	var idleLeft = parseInt(body.getAttribute('data-idle-left'), 10);
	var idleWarn = parseInt(body.getAttribute('data-idle-warn'), 10) || 0;
	var idleTotal = idleLeft;
	/* Store the page this long before the server's deadline, so the
	 * request arrives while the session still lives. */
	var END_MARGIN_MS = 1500;
	var deadline = 0, idleTimer = null, ended = false, dialog = null, lastFocus = null;
	var lastExtend = Date.now(), extending = false;

	function endSession() {
		if (ended) return;
		ended = true;
		clearInterval(idleTimer);
		var leave = function (url) {
			clearDrafts();
			window.location.replace(url);
		};
		if (form && canFetch) {
			var params = new URLSearchParams(new FormData(form));
			params.set('action', 'idle');
			post(target, params).then(function (resp) {
				leave(resp.ok && resp.redirected ? resp.url : '/slut');
			}, function () { leave('/slut'); });
		} else {
			leave('/slut');
		}
	}

	function closeDialog() {
		if (dialog && dialog.open) dialog.close();
		if (lastFocus && lastFocus.focus) lastFocus.focus();
		lastFocus = null;
	}

	/* The server counts from now again; a reply that is a redirect means
	 * the session has already ended. */
	function extend() {
		if (extending || ended || !canFetch) return;
		extending = true;
		var params = new URLSearchParams();
		params.set('csrf', csrf);
		post('/kvar', params).then(function (resp) {
			extending = false;
			if (resp.redirected) { ended = true; clearDrafts(); window.location.replace(resp.url); return; }
			if (!resp.ok) return;
			return resp.json().then(function (j) {
				if (j && j.idle_left > 0) {
					deadline = Date.now() + j.idle_left * 1000;
					idleWarn = j.idle_warn || idleWarn;
					lastExtend = Date.now();
					closeDialog();
				}
			});
		}, function () { extending = false; });
	}

	function showDialog() {
		if (!dialog) {
			dialog = document.createElement('dialog');
			dialog.id = 'uf-idle';
			dialog.className = 'idle';
			dialog.setAttribute('role', 'alertdialog');
			dialog.setAttribute('aria-labelledby', 'uf-idle-title');
			dialog.setAttribute('aria-describedby', 'uf-idle-text');
			dialog.innerHTML = '<h2 id="uf-idle-title"></h2>' +
			    '<p id="uf-idle-text"></p>' +
			    '<p class="countdown" aria-hidden="true"></p>' +
			    '<button type="button" class="primary big" autofocus></button>';
			dialog.querySelector('h2').textContent = t('js.idle_title', 'Är du kvar?');
			dialog.querySelector('#uf-idle-text').textContent = t('js.idle_text',
			    'Ingen har använt sidan på en stund. Snart stängs den, så att ingen ' +
			    'annan kan se dina svar. Det du har svarat sparas.');
			dialog.querySelector('button').textContent = t('js.idle_yes', 'Ja, fortsätt');
			dialog.querySelector('button').addEventListener('click', extend);
			/* Escape: the person is there, so it means the same. */
			dialog.addEventListener('cancel', function (ev) { ev.preventDefault(); extend(); });
			body.appendChild(dialog);
		}
		if (dialog.open) return;
		lastFocus = document.activeElement;
		dialog.showModal();
		dialog.querySelector('button').focus();
	}

	function tick() {
		var left = deadline - Date.now();
		if (left <= END_MARGIN_MS) { endSession(); return; }
		if (left <= idleWarn * 1000) {
			showDialog();
			var cd = dialog.querySelector('.countdown');
			var s = Math.ceil((left - END_MARGIN_MS) / 1000);
			if (cd) cd.textContent = s === 1 ? t('js.closes_one', 'Sidan stängs om {n} sekund.', { n: s }) :
			    t('js.closes_many', 'Sidan stängs om {n} sekunder.', { n: s });
		} else if (dialog && dialog.open) {
			closeDialog();
		}
	}

	if (idleLeft > 0 && csrf) {
		deadline = Date.now() + idleLeft * 1000;
		idleTimer = setInterval(tick, 500);
		/* Someone working on the page (a long free text) is not idle: tell
		 * the server now and then. */
		['input', 'change', 'keydown', 'pointerdown'].forEach(function (type) {
			document.addEventListener(type, function () {
				if (dialog && dialog.open) return;
				if (Date.now() - lastExtend > idleTotal * 1000 / 4) extend();
			}, true);
		});
	}

	if (!form) return;

	/* ---- the question page -------------------------------------------- */
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
				hint.textContent = t('js.chars', '{n} av högst {max} tecken.', { n: n, max: max });
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
		if (!store || ended) return;
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
			/* Every question in the item: a grid has one per row. */
			var names = {};
			item.querySelectorAll('input, textarea').forEach(function (el) {
				if (el.name) names[el.name] = true;
			});
			if (Object.keys(names).some(function (n) { return values(n).length === 0; }))
				missing.push(item);
		});
		return missing;
	}

	/* Seconds to wait before each new try after a failed send; then the
	 * person is asked to press again (the copy stays either way). */
	var RETRY_SECONDS = [2, 4, 8, 16, 30, 30];
	var sending = false, attempt = 0, retryTimer = null, pending = null;

	/* The server did not take the answers (no network, 502/503/504, 408,
	 * 429): keep them here and try again later. */
	function retryLater(submitter, status) {
		saveLocal();
		pending = submitter;
		var why = status ? t('js.no_server', 'Servern svarar inte just nu.') :
		    t('js.offline', 'Ingen anslutning just nu.');
		if (attempt >= RETRY_SECONDS.length) {
			attempt = 0;
			pending = null;
			banner(why + ' ' + t('js.kept_press',
			    'Dina svar finns kvar här. Tryck på knappen igen om en stund.'));
			return;
		}
		var wait = RETRY_SECONDS[attempt++];
		banner(why + ' ' + t('js.kept_retry',
		    'Dina svar finns kvar och skickas igen om {n} sekunder.', { n: wait }));
		retryTimer = setTimeout(function () { send(submitter); }, wait * 1000);
	}

	/* Let the browser post the form the plain way and show the server's
	 * page (a message about an answer, an expired page). */
	function plainSubmit(submitter) {
		var h = document.createElement('input');
		h.type = 'hidden';
		h.name = submitter && submitter.name ? submitter.name : 'action';
		h.value = submitter && submitter.value ? submitter.value : 'next';
		form.appendChild(h);
		HTMLFormElement.prototype.submit.call(form);
	}

	function send(submitter) {
		if (retryTimer) { clearTimeout(retryTimer); retryTimer = null; }
		var params = new URLSearchParams(new FormData(form));
		if (submitter && submitter.name) params.set(submitter.name, submitter.value);
		sending = true;
		return post(target, params).then(function (resp) {
			sending = false;
			/* Success: the server stored the page and says where to go
			 * (the next page, or the start page when the session ended). */
			if (resp.ok && resp.redirected) {
				attempt = 0;
				pending = null;
				if (store) store.removeItem(key);
				window.location.assign(resp.url);
				return;
			}
			if (resp.status >= 500 || resp.status === 408 || resp.status === 429) {
				retryLater(submitter, resp.status);
				return;
			}
			/* A page of the server's own: the copy stays until the answers
			 * are stored. */
			saveLocal();
			plainSubmit(submitter);
		}, function () {
			sending = false;
			retryLater(submitter, 0);
		});
	}

	window.addEventListener('online', function () {
		if (retryTimer && !sending) send(pending);
	});

	form.addEventListener('submit', function (ev) {
		var submitter = ev.submitter || null;
		var act = submitter ? submitter.value : 'next';
		/* The language and easy-to-read buttons (name lang, easy) keep
		 * the page and show it again: not a step forward. */
		var forward = (!submitter || submitter.name === 'action') &&
		    act !== 'back' && act !== 'cancel' && act !== 'later';
		if (forward && !warned) {
			var missing = missingRequired();
			if (missing.length) {
				warned = true;
				ev.preventDefault();
				banner(t('js.required', 'Du har inte svarat på en fråga som måste besvaras. ' +
				    'Svara, välj ”Vet ej” eller ”Vill inte svara” om det finns, eller tryck ' +
				    'Nästa igen för att svara senare.'));
				var inp = missing[0].querySelector('input, textarea');
				if (inp) inp.focus();
				return;
			}
		}
		if (!canFetch) return; /* plain submit */
		ev.preventDefault();
		if (sending) return;
		attempt = 0;
		saveLocal();
		send(submitter);
	});
	form.addEventListener('change', function () { applyConditions(); saveLocal(); });
	form.addEventListener('input', saveLocal);

	/* ---- visual analogue scales ---------------------------------------- */
	/* The number field stays the form's value (hidden); the slider only
	 * writes it, so a restored draft or a server-filled value shows as the
	 * thumb's position, and an empty field as no thumb at all. */
	function sliders() {
		form.querySelectorAll('[data-vas]').forEach(function (box) {
			var num = box.querySelector('input.vas-number');
			if (!num) return;
			var item = box.closest('.item');
			var id = num.id;
			var range = document.createElement('input');
			range.type = 'range';
			range.min = '0'; range.max = '100'; range.step = '1';
			range.className = 'vas-range';
			var label = item.querySelector('label.qlabel');
			var ends = box.querySelector('.vas-ends');
			if (label) range.setAttribute('aria-labelledby', label.id);
			if (ends) range.setAttribute('aria-describedby', ends.id);
			var out = document.createElement('p');
			out.className = 'vas-value';
			out.setAttribute('aria-live', 'polite');
			var clear = document.createElement('button');
			clear.type = 'button';
			clear.className = 'secondary vas-clear';
			clear.textContent = t('js.vas_clear', 'Ta bort svaret');
			num.id = id + '-n';
			num.type = 'hidden';
			range.id = id;
			var dks = item.querySelectorAll('input.dk, .dk input');
			function show() {
				var v = num.value.trim();
				var set = v !== '' && !isNaN(parseInt(v, 10));
				box.classList.toggle('untouched', !set);
				if (set) range.value = v; else range.value = '50';
				range.setAttribute('aria-valuetext', set ? t('js.vas_of', '{n} av 100', { n: v }) :
				    t('js.not_answered', 'Inte besvarad'));
				out.textContent = set ? t('js.vas_answer', 'Ditt svar: {n}', { n: v }) :
				    t('js.vas_untouched', 'Inte besvarad än. Tryck på linjen.');
				/* Kept in place while hidden: the answers below must
				 * not move under a finger (tapguard.js). */
				clear.classList.toggle('off', !set);
				clear.disabled = !set;
			}
			function take() {
				num.value = range.value;
				dks.forEach(function (d) { d.checked = false; });
				show();
				saveLocal();
			}
			range.addEventListener('input', take);
			/* A tap on the untouched slider's middle sends no input event. */
			range.addEventListener('pointerup', function () { if (num.value === '') take(); });
			range.addEventListener('keydown', function (ev) {
				if (num.value === '' && /^(Arrow|Page|Home|End)/.test(ev.key)) take();
			});
			clear.addEventListener('click', function () {
				num.value = '';
				show();
				saveLocal();
				range.focus();
			});
			dks.forEach(function (d) {
				d.addEventListener('change', function () {
					if (d.checked) { num.value = ''; show(); }
				});
			});
			ends.parentNode.insertBefore(range, ends);
			box.appendChild(out);
			box.appendChild(clear);
			var hint = item.querySelector('.vas-hint');
			if (hint) hint.hidden = true;
			show();
		});
	}

	restoreLocal();
	sliders();
	applyConditions();
	counters();
})();
