/* SPDX-License-Identifier: ISC
 * The per-process cache of parsed instrument definitions (id + version),
 * loaded from the database on a miss with their translations attached. A
 * stored instrument version is immutable, so an entry never goes stale; a
 * translation loaded later is seen after a restart. Entries live until exit.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "collect_instr.h"
#include "db_collect.h"
#include "log.h"

#define INSTR_CACHE_MAX 64

struct instr_entry {
	char id[FORM_ID_MAX + 1];
	int version;
	struct form *form;
};

static pthread_rwlock_t cache_lock = PTHREAD_RWLOCK_INITIALIZER;
static struct instr_entry cache[INSTR_CACHE_MAX];
static size_t cache_n;

static const struct form *
cache_find(const char *id, int version)
{
	for (size_t i = 0; i < cache_n; i++)
		if (cache[i].version == version && strcmp(cache[i].id, id) == 0)
			return cache[i].form;
	return NULL;
}

/* The newest revision of each stored translation, attached to f. A stored
 * translation was checked against this very instrument by forms-load, so
 * one that does not attach is logged and left out (the instrument is then
 * shown without that language), never a failed page. */
static uf_err
attach_translations(struct db *db, struct arena *a, struct form *f)
{
	struct db_translation_row rows[FORM_MAX_TRANSLATIONS];
	struct form_error ferr;
	size_t n = 0;
	uf_err e;

	e = db_collect_instrument_translations(db, a, f->id, f->version, rows,
	    FORM_MAX_TRANSLATIONS, &n);
	if (e != UF_OK)
		return e;
	for (size_t i = 0; i < n; i++) {
		memset(&ferr, 0, sizeof(ferr));
		if (form_translation_add(f, rows[i].definition,
		        strlen(rows[i].definition), rows[i].lang, &ferr) != UF_OK)
			log_error("msg=\"stored translation does not attach\" "
			          "instrument=%s version=%d lang=%s revision=%d field=%s",
			    f->id, f->version, rows[i].lang, rows[i].revision,
			    ferr.field);
	}
	return UF_OK;
}

uf_err
instr_get(struct db *db, struct arena *a, const char *id, int version,
    const struct form **out)
{
	uf_err e = UF_OK;
	const char *def = NULL;
	int got_version = 0;
	struct form *f = NULL;
	struct form_error ferr;

	if (strlen(id) > FORM_ID_MAX || version < 1)
		return UF_ENOTFOUND;
	if (pthread_rwlock_rdlock(&cache_lock) != 0)
		abort();
	*out = cache_find(id, version);
	pthread_rwlock_unlock(&cache_lock);
	if (*out)
		return UF_OK;

	e = db_collect_instrument(db, a, id, version, &got_version, &def);
	if (e != UF_OK)
		goto out;
	memset(&ferr, 0, sizeof(ferr));
	e = form_parse(def, strlen(def), id, &f, &ferr);
	if (e != UF_OK) {
		log_error("msg=\"stored instrument does not parse\" instrument=%s version=%d "
		          "field=%s",
		    id, version, ferr.field);
		e = UF_EFORMAT;
		goto out;
	}
	if ((e = attach_translations(db, a, f)) != UF_OK)
		goto out;
	if (pthread_rwlock_wrlock(&cache_lock) != 0)
		abort();
	*out = cache_find(id, version);
	if (!*out && cache_n < INSTR_CACHE_MAX) {
		memcpy(cache[cache_n].id, id, strlen(id) + 1);
		cache[cache_n].version = version;
		cache[cache_n].form = f;
		*out = f;
		f = NULL;
		cache_n++;
	}
	pthread_rwlock_unlock(&cache_lock);
	if (!*out)
		e = UF_ELIMIT; /* more instrument versions than the cache holds */
out:
	form_free(f);
	return e;
}

void
instr_cache_clear(void)
{
	if (pthread_rwlock_wrlock(&cache_lock) != 0)
		abort();
	for (size_t i = 0; i < cache_n; i++)
		form_free(cache[i].form);
	cache_n = 0;
	pthread_rwlock_unlock(&cache_lock);
}
