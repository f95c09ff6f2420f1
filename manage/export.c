/* SPDX-License-Identifier: ISC
 * The analysis exports' entry point: format names, options and their
 * checks, the dispatch to each writer (manage/export_<format>.c) and the
 * audit row every export leaves (format, filters, rows, free text).
 */
#include <stdio.h>
#include <string.h>

#include "db_manage.h"
#include "export.h"
#include "export_model.h"
#include "study.h"
#include "units.h"

static const char *const format_names[EXPORT__MAX] = {
	[EXPORT_LONG] = "long",
	[EXPORT_WIDE] = "wide",
	[EXPORT_CODEBOOK] = "codebook",
	[EXPORT_SAV] = "sav",
	[EXPORT_DTA] = "dta",
	[EXPORT_R] = "r",
};

bool
export_format_parse(const char *s, enum export_format *f)
{
	size_t i;

	for (i = 0; s != NULL && i < EXPORT__MAX; i++)
		if (strcmp(s, format_names[i]) == 0) {
			*f = (enum export_format)i;
			return true;
		}
	return false;
}

const char *
export_format_name(enum export_format f)
{
	return (unsigned)f < EXPORT__MAX ? format_names[f] : "?";
}

void
export_opts_init(struct export_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->format = EXPORT_WIDE;
	o->dialect = CSV_RFC4180;
	o->filter.group = GROUP__MAX;
}

bool
export_unit_kind_ok(const char *s)
{
	const char *const *kinds;
	size_t i, n;

	kinds = unit_kinds(&n);
	for (i = 0; s != NULL && i < n; i++)
		if (strcmp(kinds[i], s) == 0)
			return true;
	return false;
}

uf_err
export_filter_check(struct db *db, const char *study,
    const struct export_filter *f, struct manage_error *err)
{
	struct wave_info wi;

	if (f->unit_kind != NULL) {
		if (!export_unit_kind_ok(f->unit_kind)) {
			manage_fail(err, "unit_kind", "Okänd verksamhetstyp (heldygnsvard, "
			                              "boendestod, traffpunkt, stodboende eller other).");
			return UF_EINVAL;
		}
	}
	if (f->group > GROUP__MAX) {
		manage_fail(err, "group", "Okänd grupp.");
		return UF_EINVAL;
	}
	if (f->months < 0 || f->months > 120) {
		manage_fail(err, "wave", "Omgången anges i månader, 1–120.");
		return UF_EINVAL;
	}
	return f->months > 0 ? wave_resolve(db, study, f->months, &wi, err) : UF_OK;
}

uf_err
export_long_count(struct db *db, const char *study, long long *n, struct manage_error *err)
{
	long long sid;
	uf_err e;

	if ((e = study_resolve(db, study, &sid, err)) != UF_OK)
		return e;
	return db_m_export_count(db, sid, n);
}

/* The audit row's detail: what was asked for and how it went. */
static uf_err
audit_detail(struct buf *d, long long sid, const struct export_opts *o,
    long long rows, bool complete)
{
	const struct export_filter *f = &o->filter;
	uf_err e;

	if ((e = buf_printf(d, "{\"study\":%lld,\"rows\":%lld,\"complete\":%s,"
	                       "\"free_text\":%s,\"dialect\":\"%s\",\"wave\":",
	         sid, rows,
	         complete ? "true" : "false", f->free_text ? "true" : "false",
	         csv_dialect_name(o->dialect))) != UF_OK)
		return e;
	e = f->months > 0 ? buf_printf(d, "%d", f->months) : buf_adds(d, "null");
	if (e == UF_OK)
		e = buf_adds(d, ",\"group\":");
	if (e == UF_OK)
		e = f->group < GROUP__MAX ? buf_add_json_str(d,
		                                group_id(f->group)) :
		                            buf_adds(d, "null");
	if (e == UF_OK)
		e = buf_adds(d, ",\"unit_kind\":");
	if (e == UF_OK)
		e = f->unit_kind != NULL ? buf_add_json_str(d, f->unit_kind) :
		                           buf_adds(d, "null");
	return e == UF_OK ? buf_adds(d, "}") : e;
}

uf_err
export_run(struct db *db, const char *study, const struct export_opts *o,
    const char *actor, export_write w, void *ctx, long long *rows,
    struct manage_error *err)
{
	struct buf b, detail;
	long long sid, nrows = 0;
	char action[40];
	uf_err e, ea;

	buf_init(&b, 8 * 1024 * 1024);
	buf_init(&detail, 1024);
	if ((e = study_resolve(db, study, &sid, err)) != UF_OK ||
	    (e = export_filter_check(db, study, &o->filter, err)) != UF_OK)
		goto out;
	switch (o->format) {
	case EXPORT_LONG:
		e = export_long(db, sid, o, &b, w, ctx, &nrows, err);
		break;
	case EXPORT_WIDE:
		e = export_wide(db, sid, o, &b, w, ctx, &nrows, err);
		break;
	case EXPORT_CODEBOOK:
		e = export_codebook(db, sid, o, &b, w, ctx, &nrows, err);
		break;
	case EXPORT_SAV:
	case EXPORT_DTA:
		e = export_readstat(db, sid, o, &b, w, ctx, &nrows, err);
		break;
	case EXPORT_R:
		e = export_r(db, sid, o, &b, w, ctx, &nrows, err);
		break;
	case EXPORT__MAX:
		e = UF_EINVAL;
		manage_fail(err, "format", "Okänt exportformat.");
		goto out;
	}
	if (e == UF_OK)
		e = xflush(&b, w, ctx, true);
	/* Logged whether it worked or not: an export attempt is an event,
	 * and one with free text (health data) above all. */
	if (snprintf(action, sizeof(action), "export.%s",
	        export_format_name(o->format)) < (int)sizeof(action) &&
	    audit_detail(&detail, sid, o, nrows, e == UF_OK) == UF_OK) {
		ea = db_m_audit(db, actor, action, NULL, buf_str(&detail));
		if (e == UF_OK)
			e = ea;
	} else if (e == UF_OK) {
		e = UF_EINTERNAL;
	}
out:
	if (rows != NULL)
		*rows = nrows;
	buf_free(&detail);
	buf_free(&b);
	return e;
}
