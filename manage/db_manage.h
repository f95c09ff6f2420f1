/* SPDX-License-Identifier: ISC
 * The data layer of the administration operations (manage/): the statement
 * tables in db_manage.c and typed db_m_*() functions over lib/db.h. Callers
 * pass C values; policy (what is an error for a person) lives in the
 * operation files. Nothing here formats SQL.
 */
#ifndef UF_MANAGE_DB_MANAGE_H
#define UF_MANAGE_DB_MANAGE_H
#include <stdbool.h>
#include <stddef.h>

#include "codes.h" /* PANEL_ID_MAX */
#include "db.h"
#include "err.h"
#include "group.h"
#include "rates.h"   /* struct rate_table */
#include "studies.h" /* STUDY_SLUG_MAX; study.h: UNIT_LABEL_MAX */
#include "users.h"   /* enum user_role, USER_NAME_MAX, USER_HASH_MAX */

/* The statement table, for a program that connects through another layer
 * (the web framework prepares it per worker). */
const struct db_stmt *db_manage_stmts(size_t *n);

/* Connect as the admin role with every manage statement prepared. */
uf_err db_manage_connect(const char *conninfo, struct db **out);
/* Connect as uppfolj_contact: only contact_rates() is prepared, since that
 * role may not touch any table. */
uf_err db_contact_connect(const char *conninfo, struct db **out);

/* --- audit ------------------------------------------------------------- */

/* Append a row; object and detail_json may be NULL. */
uf_err db_m_audit(struct db *db, const char *actor, const char *action,
    const char *object, const char *detail_json);

/* --- study, wave, unit --------------------------------------------------- */

/* How many studies match slug (NULL: every study) in *count, and the id of
 * the first in *study (0 when none). */
uf_err db_m_study_find(struct db *db, const char *slug, long long *study,
    int *count);
/* How many waves have these months (in study slug, or any when NULL) in
 * *count; the first into *out (zeroed when none). UF_EINTERNAL when a
 * stored value does not fit. */
uf_err db_m_wave_find(struct db *db, int months, const char *slug,
    struct wave_info *out, int *count);
/* The unit into *out; *found false (and *out zeroed) when unknown. */
uf_err db_m_unit_get(struct db *db, long long unit, struct unit_info *out,
    bool *found);
/* Whether group grp answers an instrument in the wave. */
uf_err db_m_wave_has_group(struct db *db, long long wave, const char *grp,
    bool *yes);
/* A unit; name, kind and huvudman are NULL in db_m_user_units. */
struct m_unit {
	long long unit_id;
	const char *name, *kind, *huvudman;
	const char *report_label; /* what reports show */
};
struct m_units {
	struct m_unit *row;
	int n;
	struct db_res *res;
};
/* Every unit of a study, by report label and name. */
uf_err db_m_unit_list(struct db *db, long long study, struct m_units *out);
void m_units_free(struct m_units *l);
/* The unit with this id in l, or NULL. */
const struct m_unit *m_units_find(const struct m_units *l, long long unit_id);

/* A study's names and start. */
struct m_study_row {
	char slug[STUDY_SLUG_MAX + 1];
	char name[STUDY_NAME_MAX * 4 + 1]; /* UTF-8 */
	char start_date[11];               /* YYYY-MM-DD */
};
/* *found false (and *out zeroed) when there is no such study;
 * UF_EINTERNAL when a stored value does not fit the struct. */
uf_err db_m_study_get(struct db *db, long long study, struct m_study_row *out,
    bool *found);
/* A study's names to mask in report quotes (schema/0013): insert (or
 * change the kind of) one, delete one (*found false when there was none),
 * list them. */
uf_err db_m_mask_insert(struct db *db, long long study, const char *name,
    const char *kind);
uf_err db_m_mask_delete(struct db *db, long long study, const char *name,
    bool *found);
/* A name masked in a study's report quotes, and what replaces it. */
struct m_mask {
	const char *name, *kind; /* kind: "verksamhet", "ort", ... */
};
struct m_masks {
	struct m_mask *row; /* by kind, name */
	int n;
	struct db_res *res;
};
uf_err db_m_mask_list(struct db *db, long long study, struct m_masks *out);
void m_masks_free(struct m_masks *l);
/* Insert a unit; *id = 0 when the study has a unit with that name. */
uf_err db_m_unit_insert(struct db *db, long long study, const char *name,
    const char *kind, const char *huvudman, const char *label, long long *id);
/* Set a wave's dates and move the expiry of its unused codes to the end of
 * the new closing day; *changed false when there is no such wave, *codes
 * = how many codes moved. */
uf_err db_m_wave_dates(struct db *db, long long wave, const char *opens_on,
    const char *closes_on, bool *changed, long long *codes);
/* A wave of a study with its state. */
struct m_wave {
	int months;
	const char *opens_on, *closes_on; /* YYYY-MM-DD */
	bool closed;                      /* closed_at set */
	bool past;                        /* closes_on before today */
	bool not_yet_open;                /* opens_on after today */
	bool test;                        /* a test wave (0015) */
	const char *groups;               /* "chef,patient": its instruments' groups */
};
struct m_waves {
	struct m_wave *row; /* n rows, by months */
	int n;
	struct db_res *res; /* owns the rows' strings */
};
uf_err db_m_waves(struct db *db, long long study, struct m_waves *out);
void m_waves_free(struct m_waves *l); /* safe on a zeroed or freed list */
/* Insert a study; *id = 0 when the slug is taken. */
uf_err db_m_study_insert(struct db *db, const char *slug, const char *name,
    const char *start_date, long long *id);
/* A study with its counts of waves and units. */
struct m_study {
	const char *slug, *name, *start_date; /* YYYY-MM-DD */
	bool synthetic;                       /* the demo's made-up study */
	long long waves, units;
};
struct m_studies {
	struct m_study *row; /* n rows, by slug */
	int n;
	struct db_res *res;
};
uf_err db_m_studies(struct db *db, struct m_studies *out);
void m_studies_free(struct m_studies *l);
/* Insert a wave; *id = 0 when the study has a wave at these months. */
uf_err db_m_wave_insert(struct db *db, long long study, int months,
    const char *opens_on, const char *closes_on, long long *id);
/* One stored instrument version and the months asked about. */
struct m_instrument_fit {
	const char *grp;   /* the group it is for */
	bool fits;         /* its "waves" list the months */
	const char *waves; /* "12, 24" */
};
struct m_instrument_fits {
	struct m_instrument_fit *row; /* 1 row, or 0 when unknown */
	int n;
	struct db_res *res;
};
uf_err db_m_instrument_fit(struct db *db, const char *instrument, int version,
    int months, struct m_instrument_fits *out);
void m_instrument_fits_free(struct m_instrument_fits *l);
/* A group's newest loaded instrument version whose "waves" list the months. */
struct m_instrument_default {
	const char *grp, *instrument_id;
	int version;
};
struct m_instrument_defaults {
	struct m_instrument_default *row; /* groups without one: no row */
	int n;
	struct db_res *res;
};
uf_err db_m_instrument_defaults(struct db *db, int months,
    struct m_instrument_defaults *out);
void m_instrument_defaults_free(struct m_instrument_defaults *l);
uf_err db_m_wave_instrument_insert(struct db *db, long long wave,
    const char *grp, const char *instrument, int version);
/* A stored instrument version that a wave may use. */
struct m_instrument_choice {
	const char *grp, *instrument_id, *title;
	int version;
	const char *waves; /* "12, 24": the months it is made for */
};
struct m_instrument_choices {
	struct m_instrument_choice *row; /* by group, id, newest version first */
	int n;
	struct db_res *res;
};
uf_err db_m_instrument_choices(struct db *db, struct m_instrument_choices *out);
void m_instrument_choices_free(struct m_instrument_choices *l);
/* How many participants a unit has in a group. */
struct m_participant_count {
	long long unit_id;
	const char *grp;
	long long n;
};
struct m_participant_counts {
	struct m_participant_count *row; /* groups without any: no row */
	int n;
	struct db_res *res;
};
uf_err db_m_participant_counts(struct db *db, long long study,
    struct m_participant_counts *out);
void m_participant_counts_free(struct m_participant_counts *l);

/* --- participants and codes -------------------------------------------- */

/* Insert a participant; *id = 0 when the panel id is taken (retry with
 * another). */
uf_err db_m_participant_insert(struct db *db, long long study,
    const char *panel_id, const char *grp, long long unit, long long *id);
/* Participants of unit and group who took part in from_wave (a code, a
 * consent decision or a response there) and hold no code for to_wave, ordered by panel id, at most limit (0: all): participant_id,
 * panel_id. */
struct m_carried {
	long long participant_id;
	const char *panel_id;
};
struct m_carried_list {
	struct m_carried *row;
	int n;
	struct db_res *res;
};
uf_err db_m_participants_carry(struct db *db, long long from_wave,
    long long to_wave, long long unit, const char *grp, long limit,
    struct m_carried_list *out);
void m_carried_list_free(struct m_carried_list *l);
/* Insert a code hash; *id = 0 when the hash collides (retry with another
 * code). UF_ECONFLICT when the participant already has a code for the
 * wave. */
uf_err db_m_code_insert(struct db *db, long long participant, long long wave,
    const char *hash_bytea, const char *expires_at, long long *id);
/* Participant holding a code hash; *id = 0 when none. */
uf_err db_m_participant_by_code(struct db *db, const char *hash_bytea,
    long long *id);
/* Participant by panel id in a study; *id = 0 when none. */
uf_err db_m_participant_by_panel(struct db *db, long long study,
    const char *panel_id, long long *id);
/* A participant with its unit's report label and its study. */
struct m_participant {
	char panel_id[PANEL_ID_MAX];
	enum respondent_group grp;
	char report_label[UNIT_LABEL_MAX * 4 + 1]; /* UTF-8 */
	char study[STUDY_SLUG_MAX + 1];            /* slug */
};
/* *found false (and *out zeroed) when there is no such participant;
 * UF_EINTERNAL when a stored value does not fit the struct. */
uf_err db_m_participant_get(struct db *db, long long id,
    struct m_participant *out, bool *found);
/* A participant of a unit and the waves they hold a code for. */
struct m_unit_participant {
	const char *panel_id, *grp;
	const char *waves; /* "12,24": months with a code, ascending */
};
struct m_unit_participants {
	struct m_unit_participant *row; /* by group, panel id */
	int n;
	struct db_res *res;
};
uf_err db_m_participant_list(struct db *db, long long unit,
    struct m_unit_participants *out);
void m_unit_participants_free(struct m_unit_participants *l);

/* --- users and sessions ------------------------------------------------ */

uf_err db_m_user_insert(struct db *db, const char *username,
    const char *pw_hash, const char *role, long long *id);
/* What a login checks of a user. */
struct m_user_auth {
	long long user_id;
	char password_hash[USER_HASH_MAX]; /* argon2id string */
	enum user_role role;               /* ROLE__MAX: not one we know */
	int failed_logins;
	bool locked, disabled;
};
/* *found false (and *out zeroed) when there is no such user; UF_EINTERNAL
 * when the stored hash does not fit. */
uf_err db_m_user_by_name(struct db *db, const char *username,
    struct m_user_auth *out, bool *found);
/* Count a failure; after `threshold` failures lock for base_minutes,
 * doubling with each further failure (at most 24 hours). */
uf_err db_m_user_fail(struct db *db, long long user, int threshold,
    int base_minutes, int *failures);
/* Whether the client address (keyed hash, bytea text) has max_failures
 * failed logins in the current window of window_minutes. */
uf_err db_m_login_addr_blocked(struct db *db, const char *addr_hash,
    int max_failures, int window_minutes, bool *blocked);
/* How many addresses are refused now (max_failures in the window); with
 * clear, lift those refusals and say how many there were. */
uf_err db_m_login_addr_count(struct db *db, int max_failures,
    int window_minutes, bool clear, long long *n);
/* Count one failed login from the address. */
uf_err db_m_login_addr_fail(struct db *db, const char *addr_hash,
    int window_minutes);
uf_err db_m_user_ok(struct db *db, long long user);
uf_err db_m_user_rehash(struct db *db, long long user, const char *pw_hash);
uf_err db_m_user_unit_add(struct db *db, long long user, long long unit);
/* Units a user may see, by report label (unit_id and report_label set). */
uf_err db_m_user_units(struct db *db, long long user, struct m_units *out);

/* A user as the user lists show it. */
struct m_user {
	long long user_id;
	const char *username;
	enum user_role role; /* ROLE__MAX: not one we know */
	bool disabled, locked;
	int failed_logins;
	const char *created; /* YYYY-MM-DD */
	const char *units;   /* unit names, ", " separated */
};
struct m_users {
	struct m_user *row; /* by username */
	int n;
	struct db_res *res;
};
uf_err db_m_users(struct db *db, struct m_users *out);
void m_users_free(struct m_users *l);
uf_err db_m_user_exists(struct db *db, long long user, bool *yes);

uf_err db_m_session_insert(struct db *db, const char *token_hash_bytea,
    long long user, const char *csrf_hash_bytea, int idle_minutes);
/* A live admin session's user and CSRF hash. */
struct m_session_user {
	long long user_id;
	char username[USER_NAME_MAX + 1];
	enum user_role role;                   /* ROLE__MAX: not one we know */
	char csrf_hash[2 * CODE_HASH_LEN + 1]; /* hex */
};
/* Live session for a token hash, sliding its expiry (idle_minutes, capped
 * at absolute_hours after creation); *found false (*out zeroed) when
 * unknown, expired (idle, or older than absolute_hours, so a shorter
 * maximum applies at once) or disabled. UF_EINTERNAL when a stored value
 * does not fit. */
uf_err db_m_session_touch(struct db *db, const char *token_hash_bytea,
    int idle_minutes, int absolute_hours, struct m_session_user *out,
    bool *found);
uf_err db_m_session_delete(struct db *db, const char *token_hash_bytea);
uf_err db_m_session_purge(struct db *db);

/* --- rates ------------------------------------------------------------- */

/* Rates of a study (months 0: every wave; unit 0: every unit), by wave,
 * report label, unit and group. masked: counts below 5 and rates that
 * would reveal them are RATE_MASKED / not shown (schema/0006: mask_small).
 * out is freed with rate_table_free. */
uf_err db_m_rates(struct db *db, long long study, int months, long long unit,
    bool masked, struct rate_table *out);
/* Over a db_contact_connect connection: the same for the session's own
 * units, masked. UF_EAUTH / UF_EPERM from the function. */
uf_err db_m_contact_rates(struct db *db, const char *token,
    struct rate_table *out);

/* --- erase, retention ---------------------------------------------------- */

uf_err db_m_erase(struct db *db, long long participant, const char *actor);
/* Delete drafts not updated for `days`; *n = how many. */
uf_err db_m_purge_drafts(struct db *db, int days, long long *n);
/* Close a wave now; *changed false when it was already closed. */
uf_err db_m_wave_close(struct db *db, long long wave, bool *changed);

/* --- export ------------------------------------------------------------ */

/* Which responses an analysis export holds (EXPORT_WHERE in db_manage.c). */
struct db_export_filter {
	long long study;
	int months;            /* 0: every wave */
	const char *group;     /* NULL: every group */
	const char *unit_kind; /* NULL: every kind */
};
/* A submitted response an export holds, with what every row of it shows. */
struct m_export_response {
	long long response_id;
	const char *panel_id, *grp;
	const char *unit, *unit_kind; /* the unit's report label and kind */
	int months;
	const char *opens_on, *closes_on; /* YYYY-MM-DD */
	const char *instrument_id;
	int version;
	const char *submitted_at; /* YYYY-MM-DDTHH:MM:SSZ */
	const char *lang;         /* shown in this language (0021) */
	bool easy;                /* the easy-read text was shown */
};
/* The responses of db_m_export_responses, read one row at a time with
 * m_export_response_at, so that a million answers' worth of them costs no
 * allocation per row. */
struct m_export_responses {
	int n;
	struct db_res *res;
};
/* The submitted responses the filter selects, by response id. */
uf_err db_m_export_responses(struct db *db, const struct db_export_filter *f,
    struct m_export_responses *out);
/* Row i (0 <= i < l->n) into the caller's *out; its strings point into l.
 * UF_EINTERNAL when a stored value does not fit. */
uf_err m_export_response_at(const struct m_export_responses *l, int i,
    struct m_export_response *out);
void m_export_responses_free(struct m_export_responses *l);
/* One answer of an exported response. */
struct m_export_answer {
	long long response_id;
	const char *item_id;
	bool dont_know, declined;
	bool has_int; /* value_int is set (likert, integer, vas) */
	long long value_int;
	const char *choices; /* a multi choice's codes joined with ';' */
	const char *date;    /* YYYY-MM-DD */
	const char *text;    /* a single choice's code, a number's canonical
	                        text, free text (only when asked for) */
};
/* The answers of a chunk of responses, read like the responses. */
struct m_export_answers {
	int n;
	struct db_res *res;
};
/* The answers of the responses ids ("{1,2,3}"), by response and item; the
 * text holds single-choice codes, and free text only when free_text. */
uf_err db_m_export_answers(struct db *db, const char *ids, bool free_text,
    struct m_export_answers *out);
/* Row i into the caller's *out (strings point into l; "" for NULL). */
uf_err m_export_answer_at(const struct m_export_answers *l, int i,
    struct m_export_answer *out);
void m_export_answers_free(struct m_export_answers *l);
/* The longest free text of a text item answered in an export's responses. */
struct m_text_width {
	const char *item_id;
	long long bytes;
};
struct m_text_widths {
	struct m_text_width *row;
	int n;
	struct db_res *res;
};
uf_err db_m_export_text_widths(struct db *db, const struct db_export_filter *f,
    struct m_text_widths *out);
void m_text_widths_free(struct m_text_widths *l);
/* How many rows the long export has without filters (free text left out). */
uf_err db_m_export_count(struct db *db, long long study, long long *n);
/* An instrument version a study's waves use, with its definition. */
struct m_instrument_def {
	const char *instrument_id;
	int version;
	const char *definition; /* JSON (forms/README.md) */
};
struct m_instrument_defs {
	struct m_instrument_def *row; /* by id, version */
	int n;
	struct db_res *res;
};
uf_err db_m_instruments(struct db *db, long long study,
    struct m_instrument_defs *out);
void m_instrument_defs_free(struct m_instrument_defs *l);
/* A row of a participant's access request: a wave with their response
 * and consent there, and one answer. NULL for what is not there. */
struct m_access_row {
	int months;
	const char *instrument_id; /* NULL: no response */
	int version;
	const char *status, *submitted_at;
	const char *item_id;  /* NULL: no answer in this row */
	const char *value;    /* answer_value() */
	const char *decision; /* consent; NULL: none */
	const char *decided_at;
};
struct m_access_rows {
	struct m_access_row *row; /* by wave, question order */
	int n;
	struct db_res *res;
};
/* One participant's responses and answers (a consent without a response
 * still gives one row). */
uf_err db_m_access_rows(struct db *db, long long participant,
    struct m_access_rows *out);
void m_access_rows_free(struct m_access_rows *l);

/* --- evaluator tooling (issue 14; schema/0015) ----------------------------- */

/* Disable or enable a user; its name into username, *found false when
 * there is no such user. */
uf_err db_m_user_set_disabled(struct db *db, long long user, bool disabled,
    char username[USER_NAME_MAX + 1], bool *found);
/* End every browser session of a user; *n = how many. */
uf_err db_m_user_sessions_end(struct db *db, long long user, long long *n);
/* A new password hash (and no lock); like db_m_user_set_disabled. */
uf_err db_m_user_set_password(struct db *db, long long user, const char *pw_hash,
    char username[USER_NAME_MAX + 1], bool *found);

/* Filters of the audit-log page; NULL: any. Dates are YYYY-MM-DD. */
struct audit_filter {
	const char *actor, *action, *from, *to;
};
/* An audit row as the log page shows it. */
struct m_audit {
	long long audit_id;
	const char *at; /* YYYY-MM-DD HH24:MI:SS */
	const char *actor, *action;
	const char *object; /* "" when none */
	const char *detail; /* JSON text, "" when none */
	long long total;    /* rows matching the filter, on every page */
};
struct m_audits {
	struct m_audit *row; /* newest first, one page */
	int n;
	struct db_res *res;
};
uf_err db_m_audit_list(struct db *db, const struct audit_filter *f, long limit,
    long offset, struct m_audits *out);
void m_audits_free(struct m_audits *l);

/* Filters of the participant status list; 0 / NULL: any. */
struct status_filter {
	long months;
	long long unit;
	const char *state; /* issued opened consent declined draft submitted */
	bool with_test;    /* admin only: list test pairs too */
};
/* A participant's state in a wave (the participant_status view, 0015). */
struct m_status {
	int months;
	long long unit_id;
	const char *unit_name, *panel_id, *grp;
	const char *state; /* issued opened consent declined draft submitted */
	/* YYYY-MM-DD, or NULL when not (yet) */
	const char *issued, *opened, *decided, *started, *submitted;
	bool test;              /* a test pair (never for a unit contact) */
	long long replacements; /* codes replaced (0 for a unit contact) */
	long long total;        /* rows matching the filter, on every page */
};
struct m_statuses {
	struct m_status *row; /* by wave, unit name, panel id */
	int n;
	struct db_res *res;
};
uf_err db_m_status_list(struct db *db, long long study,
    const struct status_filter *f, long limit, long offset,
    struct m_statuses *out);
/* The same for a unit contact's session over the contact connection. */
uf_err db_m_contact_status(struct db *cdb, const char *token,
    const struct status_filter *f, long limit, long offset,
    struct m_statuses *out);
void m_statuses_free(struct m_statuses *l);
/* How many real pairs of a wave are in a state. */
struct m_status_count {
	int months;
	const char *state;
	long long n;
};
struct m_status_counts {
	struct m_status_count *row; /* by wave, state; none: no row */
	int n;
	struct db_res *res;
};
uf_err db_m_status_counts(struct db *db, long long study,
    struct m_status_counts *out);
void m_status_counts_free(struct m_status_counts *l);

/* A participant's code for a wave. */
struct m_code_of {
	long long code_id, participant_id;
	bool used;
};
/* *found false (and *out zeroed) when the participant has no code there. */
uf_err db_m_code_of(struct db *db, long long study, const char *panel,
    int months, struct m_code_of *out, bool *found);
uf_err db_m_code_replace(struct db *db, long long code, const char *hash_bytea,
    const char *actor);
uf_err db_m_wave_set_test(struct db *db, long long wave, bool test,
    const char *actor);
uf_err db_m_code_set_test(struct db *db, long long code, bool test,
    const char *actor);
/* Delete a study's test responses and consents; *n = responses deleted. */
uf_err db_m_test_purge(struct db *db, long long study, const char *actor,
    long long *n);

#endif
