/* SPDX-License-Identifier: ISC
 * Tap guard for the survey pages: an answer that moved on the screen, or
 * appeared, less than GUARD_MS ago (something above it appeared or went
 * away: a message, a follow-up question) does not take a tap. A quick second tap at the same
 * spot then cannot choose an answer the person never saw there. Positions
 * are page coordinates, so scrolling is not moving; keyboard choices are
 * never held back. Without this file everything works, unguarded.
 */
(function () {
	'use strict';
	/* Longer than a double tap or double click (500 ms by default), short
	 * enough that a deliberate tap is hardly ever held back. */
	var GUARD_MS = 600;
	var form = document.querySelector('form.survey');
	if (!form || !window.MutationObserver || !window.Map) return;
	var where = new Map();     /* label.choice -> last seen position */
	var movedAt = new Map();   /* label.choice -> when it last moved */

	function measure(mark) {
		var now = Date.now();
		form.querySelectorAll('.choice').forEach(function (el) {
			var r = el.getBoundingClientRect();
			var p = { x: r.left + window.scrollX, y: r.top + window.scrollY };
			var old = where.get(el);
			if (mark && old && (Math.abs(old.x - p.x) > 1 || Math.abs(old.y - p.y) > 1))
				movedAt.set(el, now);
			where.set(el, p);
		});
	}

	measure(false);
	/* Reading positions in the observer forces layout, so they are current. */
	new MutationObserver(function () { measure(true); }).observe(document.body, {
		childList: true, subtree: true, characterData: true,
		attributes: true, attributeFilter: ['hidden', 'class', 'style', 'open']
	});
	window.addEventListener('resize', function () { measure(false); });

	form.addEventListener('click', function (ev) {
		if (ev.detail === 0) return;   /* keyboard: Space or Enter */
		var label = ev.target.closest ? ev.target.closest('.choice') : null;
		var t = label ? movedAt.get(label) : 0;
		if (t && Date.now() - t < GUARD_MS) {
			ev.preventDefault();       /* the input stays as it was */
			ev.stopPropagation();
		}
	}, true);
})();
