/* SPDX-License-Identifier: ISC
 * The instrument cache of uppfolj-collect: parsed definitions shared by every
 * worker thread for the life of the process (collect_instr.c). The only part
 * of the instrument handling that touches the database.
 */
#ifndef UF_COLLECT_INSTR_H
#define UF_COLLECT_INSTR_H
#include "err.h"
#include "form.h"

struct arena;
struct db;

/* Parsed definition of id/version from the cache, loading it from the
 * database on a miss. Borrowed for the life of the process. UF_ENOTFOUND,
 * UF_EDB, UF_EFORMAT (a stored definition does not parse: logged). */
uf_err instr_get(struct db *db, struct arena *a, const char *id, int version,
    const struct form **out);
void instr_cache_clear(void);

#endif
