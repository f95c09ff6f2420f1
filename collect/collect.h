/* SPDX-License-Identifier: ISC
 * uppfolj-collect's own settings and session, shared by its handlers. The
 * settings are read once at start and never change afterwards, so worker
 * threads read them without locks.
 */
#ifndef UF_COLLECT_H
#define UF_COLLECT_H
#include <stdbool.h>
#include <stddef.h>
#include "code.h"
#include "err.h"
#include "form.h"
#include "web_conf.h"

struct collect_conf {
	const char *db;
	struct web_conf web; /* socket, workers, body limit, cookie_secure */
	unsigned char key[CODE_KEY_LEN];
	/* A session ends after this many seconds without a request: patients
	 * answer on shared ward tablets (minutes), staff at their own desks. */
	int idle_patient_seconds;
	int idle_staff_seconds;
	const char *info_version; /* the JSON API's consent; pages record the info file's */
	const char *contact;      /* who to contact; NULL: the ui text info.contact_default */
	const char *lang_dir;     /* holds ui/ and info/ (lib/lang.h) */
	int rate_addr_max;        /* failed code attempts per address per window */
	int rate_code_max;        /* ... per code */
	int rate_window_minutes;
	int thanks_seconds;         /* thank-you page returns to start after this */
	int session_cache_seconds;  /* how long a page view may reuse a loaded session; 0 off */
	const char *audio_manifest; /* audio-build's manifest.tsv, NULL: no read-aloud */
};

/* Set once by main before the workers start. */
extern const struct collect_conf *collect_cfg;

#define COLLECT_COOKIE_SESSION "uf_s"
#define COLLECT_COOKIE_PRE     "uf_pre" /* CSRF token before a session exists */
/* The view cookie: a random value every request that may change the
 * session sets anew, so that a page view can tell a cached copy made for
 * the browser's last write from one that may be older (collect_session.c,
 * HACKING.md "Draft saves and the session cache"). */
#define COLLECT_COOKIE_VIEW "uf_v"
/* The language cookie: the session's language tag (absent for Swedish),
 * no secret and no key to anything. nginx picks its static error pages by
 * it (a 413 never reaches the program); the program's own error pages
 * use it when neither the session nor ?lang= says (collect_lang.c). */
#define COLLECT_COOKIE_LANG   "uf_lang"
#define COLLECT_DK_VALUE      "vet-ej"  /* form value for "vet ej"; never an option code */
#define COLLECT_DECLINE_VALUE "vill-ej" /* form value for "vill inte svara"; nor this */

/* The respondent's session as collect_session_get returns it. */
struct csession {
	char token_hash[2 + 2 * CODE_HASH_LEN + 1]; /* bytea input of the cookie hash */
	enum respondent_group grp;
	int months;
	const char *instrument_id;
	int version;
	const char *consent; /* NULL, "given" or "declined" */
	const char *status;  /* NULL, "draft" or "submitted" */
	const char *csrf;
	long long code_id;       /* the session's access code */
	long long expires_epoch; /* when the session ends unless used, Unix seconds */
	long long draft_rev;     /* revision of the draft in answers (0: none yet) */
	const char *stamp;       /* the draft's stamp (schema/0016, 0028) */
	bool test;               /* a test wave or code: the pages say "Testläge" */
	/* Taken from this process's session cache without asking the database
	 * (a page save, RF_SESSION_CACHED): only a draft write, which checks the
	 * session and the revision, may act on it; anything else reads first. */
	bool unverified;
	/* The view cookie this request goes with: a page view's own, or the
	 * new one a request that may change the session answers with; NULL:
	 * none. A copy cached from this request serves page views that send
	 * it back (collect_session_cache). */
	const char *view;
	double since;                /* session_cache_now() before the request read or wrote it */
	const char *lang;            /* the chosen language's tag (0021); never NULL */
	bool easy;                   /* easy-to-read (lättläst) chosen */
	const struct lang *ui;       /* lang's row in the language table; never NULL */
	const struct form *form;     /* from the cache */
	struct form_answer *answers; /* draft answers, f->nitems entries */
};

/* Drop the session from the session cache after this process changed or
 * ended it (consent, draft, submit, cancel): the next page view loads it
 * from the database again. */
void collect_session_forget(const struct csession *s);
/* Keep s in the session cache after this process wrote it (a draft page),
 * for its view cookie, so that the next page view needs no database read.
 * Only after the request's last write: a later one must forget instead. */
void collect_session_cache(const struct csession *s);

/* Whether cookies of this request get the Secure attribute. */
struct req;
bool collect_cookie_secure(const struct req *r);

/* Keyed hash of any string (code, token, address) as bytea text. */
void collect_hash_bytea(const char *s, char out[2 + 2 * CODE_HASH_LEN + 1]);

#endif
