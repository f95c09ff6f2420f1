/* SPDX-License-Identifier: ISC
 * uppfolj-collect's data layer: its one statement table (calls of the
 * SECURITY DEFINER functions in schema/0003_collect.sql, 0011, 0016,
 * 0018 and 0021) and typed functions over it. Hashes are passed as bytea text ("\\x..."). Errors as db_exec:
 * UF_EAUTH no/expired session, UF_EPERM no consent, UF_ECONFLICT already
 * submitted, UF_ERATE rate limited, UF_ENOTFOUND, UF_EINVAL, UF_EDB.
 */
#ifndef UF_DB_COLLECT_H
#define UF_DB_COLLECT_H
#include <stdbool.h>
#include <stddef.h>
#include "db.h"
#include "err.h"

struct arena;

enum collect_stmt {
	ST_LOGIN,
	ST_SESSION_GET,
	ST_SESSION_END,
	ST_SESSION_EXTEND,
	ST_SESSION_END_SAVING,
	ST_SESSION_EXPIRED,
	ST_CONSENT,
	ST_VIEW_SET,
	ST_DRAFT_PAGE,
	ST_SUBMIT_SESSION,
	ST_SUBMIT_CODE,
	ST_INSTRUMENT,
	ST_INSTRUMENT_TRANSLATIONS,
	ST__MAX
};

extern const struct db_stmt collect_stmts[ST__MAX];

struct rate_limits {
	int addr_max, code_max, window_minutes;
};

/* Idle seconds of a new session: patients (ward tablets) and everyone else. */
struct idle_times {
	int patient, staff;
};

/* Log in with a code. *accepted false: wrong, used or expired (counted).
 * *code_id: the code's id when accepted (its other sessions were ended).
 * The session lives idle->patient or idle->staff seconds after each use. */
uf_err db_collect_login(struct db *db, const char *code_hash, const char *addr_hash,
    const char *token_hash, const char *csrf, const struct idle_times *idle,
    const struct rate_limits *rl, bool *accepted, long long *code_id);

struct db_session_row {
	const char *grp, *instrument_id, *consent, *status, *csrf;
	const char *answers_json; /* NULL: unchanged since the stamp asked with */
	const char *stamp;        /* the draft's version now ('none.V' without a response) */
	int months, version;
	long long draft_rev;     /* the draft's revision (0: no response yet) */
	bool test;               /* test answers (a test wave or code): not counted */
	const char *lang;        /* the respondent's language tag (0021) */
	bool easy;               /* easy-to-read chosen */
	long long code_id;       /* the session's access code */
	long long expires_epoch; /* when the session expires, Unix seconds */
};
/* The caller's session, extended by its idle time; strings are arena
 * copies. stamp (may be NULL): the draft stamp of a copy the caller holds;
 * when it is still current the answers are not sent (answers_json NULL).
 * UF_EAUTH when gone or expired. */
uf_err db_collect_session_get(struct db *db, struct arena *a, const char *token_hash,
    const char *stamp, struct db_session_row *out);
/* End the session whatever its state (nothing when there is none). */
uf_err db_collect_session_end(struct db *db, const char *token_hash);
/* The person is still there: the session lives its idle time from now.
 * *expires_epoch: the new deadline. UF_EAUTH when it has ended. */
uf_err db_collect_session_extend(struct db *db, const char *token_hash,
    long long *expires_epoch);
/* Store answers_json (NULL: nothing) as the draft, then end the live
 * session, in one transaction. UF_EAUTH when it has ended, UF_ECONFLICT
 * after submission (nothing changes then). */
uf_err db_collect_session_end_saving(struct db *db, const char *token_hash,
    const char *answers_json);
/* Whether the session of token_hash ran out of idle time (then removed). */
uf_err db_collect_session_expired(struct db *db, const char *token_hash, bool *expired);
/* The consent, with the session's language (0021) beside info_version. */
uf_err db_collect_consent(struct db *db, const char *token_hash, bool given,
    const char *info_version);
/* The session's language (NULL: unchanged) and easy flag (-1: unchanged,
 * 0 off, 1 on); a draft response takes them too. */
uf_err db_collect_view_set(struct db *db, const char *token_hash, const char *lang,
    int easy);
/* Store one page of the draft at revision rev: put_json (answers, the
 * database's JSON shape) written over those items, drop_json (a JSON array
 * of item ids) removed. *new_rev: the draft's new revision, or -1 when it
 * was not at rev (nothing written; read the session again); *new_stamp
 * (from a) the draft's new stamp then. *expires_epoch: when the session
 * now expires. UF_EPERM no consent, UF_ECONFLICT submitted. */
uf_err db_collect_draft_page(struct db *db, struct arena *a, const char *token_hash,
    long long rev, const char *put_json, const char *drop_json, long long *new_rev,
    const char **new_stamp, long long *expires_epoch);
uf_err db_collect_submit_session(struct db *db, const char *token_hash,
    const char *answers_json);

enum submit_status {
	SUBMIT_STORED,   /* stored now */
	SUBMIT_REPLAY,   /* stored before with this id and the same body */
	SUBMIT_CHANGED,  /* stored before with this id and another body; nothing written */
	SUBMIT_BAD_CODE, /* wrong, used or expired code (the failure is counted) */
	SUBMIT__MAX
};
/* Whole response by code (JSON API). A stored submission (this id and a code
 * of its respondent) is answered before the rate limit (REPLAY or CHANGED).
 * *submitted_at is an arena copy. *code_id: the code whose sessions were
 * ended, -1 for SUBMIT_BAD_CODE. lang (may be NULL: sv): the language the
 * answers were given in, stored on a response stored now. */
uf_err db_collect_submit_code(struct db *db, struct arena *a, const char *code_hash,
    const char *addr_hash, const char *submission_id, const char *instrument,
    int version, int months, bool consent, const char *info_version,
    const char *answers_json, const char *lang, const struct rate_limits *rl,
    enum submit_status *status, const char **submitted_at, long long *code_id);

/* A stored definition; version 0 = newest. Strings are arena copies. */
uf_err db_collect_instrument(struct db *db, struct arena *a, const char *id,
    int version, int *version_out, const char **definition);

/* The newest revision of each translation of an instrument version
 * (schema/0022), at most max rows; strings are arena copies. */
struct db_translation_row {
	const char *lang;
	int revision;
	const char *definition;
};
uf_err db_collect_instrument_translations(struct db *db, struct arena *a,
    const char *id, int version, struct db_translation_row *rows, size_t max,
    size_t *n);

#endif
