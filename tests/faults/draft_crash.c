/* SPDX-License-Identifier: ISC */
/* Crash test client (tests/faults/draft_crash.sh): NPROC processes, each
 * with its own connection as uppfolj_collect, walk sessions one after the
 * other -- login, consent, ITEMS page saves of one answer each
 * (collect_draft_page, committed asynchronously after the first), the
 * submission -- until SECONDS have passed. When PostgreSQL goes away
 * mid-walk a process reconnects, reads its session again and checks that
 * the draft is exactly a prefix of the saves it was told were stored (with
 * their revision), then continues from there and submits. Each process
 * writes what it was told, one line per event with a millisecond clock,
 * to OUTDIR/<process>.log for the script's checks:
 *   A sess item value rev ms            a page save acknowledged
 *   R sess in_db acked ok first_lost_ms  the draft read after a reconnect
 *   U sess ms                           a submission acknowledged
 *   W sess                              a submission whose answer was lost
 *   X sess what                         anything unexpected (the test fails)
 * Usage: draft_crash CONNINFO OUTDIR SECONDS NPROC FIRST_SESSION
 * (built against the project's lib/db.c, the one home of libpq). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "db.h"

#define ITEMS 12

enum {
	ST_LOGIN,
	ST_VIEW,
	ST_CONSENT,
	ST_PAGE,
	ST_SUBMIT,
};
static const struct db_stmt stmts[] = {
	[ST_LOGIN] = { "login",
	    "SELECT accepted FROM uppfolj.collect_login_idle(decode($1, 'hex'), "
	    "decode(repeat('ac', 32), 'hex'), decode($2, 'hex'), repeat('c', 64), "
	    "3600, 3600, 1000000, 1000000, 15)",
	    2 },
	[ST_VIEW] = { "view",
	    "SELECT coalesce(answers, '[]')::text, draft_rev FROM "
	    "uppfolj.collect_session_view_since(decode($1, 'hex'), NULL)",
	    1 },
	[ST_CONSENT] = { "consent",
	    "SELECT uppfolj.collect_consent(decode($1, 'hex'), 'given', '2026-1')", 1 },
	[ST_PAGE] = { "page",
	    "SELECT draft_rev FROM uppfolj.collect_draft_page(decode($1, 'hex'), "
	    "$2::bigint, $3::jsonb, '[]')",
	    3 },
	[ST_SUBMIT] = { "submit",
	    "SELECT submission_id FROM uppfolj.collect_submit_session(decode($1, 'hex'), "
	    "$2::jsonb)",
	    2 },
};

struct walk {
	struct db *db;
	const char *conninfo;
	FILE *log;
	long sess;
	long long rev;
	int acked;                /* saves acknowledged in this session */
	long long ack_ms[ITEMS];  /* when each was */
	long long ack_rev[ITEMS]; /* and the revision it was given */
};

static long long
now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* The answer session sess gives to item k (1..ITEMS). */
static int
value_of(long sess, int k)
{
	return (int)((sess + k) % 5) + 1;
}

/* Hex of session sess's code (prefix 'c') or token (prefix 'd'): 32 bytes. */
static void
hex32(char *out, char kind, long sess)
{
	snprintf(out, 65, "%c%063ld", kind, sess);
}

static void
reconnect(struct walk *w)
{
	long long until = now_ms() + 90000;
	while ((w->db ? db_ensure(w->db) : db_connect(w->conninfo, stmts, sizeof(stmts) / sizeof(stmts[0]), &w->db)) != UF_OK) {
		if (now_ms() > until) {
			fprintf(w->log, "X %ld reconnect\n", w->sess);
			exit(1);
		}
		nanosleep(&(struct timespec){ .tv_nsec = 50000000 }, NULL);
	}
}

/* Run statement idx; its result (caller frees), or NULL when the server
 * went away (connected again) or, with may_refuse, when refused. Anything
 * else, and twenty failures in a row, end the process (X line). */
static struct db_res *
call_(struct walk *w, size_t idx, const char *const *p, int may_refuse)
{
	static int failed;
	struct db_res *r = NULL;
	uf_err e = db_exec(w->db, idx, p, &r);
	if (e == UF_OK) {
		failed = 0;
		return r;
	}
	if (e == UF_EDB && ++failed < 20) {
		reconnect(w);
		return NULL;
	}
	if (may_refuse && e != UF_EDB)
		return NULL;
	fprintf(w->log, "X %ld %s %s\n", w->sess, db_sqlstate(w->db), db_errmsg(w->db));
	fflush(w->log);
	exit(1);
}

static struct db_res *
call(struct walk *w, size_t idx, const char *const *p)
{
	return call_(w, idx, p, 0);
}

/* After a lost connection: the draft must be the first in_db acknowledged
 * saves (answers, and the revision of the last), or those plus the one
 * in flight when the connection went; nothing else. Continue from there. */
static int
reread(struct walk *w, const char *tok)
{
	const char *p[1] = { tok };
	struct db_res *r;
	while (!(r = call(w, ST_VIEW, p)))
		;
	const char *json = db_res_get(r, 0, 0);
	long long rev = atoll(db_res_get(r, 0, 1));
	int in_db = 0, ok = 1;
	for (int k = 1; k <= ITEMS; k++) {
		char want[64];
		/* jsonb prints {"i": "qk", "n": v} */
		snprintf(want, sizeof(want), "{\"i\": \"q%d\", \"n\": %d}", k, value_of(w->sess, k));
		char id[32];
		snprintf(id, sizeof(id), "\"q%d\"", k);
		if (!strstr(json, id))
			continue;
		if (!strstr(json, want))
			ok = 0; /* another value than the one saved */
		if (k != ++in_db)
			ok = 0; /* not a prefix */
	}
	if (in_db > w->acked + 1)
		ok = 0; /* more than the acknowledged saves and the one in flight */
	else if (in_db > 0 && in_db <= w->acked && rev != w->ack_rev[in_db - 1])
		ok = 0; /* the answers of one revision under another's number */
	else if (in_db == 0 && rev != 0)
		ok = 0;
	fprintf(w->log, "R %ld %d %d %d %lld\n", w->sess, in_db, w->acked, ok,
	    in_db < w->acked ? w->ack_ms[in_db] : 0);
	fflush(w->log);
	db_res_free(r);
	w->rev = rev;
	w->acked = in_db;
	return in_db;
}

static void
walk_one(struct walk *w)
{
	char code[65], tok[65];
	struct db_res *r;
	hex32(code, 'c', w->sess);
	hex32(tok, 'd', w->sess);
	w->rev = 0;
	w->acked = 0;
	const char *lp[2] = { code, tok };
	while (!(r = call(w, ST_LOGIN, lp))) {
		/* a login lost in a crash may have been stored: the code is used */
		const char *cp[1] = { tok };
		r = call_(w, ST_VIEW, cp, 1);
		if (r)
			break;
	}
	db_res_free(r);
	const char *tp[1] = { tok };
	while (!(r = call(w, ST_CONSENT, tp)))
		;
	db_res_free(r);
	int k = 1;
	while (k <= ITEMS) {
		char put[64], rev[32];
		snprintf(put, sizeof(put), "[{\"i\": \"q%d\", \"n\": %d}]", k, value_of(w->sess, k));
		snprintf(rev, sizeof(rev), "%lld", w->rev);
		const char *p[3] = { tok, rev, put };
		r = call(w, ST_PAGE, p);
		if (!r) {
			k = reread(w, tok) + 1;
			continue;
		}
		if (db_res_isnull(r, 0, 0)) {
			fprintf(w->log, "X %ld stale\n", w->sess);
			exit(1);
		}
		w->rev = atoll(db_res_get(r, 0, 0));
		w->ack_ms[k - 1] = now_ms();
		w->ack_rev[k - 1] = w->rev;
		w->acked = k;
		fprintf(w->log, "A %ld %d %d %lld %lld\n", w->sess, k, value_of(w->sess, k), w->rev,
		    w->ack_ms[k - 1]);
		fflush(w->log);
		db_res_free(r);
		k++;
	}
	char all[ITEMS * 32 + 8];
	size_t len = 0;
	all[len++] = '[';
	for (k = 1; k <= ITEMS; k++)
		len += (size_t)snprintf(all + len, sizeof(all) - len, "%s{\"i\": \"q%d\", \"n\": %d}",
		    k > 1 ? ", " : "", k, value_of(w->sess, k));
	snprintf(all + len, sizeof(all) - len, "]");
	const char *sp[2] = { tok, all };
	r = call(w, ST_SUBMIT, sp);
	if (!r) {
		fprintf(w->log, "W %ld\n", w->sess);
	} else {
		fprintf(w->log, "U %ld %lld\n", w->sess, now_ms());
		db_res_free(r);
	}
	fflush(w->log);
}

int
main(int argc, char **argv)
{
	if (argc != 6) {
		fprintf(stderr, "usage: draft_crash CONNINFO OUTDIR SECONDS NPROC FIRST_SESSION\n");
		return 2;
	}
	long long until = now_ms() + atoll(argv[3]) * 1000;
	int nproc = atoi(argv[4]);
	long first = atol(argv[5]);
	for (int i = 0; i < nproc; i++) {
		pid_t pid = fork();
		if (pid < 0)
			return 1;
		if (pid > 0)
			continue;
		char path[4096];
		snprintf(path, sizeof(path), "%s/%d.log", argv[2], i);
		struct walk w = { .conninfo = argv[1] };
		w.log = fopen(path, "w");
		if (!w.log)
			_exit(1);
		reconnect(&w);
		for (long s = first + i; now_ms() < until; s += nproc) {
			w.sess = s;
			walk_one(&w);
		}
		fclose(w.log);
		db_close(w.db);
		_exit(0);
	}
	int failed = 0, st;
	while (wait(&st) > 0)
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			failed++;
	return failed ? 1 : 0;
}
