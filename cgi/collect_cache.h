/* SPDX-License-Identifier: ISC
 * A per-process cache of respondent sessions, so that showing a page does
 * not ask PostgreSQL every time. Only reads use it: every write still goes
 * through a SECURITY DEFINER function that checks the session itself. An
 * entry lives at most ttl seconds and never past the session's expiry, and
 * the handlers drop it after every change this process makes.
 */
#ifndef UF_COLLECT_CACHE_H
#define UF_COLLECT_CACHE_H
#include <stdbool.h>
#include <stdint.h>
#include "err.h"
#include "form.h"

struct arena;

/* What the cache keeps of a session (strings and answers are copied). */
struct cache_session {
	long long code_id;
	long long expires_epoch;          /* the session's expires_at, Unix seconds */
	enum respondent_group grp;
	int months;
	const char *instrument_id;
	int version;
	const char *consent;              /* NULL, "given", "declined" */
	const char *status;               /* NULL, "draft", "submitted" */
	const char *csrf;
	int draft_rev;                    /* the answers' revision (schema/0016) */
	const struct form *form;          /* from the instrument cache (process life) */
	const struct form_answer *answers;/* form->nitems entries */
};

/* Set the time to live in seconds (0 turns the cache off). Call before the
 * workers start. */
void session_cache_init(int ttl_seconds);
/* Free every entry (at exit). */
void session_cache_clear(void);

/* Generation to pass to session_cache_put after a database load: a put is
 * dropped when anything was forgotten in between (the load may be stale). */
uint64_t session_cache_generation(void);

/* Copy the entry for key (the token's keyed hash) into the arena. false
 * when there is none, it is older than the ttl or the session has expired
 * (or on out of memory: the caller then loads from the database). */
bool session_cache_get(const char *key, struct arena *a, struct cache_session *out);

/* Remember a session loaded from the database at generation gen. */
void session_cache_put(const char *key, uint64_t gen, const struct cache_session *s);

/* Remember a session this process has just written (a draft page): it
 * replaces the entry unless that holds a higher draft revision, and like a
 * forget it keeps a load begun before the write from being cached. */
void session_cache_replace(const char *key, const struct cache_session *s);

/* Forget the session of key, and every session of code_id (>= 0 to use). */
void session_cache_forget(const char *key, long long code_id);

#endif
