/* SPDX-License-Identifier: ISC
 * The demo's respondent languages: which patients answer in English or
 * Arabic and with easy-to-read text on (a fixed share, by their order in
 * the panel, so every seed and panel size gets the same proportions and the
 * reports' language cells reach the default --min-cell), and the free-text
 * answers such respondents write, in their own language. Staff answer in
 * Swedish with the plain text, as most do.
 */
#include <string.h>

#include "demo.h"
#include "utf8.h"

static const char *const english[] = {
	"It helps to talk to someone who has been through the same thing.",
	"I would like to meet the peer supporter more often.",
	"The peer supporter listens to me without judging.",
	"Sometimes it is hard to find a time that suits us both.",
	"Thank you. The support has made a real difference for me.",
	"I have started going for walks again.",
};

/* Written for this project; reviewed for meaning by a reader of Arabic
 * before real use (as the forms' Arabic, machine-assisted). */
static const char *const arabic[] = {
	"أشعر أن الداعم يفهمني لأنه مرّ بتجربة مشابهة.",
	"ساعدتني اللقاءات على الخروج من غرفتي أكثر.",
	"أتمنى أن يكون هناك وقت أطول للحديث.",
	"شكرًا على الدعم.",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

void
demo_panel_langs(struct demo_panel *p)
{
	size_t k = 0;

	for (size_t i = 0; i < p->n; i++) {
		struct demo_person *pe = &p->people[i];

		pe->lang = "sv";
		pe->easy = false;
		if (pe->grp != GROUP_PATIENT)
			continue;
		/* of every ten patients one answers in English, one in Arabic;
		 * one in five has easy-to-read on, the Arabic one among them */
		switch (k % 10) {
		case 3:
			pe->lang = "en";
			break;
		case 6:
			pe->lang = "ar";
			pe->easy = true;
			break;
		case 1:
			pe->easy = true;
			break;
		default:
			break;
		}
		k++;
	}
}

const char *
demo_text_pick_lang(struct rng *r, const char *lang, int max_chars)
{
	const char *const *bank;
	size_t n, start;

	if (strcmp(lang, "en") == 0) {
		bank = english;
		n = NELEM(english);
	} else if (strcmp(lang, "ar") == 0) {
		bank = arabic;
		n = NELEM(arabic);
	} else {
		return NULL;
	}
	start = (size_t)rng_range(r, 0, (long)n - 1);
	for (size_t i = 0; i < n; i++) {
		const char *s = bank[(start + i) % n];

		if (utf8_chars(s, strlen(s)) <= (size_t)max_chars)
			return s;
	}
	return NULL;
}
