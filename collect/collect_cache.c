/* SPDX-License-Identifier: ISC
 * The session cache: a direct-mapped table of heap copies under one rwlock
 * (readers copy an entry into their arena while holding it; a colliding key
 * simply replaces the slot). An entry is used at the draft stamp the
 * database confirms for the request, or for the view cookie it was stored
 * for. A load that raced with a change of its session is not cached:
 * every change is numbered, each slot keeps the number of its last write
 * or forget, and the last forgets by access code are kept with theirs.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "code.h"
#include "collect_cache.h"

/* Power of two. Two live sessions in one slot push each other out on
 * every write, and each then reads the database on every page: with 1024
 * slots two of 32 sessions under way shared one about every other time. */
#define CACHE_SLOTS   8192
#define CACHE_KEY_MAX 80

struct entry {
	char key[CACHE_KEY_MAX];
	double since;                 /* monotonic seconds: known current then */
	char view[TOKEN_HEX_LEN + 1]; /* the view cookie it serves; "": none */
	struct cache_session s;       /* strings and answers owned by the entry */
};

static pthread_rwlock_t lock = PTHREAD_RWLOCK_INITIALIZER;
static struct entry *slots[CACHE_SLOTS];

/* Changes are numbered: a put names the number before its load and is
 * refused when its slot, or its session's access code, changed after it.
 * Not one count for everything: every page save and every login would
 * then refuse the copies of all other sessions' reads made meanwhile. */
#define CODE_FORGETS 64 /* logins of the last second or two: a load takes ms */
static uint64_t changes;
static uint64_t slot_changed[CACHE_SLOTS];
static uint64_t cleared;
static struct {
	uint64_t change;
	long long code_id;
} code_forgets[CODE_FORGETS];
static uint64_t ncode_forgets; /* ever: the ring holds the last CODE_FORGETS */
static int ttl;                /* seconds; 0 = off; written before threads start */

double
session_cache_now(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t
slot_of(const char *key)
{
	uint32_t h = 2166136261u; /* FNV-1a: the keys are already keyed hashes */
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 16777619u;
	return h & (CACHE_SLOTS - 1);
}

static void
answers_free_heap(const struct form *f, struct form_answer *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < f->nitems; i++) {
		free((char *)a[i].text);
		if (a[i].choices) {
			for (size_t k = 0; k < a[i].nchoices; k++)
				free((char *)a[i].choices[k]);
			free((char **)a[i].choices);
		}
	}
	free(a);
}

static void
entry_free(struct entry *e)
{
	if (!e)
		return;
	free((char *)e->s.instrument_id);
	free((char *)e->s.stamp);
	free((char *)e->s.consent);
	free((char *)e->s.status);
	free((char *)e->s.csrf);
	if (e->s.form)
		answers_free_heap(e->s.form, (struct form_answer *)e->s.answers);
	free(e);
}

/* strdup that keeps NULL; *ok turns false when out of memory. */
static char *
dup_heap(const char *s, bool *ok)
{
	char *d;
	if (!s)
		return NULL;
	d = strdup(s);
	if (!d)
		*ok = false;
	return d;
}

static struct form_answer *
answers_dup_heap(const struct form *f,
    const struct form_answer *src)
{
	struct form_answer *a = calloc(f->nitems ? f->nitems : 1, sizeof(*a));
	bool ok = a != NULL;
	for (size_t i = 0; ok && i < f->nitems; i++) {
		a[i].kind = src[i].kind;
		a[i].ival = src[i].ival;
		a[i].text = dup_heap(src[i].text, &ok);
		if (ok && src[i].choices && src[i].nchoices) {
			char **v = calloc(src[i].nchoices, sizeof(*v));
			if (!v) {
				ok = false;
				break;
			}
			a[i].choices = (const char *const *)v;
			a[i].nchoices = src[i].nchoices;
			for (size_t k = 0; ok && k < src[i].nchoices; k++)
				v[k] = dup_heap(src[i].choices[k], &ok);
		}
	}
	if (!ok && a) {
		answers_free_heap(f, a);
		a = NULL;
	}
	return a;
}

static struct form_answer *
answers_dup_arena(struct arena *ar, const struct form *f,
    const struct form_answer *src)
{
	struct form_answer *a = arena_alloc(ar, (f->nitems ? f->nitems : 1) * sizeof(*a));
	if (!a)
		return NULL;
	for (size_t i = 0; i < f->nitems; i++) {
		a[i] = src[i];
		if (src[i].text && !(a[i].text = arena_strdup(ar, src[i].text)))
			return NULL;
		if (src[i].choices && src[i].nchoices) {
			const char **v = arena_alloc(ar, src[i].nchoices * sizeof(*v));
			if (!v)
				return NULL;
			for (size_t k = 0; k < src[i].nchoices; k++)
				if (!(v[k] = arena_strdup(ar, src[i].choices[k])))
					return NULL;
			a[i].choices = v;
		}
	}
	return a;
}

void
session_cache_init(int ttl_seconds)
{
	ttl = ttl_seconds > 0 ? ttl_seconds : 0;
}

void
session_cache_clear(void)
{
	if (pthread_rwlock_wrlock(&lock) != 0)
		abort();
	for (size_t i = 0; i < CACHE_SLOTS; i++) {
		entry_free(slots[i]);
		slots[i] = NULL;
	}
	cleared = ++changes;
	pthread_rwlock_unlock(&lock);
}

uint64_t
session_cache_generation(void)
{
	uint64_t g;
	if (pthread_rwlock_rdlock(&lock) != 0)
		abort();
	g = changes;
	pthread_rwlock_unlock(&lock);
	return g;
}

/* Whether slot k or the sessions of code_id changed after change number
 * gen; true also when more codes were forgotten since than the ring
 * remembers. Call with the lock held. */
static bool
changed_since(size_t k, long long code_id, uint64_t gen)
{
	uint64_t i;

	if (cleared > gen || slot_changed[k] > gen)
		return true;
	for (i = 0; i < CODE_FORGETS && i < ncode_forgets; i++) {
		uint64_t at = (ncode_forgets - 1 - i) % CODE_FORGETS;
		if (code_forgets[at].change <= gen)
			return false; /* the older ones are older still */
		if (code_forgets[at].code_id == code_id)
			return true;
	}
	return ncode_forgets > CODE_FORGETS;
}

static bool
fresh(const struct entry *e, double now_mono, time_t now_wall)
{
	return now_mono - e->since < (double)ttl && (long long)now_wall < e->s.expires_epoch;
}

/* The live entry of key, or NULL; call with the lock held. */
static const struct entry *
find(const char *key)
{
	const struct entry *e = slots[slot_of(key)];
	if (e && strcmp(e->key, key) == 0 && fresh(e, session_cache_now(), time(NULL)))
		return e;
	return NULL;
}

const char *
session_cache_stamp(const char *key, struct arena *a)
{
	const struct entry *e;
	const char *stamp = NULL;

	if (ttl == 0 || strlen(key) >= CACHE_KEY_MAX)
		return NULL;
	if (pthread_rwlock_rdlock(&lock) != 0)
		abort();
	if ((e = find(key)) != NULL)
		stamp = arena_strdup(a, e->s.stamp);
	pthread_rwlock_unlock(&lock);
	return stamp;
}

/* Copy entry e into the arena; false when out of memory. Call with the
 * lock held. */
static bool
copy_out(const struct entry *e, struct arena *a, struct cache_session *out)
{
	*out = e->s;
	out->instrument_id = arena_strdup(a, e->s.instrument_id);
	out->stamp = arena_strdup(a, e->s.stamp);
	out->consent = e->s.consent ? arena_strdup(a, e->s.consent) : NULL;
	out->status = e->s.status ? arena_strdup(a, e->s.status) : NULL;
	out->csrf = e->s.csrf ? arena_strdup(a, e->s.csrf) : NULL;
	out->answers = answers_dup_arena(a, e->s.form, e->s.answers);
	return out->instrument_id && out->stamp && out->answers &&
	    (out->consent || !e->s.consent) && (out->status || !e->s.status) &&
	    (out->csrf || !e->s.csrf);
}

bool
session_cache_get(const char *key, const char *stamp, struct arena *a,
    struct cache_session *out)
{
	const struct entry *e;
	bool hit = false;

	if (ttl == 0 || !stamp || strlen(key) >= CACHE_KEY_MAX)
		return false;
	if (pthread_rwlock_rdlock(&lock) != 0)
		abort();
	e = find(key);
	if (e && strcmp(e->s.stamp, stamp) == 0)
		hit = copy_out(e, a, out);
	pthread_rwlock_unlock(&lock);
	return hit;
}

bool
session_cache_peek(const char *key, struct arena *a, struct cache_session *out)
{
	const struct entry *e;
	bool hit = false;

	if (ttl == 0 || strlen(key) >= CACHE_KEY_MAX)
		return false;
	if (pthread_rwlock_rdlock(&lock) != 0)
		abort();
	if ((e = find(key)) != NULL)
		hit = copy_out(e, a, out);
	pthread_rwlock_unlock(&lock);
	return hit;
}

const struct lang *
session_cache_lang(const char *key)
{
	const struct entry *e;
	const struct lang *l = NULL;

	if (ttl == 0 || strlen(key) >= CACHE_KEY_MAX)
		return NULL;
	if (pthread_rwlock_rdlock(&lock) != 0)
		abort();
	if ((e = find(key)) != NULL)
		l = e->s.ui;
	pthread_rwlock_unlock(&lock);
	return l;
}

bool
session_cache_view(const char *key, const char *view, struct arena *a,
    struct cache_session *out)
{
	const struct entry *e;
	bool hit = false;

	if (ttl == 0 || !view || strlen(view) != TOKEN_HEX_LEN || strlen(key) >= CACHE_KEY_MAX)
		return false;
	if (pthread_rwlock_rdlock(&lock) != 0)
		abort();
	e = find(key);
	if (e && e->view[0] && token_equal(e->view, view))
		hit = copy_out(e, a, out);
	pthread_rwlock_unlock(&lock);
	return hit;
}

/* A heap entry for key holding a copy of s, current at since, for view
 * (NULL: none); NULL when it cannot be made. */
static struct entry *
entry_new(const char *key, double since, const char *view, const struct cache_session *s)
{
	struct entry *e;
	bool ok = true;

	if (ttl == 0 || strlen(key) >= CACHE_KEY_MAX || !s->form || !s->instrument_id ||
	    !s->stamp || !s->answers)
		return NULL;
	e = calloc(1, sizeof(*e));
	if (!e)
		return NULL; /* a cache: the next request loads from the database */
	memcpy(e->key, key, strlen(key) + 1);
	e->since = since;
	if (view && strlen(view) == TOKEN_HEX_LEN)
		memcpy(e->view, view, TOKEN_HEX_LEN + 1);
	e->s = *s;
	e->s.instrument_id = dup_heap(s->instrument_id, &ok);
	e->s.stamp = dup_heap(s->stamp, &ok);
	e->s.consent = dup_heap(s->consent, &ok);
	e->s.status = dup_heap(s->status, &ok);
	e->s.csrf = dup_heap(s->csrf, &ok);
	e->s.answers = answers_dup_heap(s->form, s->answers);
	if (!ok || !e->s.answers) {
		entry_free(e);
		return NULL;
	}
	return e;
}

void
session_cache_put(const char *key, uint64_t gen, double since, const char *view,
    const struct cache_session *s)
{
	struct entry *e = entry_new(key, since, view, s), *old = NULL;
	size_t k;

	if (!e)
		return;
	k = slot_of(key);
	if (pthread_rwlock_wrlock(&lock) != 0)
		abort();
	if (!changed_since(k, s->code_id, gen)) {
		old = slots[k];
		slots[k] = e;
		e = NULL;
	}
	pthread_rwlock_unlock(&lock);
	entry_free(old);
	entry_free(e);
}

void
session_cache_replace(const char *key, double since, const char *view,
    const struct cache_session *s)
{
	struct entry *e = entry_new(key, since, view, s), *old = NULL;
	size_t k = slot_of(key);

	if (ttl == 0)
		return;
	if (pthread_rwlock_wrlock(&lock) != 0)
		abort();
	slot_changed[k] = ++changes;
	old = slots[k];
	slots[k] = e; /* NULL (no stamp, out of memory) forgets the older entry */
	pthread_rwlock_unlock(&lock);
	entry_free(old);
}

void
session_cache_forget(const char *key, long long code_id)
{
	struct entry *gone[CACHE_SLOTS];
	size_t n = 0;

	if (ttl == 0)
		return;
	if (pthread_rwlock_wrlock(&lock) != 0)
		abort();
	++changes;
	if (key) {
		size_t k = slot_of(key);
		slot_changed[k] = changes;
		if (slots[k] && strcmp(slots[k]->key, key) == 0) {
			gone[n++] = slots[k];
			slots[k] = NULL;
		}
	}
	if (code_id >= 0) {
		code_forgets[ncode_forgets % CODE_FORGETS].change = changes;
		code_forgets[ncode_forgets % CODE_FORGETS].code_id = code_id;
		ncode_forgets++;
		for (size_t i = 0; i < CACHE_SLOTS; i++) {
			if (slots[i] && slots[i]->s.code_id == code_id) {
				gone[n++] = slots[i];
				slots[i] = NULL;
			}
		}
	}
	pthread_rwlock_unlock(&lock);
	for (size_t i = 0; i < n; i++)
		entry_free(gone[i]);
}
