/* SPDX-License-Identifier: ISC
 * The access request as PDF; see accesspdf.h. Text is wrapped at spaces
 * (libharu measures whole UTF-8 characters), a word longer than a line is
 * cut, and a new page starts whenever the next line would not fit.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <cJSON.h>

#include "accesspdf.h"
#include "form.h"
#include "pdfdoc.h"
#include "utf8.h"

#define MARGIN_X       56.0f
#define TOP            (PDFDOC_A4_H - 60.0f)
#define BOTTOM         64.0f
#define WIDTH          (PDFDOC_A4_W - 2 * MARGIN_X)
#define INDENT         14.0f
#define LINE_MAX_BYTES 2048

struct doc {
	struct pdfdoc d;
	HPDF_Font sans, bold;
	const char *panel;
	float y; /* baseline of the next line */
	int pageno;
};

/* Footer of the current page, then a fresh page. */
static bool
new_page(struct doc *o)
{
	char foot[160];
	int w;

	if (!pdfdoc_add_page(&o->d))
		return false;
	o->pageno++;
	o->y = TOP;
	w = snprintf(foot, sizeof(foot), "Registerutdrag för deltagare %s · sida %d",
	    o->panel, o->pageno);
	if (w < 0 || (size_t)w >= sizeof(foot))
		return false;
	return HPDF_Page_SetFontAndSize(o->d.page, o->sans, 8) == HPDF_OK &&
	    HPDF_Page_BeginText(o->d.page) == HPDF_OK &&
	    HPDF_Page_TextOut(o->d.page, MARGIN_X, BOTTOM - 28, foot) == HPDF_OK &&
	    HPDF_Page_EndText(o->d.page) == HPDF_OK;
}

/* Room for h points more on this page, or a new page. */
static bool
room(struct doc *o, float h)
{
	return o->y - h >= BOTTOM || new_page(o);
}

static bool
draw_line(struct doc *o, float x, const char *s, size_t n)
{
	char line[LINE_MAX_BYTES + 1];

	if (n > LINE_MAX_BYTES)
		n = LINE_MAX_BYTES;
	memcpy(line, s, n);
	line[n] = '\0';
	return HPDF_Page_BeginText(o->d.page) == HPDF_OK &&
	    HPDF_Page_TextOut(o->d.page, x, o->y, line) == HPDF_OK &&
	    HPDF_Page_EndText(o->d.page) == HPDF_OK;
}

/* One paragraph of text at indent, wrapped to the width; line breaks in the
 * text are kept, carriage returns and tabs become nothing and spaces. */
static bool
para(struct doc *o, HPDF_Font f, float size, float indent, const char *text)
{
	char clean[LINE_MAX_BYTES + 1];
	float width = WIDTH - indent, lead = size * 1.35f;
	const char *p = text;

	while (*p != '\0') {
		size_t k = 0;
		/* One line of the text, at most LINE_MAX_BYTES of it at a time. */
		while (*p != '\0' && *p != '\n' && k < LINE_MAX_BYTES) {
			if (*p != '\r')
				clean[k++] = *p == '\t' ? ' ' : *p;
			p++;
		}
		/* A chunk of a very long line ends on a whole character. */
		while (k > 0 && utf8_continues((unsigned char)*p)) {
			k--;
			p--;
		}
		clean[k] = '\0';
		if (*p == '\n')
			p++;
		const char *q = clean;
		if (*q == '\0') { /* an empty line of the text */
			if (!room(o, lead))
				return false;
			o->y -= lead;
			continue;
		}
		do {
			size_t n;
			if (!room(o, lead) ||
			    HPDF_Page_SetFontAndSize(o->d.page, f, size) != HPDF_OK)
				return false;
			n = pdfdoc_fit(o->d.page, q, width, true);
			o->y -= lead;
			if (!draw_line(o, MARGIN_X + indent, q, n))
				return false;
			q += n;
			while (*q == ' ')
				q++;
		} while (*q != '\0');
	}
	return true;
}

static bool
gap(struct doc *o, float h)
{
	o->y -= h;
	return true;
}

/* The string member name of obj, or NULL (missing or JSON null); *bad is
 * set when it is there but not a string. */
static const char *
str(const cJSON *obj, const char *name, bool *bad)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);

	if (v == NULL || cJSON_IsNull(v))
		return NULL;
	if (!cJSON_IsString(v)) {
		*bad = true;
		return NULL;
	}
	return v->valuestring;
}

/* "2025-03-01" of a PostgreSQL timestamp text, or the text itself. */
static const char *
day(const char *ts, char out[11])
{
	if (ts == NULL)
		return "";
	if (strlen(ts) >= 10 && ts[4] == '-' && ts[7] == '-') {
		memcpy(out, ts, 10);
		out[10] = '\0';
		return out;
	}
	return ts;
}

static bool
kv(struct doc *o, const char *key, const char *value)
{
	char line[LINE_MAX_BYTES + 1];
	int w = snprintf(line, sizeof(line), "%s: %s", key, value != NULL ? value : "");

	return w >= 0 && para(o, o->sans, 10.5f, 0, line);
}

static bool
wave_section(struct doc *o, const cJSON *wv, bool *bad)
{
	char head[64], line[256], d1[11], d2[11];
	const cJSON *months = cJSON_GetObjectItemCaseSensitive(wv, "months");
	const cJSON *answers = cJSON_GetObjectItemCaseSensitive(wv, "answers");
	const char *consent = str(wv, "consent", bad);
	const char *consent_at = str(wv, "consent_at", bad);
	const char *quest = str(wv, "questionnaire", bad);
	const char *status = str(wv, "status", bad);
	const char *submitted = str(wv, "submitted_at", bad);
	const cJSON *a;
	int w;

	if (!cJSON_IsNumber(months) || !cJSON_IsArray(answers) || *bad) {
		*bad = true;
		return false;
	}
	w = snprintf(head, sizeof(head), "Omgång %d månader", months->valueint);
	if (w < 0 || (size_t)w >= sizeof(head) || !room(o, 60) || !gap(o, 10) ||
	    !para(o, o->bold, 13, 0, head))
		return false;
	if (consent == NULL)
		w = snprintf(line, sizeof(line), "Inget beslut sparat");
	else
		w = snprintf(line, sizeof(line), "%s %s",
		    strcmp(consent, "given") == 0        ? "Givet" :
		        strcmp(consent, "declined") == 0 ? "Avböjt" :
		                                           consent,
		    day(consent_at, d1));
	if (w < 0 || !kv(o, "Samtycke", line))
		return false;
	if (quest != NULL && !kv(o, "Enkät", quest))
		return false;
	if (status == NULL)
		w = snprintf(line, sizeof(line), "Ingen enkät påbörjad");
	else if (strcmp(status, "submitted") == 0)
		w = snprintf(line, sizeof(line), "Inskickad %s", day(submitted, d2));
	else
		w = snprintf(line, sizeof(line), "Påbörjad men inte inskickad (utkast)");
	if (w < 0 || !kv(o, "Status", line))
		return false;
	if (cJSON_GetArraySize(answers) == 0)
		return gap(o, 4) && para(o, o->sans, 10, 0, "Inga svar sparade.");
	cJSON_ArrayForEach(a, answers)
	{
		const char *item = str(a, "item", bad);
		const char *q = str(a, "question", bad);
		const char *ans = str(a, "answer", bad);
		if (*bad || item == NULL) {
			*bad = true;
			return false;
		}
		if (!room(o, 30) || !gap(o, 5) ||
		    !para(o, o->bold, 9.5f, 0, q != NULL ? q : item) ||
		    !para(o, o->sans, 10, INDENT, ans != NULL ? ans : "(inget svar)"))
			return false;
	}
	return true;
}

static const char intro[] =
    "Det här är alla uppgifter som utvärderingen har sparat om deltagaren: "
    "beslut om samtycke och svar på enkäterna, omgång för omgång. "
    "Utvärderingen sparar inga namn, personnummer eller kontaktuppgifter; "
    "deltagaren känns bara igen på sin kod. I rapporterna kan ingen enskild "
    "person identifieras.\n"
    "Deltagaren kan när som helst ta tillbaka sitt samtycke. Då raderas alla "
    "svar i alla omgångar.";

uf_err
accesspdf_render(const char *json, size_t len, const char *today,
    const char *font_dir, struct buf *pdf)
{
	struct doc o;
	cJSON *root = cJSON_ParseWithLength(json, len);
	const cJSON *waves, *wv;
	enum respondent_group g;
	const char *grp, *unit;
	char now[16];
	bool bad = false;
	uf_err e;

	memset(&o, 0, sizeof(o));
	if (today == NULL) {
		time_t t = time(NULL);
		struct tm tm;
		if (t == (time_t)-1 || localtime_r(&t, &tm) == NULL ||
		    strftime(now, sizeof(now), "%Y-%m-%d", &tm) == 0) {
			cJSON_Delete(root);
			return UF_EINTERNAL;
		}
		today = now;
	}
	if (root == NULL || !cJSON_IsObject(root))
		goto invalid;
	o.panel = str(root, "panel_id", &bad);
	grp = str(root, "group", &bad);
	unit = str(root, "unit", &bad);
	waves = cJSON_GetObjectItemCaseSensitive(root, "waves");
	if (bad || o.panel == NULL || grp == NULL || !group_parse(grp, &g) ||
	    !cJSON_IsArray(waves))
		goto invalid;
	if ((e = pdfdoc_open(&o.d, "accesspdf", "uppfolj", "Registerutdrag")) != UF_OK)
		goto out;
	e = UF_EIO;
	o.sans = pdfdoc_font(&o.d, font_dir, "DejaVuSans.ttf");
	o.bold = pdfdoc_font(&o.d, font_dir, "DejaVuSans-Bold.ttf");
	if (o.sans == NULL || o.bold == NULL)
		goto close;
	e = UF_EINTERNAL;
	if (!new_page(&o) ||
	    !para(&o, o.bold, 20, 0, "Registerutdrag") ||
	    !para(&o, o.sans, 11, 0, "Utvärderingen av peer support i psykiatri och "
	                             "socialtjänst") ||
	    !gap(&o, 10) ||
	    !kv(&o, "Deltagare", o.panel) ||
	    !kv(&o, "Grupp", group_title(g)) ||
	    !kv(&o, "Enhet", unit) ||
	    !kv(&o, "Utskrivet", today) || !gap(&o, 8) ||
	    !para(&o, o.sans, 10, 0, intro))
		goto close;
	if (cJSON_GetArraySize(waves) == 0 &&
	    (!gap(&o, 10) || !para(&o, o.sans, 10.5f, 0, "Inga samtycken eller svar finns sparade.")))
		goto close;
	cJSON_ArrayForEach(wv, waves)
	{
		if (!wave_section(&o, wv, &bad)) {
			if (bad) {
				pdfdoc_close(&o.d, UF_OK);
				goto invalid;
			}
			goto close;
		}
	}
	if (!pdfdoc_save(&o.d, pdf))
		goto close;
	e = UF_OK;
close:
	pdfdoc_close(&o.d, e);
out:
	cJSON_Delete(root);
	return e;
invalid:
	cJSON_Delete(root);
	return UF_EINVAL;
}
