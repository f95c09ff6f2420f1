/* SPDX-License-Identifier: ISC
 * The synthetic demo study, in pieces: a seeded PRNG (demo_rng.c), civil
 * dates (demo_date.c), the free-text bank (demo_text.c), the panel of units
 * and participants (demo_panel.c) and the answers (demo_answers.c). All of
 * it is deterministic: the same seed gives the same data. Writing it to
 * the database (demo_store.c) goes through admin/db_admin.h only.
 */
#ifndef UF_ADMIN_DEMO_H
#define UF_ADMIN_DEMO_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "code.h"
#include "err.h"
#include "form.h"

/* --- PRNG: xoshiro256** seeded through splitmix64 ---------------------- */

struct rng {
	uint64_t s[4];
};

void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
double rng_unit(struct rng *r);                  /* [0, 1) */
long rng_range(struct rng *r, long lo, long hi); /* lo..hi inclusive */
bool rng_chance(struct rng *r, double p);
double rng_normal(struct rng *r); /* mean 0, sd 1 */
/* Derive an independent seed from a seed and a label (splitmix64 mixing). */
uint64_t rng_mix(uint64_t a, uint64_t b);
uint64_t rng_hash(const char *s); /* FNV-1a, for labels */
/* A deterministic version-4 UUID ("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx")
 * drawn from seed. */
#define DEMO_UUID_LEN 36
void demo_uuid(uint64_t seed, char out[DEMO_UUID_LEN + 1]);

/* --- dates as days since 1970-01-01 ------------------------------------ */

#define DATE_LEN 10 /* "YYYY-MM-DD" */

long date_from_ymd(int y, int m, int d);
void date_to_ymd(long days, int *y, int *m, int *d);
/* Same day of month `months` later, clamped to the month's last day. */
long date_add_months(long days, int months);
/* Strict YYYY-MM-DD of a real date between 1900 and 2199. */
bool date_parse(const char *s, long *days);
void date_format(long days, char out[DATE_LEN + 1]);
long date_today(void); /* local calendar date */

/* --- free text ---------------------------------------------------------- */

/* A realistic Swedish sentence for a text item of theme `theme` (id), asked
 * of group g, at most max_chars characters. Static text; never NULL. */
const char *demo_text_pick(struct rng *r, enum respondent_group g,
    const char *theme, int max_chars);

/* --- the panel ---------------------------------------------------------- */

#define DEMO_NWAVES           3
#define DEMO_NUNITS           10
#define DEMO_PANEL_ID_MAX     16
#define DEMO_MAX_PARTICIPANTS 200000

extern const int demo_wave_months[DEMO_NWAVES];

struct demo_unit {
	const char *name;
	const char *kind; /* unit_kind enum value */
	const char *huvudman;
	const char *label; /* report_label */
	double effect;     /* how positive this unit is */
	long long id;      /* unit_id once stored */
};

struct demo_person {
	char panel[DEMO_PANEL_ID_MAX];
	enum respondent_group grp;
	unsigned unit;
	unsigned waves;              /* bit w: consent given and a response in wave w */
	unsigned declined;           /* bit w: consent declined, no response */
	bool kiosk;                  /* gets a code for the open wave, no answer */
	double effect;               /* personal random effect, same in every wave */
	long long id;                /* participant_id once stored */
	long long resp[DEMO_NWAVES]; /* response_id per wave, 0 if none */
	const char *lang;            /* language of every response ("sv") */
	bool easy;                   /* easy-to-read text on */
};

struct demo_panel {
	struct demo_unit units[DEMO_NUNITS];
	struct demo_person *people;
	size_t n;
	size_t *slots; /* open-addressing index by panel id */
	size_t nslots;
};

struct demo_panel_spec {
	uint64_t seed;
	long participants;                /* 0: the default shape (~230) */
	unsigned group_waves[GROUP__MAX]; /* bit w: group answers in wave w */
	int kiosk_wave;                   /* index of the open wave, or -1 */
};

uf_err demo_panel_build(struct demo_panel *p, const struct demo_panel_spec *s);
/* Set each person's lang and easy (demo_lang.c); demo_panel_build calls it. */
void demo_panel_langs(struct demo_panel *p);
/* A free-text answer in lang ("en", "ar") of at most max_chars characters;
 * NULL for Swedish or a language without a bank (then demo_text_pick). */
const char *demo_text_pick_lang(struct rng *r, const char *lang, int max_chars);
void demo_panel_free(struct demo_panel *p);
struct demo_person *demo_panel_find(const struct demo_panel *p,
    const char *panel_id);

/* --- answers ------------------------------------------------------------ */

struct demo_item;

/* Per-instrument model: each item's level, trend and direction. */
struct demo_form {
	const struct form *f; /* borrowed */
	struct demo_item *items;
};

uf_err demo_form_init(struct demo_form *df, const struct form *f, uint64_t seed);
void demo_form_free(struct demo_form *df);

/* One respondent in one wave. */
struct demo_who {
	uint64_t seed; /* unique per participant and wave */
	int months;    /* the wave */
	int t;         /* wave index 0, 1, 2: the trend's clock */
	double unit_effect;
	double person_effect;
	long first_day, last_day; /* range for date items */
	const char *lang;         /* free text in this language; NULL: Swedish */
};

/* Scratch for one response's answers (large: allocate once, reuse). */
struct demo_draw {
	struct form_answer ans[FORM_MAX_ITEMS];
	const char *choices[FORM_MAX_ITEMS][FORM_MAX_OPTIONS];
	char dates[FORM_MAX_ITEMS][DATE_LEN + 1];
	char numbers[FORM_MAX_ITEMS][24]; /* number items: canonical text */
};

/* Draw a complete, valid answer set (form_check_answers agrees, or
 * UF_EINTERNAL with err set: a generator bug). */
uf_err demo_answers_draw(const struct demo_form *df, const struct demo_who *who,
    struct demo_draw *d, struct form_error *err);

/* --- one run of `uppfolj-admin demo` (cmd_demo.c, demo_store.c) -------- */

struct db;

#define DEMO_NKIOSK_MAX 16

struct kiosk_code {
	char code[CODE_PRINT_LEN + 1];
	const char *grp;
	const char *kind;
	char panel[DEMO_PANEL_ID_MAX];
};

struct demo_run {
	/* options */
	const char *conninfo, *secret, *forms_dir, *slug, *codes_out;
	long participants;
	uint64_t seed;
	long start;
	bool quiet;
	/* state */
	struct db *db;
	struct form *forms[GROUP__MAX];
	struct demo_form models[GROUP__MAX];
	struct demo_panel panel;
	struct demo_draw *draw;
	long today;
	long opens[DEMO_NWAVES], closes[DEMO_NWAVES];
	long long wave_id[DEMO_NWAVES];
	int open_wave; /* index, or -1 */
	long long study;
	struct buf out; /* COPY data */
	bool copying;
	struct kiosk_code codes[DEMO_NKIOSK_MAX];
	size_t ncodes;
};

/* Whether instrument f is used in the wave at `months`. */
bool demo_form_has_wave(const struct form *f, int months);

/* Write the study, units, waves, wave instruments, participants, consents,
 * responses, answers and kiosk codes of run (forms, models and panel ready)
 * inside the caller's transaction. Bulk rows go through COPY. */
uf_err demo_store(struct demo_run *run, const unsigned char key[CODE_KEY_LEN]);

#endif
