/* SPDX-License-Identifier: ISC
 * The demo panel: ten fictitious units shaped like the evaluation and the
 * pseudonymous participants on them, with who takes part in which wave
 * (entry, attrition, a few declined consents, late joiners) and the kiosk
 * participants who still have the open wave ahead of them.
 */
#include <stdlib.h>
#include <string.h>

#include "demo.h"

const int demo_wave_months[DEMO_NWAVES] = { 12, 24, 36 };

/* Names are invented; reports print only the label. */
static const struct demo_unit unit_table[DEMO_NUNITS] = {
	{ "Avdelning 3, Klinik Norr", "heldygnsvard", "region",
	    "psykiatri, heldygnsvård", 0, 0 },
	{ "Avdelning 4, Klinik Norr", "heldygnsvard", "region",
	    "psykiatri, heldygnsvård", 0, 0 },
	{ "Avdelning 12, Klinik Söder", "heldygnsvard", "region",
	    "psykiatri, heldygnsvård", 0, 0 },
	{ "Avdelning 31, Klinik Väster", "heldygnsvard", "region",
	    "psykiatri, heldygnsvård", 0, 0 },
	{ "Boendestödet Centrum, Norrköpinge kommun", "boendestod", "kommun",
	    "kommun, boendestöd", 0, 0 },
	{ "Träffpunkten Ekbacken, Norrköpinge kommun", "traffpunkt", "kommun",
	    "kommun, träffpunkt", 0, 0 },
	{ "Stödboendet Lindgården, Norrköpinge kommun", "stodboende", "kommun",
	    "kommun, stödboende", 0, 0 },
	{ "Boendestödet Söder, Västerby kommun", "boendestod", "kommun",
	    "kommun, boendestöd", 0, 0 },
	{ "Träffpunkten Hamnen, Västerby kommun", "traffpunkt", "kommun",
	    "kommun, träffpunkt", 0, 0 },
	{ "Stödboendet Björkhagen, Västerby kommun", "stodboende", "kommun",
	    "kommun, stödboende", 0, 0 },
};

/* Participants per unit in the default shape: [min, max] per group. */
static const int group_min[GROUP__MAX] = { 1, 6, 1, 8 };
static const int group_max[GROUP__MAX] = { 1, 10, 2, 15 };
/* Chance to stay from one wave to the next (attrition 10-20 %). */
static const double group_stay[GROUP__MAX] = { 0.90, 0.85, 0.90, 0.80 };

/* Kiosk participants: 3 patients and one of each staff group, each on a
 * different unit and of different unit kinds where possible. */
static const struct {
	enum respondent_group grp;
	unsigned unit;
} kiosk_table[] = {
	{ GROUP_PATIENT, 0 },
	{ GROUP_PATIENT, 4 },
	{ GROUP_PATIENT, 8 },
	{ GROUP_CHEF, 1 },
	{ GROUP_PERSONAL, 5 },
	{ GROUP_PEER, 9 },
};

/* No look-alikes (0 O 1 I L), like access codes. */
static const char panel_alphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

#define EMPTY_SLOT ((size_t)-1)

static size_t
slot_of(const struct demo_panel *p, const char *panel)
{
	size_t mask = p->nslots - 1, i = (size_t)rng_hash(panel) & mask;

	while (p->slots[i] != EMPTY_SLOT &&
	    strcmp(p->people[p->slots[i]].panel, panel) != 0)
		i = (i + 1) & mask;
	return i;
}

struct demo_person *
demo_panel_find(const struct demo_panel *p, const char *panel_id)
{
	size_t i;

	if (p->nslots == 0)
		return NULL;
	i = slot_of(p, panel_id);
	return p->slots[i] == EMPTY_SLOT ? NULL : &p->people[p->slots[i]];
}

void
demo_panel_free(struct demo_panel *p)
{
	if (p == NULL)
		return;
	free(p->people);
	free(p->slots);
	memset(p, 0, sizeof(*p));
}

/* Per unit and group counts; scaled to exactly `want` by largest
 * remainder when a panel size is asked for. */
static void
plan_counts(struct rng *r, long want, long counts[DEMO_NUNITS][GROUP__MAX])
{
	double frac[DEMO_NUNITS][GROUP__MAX];
	long total = 0, given = 0;
	int u, g;

	for (u = 0; u < DEMO_NUNITS; u++)
		for (g = 0; g < GROUP__MAX; g++) {
			counts[u][g] = rng_range(r, group_min[g], group_max[g]);
			total += counts[u][g];
		}
	if (want <= 0)
		return;
	for (u = 0; u < DEMO_NUNITS; u++)
		for (g = 0; g < GROUP__MAX; g++) {
			double q = (double)counts[u][g] * (double)want / (double)total;

			counts[u][g] = (long)q;
			frac[u][g] = q - (double)counts[u][g];
			given += counts[u][g];
		}
	while (given < want) {
		int bu = 0, bg = 0;

		for (u = 0; u < DEMO_NUNITS; u++)
			for (g = 0; g < GROUP__MAX; g++)
				if (frac[u][g] > frac[bu][bg])
					bu = u, bg = g;
		counts[bu][bg]++;
		frac[bu][bg] = -1.0;
		given++;
	}
}

/* Who takes part when: enter at the first wave (mostly) or later, then
 * stay with the group's probability or come back with a small one. */
static void
plan_waves(struct rng *r, struct demo_person *pe, unsigned allowed)
{
	int list[DEMO_NWAVES], k = 0, w, entry, j;
	bool prev = false, present;
	double u;

	for (w = 0; w < DEMO_NWAVES; w++)
		if (allowed & (1u << w))
			list[k++] = w;
	if (k == 0)
		return;
	u = rng_unit(r);
	entry = u < 0.80 ? 0 : u < 0.93 ? 1 :
	                                  2;
	if (entry >= k)
		entry = k - 1;
	for (j = entry; j < k; j++) {
		present = j == entry ? true :
		                       rng_chance(r, prev ? group_stay[pe->grp] : 0.25);
		prev = false;
		if (!present)
			continue;
		if (rng_chance(r, 0.03)) {
			pe->declined |= 1u << list[j];
			continue;
		}
		pe->waves |= 1u << list[j];
		prev = true;
	}
}

static uf_err
new_panel_id(struct demo_panel *p, struct rng *r, struct demo_person *pe)
{
	int tries, i;

	for (tries = 0; tries < 100; tries++) {
		memcpy(pe->panel, "P-", 2);
		for (i = 0; i < 6; i++)
			pe->panel[2 + i] = panel_alphabet[rng_range(r, 0,
			    (long)sizeof(panel_alphabet) - 2)];
		pe->panel[8] = '\0';
		if (p->slots[slot_of(p, pe->panel)] == EMPTY_SLOT)
			return UF_OK;
	}
	return UF_EINTERNAL; /* 31^6 ids; never this crowded */
}

static void
pick_kiosk(struct demo_panel *p, const struct demo_panel_spec *s)
{
	size_t k, i;

	if (s->kiosk_wave < 0)
		return;
	for (k = 0; k < sizeof(kiosk_table) / sizeof(kiosk_table[0]); k++) {
		enum respondent_group g = kiosk_table[k].grp;
		unsigned open = 1u << s->kiosk_wave;

		if (!(s->group_waves[g] & open))
			continue;
		for (i = 0; i < p->n; i++) {
			struct demo_person *pe = &p->people[i];

			if (pe->grp != g || pe->unit != kiosk_table[k].unit)
				continue;
			/* A returning participant: every earlier wave of the
			 * group answered, the open one still ahead. */
			pe->kiosk = true;
			pe->waves = s->group_waves[g] & (open - 1);
			pe->declined = 0;
			break;
		}
	}
}

uf_err
demo_panel_build(struct demo_panel *p, const struct demo_panel_spec *s)
{
	long counts[DEMO_NUNITS][GROUP__MAX];
	struct rng shape, ids;
	size_t total = 0, i;
	long c;
	int u, g;
	uf_err e = UF_OK;

	memset(p, 0, sizeof(*p));
	memcpy(p->units, unit_table, sizeof(unit_table));
	rng_seed(&shape, rng_mix(s->seed, rng_hash("shape")));
	rng_seed(&ids, rng_mix(s->seed, rng_hash("panel ids")));
	for (u = 0; u < DEMO_NUNITS; u++)
		p->units[u].effect = 0.3 * rng_normal(&shape);
	plan_counts(&shape, s->participants, counts);
	for (u = 0; u < DEMO_NUNITS; u++)
		for (g = 0; g < GROUP__MAX; g++)
			total += (size_t)counts[u][g];
	if (total == 0 || total > DEMO_MAX_PARTICIPANTS) {
		e = UF_ELIMIT;
		goto out;
	}
	for (p->nslots = 16; p->nslots < 2 * total; p->nslots *= 2)
		;
	p->people = calloc(total, sizeof(*p->people));
	p->slots = malloc(p->nslots * sizeof(*p->slots));
	if (p->people == NULL || p->slots == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	for (i = 0; i < p->nslots; i++)
		p->slots[i] = EMPTY_SLOT;
	for (u = 0; u < DEMO_NUNITS; u++) {
		for (g = 0; g < GROUP__MAX; g++) {
			for (c = 0; c < counts[u][g]; c++) {
				struct demo_person *pe = &p->people[p->n];
				struct rng r;

				pe->grp = (enum respondent_group)g;
				pe->unit = (unsigned)u;
				if ((e = new_panel_id(p, &ids, pe)) != UF_OK)
					goto out;
				p->slots[slot_of(p, pe->panel)] = p->n;
				/* Each person has an own stream: adding people
				 * never shifts anyone else's data. */
				rng_seed(&r, rng_mix(s->seed, rng_hash(pe->panel)));
				pe->effect = 0.45 * rng_normal(&r);
				plan_waves(&r, pe, s->group_waves[g]);
				p->n++;
			}
		}
	}
	pick_kiosk(p, s);
	demo_panel_langs(p);
out:
	if (e != UF_OK)
		demo_panel_free(p);
	return e;
}
