/* SPDX-License-Identifier: ISC
 * The examples evaluators choose for the report's category table
 * (meningsbärande enhet -> subkategori -> kategori): choosing and dropping
 * a meaning unit as its subkategori's example, at most QUAL_EXAMPLES_MAX
 * per subkategori, recorded in qual_example_event and the audit log.
 * The rules themselves are qual_example_set's (schema/0026).
 */
#ifndef UF_MANAGE_QUAL_EXAMPLES_H
#define UF_MANAGE_QUAL_EXAMPLES_H
#include <stdbool.h>

#include "db.h"
#include "db_qual_examples.h"
#include "err.h"
#include "study.h"

#define QUAL_EXAMPLES_MAX 2 /* examples per subkategori in the table */

/* Choose (chosen) or drop meaning unit `unit` of study as the example of
 * its subkategori, as viewer (who must see the unit) named actor; one
 * transaction. UF_ENOTFOUND, UF_EINVAL (not coded under a subkategori),
 * UF_ECONFLICT (the subkategori has QUAL_EXAMPLES_MAX already), each with
 * a message in err saying what to do. */
uf_err qual_example_set(struct db *db, long long study, long long unit, bool chosen,
    long long viewer, const char *actor, struct manage_error *err);

/* Whether unit is among the chosen examples l (db_qex_list). */
bool qual_example_chosen(const struct qex_rows *l, long long unit);
/* How many examples subkategori has in l. */
size_t qual_example_count(const struct qex_rows *l, long long subkategori);

#endif
