/* SPDX-License-Identifier: ISC
 * A study's waves: the list with dates and state, creating a wave with the
 * instrument version each group answers in it ("wave.create"), and changing
 * a wave's opening and closing days (its unused codes expire with it;
 * "wave.dates"), each checked and done in one transaction with its audit
 * row. Shared by `uppfolj-admin waves` / `wave-add` / `wave-set` and the
 * web admin's waves page.
 * Closing a wave early is manage/retention's.
 */
#ifndef UF_MANAGE_WAVES_H
#define UF_MANAGE_WAVES_H
#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "err.h"
#include "group.h"
#include "study.h"

/* A real calendar date "YYYY-MM-DD" between 2000 and 2099. Pure. */
bool wave_date_ok(const char *s);

/* Set the opening and closing days of the wave at `months` in study (slug,
 * NULL for the only one), logged as actor. UF_EINVAL with err (field
 * "opens", "closes") for a malformed date or closing before opening,
 * UF_ENOTFOUND when there is no such wave. *codes (may be NULL) = unused
 * codes whose expiry moved with the closing day. */
uf_err wave_set_dates(struct db *db, const char *study, int months,
    const char *opens_on, const char *closes_on, const char *actor,
    long long *codes, struct manage_error *err);

#define WAVE_INSTRUMENT_ID_MAX 32 /* instrument.instrument_id CHECK */

/* Which instrument version one group answers in a new wave. */
enum wave_pick_how {
	WAVE_PICK_DEFAULT, /* the newest loaded version of the group whose
	                        "waves" list the wave's months; none if none */
	WAVE_PICK_NONE,    /* the group does not answer in this wave */
	WAVE_PICK_GIVEN,   /* instrument + version */
};
struct wave_pick {
	enum wave_pick_how how;
	char instrument[WAVE_INSTRUMENT_ID_MAX + 1];
	int version;
};

/* Parse a choice as the CLI and the web form spell it: "" (the default),
 * "none", or "ID:VERSION" (e.g. "patient:1"). false when malformed. Pure. */
bool wave_pick_parse(const char *s, struct wave_pick *out);

struct wave_new {
	int months;                        /* 1..120, unique in the study */
	const char *opens_on;              /* YYYY-MM-DD */
	const char *closes_on;             /* YYYY-MM-DD, not before opens_on */
	struct wave_pick pick[GROUP__MAX]; /* by enum respondent_group; zeroed:
	                                         every group the default */
};

/* Create a wave in study (slug, NULL for the only one) with a
 * wave_instrument row per group that answers, logged as "wave.create" by
 * actor, in one transaction. Each given instrument must exist, be for
 * that group (instrument.grp) and list the months in its "waves".
 * UF_EINVAL with err (field "months", "opens", "closes", "instrument")
 * for bad input or when no group would answer, UF_ECONFLICT (field
 * "months") when the study has a wave at these months. On UF_OK and
 * chosen != NULL, chosen[] is what each group got (GIVEN or NONE). */
uf_err wave_add(struct db *db, const char *study, const struct wave_new *w,
    const char *actor, long long *id, struct wave_pick chosen[GROUP__MAX],
    struct manage_error *err);

struct m_wave;
/* The state of a wave in Swedish ("Öppen", ...). */
const char *wave_state_text(const struct m_wave *w);

#endif
