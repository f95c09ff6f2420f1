/* SPDX-License-Identifier: ISC
 * uppfolj-admin waves, wave-add and wave-set: list a study's waves with
 * their dates and state, create a wave with the instrument each group
 * answers, and change a wave's opening and closing days (its unused codes
 * expire with it). manage/waves checks and stores, as for the web.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "db_manage.h"
#include "num.h"
#include "opts.h"
#include "study.h"
#include "waves.h"

int
cmd_waves(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_LONG_DB,
		OPTS_LONG_STUDY,
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "waves";
	struct opts_common o;
	struct manage_error err;
	struct m_waves r = { 0 };
	struct db *db = NULL;
	long long sid;
	int i, rc = 1;
	uf_err e;

	if (!opts_common_parse(cmd, argc, argv, longopts, &o))
		return OPTS_EXIT_USAGE;
	if (optind != argc)
		return opts_usage(cmd, "unexpected argument \"%s\"", argv[optind]);
	if (!cli_connect(cmd, o.conninfo, &db))
		goto out;
	if ((e = study_resolve(db, o.study, &sid, &err)) != UF_OK ||
	    (e = db_m_waves(db, sid, &r)) != UF_OK) {
		rc = opts_fail(cmd, "%s", manage_error_text(&err, e));
		goto out;
	}
	printf("months\topens\tcloses\tstate\tgroups\n");
	for (i = 0; i < r.n; i++)
		printf("%d\t%s\t%s\t%s\t%s\n", r.row[i].months,
		    r.row[i].opens_on, r.row[i].closes_on, wave_state_text(&r.row[i]),
		    r.row[i].groups);
	rc = fflush(stdout) == 0 ? 0 : opts_fail(cmd, "cannot write the list");
out:
	m_waves_free(&r);
	db_close(db);
	return rc;
}

int
cmd_wave_set(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_LONG_DB,
		OPTS_LONG_STUDY,
		OPTS_LONG_WAVE,
		{ "opens", required_argument, NULL, 'o' },
		{ "closes", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "wave-set", *opens = NULL, *closes = NULL;
	char actor[CLI_ACTOR_MAX];
	struct opts_common o;
	struct manage_error err;
	struct db *db = NULL;
	long long moved = 0;
	int c, rc = 1;
	uf_err e;

	opts_common_init(&o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': opens = optarg; break;
		case 'c': closes = optarg; break;
		default:
			if (!opts_common(cmd, c, optarg, &o))
				return OPTS_EXIT_USAGE;
		}
	}
	if (optind != argc)
		return opts_usage(cmd, "unexpected argument \"%s\"", argv[optind]);
	if (o.months == 0 || opens == NULL || closes == NULL)
		return opts_usage(cmd, "--wave, --opens and --closes are required");
	if (!cli_connect(cmd, o.conninfo, &db))
		goto out;
	cli_actor(actor);
	if ((e = wave_set_dates(db, o.study, (int)o.months, opens, closes, actor,
	         &moved, &err)) != UF_OK) {
		rc = opts_fail(cmd, "%s", manage_error_text(&err, e));
		goto out;
	}
	printf("the %ld-month wave opens %s and closes %s; %lld unused codes "
	       "expire with it\n",
	    o.months, opens, closes, moved);
	rc = 0;
out:
	db_close(db);
	return rc;
}

/* One --instrument GROUP=ID:VERSION (or GROUP=none) into w. */
static bool
instrument_opt(const char *cmd, const char *arg, struct wave_new *w)
{
	const char *eq = strchr(arg, '=');
	char grp[16];
	enum respondent_group g;
	size_t n;

	n = eq != NULL ? (size_t)(eq - arg) : 0;
	if (eq == NULL || n >= sizeof(grp)) {
		opts_usage(cmd, "--instrument wants GROUP=ID:VERSION or GROUP=none, "
		                "not \"%s\"",
		    arg);
		return false;
	}
	memcpy(grp, arg, n);
	grp[n] = '\0';
	if (!group_parse(grp, &g)) {
		opts_usage(cmd, "unknown group \"%s\" (chef, personal, peer or "
		                "patient)",
		    grp);
		return false;
	}
	if (eq[1] == '\0' || !wave_pick_parse(eq + 1, &w->pick[g])) {
		opts_usage(cmd, "--instrument wants GROUP=ID:VERSION or GROUP=none, "
		                "not \"%s\"",
		    arg);
		return false;
	}
	return true;
}

int
cmd_wave_add(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_LONG_DB,
		OPTS_LONG_STUDY,
		{ "months", required_argument, NULL, 'm' },
		{ "opens", required_argument, NULL, 'o' },
		{ "closes", required_argument, NULL, 'c' },
		{ "instrument", required_argument, NULL, 'i' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "wave-add";
	char actor[CLI_ACTOR_MAX];
	struct wave_pick chosen[GROUP__MAX];
	struct opts_common o;
	struct manage_error err;
	struct wave_new w;
	struct db *db = NULL;
	long long id = 0;
	long months = 0;
	bool named = false;
	size_t g;
	int c, rc = 1;
	uf_err e;

	memset(&w, 0, sizeof(w));
	opts_common_init(&o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'm':
			if (!num_long(optarg, 1, 120, &months))
				return opts_usage(cmd, "--months wants 1 to 120, not "
				                       "\"%s\"",
				    optarg);
			break;
		case 'o': w.opens_on = optarg; break;
		case 'c': w.closes_on = optarg; break;
		case 'i':
			if (!instrument_opt(cmd, optarg, &w))
				return OPTS_EXIT_USAGE;
			named = true;
			break;
		default:
			if (!opts_common(cmd, c, optarg, &o))
				return OPTS_EXIT_USAGE;
		}
	}
	if (optind != argc)
		return opts_usage(cmd, "unexpected argument \"%s\"", argv[optind]);
	if (months == 0 || w.opens_on == NULL || w.closes_on == NULL)
		return opts_usage(cmd, "--months, --opens and --closes are required");
	w.months = (int)months;
	/* Named instruments say it all: the groups not named do not answer. */
	for (g = 0; named && g < GROUP__MAX; g++)
		if (w.pick[g].how == WAVE_PICK_DEFAULT)
			w.pick[g].how = WAVE_PICK_NONE;
	if (!cli_connect(cmd, o.conninfo, &db))
		goto out;
	cli_actor(actor);
	if ((e = wave_add(db, o.study, &w, actor, &id, chosen, &err)) != UF_OK) {
		rc = opts_fail(cmd, "%s", manage_error_text(&err, e));
		goto out;
	}
	printf("created the %ld-month wave (%s to %s):", months, w.opens_on,
	    w.closes_on);
	for (g = 0; g < GROUP__MAX; g++)
		if (chosen[g].how == WAVE_PICK_GIVEN)
			printf(" %s=%s:%d", group_id((enum respondent_group)g), chosen[g].instrument,
			    chosen[g].version);
	printf("\n");
	rc = fflush(stdout) == 0 ? 0 : opts_fail(cmd, "cannot write the result");
out:
	db_close(db);
	return rc;
}
