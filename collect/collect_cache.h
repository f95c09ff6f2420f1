/* SPDX-License-Identifier: ISC
 * A per-process cache of respondents' draft answers, so that a request
 * whose draft has not changed need not have the answers sent and parsed.
 * Every request still reads its session from PostgreSQL (collect_session.c),
 * which says whether the draft's stamp is still the one a copy was read at:
 * the cache is only ever used for an unchanged draft, so several
 * instances behind one upstream never serve a stale page. An entry lives at
 * most ttl seconds and never past the session's expiry.
 */
#ifndef UF_COLLECT_CACHE_H
#define UF_COLLECT_CACHE_H
#include <stdbool.h>
#include <stdint.h>
#include "err.h"
#include "form.h"

struct arena;
struct lang;

/* What the cache keeps of a session (strings and answers are copied). */
struct cache_session {
	long long code_id;
	long long expires_epoch; /* the session's expires_at, Unix seconds */
	const char *instrument_id;
	int version;
	const char *stamp;                 /* the draft's stamp the answers were read at */
	const struct form *form;           /* from the instrument cache (process life) */
	const struct form_answer *answers; /* form->nitems entries */
	/* The rest of the session as it was read, for a page save that starts
	 * from the cache (session_cache_peek); a draft write checks it. */
	enum respondent_group grp;
	int months;
	const char *consent; /* NULL, "given" or "declined" */
	const char *status;  /* NULL, "draft" or "submitted" */
	const char *csrf;    /* fixed for the session's life */
	int draft_rev;       /* the revision in stamp */
	bool test;
	const struct lang *ui; /* the language table's row (process life) */
	bool easy;             /* easy-to-read chosen */
};

/* Set the time to live in seconds (0 turns the cache off). Call before the
 * workers start. */
void session_cache_init(int ttl_seconds);
/* Free every entry (at exit). */
void session_cache_clear(void);

/* Generation to pass to session_cache_put after a database load: a put is
 * dropped when anything was forgotten in between (the load may be stale). */
uint64_t session_cache_generation(void);

/* An arena copy of the stamp of key's entry, to ask the database with;
 * NULL when there is none, it is older than the ttl or the session has
 * expired (or on out of memory). */
const char *session_cache_stamp(const char *key, struct arena *a);

/* Copy the entry for key into the arena when it is still at stamp (which
 * the database has just confirmed). false when it is gone or has another
 * stamp by now (another thread replaced it), or on out of memory: the
 * caller then reads the answers from the database. */
bool session_cache_get(const char *key, const char *stamp, struct arena *a,
    struct cache_session *out);

/* Copy key's entry into the arena whatever its stamp, without asking the
 * database: only for a request whose write checks the draft's revision and
 * the session itself (a page save), and re-reads when refused. false when
 * there is none (older than the ttl, the session expired) or out of memory. */
bool session_cache_peek(const char *key, struct arena *a, struct cache_session *out);

/* Remember a session loaded from the database at generation gen. */
void session_cache_put(const char *key, uint64_t gen, const struct cache_session *s);

/* Remember a session this process has just written (a draft page, with
 * the stamp the write returned): it replaces the entry, and like a forget
 * it keeps a load begun before the write from being cached. Should another
 * instance write later, the database's stamp no longer matches and the
 * copy is not used. */
void session_cache_replace(const char *key, const struct cache_session *s);

/* Forget the session of key, and every session of code_id (>= 0 to use). */
void session_cache_forget(const char *key, long long code_id);

#endif
