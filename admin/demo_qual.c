/* SPDX-License-Identifier: ISC
 * The demo's qualitative material, planned from the seed and stored in the
 * demo's transaction: interviews (chefer, personal, peer supportrar) and
 * notes (patienter/brukare) tied to panel participants of each opened wave,
 * their meaning units coded by the first demo evaluator, one kategori kept
 * rare (three respondents in all), a finished double coding of two
 * interviews by the second evaluator, and report text for every report.
 * The texts come from demo_qual_bank.c and demo_qual_text.c; no SQL here.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "db_admin.h"
#include "demo_qual.h"
#include "utf8.h"

#define DQ_UNITS_MAX 16
#define DQ_TITLE_MAX 160
#define DQ_AUTHOR    "uppfolj-admin demo"
#define DQ_CODER_A   "demo.kodare1"
#define DQ_CODER_B   "demo.kodare2"
#define DQ_SET_NAME  "Dubbelkodning, utvärdering 1"

/* Interviews (notes for patients) per wave and group, like the seed's
 * 6 chefer, 5 personal groups and 2 peer groups; patients from wave 2. */
static const int per_wave[GROUP__MAX] = { 6, 8, 4, 6 };
/* How the rare kategori is kept under --min-cell: it is said only in the
 * first this-many personal interviews of the last wave. */
#define DQ_RARE_DOCS 3

struct dq_unit {
	long start, end; /* characters of the document's text */
	size_t passage;
};

struct dq_doc {
	int w;
	enum respondent_group g;
	const struct demo_person *p;
	char title[DQ_TITLE_MAX];
	struct buf body;
	long chars;
	size_t nunits;
	struct dq_unit units[DQ_UNITS_MAX];
	long long id;
};

int
dq_code_level(size_t i)
{
	int l = 1;

	for (int p = dq_codes[i].parent; p >= 0; p = dq_codes[p].parent)
		l++;
	return l;
}

/* The kategori (index in dq_codes) of code i. */
static int
category_of(size_t i)
{
	int c = (int)i;

	while (dq_codes[c].parent >= 0)
		c = dq_codes[c].parent;
	return c;
}

static uf_err
add_text(struct dq_doc *d, const char *s)
{
	size_t n = strlen(s);

	d->chars += (long)utf8_chars(s, n);
	return buf_add(&d->body, s, n);
}

/* A passage as said by d's interviewee: "{enhet}" becomes the unit. */
static uf_err
add_passage(struct dq_doc *d, const struct demo_run *run, size_t k)
{
	const char *t = dq_passages[k].text, *mark = strstr(t, "{enhet}");
	struct dq_unit *u;
	uf_err e;

	if (d->nunits == DQ_UNITS_MAX)
		return UF_EINTERNAL;
	u = &d->units[d->nunits++];
	u->passage = k;
	u->start = d->chars;
	if (mark == NULL)
		e = add_text(d, t);
	else {
		struct buf piece;

		buf_init(&piece, 0);
		if ((e = buf_add(&piece, t, (size_t)(mark - t))) == UF_OK &&
		    (e = buf_adds(&piece, run->panel.units[d->p->unit].name)) == UF_OK &&
		    (e = buf_adds(&piece, mark + 7)) == UF_OK)
			e = add_text(d, buf_str(&piece));
		buf_free(&piece);
	}
	u->end = d->chars;
	return e;
}

/* Pick up to want distinct passages of kategori cat that group g may say,
 * in the document, each after an occasional filler. */
static uf_err
say(struct dq_doc *d, const struct demo_run *run, struct rng *r, int cat, int want)
{
	size_t pool[64], n = 0, k;
	uf_err e;

	for (k = 0; k < dq_npassages && n < 64; k++)
		if (category_of((size_t)dq_passages[k].code) == cat &&
		    (dq_passages[k].groups & (1u << d->g)))
			pool[n++] = k;
	for (; want > 0 && n > 0; want--) {
		size_t j = (size_t)rng_range(r, 0, (long)n - 1);

		if (rng_chance(r, 0.4) &&
		    ((e = add_text(d, dq_fillers[rng_range(r, 0, (long)dq_nfillers - 1)])) != UF_OK ||
		        (e = add_text(d, " ")) != UF_OK))
			return e;
		if ((e = add_passage(d, run, pool[j])) != UF_OK ||
		    (e = add_text(d, " ")) != UF_OK)
			return e;
		pool[j] = pool[--n];
	}
	return UF_OK;
}

/* Cut d's text back to len bytes, chars characters (all ASCII here). */
static void
cut(struct dq_doc *d, size_t len, long chars)
{
	d->body.len = len;
	d->body.data[len] = '\0';
	d->chars = chars;
}

static uf_err
compose(struct dq_doc *d, const struct demo_run *run, int index)
{
	const bool patient = d->g == GROUP_PATIENT;
	const bool rare_ok = d->w == DEMO_NWAVES - 1 && d->g == GROUP_PERSONAL &&
	    index < DQ_RARE_DOCS;
	struct rng r;
	int t, k;
	uf_err e;

	rng_seed(&r, rng_mix(run->seed, rng_hash(d->p->panel) ^ (0x9a17ULL + (uint64_t)d->w)));
	if (patient)
		k = snprintf(d->title, sizeof d->title,
		    "Anteckningar, samtal med patient/brukare %d, utvärdering %d (%d "
		    "månader)",
		    index + 1, d->w + 1, demo_wave_months[d->w]);
	else
		k = snprintf(d->title, sizeof d->title,
		    "Intervju, %s %d, utvärdering %d (%d månader)",
		    d->g == GROUP_CHEF ? "chef" : d->g == GROUP_PEER ? "peer supporter" :
		                                                       "personal",
		    index + 1, d->w + 1, demo_wave_months[d->w]);
	if (k < 0 || (size_t)k >= sizeof d->title)
		return UF_EINTERNAL;
	if ((e = add_text(d, patient ? "Anteckningar från ett samtal i verksamheten (syntetiska, för "
	                               "demonstration). I: utvärderaren, R: patienten/brukaren.\n\n" :
	                               "Transkribering av en intervju (syntetisk, för demonstration). "
	                               "I: intervjuaren, R: respondenten.\n\n")) != UF_OK)
		return e;
	for (t = 0; t < DQ_THEME__MAX; t++) {
		size_t before = d->nunits, mark = d->body.len, c;
		long mark_chars = d->chars;

		if ((e = add_text(d, "I: ")) != UF_OK ||
		    (e = add_text(d, dq_questions[t][patient])) != UF_OK ||
		    (e = add_text(d, "\nR: ")) != UF_OK)
			return e;
		for (c = 0; c < dq_ncategories; c++) {
			const struct dq_category *cat = &dq_categories[c];

			if ((int)cat->theme != t || (cat->rare && !rare_ok))
				continue;
			if ((e = say(d, run, &r, cat->code, cat->per_doc)) != UF_OK)
				return e;
		}
		if (d->nunits == before) {
			/* nothing for this group under the theme: no question */
			cut(d, mark, mark_chars);
			continue;
		}
		/* the answer's trailing space becomes the paragraph break */
		cut(d, d->body.len - 1, d->chars - 1);
		if ((e = add_text(d, "\n\n")) != UF_OK)
			return e;
	}
	cut(d, d->body.len - 2, d->chars - 2); /* no blank line at the end */
	return UF_OK;
}

/* The index-th (0-based, by unit round robin) participant of group g who
 * took part in wave w, or NULL. Units in order, then each unit's next. */
static const struct demo_person *
interviewee(const struct demo_panel *pn, enum respondent_group g, int w, int index)
{
	int seen = 0;

	for (int rank = 0; rank < 64; rank++) {
		bool any = false;

		for (unsigned u = 0; u < DEMO_NUNITS; u++) {
			int at = 0;

			for (size_t i = 0; i < pn->n; i++) {
				const struct demo_person *p = &pn->people[i];

				if (p->grp != g || p->unit != u || !(p->waves & (1u << w)))
					continue;
				if (at++ == rank) {
					any = true;
					if (seen++ == index)
						return p;
					break;
				}
			}
		}
		if (!any)
			break;
	}
	return NULL;
}

static void
guid(const struct demo_run *run, uint64_t label, uint64_t i,
    char out[DEMO_UUID_LEN + 1])
{
	demo_uuid(rng_mix(run->seed ^ rng_hash(run->slug), label ^ (i << 20)), out);
}

static uf_err
store_coders(struct demo_run *run, long long *a, long long *b)
{
	char hash[crypto_pwhash_STRBYTES];
	unsigned char pw[32];
	char hex[65];
	uf_err e;

	/* Nobody knows the password: an admin resets it to sign in as one
	 * of the demo coders (uppfolj-admin user-set). */
	randombytes_buf(pw, sizeof pw);
	sodium_bin2hex(hex, sizeof hex, pw, sizeof pw);
	if (crypto_pwhash_str(hash, hex, strlen(hex), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return UF_ENOMEM;
	sodium_memzero(hex, sizeof hex);
	if ((e = db_qual_coder(run->db, DQ_CODER_A, hash, a)) != UF_OK)
		return e;
	return db_qual_coder(run->db, DQ_CODER_B, hash, b);
}

static uf_err
store_codes(struct demo_run *run, long long *ids, struct dq_counts *n)
{
	char g[DEMO_UUID_LEN + 1];
	uf_err e;

	for (size_t i = 0; i < dq_ncodes; i++) {
		int p = dq_codes[i].parent, l = dq_code_level(i);

		guid(run, 0xc0de, i, g);
		if ((e = db_qual_code_insert(run->db, run->study, p < 0 ? 0 : ids[p], l,
		         dq_codes[i].name, g, DQ_AUTHOR, &ids[i])) != UF_OK)
			return e;
		n->codes[l - 1]++;
	}
	return UF_OK;
}

/* The second coder's reading of a unit: mostly the same kod, sometimes a
 * kod of the next kategori, sometimes not marked at all. 0: skip. */
static size_t
second_opinion(struct rng *r, size_t code)
{
	double u = rng_unit(r);
	int cat = category_of(code), next = -1;
	size_t c, i;

	if (u < 0.12)
		return 0;
	if (u >= 0.27)
		return code;
	/* the next kategori that is not the rare one, whose respondents
	 * must stay as few as planned */
	for (c = 0; c < dq_ncategories; c++)
		if (dq_categories[c].code == cat) {
			size_t x = (c + 1) % dq_ncategories;

			while (dq_categories[x].rare)
				x = (x + 1) % dq_ncategories;
			next = dq_categories[x].code;
		}
	for (i = 0; i < dq_ncodes; i++)
		if (dq_code_level(i) == 3 && category_of(i) == next)
			return i;
	return code;
}

static uf_err
store_docs(struct demo_run *run, struct dq_doc *docs, size_t ndocs,
    const long long *codes, long long coder_a, struct dq_counts *n)
{
	char g[DEMO_UUID_LEN + 1];
	long long id;
	uf_err e;

	for (size_t i = 0; i < ndocs; i++) {
		struct dq_doc *d = &docs[i];

		guid(run, 0xd0c, i, g);
		if ((e = db_qual_doc_insert(run->db, run->study, run->wave_id[d->w],
		         group_id(d->g), d->p->id, d->title, buf_str(&d->body), coder_a,
		         g, &d->id)) != UF_OK)
			return e;
		n->documents++;
		for (size_t k = 0; k < d->nunits; k++) {
			const struct dq_unit *u = &d->units[k];
			const struct dq_passage *ps = &dq_passages[u->passage];

			guid(run, 0x0a17, i * DQ_UNITS_MAX + k, g);
			if ((e = db_qual_unit_insert(run->db, d->id, u->start, u->end,
			         ps->condensation, codes[ps->code], coder_a, g, &id)) != UF_OK)
				return e;
			n->units_a++;
		}
	}
	return UF_OK;
}

/* The first chef and the first personal interview of wave 1, coded again
 * by the second coder; both have finished. */
static uf_err
store_double(struct demo_run *run, const struct dq_doc *docs, size_t ndocs,
    const long long *codes, long long coder_a, long long coder_b,
    struct dq_counts *n)
{
	const enum respondent_group pick[] = { GROUP_CHEF, GROUP_PERSONAL };
	char g[DEMO_UUID_LEN + 1];
	struct rng r;
	long long set = 0, id;
	uf_err e;

	rng_seed(&r, rng_mix(run->seed, 0xdb1eULL));
	for (size_t j = 0; j < sizeof pick / sizeof pick[0]; j++) {
		const struct dq_doc *d = NULL;

		for (size_t i = 0; i < ndocs && d == NULL; i++)
			if (docs[i].w == 0 && docs[i].g == pick[j])
				d = &docs[i];
		if (d == NULL)
			continue;
		if (set == 0) {
			if ((e = db_qual_set_insert(run->db, run->study, DQ_SET_NAME, coder_a,
			         coder_b, &set)) != UF_OK)
				return e;
			n->sets++;
		}
		if ((e = db_qual_set_doc(run->db, set, d->id)) != UF_OK)
			return e;
		n->set_documents++;
		for (size_t k = 0; k < d->nunits; k++) {
			const struct dq_passage *ps = &dq_passages[d->units[k].passage];
			size_t code = second_opinion(&r, (size_t)ps->code);

			if (code == 0)
				continue;
			guid(run, 0xb0b, (size_t)(d - docs) * DQ_UNITS_MAX + k, g);
			if ((e = db_qual_unit_insert(run->db, d->id, d->units[k].start,
			         d->units[k].end, ps->condensation, codes[code], coder_b, g,
			         &id)) != UF_OK)
				return e;
			n->units_b++;
		}
	}
	return UF_OK;
}

/* Every section and reflection of one report (months 0: slutrapport). */
static uf_err
store_report(struct demo_run *run, int months, const long long *codes,
    struct dq_counts *n)
{
	const char *kind = months == 0 ? "slutrapport" : "delrapport";
	struct buf b;
	size_t i;
	uf_err e = UF_OK;

	buf_init(&b, 0);
	for (i = 0; i < DQ_NSECTIONS && e == UF_OK; i++) {
		buf_reset(&b);
		if ((e = dq_section_text(&b, i, months)) == UF_OK &&
		    (e = db_qual_text_insert(run->db, run->study, kind, months,
		         dq_section_ids[i], 0, buf_str(&b), DQ_AUTHOR)) == UF_OK)
			n->texts++;
	}
	for (i = 0; i < dq_ncategories && e == UF_OK; i++) {
		buf_reset(&b);
		if ((e = dq_reflection_text(&b, i, months)) == UF_OK &&
		    (e = db_qual_text_insert(run->db, run->study, kind, months,
		         "reflektion", codes[dq_categories[i].code], buf_str(&b),
		         DQ_AUTHOR)) == UF_OK)
			n->texts++;
	}
	buf_free(&b);
	return e;
}

uf_err
demo_qual_store(struct demo_run *run, struct dq_counts *n)
{
	struct dq_doc *docs = NULL;
	long long *codes = NULL, coder_a, coder_b;
	size_t ndocs = 0, cap = 0, i;
	int w, g, k;
	uf_err e = UF_OK;

	memset(n, 0, sizeof *n);
	for (w = 0; w < DEMO_NWAVES; w++)
		for (g = 0; g < GROUP__MAX; g++)
			cap += (size_t)per_wave[g];
	if ((docs = calloc(cap, sizeof *docs)) == NULL ||
	    (codes = calloc(dq_ncodes, sizeof *codes)) == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	for (w = 0; w < DEMO_NWAVES; w++)
		for (g = 0; g < GROUP__MAX; g++)
			for (k = 0; k < per_wave[g]; k++) {
				const struct demo_person *p = interviewee(&run->panel, g, w, k);
				struct dq_doc *d = &docs[ndocs];

				if (p == NULL)
					break;
				d->w = w;
				d->g = (enum respondent_group)g;
				d->p = p;
				buf_init(&d->body, 0);
				ndocs++;
				if ((e = compose(d, run, k)) != UF_OK)
					goto out;
			}
	if ((e = db_qual_begin(run->db)) != UF_OK ||
	    (e = store_coders(run, &coder_a, &coder_b)) != UF_OK ||
	    (e = store_codes(run, codes, n)) != UF_OK ||
	    (e = store_docs(run, docs, ndocs, codes, coder_a, n)) != UF_OK ||
	    (e = store_double(run, docs, ndocs, codes, coder_a, coder_b, n)) != UF_OK)
		goto out;
	for (w = 0; w < DEMO_NWAVES; w++)
		if (run->opens[w] <= run->today &&
		    (e = store_report(run, demo_wave_months[w], codes, n)) != UF_OK)
			goto out;
	e = store_report(run, 0, codes, n);
out:
	for (i = 0; i < ndocs; i++)
		buf_free(&docs[i].body);
	free(docs);
	free(codes);
	return e;
}
