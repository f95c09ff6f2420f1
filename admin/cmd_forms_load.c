/* SPDX-License-Identifier: ISC
 * uppfolj-admin forms-load: check instrument files and store each version
 * immutably (instrument row with the canonical JSON and its SHA-256, one
 * instrument_item row per item), one transaction per file; translation
 * files go to admin/forms_translation.c. The demo command
 * loads its forms through forms_load_one as well.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "cmd.h"
#include "db_admin.h"
#include "form.h"
#include "opts.h"

#define CMD "forms-load"

/* The checker's own message line, so forms-load and forms-check agree. */
static void
print_form_error(const char *path, struct form_error *err)
{
	char line[512];
	int k;

	if (err->where[0] == '\0') {
		k = snprintf(err->where, sizeof(err->where), "%s", path);
		if (k < 0)
			err->where[0] = '\0';
	}
	form_error_format(err, line, sizeof(line));
	fprintf(stderr, "%s\n", line);
}

/* Insert the instrument and its items; the caller owns the transaction. */
static uf_err
store(struct db *db, const struct form *f, const char *sha)
{
	char detail[160];
	size_t i;
	int k;
	uf_err e;

	if ((e = db_instrument_insert(db, f->id, f->version,
	         group_id(f->group), f->title_sv, f->source, sha)) != UF_OK)
		return e;
	for (i = 0; i < f->nitems; i++) {
		const struct form_item *it = &f->items[i];

		if ((e = db_instrument_item_insert(db, f->id, f->version, it->id,
		         (int)i, f->themes[it->theme].id,
		         form_type_name(it->type))) != UF_OK)
			return e;
	}
	k = snprintf(detail, sizeof(detail),
	    "{\"version\": %d, \"items\": %zu, \"sha256\": \"%s\"}",
	    f->version, f->nitems, sha);
	if (k < 0 || (size_t)k >= sizeof(detail))
		return UF_EINTERNAL;
	return db_audit_add(db, "instrument.load", f->id, detail);
}

uf_err
forms_load_one(struct db *db, const char *path, bool quiet, struct form **out)
{
	struct form *f = NULL;
	struct form_error err;
	unsigned char h[crypto_hash_sha256_BYTES];
	char sha[SHA256_HEX_LEN + 1], stored[SHA256_HEX_LEN + 1];
	bool found, in_tx = false;
	uf_err e;

	if (out != NULL)
		*out = NULL;
	memset(&err, 0, sizeof(err));
	if ((e = form_load_file(path, &f, &err)) != UF_OK) {
		print_form_error(path, &err);
		goto out;
	}
	/* The checksum is over the canonical text we store, so the same file
	 * loaded twice compares equal whatever jsonb does to key order. */
	crypto_hash_sha256(h, (const unsigned char *)f->source, strlen(f->source));
	sodium_bin2hex(sha, sizeof(sha), h, sizeof(h));

	if ((e = db_begin(db)) != UF_OK)
		goto dberr;
	in_tx = true;
	if ((e = db_instrument_sha(db, f->id, f->version, stored, &found)) != UF_OK)
		goto dberr;
	if (found) {
		if (strcmp(stored, sha) != 0) {
			fprintf(stderr, "%s: instrument %s version %d is already "
			                "stored with different content; raise \"version\" in "
			                "the file to store the change\n",
			    path, f->id,
			    f->version);
			e = UF_ECONFLICT;
			goto out;
		}
		if ((e = db_rollback(db)) != UF_OK)
			goto dberr;
		in_tx = false;
		if (!quiet)
			printf("%s: %s version %d already loaded\n", path, f->id,
			    f->version);
		goto done;
	}
	if ((e = store(db, f, sha)) != UF_OK)
		goto dberr;
	if ((e = db_commit(db)) != UF_OK)
		goto dberr;
	in_tx = false;
	if (!quiet)
		printf("%s: loaded %s version %d (%zu items)\n", path, f->id,
		    f->version, f->nitems);
done:
	if (out != NULL) {
		*out = f;
		f = NULL;
	}
	e = UF_OK;
	goto out;
dberr:
	fprintf(stderr, "%s: cannot store instrument: %s\n", path,
	    db_errmsg(db)[0] != '\0' ? db_errmsg(db) : uf_err_name(e));
out:
	if (in_tx)
		(void)db_rollback(db);
	form_free(f);
	return e;
}

/* Load path when it is of the kind this pass loads (translations or
 * instruments); a file that cannot be read fails in the instrument pass. */
static uf_err
load_file(struct db *db, const char *path, bool translations, bool quiet)
{
	struct form_error err;
	char *data = NULL;
	size_t len;
	uf_err e = UF_OK;

	if (form_read_file(path, &data, &len, &err) != UF_OK) {
		if (!translations) {
			print_form_error(path, &err);
			e = UF_EIO;
		}
		goto out;
	}
	if (form_is_translation(data, len) != translations)
		goto out;
	e = translations ? forms_load_translation(db, path, data, len, quiet) :
	                   forms_load_one(db, path, quiet, NULL);
out:
	free(data);
	return e;
}

int
cmd_forms_load(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	struct db *db = NULL;
	const char *conninfo = opts_db_default();
	bool quiet = false;
	int c, i, rc = 1, failed = 0;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			conninfo = optarg;
			break;
		case 'q':
			quiet = true;
			break;
		default: /* ':' (no value) or an unknown option */
			rc = opts_bad_option(CMD, c, argv);
			goto out;
		}
	}
	if (optind == argc) {
		rc = opts_usage(CMD, "no instrument files given");
		goto out;
	}
	if (db_admin_connect(conninfo, &db) != UF_OK) {
		rc = opts_fail(CMD, "cannot connect or prepare (check --db); has "
		                    "migrate run?");
		goto out;
	}
	/* Each file stands alone: one bad file does not stop the others.
	 * Instruments first, so that translations find theirs stored. */
	for (int pass = 0; pass < 2; pass++)
		for (i = optind; i < argc; i++)
			failed += load_file(db, argv[i], pass == 1, quiet) != UF_OK;
	rc = failed == 0 ? 0 : 1;
out:
	db_close(db);
	return rc;
}
