/* SPDX-License-Identifier: ISC
 * forms-load's half for translations: check a translation file against the
 * stored instrument version it names and store it as that language's next
 * revision (schema/0022), unless the newest revision has the same content.
 * One transaction per file. Checking is lib/form_translation.c's.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "cmd.h"
#include "db_admin.h"
#include "form.h"

static void
print_problem(void *arg, const struct form_error *e)
{
	char line[512];

	(void)arg;
	form_error_format(e, line, sizeof line);
	fprintf(stderr, "%s\n", line);
}

static uf_err
store(struct db *db, const struct form_translation_head *h,
    const struct form_translation *t, const char *sha, int revision)
{
	char detail[200];
	int k;
	uf_err e;

	if ((e = db_translation_insert(db, h->instrument, h->version, h->lang,
	         revision, form_translation_machine_assisted(t),
	         form_translation_source(t), sha)) != UF_OK)
		return e;
	k = snprintf(detail, sizeof detail, "{\"version\": %d, \"lang\": \"%s\", "
	                                    "\"revision\": %d, \"sha256\": \"%s\"}",
	    h->version, h->lang,
	    revision, sha);
	if (k < 0 || (size_t)k >= sizeof detail)
		return UF_EINTERNAL;
	return db_audit_add(db, "instrument_translation.load", h->instrument,
	    detail);
}

uf_err
forms_load_translation(struct db *db, const char *path, const char *data,
    size_t len, bool quiet)
{
	struct form_translation_head h;
	struct form_translation *t = NULL;
	struct form_error err;
	struct form *f = NULL;
	char *def = NULL;
	unsigned char hash[crypto_hash_sha256_BYTES];
	char sha[SHA256_HEX_LEN + 1], stored[SHA256_HEX_LEN + 1];
	const char *src;
	bool in_tx = false;
	int revision;
	uf_err e;

	if ((e = form_translation_peek(data, len, path, &h, &err)) != UF_OK) {
		print_problem(NULL, &err);
		goto out;
	}
	e = db_instrument_definition(db, h.instrument, h.version, &def);
	if (e == UF_ENOTFOUND) {
		fprintf(stderr, "%s: instrument %s version %d is not stored; "
		                "load it first\n",
		    path, h.instrument, h.version);
		goto out;
	}
	if (e != UF_OK)
		goto dberr;
	if ((e = form_parse(def, strlen(def), h.instrument, &f, &err)) != UF_OK) {
		print_problem(NULL, &err);
		goto out;
	}
	if ((e = form_translation_parse(f, data, len, path, print_problem,
	         NULL, &t, &err)) != UF_OK)
		goto out;
	src = form_translation_source(t);
	crypto_hash_sha256(hash, (const unsigned char *)src, strlen(src));
	sodium_bin2hex(sha, sizeof sha, hash, sizeof hash);

	if ((e = db_begin(db)) != UF_OK)
		goto dberr;
	in_tx = true;
	if ((e = db_translation_latest(db, h.instrument, h.version, h.lang,
	         &revision, stored)) != UF_OK)
		goto dberr;
	if (revision > 0 && strcmp(stored, sha) == 0) {
		if (!quiet)
			printf("%s: translation %s of %s version %d already "
			       "loaded (revision %d)\n",
			    path, h.lang, h.instrument,
			    h.version, revision);
		e = UF_OK;
		goto out;
	}
	if ((e = store(db, &h, t, sha, revision + 1)) != UF_OK)
		goto dberr;
	if ((e = db_commit(db)) != UF_OK)
		goto dberr;
	in_tx = false;
	if (!quiet)
		printf("%s: loaded translation %s of %s version %d (revision "
		       "%d)\n",
		    path, h.lang, h.instrument, h.version, revision + 1);
	goto out;
dberr:
	fprintf(stderr, "%s: cannot store translation: %s\n", path,
	    db_errmsg(db)[0] != '\0' ? db_errmsg(db) : uf_err_name(e));
out:
	if (in_tx)
		(void)db_rollback(db);
	form_translation_free(t);
	form_free(f);
	free(def);
	return e;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

uf_err
forms_load_translation_dir(struct db *db, const char *dir, bool quiet)
{
	char *names[FORMS_DIR_MAX_FILES];
	char path[4096];
	struct form_error err;
	struct dirent *de;
	char *data = NULL;
	size_t n = 0, i, len;
	DIR *d;
	int k;
	uf_err e = UF_OK;

	if ((d = opendir(dir)) == NULL) {
		if (errno == ENOENT)
			return UF_OK; /* no translations: Swedish only */
		fprintf(stderr, "%s: cannot open: %s\n", dir, strerror(errno));
		return UF_EIO;
	}
	while ((de = readdir(d)) != NULL) {
		size_t l = strlen(de->d_name);

		if (l < 6 || de->d_name[0] == '.' ||
		    strcmp(de->d_name + l - 5, ".json") != 0)
			continue;
		if (n == FORMS_DIR_MAX_FILES) {
			fprintf(stderr, "%s: more than %d files\n", dir,
			    FORMS_DIR_MAX_FILES);
			e = UF_ELIMIT;
			goto out;
		}
		if ((names[n] = strdup(de->d_name)) == NULL) {
			e = UF_ENOMEM;
			goto out;
		}
		n++;
	}
	qsort(names, n, sizeof names[0], by_name);
	for (i = 0; i < n && e == UF_OK; i++) {
		k = snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (k < 0 || (size_t)k >= sizeof path) {
			e = UF_ELIMIT;
			break;
		}
		if ((e = form_read_file(path, &data, &len, &err)) != UF_OK) {
			print_problem(NULL, &err);
			break;
		}
		e = forms_load_translation(db, path, data, len, quiet);
		free(data);
		data = NULL;
	}
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	closedir(d);
	return e;
}
