/* SPDX-License-Identifier: ISC
 * The response-rate monitor per wave x unit x group: invited (codes
 * issued), started (a draft or more), consented, declined, submitted and
 * the rate. Exact for admins and evaluators; masked for unit contacts
 * (counts below 5 hidden, by the database: schema/0006 mask_small).
 */
#ifndef UF_MANAGE_RATES_H
#define UF_MANAGE_RATES_H
#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "err.h"
#include "study.h"

#define RATE_MASKED (-1LL) /* a count hidden because it is below 5 */

struct rate_row {
	int months;
	long long unit_id;
	char report_label[UNIT_LABEL_MAX * 4 + 1];
	char grp[16];
	long long invited, started, consented, declined, submitted;
	double rate;     /* percent of invited who submitted */
	bool rate_shown; /* false when masked (or nobody invited) */
};

struct rate_table {
	struct rate_row *rows; /* malloc'ed; rate_table_free */
	size_t n;
};

void rate_table_free(struct rate_table *t); /* NULL-safe; keeps t */

/* Rates of study (slug, NULL for the only one) for wave `months` (0: all)
 * and unit (0: all). masked: the unit-contact view. */
uf_err rates_get(struct db *db, const char *study, int months, long long unit,
    bool masked, struct rate_table *out, struct manage_error *err);

/* A unit contact's rates, over a connection as uppfolj_contact
 * (db_contact_connect), for the units of the session `token`. UF_EAUTH for
 * a dead session, UF_EPERM when the user is not a unit contact. */
uf_err rates_contact(struct db *cdb, const char *token, struct rate_table *out);

/* A count as shown: digits, or "<5" when masked. Returns buf. */
const char *rate_count_text(long long v, char buf[24]);
/* The rate as a person reads it, in Swedish: a decimal comma, "42,5 %",
 * or "–" when hidden. For web pages and the CLI's table. Returns buf. */
const char *rate_rate_text(const struct rate_row *r, char buf[24]);
/* The rate for machines (CSV): a decimal point, "42.5", or "" when hidden.
 * Returns buf. */
const char *rate_rate_csv(const struct rate_row *r, char buf[24]);

#endif
