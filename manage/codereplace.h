/* SPDX-License-Identifier: ISC
 * Void a lost slip's code and give the same participant a new one for the
 * same wave: the old code stops working at once (its hash is gone and its
 * survey sessions end, schema/0015 code_replace), a draft begun with it
 * stays the participant's, and the caller prints the new slip (the same
 * codes_sink as issuing). Test marks on a code live here too.
 */
#ifndef UF_MANAGE_CODEREPLACE_H
#define UF_MANAGE_CODEREPLACE_H
#include <stdbool.h>

#include "codes.h"

/* Replace the code of participant `panel` in wave `months` of study (slug,
 * NULL for the only one), audited as "code.replace". The new slip goes to
 * sink before COMMIT (an error there keeps the old code). UF_ENOTFOUND: no
 * such participant/code; UF_ECONFLICT: the code was used (answers
 * submitted) or the wave is closed; err says which. */
uf_err code_replace(struct db *db, const unsigned char key[CODE_KEY_LEN],
    const char *study, const char *panel, int months, const char *actor,
    codes_sink sink, void *ctx, struct manage_error *err);

/* Mark participant panel's code in wave months as a test code (or real
 * again), audited as "code.test". */
uf_err code_mark_test(struct db *db, const char *study, const char *panel,
    int months, bool test, const char *actor, struct manage_error *err);

/* Mark a whole wave as a test wave (or real again), audited "wave.test". */
uf_err wave_mark_test(struct db *db, const char *study, int months, bool test,
    const char *actor, struct manage_error *err);

/* Delete every test response and test consent of the study in one
 * transaction, audited "test.purge"; *n = responses deleted. */
uf_err test_purge(struct db *db, const char *study, const char *actor,
    long long *n, struct manage_error *err);

#endif
