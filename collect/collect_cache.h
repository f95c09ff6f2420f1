/* SPDX-License-Identifier: ISC
 * A per-process cache of respondents' sessions with their draft answers.
 * A copy serves in two ways (collect_session.c has the rules): a page view
 * whose view cookie names the copy (the browser's last write, or a read
 * made for that cookie) takes it without asking the database; any other
 * request reads its session from PostgreSQL, which says whether the
 * draft's stamp is still the one a copy was read at, and then needs no
 * answers sent. An entry serves at most ttl seconds after it was known
 * current and never past the session's expiry.
 */
#ifndef UF_COLLECT_CACHE_H
#define UF_COLLECT_CACHE_H
#include <stdbool.h>
#include <stddef.h>
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
	long long draft_rev; /* the revision in stamp */
	bool test;
	const struct lang *ui; /* the language table's row (process life) */
	bool easy;             /* easy-to-read chosen */
};

/* Set the time to live in seconds (0 turns the cache off). Call before the
 * workers start. */
void session_cache_init(int ttl_seconds);
/* Free every entry (at exit). */
void session_cache_clear(void);

/* The monotonic clock the entries are timed with, in seconds: take it
 * before a request reads or writes its session, and pass it as since. */
double session_cache_now(void);

/* Generation to pass to session_cache_put after a database load: the put
 * is dropped when its session's entry was written or forgotten in
 * between, or the sessions of its access code were forgotten (the load
 * may be stale); a change of another session does not drop it. */
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

/* The language of key's entry (a row of the language table, which lives
 * as long as the process), copying nothing; NULL when there is none (older
 * than the ttl, the session expired). For a page that needs only that,
 * such as an error page written before the session is read. */
const struct lang *session_cache_lang(const char *key);

/* Copy key's entry into the arena when it was stored for the view cookie
 * view (compared in constant time), is younger than the ttl and the
 * session has not expired by its own clock: a page view may then use it
 * without asking the database. false otherwise, or out of memory. */
bool session_cache_view(const char *key, const char *view, struct arena *a,
    struct cache_session *out);

/* Remember a session loaded from the database at generation gen, known
 * current at since (session_cache_now before the load); view: the view
 * cookie it was read for (a page view), NULL: none. */
void session_cache_put(const char *key, uint64_t gen, double since, const char *view,
    const struct cache_session *s);

/* Remember a session this process has just written (a draft page, with
 * the stamp the write returned), current at since, for the view cookie
 * view that the write's response sets (NULL: none): it replaces the
 * entry, and like a forget it keeps a load begun before the write from
 * being cached. Should another instance write later, the database's stamp
 * no longer matches and the browser's view cookie is another one. */
void session_cache_replace(const char *key, double since, const char *view,
    const struct cache_session *s);

/* Forget the session of key, and every session of code_id (>= 0 to use). */
void session_cache_forget(const char *key, long long code_id);

#endif
