/* SPDX-License-Identifier: ISC
 * Issue access codes for a wave, unit and group: new pseudonymous
 * participants, or the participants of an earlier wave (so their answers
 * link across waves). Codes exist in clear only in the batch handed to the
 * caller's sink (to print the sheet) and are wiped afterwards; the database
 * gets keyed hashes only.
 */
#ifndef UF_MANAGE_CODES_H
#define UF_MANAGE_CODES_H
#include <stdbool.h>
#include <stddef.h>

#include "code.h"
#include "db.h"
#include "err.h"
#include "form.h"
#include "study.h"

#define CODES_MAX_COUNT 1000 /* per batch */
#define PANEL_ID_MAX    16   /* "B-7KQ4XM" */
#define PANEL_RAND_LEN  6

struct codes_request {
	const char *study; /* slug, or NULL for the only study */
	int months;        /* the wave */
	long long unit;
	enum respondent_group grp;
	int count;         /* new participants; with from_months: at
	                               most this many (0 = all) */
	int from_months;   /* 0: new participants */
	const char *actor; /* who, for the audit log */
};

struct codes_slip {
	char panel_id[PANEL_ID_MAX];
	char code[CODE_LEN + 1]; /* normalised; format with code_format */
};

struct codes_batch {
	int months;
	enum respondent_group grp;
	long long unit_id;
	char report_label[UNIT_LABEL_MAX * 4 + 1];
	char expires_at[48];      /* timestamptz text */
	char closes_on[16];       /* YYYY-MM-DD: the last day a code works */
	struct codes_slip *slips; /* n filled of cap; wiped and freed by the
	                               issuer */
	size_t n;
	size_t cap;
};

/* Called with the batch before the transaction commits; an error rolls
 * everything back (no participant or code is kept). */
typedef uf_err (*codes_sink)(void *ctx, const struct codes_batch *b);

/* Issue codes and hand them to sink, all in one transaction. On an error
 * that is the caller's (unknown wave/unit, group not asked in the wave,
 * closed wave, count out of range, nobody to carry over) err says what. */
uf_err codes_issue(struct db *db, const unsigned char key[CODE_KEY_LEN],
    const struct codes_request *rq, codes_sink sink, void *ctx,
    struct manage_error *err);

/* A fresh random panel id for group g: one letter for the group (C chef,
 * S personal, P peer, B patient/brukare), a dash and PANEL_RAND_LEN
 * characters of the code alphabet, e.g. "B-7KQ4XM". Random, so it says
 * nothing about order or time. */
uf_err panel_id_generate(enum respondent_group g, char out[PANEL_ID_MAX]);

#endif
