/* SPDX-License-Identifier: ISC
 * uppfolj-admin migrate: apply schema/NNNN_*.sql files that are not yet
 * recorded in public.uppfolj_migration, in numeric order, each in its own
 * transaction together with its record. Refuses to go on when an applied
 * file was edited afterwards (its SHA-256 no longer matches).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "cmd.h"
#include "db_admin.h"
#include "opts.h"

#define CMD                 "migrate"
#define MIGRATION_MAX_FILES 1000
#define MIGRATION_MAX_BYTES (8 * 1024 * 1024)

struct migration {
	int version;
	char name[128];
	char sha256[SHA256_HEX_LEN + 1];
	char *sql; /* file text, NUL-terminated; owned */
};

struct migration_set {
	struct migration *v;
	size_t n, cap;
};

static void
set_free(struct migration_set *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i].sql);
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

/* "0002_core.sql" -> 2. Exactly four digits, '_', [a-z0-9_-]+, ".sql". */
static bool
migration_name(const char *name, int *version)
{
	size_t len = strlen(name), i;

	if (len < 10 || len >= sizeof(((struct migration *)0)->name) ||
	    strcmp(name + len - 4, ".sql") != 0 || name[4] != '_')
		return false;
	for (i = 0; i < 4; i++)
		if (name[i] < '0' || name[i] > '9')
			return false;
	for (i = 5; i < len - 4; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		        c == '_' || c == '-'))
			return false;
	}
	*version = (name[0] - '0') * 1000 + (name[1] - '0') * 100 +
	    (name[2] - '0') * 10 + (name[3] - '0');
	return true;
}

static int
by_version(const void *a, const void *b)
{
	const struct migration *x = a, *y = b;

	return (x->version > y->version) - (x->version < y->version);
}

/* Read a whole file (at most MIGRATION_MAX_BYTES, no NUL bytes). */
static uf_err
read_text(const char *path, char **out)
{
	FILE *fp = NULL;
	char *text = NULL;
	size_t len = 0, cap = 0, got;
	uf_err e = UF_OK;

	*out = NULL;
	if ((fp = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "uppfolj-admin " CMD ": %s: %s\n", path,
		    strerror(errno));
		e = UF_EIO;
		goto out;
	}
	for (;;) {
		if (cap - len < 4096) {
			char *t;

			cap = cap == 0 ? 65536 : cap * 2;
			if ((t = realloc(text, cap + 1)) == NULL) {
				e = UF_ENOMEM;
				goto out;
			}
			text = t;
		}
		got = fread(text + len, 1, cap - len, fp);
		len += got;
		if (len > MIGRATION_MAX_BYTES) {
			fprintf(stderr, "uppfolj-admin " CMD ": %s: larger than "
			                "%d bytes\n",
			    path, MIGRATION_MAX_BYTES);
			e = UF_ELIMIT;
			goto out;
		}
		if (got == 0)
			break;
	}
	if (ferror(fp)) {
		fprintf(stderr, "uppfolj-admin " CMD ": %s: read error\n", path);
		e = UF_EIO;
		goto out;
	}
	if (text == NULL || memchr(text, '\0', len) != NULL) {
		fprintf(stderr, "uppfolj-admin " CMD ": %s: empty or contains a "
		                "NUL byte\n",
		    path);
		e = UF_EFORMAT;
		goto out;
	}
	text[len] = '\0';
	*out = text;
	text = NULL;
out:
	free(text);
	if (fp != NULL)
		fclose(fp);
	return e;
}

static void
sha256_hex(const char *data, size_t len, char hex[SHA256_HEX_LEN + 1])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)data, len);
	sodium_bin2hex(hex, SHA256_HEX_LEN + 1, h, sizeof(h));
}

/* Collect, read and checksum every migration file of dir, sorted. */
static uf_err
scan_dir(const char *dir, struct migration_set *s)
{
	DIR *d = NULL;
	struct dirent *de;
	char path[4096];
	size_t i;
	int version, k;
	uf_err e = UF_OK;

	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "uppfolj-admin " CMD ": cannot open schema folder "
		                "%s: %s\n",
		    dir, strerror(errno));
		e = UF_EIO;
		goto out;
	}
	while ((errno = 0, de = readdir(d)) != NULL) {
		struct migration *m;

		if (!migration_name(de->d_name, &version))
			continue;
		if (s->n == MIGRATION_MAX_FILES) {
			fprintf(stderr, "uppfolj-admin " CMD ": more than %d "
			                "migrations in %s\n",
			    MIGRATION_MAX_FILES, dir);
			e = UF_ELIMIT;
			goto out;
		}
		if (s->n == s->cap) {
			size_t cap = s->cap == 0 ? 16 : s->cap * 2;
			struct migration *v = realloc(s->v, cap * sizeof(*v));

			if (v == NULL) {
				e = UF_ENOMEM;
				goto out;
			}
			s->v = v;
			s->cap = cap;
		}
		m = &s->v[s->n];
		memset(m, 0, sizeof(*m));
		m->version = version;
		memcpy(m->name, de->d_name, strlen(de->d_name) + 1);
		s->n++;
		k = snprintf(path, sizeof(path), "%s/%s", dir, m->name);
		if (k < 0 || (size_t)k >= sizeof(path)) {
			fprintf(stderr, "uppfolj-admin " CMD ": path too long: "
			                "%s\n",
			    dir);
			e = UF_ELIMIT;
			goto out;
		}
		if ((e = read_text(path, &m->sql)) != UF_OK)
			goto out;
		sha256_hex(m->sql, strlen(m->sql), m->sha256);
	}
	if (errno != 0) {
		fprintf(stderr, "uppfolj-admin " CMD ": reading %s: %s\n", dir,
		    strerror(errno));
		e = UF_EIO;
		goto out;
	}
	if (s->n == 0) {
		fprintf(stderr, "uppfolj-admin " CMD ": no NNNN_*.sql files in "
		                "%s\n",
		    dir);
		e = UF_ENOTFOUND;
		goto out;
	}
	qsort(s->v, s->n, sizeof(*s->v), by_version);
	for (i = 1; i < s->n; i++) {
		if (s->v[i].version == s->v[i - 1].version) {
			fprintf(stderr, "uppfolj-admin " CMD ": two migrations "
			                "numbered %04d: %s and %s\n",
			    s->v[i].version,
			    s->v[i - 1].name, s->v[i].name);
			e = UF_EFORMAT;
			goto out;
		}
	}
out:
	if (d != NULL)
		closedir(d);
	return e;
}

static const struct mig_row *
applied_row(const struct mig_row *rows, size_t n, int version)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (rows[i].version == version)
			return &rows[i];
	return NULL;
}

static const struct migration *
file_for(const struct migration_set *s, int version)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->v[i].version == version)
			return &s->v[i];
	return NULL;
}

/* Apply one file and its record in one transaction. */
static uf_err
apply_one(struct db *db, const struct migration *m)
{
	uf_err e;

	if ((e = db_begin(db)) != UF_OK)
		goto fail;
	/* The record goes first: the script may switch role (SET LOCAL ROLE
	 * uppfolj_owner) and the owner cannot write the bookkeeping table. */
	if ((e = db_migration_insert(db, m->version, m->name, m->sha256)) != UF_OK)
		goto fail;
	if ((e = db_exec_script(db, m->sql)) != UF_OK)
		goto fail;
	if ((e = db_commit(db)) != UF_OK)
		goto fail;
	return UF_OK;
fail:
	fprintf(stderr, "uppfolj-admin " CMD ": %s failed: %s\n", m->name,
	    db_errmsg(db));
	(void)db_rollback(db);
	return e;
}

int
cmd_migrate(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "schema", required_argument, NULL, 's' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	struct migration_set set = { 0 };
	struct mig_row *rows = NULL;
	struct db *db = NULL;
	const char *conninfo = opts_db_default();
	const char *dir = NULL;
	bool quiet = false;
	size_t nrows = 0, i, applied = 0;
	int c, rc = 1;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			conninfo = optarg;
			break;
		case 's':
			dir = optarg;
			break;
		case 'q':
			quiet = true;
			break;
		default: /* ':' (no value) or an unknown option */
			rc = opts_bad_option(CMD, c, argv);
			goto out;
		}
	}
	if (optind != argc) {
		rc = opts_usage(CMD, "unexpected argument \"%s\"", argv[optind]);
		goto out;
	}
	if (dir == NULL)
		dir = opts_data_dir("UF_SCHEMA_DIR", UF_DATADIR "/schema", "schema");

	if (scan_dir(dir, &set) != UF_OK)
		goto out;
	if (db_migrate_connect(conninfo, &db) != UF_OK) {
		rc = opts_fail(CMD, "cannot connect or prepare (check --db; a "
		                    "conninfo may hold a password, so it is not shown); migrate "
		                    "needs a superuser connection");
		goto out;
	}
	if (db_migration_list(db, &rows, &nrows) != UF_OK) {
		rc = opts_fail(CMD, "cannot read public.uppfolj_migration: %s "
		                    "(migrate needs a superuser connection)",
		    db_errmsg(db));
		goto out;
	}
	/* Check everything already applied before applying anything new. */
	for (i = 0; i < nrows; i++) {
		const struct migration *m = file_for(&set, rows[i].version);

		if (m == NULL) {
			if (!quiet)
				fprintf(stderr, "uppfolj-admin " CMD ": note: "
				                "applied migration %s is not in %s\n",
				    rows[i].name, dir);
			continue;
		}
		if (strcmp(m->sha256, rows[i].sha256) != 0) {
			rc = opts_fail(CMD, "migration %s was edited after it was "
			                    "applied (recorded sha256 %.12s..., file %.12s...); "
			                    "add a new migration instead",
			    m->name,
			    rows[i].sha256, m->sha256);
			goto out;
		}
	}
	for (i = 0; i < set.n; i++) {
		if (applied_row(rows, nrows, set.v[i].version) != NULL)
			continue;
		if (apply_one(db, &set.v[i]) != UF_OK)
			goto out;
		applied++;
		if (!quiet)
			printf("applied %s\n", set.v[i].name);
	}
	if (!quiet) {
		if (applied == 0)
			printf("schema up to date\n");
		else
			printf("%zu migration%s applied\n", applied,
			    applied == 1 ? "" : "s");
	}
	rc = 0;
out:
	db_close(db);
	free(rows);
	set_free(&set);
	return rc;
}
