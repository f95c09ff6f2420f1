/* SPDX-License-Identifier: ISC
 * uppfolj-admin: dispatch to one subcommand from the table below. The table
 * is the single place that names the subcommands and their usage; the
 * subcommands never print their own help. Exit: 0 ok, 1 failure, 2 usage.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "cmd.h"
#include "log.h"

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary; /* one line for the overview */
	const char *usage;   /* options, one per line, for CMD --help */
};

static const struct command commands[] = {
	{ "migrate", cmd_migrate,
	    "apply pending schema migrations (needs a superuser connection)",
	    "usage: uppfolj-admin migrate [--db CONNINFO] [--schema DIR] [--quiet]\n"
	    "\n"
	    "Applies every schema/NNNN_*.sql file not yet recorded in\n"
	    "public.uppfolj_migration, in numeric order, one transaction per file.\n"
	    "A file edited after it was applied is an error.\n"
	    "\n"
	    "  --db CONNINFO  libpq connection string (default: $UPPFOLJ_DB, else\n"
	    "                \"dbname=uppfolj\"); must be a superuser\n"
	    "  --schema DIR   migration folder (default: $UF_SCHEMA_DIR, else the\n"
	    "                installed " UF_DATADIR "/schema, else ./schema)\n"
	    "  --quiet        print nothing on success\n" },
	{ "forms-check", cmd_forms_check,
	    "validate instrument definition files",
	    "usage: uppfolj-admin forms-check FILE...\n"
	    "\n"
	    "Checks each instrument file (forms/README.md is the format) and prints\n"
	    "one line per problem, naming the file and the item. Exit 1 when any\n"
	    "file is invalid.\n" },
	{ "forms-load", cmd_forms_load,
	    "store instrument definitions in the database (immutable)",
	    "usage: uppfolj-admin forms-load [--db CONNINFO] [--quiet] FILE...\n"
	    "\n"
	    "Checks and stores each instrument version with one row per item, one\n"
	    "transaction per file. Loading the same version again is a no-op; a\n"
	    "changed file with an already stored version is refused: raise its\n"
	    "\"version\".\n"
	    "\n"
	    "  --db CONNINFO  libpq connection string (default: $UPPFOLJ_DB, else\n"
	    "                \"dbname=uppfolj\")\n"
	    "  --quiet        print nothing on success\n" },
	{ "demo", cmd_demo,
	    "create the demo study with synthetic participants and answers",
	    "usage: uppfolj-admin demo [--db CONNINFO] [--secret FILE] [--forms DIR]\n"
	    "           [--participants N] [--seed S] [--start YYYY-MM-DD]\n"
	    "           [--slug SLUG] [--codes-out FILE] [--quiet]\n"
	    "\n"
	    "Creates a study shaped like the evaluation (4 wards on 3 clinics,\n"
	    "boendestöd, träffpunkt and stödboende in 2 kommuner), waves at 12, 24\n"
	    "and 36 months, and deterministic synthetic answers (same seed, same\n"
	    "data). A few kiosk participants get access codes for the open wave.\n"
	    "If the study exists nothing changes and the saved codes are printed.\n"
	    "Writes responses and answers, so it needs the owner's privileges\n"
	    "(a superuser connection).\n"
	    "\n"
	    "  --db CONNINFO      libpq connection string (default: $UPPFOLJ_DB)\n"
	    "  --secret FILE      access-code key, 64 hex digits (default:\n"
	    "                     $UPPFOLJ_SECRET)\n"
	    "  --forms DIR        instrument folder (default: $UF_FORMS_DIR, else\n"
	    "                     " UF_DATADIR "/forms, else ./forms)\n"
	    "  --participants N   panel size (default: about 230; up to 200000)\n"
	    "  --seed S           generator seed (default: 20240901)\n"
	    "  --start DATE       project start (default: the first of the month\n"
	    "                     36 months ago, so the 36-month wave is open)\n"
	    "  --slug SLUG        study slug (default: demo)\n"
	    "  --codes-out FILE   where the kiosk codes are written (mode 0600)\n"
	    "                     and read back on later runs\n"
	    "  --quiet            print only the codes\n" },
	{ "audio-build", cmd_audio_build,
	    "read-aloud audio of the instruments' questions (espeak-ng, Ogg Opus)",
	    "usage: uppfolj-admin audio-build --out DIR [--lang TAG]...\n"
	    "           [--voice TAG=VOICE]... [--timeout SECONDS] [--quiet] FILE...\n"
	    "\n"
	    "Speaks each item (question, help and answer choices) of each instrument\n"
	    "file, in Swedish and in the language of each translation file given\n"
	    "(forms/translations/, plain and easy-to-read where it has easy texts),\n"
	    "with espeak-ng and encodes it with opusenc into\n"
	    "DIR/<instrument>/<version>/<lang>/<plain|easy>/<item>.<hash>.opus, then\n"
	    "writes DIR/manifest.tsv (uppfolj-collect's audio_manifest). A file whose\n"
	    "text, voice and tools are unchanged is kept, not made again. Nothing is\n"
	    "half written: files and manifest appear by rename; on any error the old\n"
	    "manifest stays.\n"
	    "\n"
	    "  --out DIR          the audio folder nginx serves at /audio/\n"
	    "  --lang TAG         only this language (repeatable; default: each\n"
	    "                     instrument's languages, skipping those without\n"
	    "                     a voice)\n"
	    "  --voice TAG=VOICE  the espeak-ng voice for TAG (default: the tag's\n"
	    "                     first part, e.g. sv, en, ar)\n"
	    "  --lang-dir DIR     the UI strings (DIR/ui/<tag>.json) for the fixed\n"
	    "                     answer labels (default: $UPPFOLJ_LANG_DIR, else the\n"
	    "                     installed forms folder, else ./forms)\n"
	    "  --timeout SECONDS  longest run of one program for one file (default 30)\n"
	    "  --espeak PATH      the speech program (default espeak-ng)\n"
	    "  --opusenc PATH     the encoder (default opusenc)\n"
	    "  --quiet            print nothing on success\n" },
	{ "error-pages", cmd_error_pages,
	    "nginx's static error pages in each respondent language",
	    "usage: uppfolj-admin error-pages --out DIR [--lang-dir DIR] [--quiet]\n"
	    "\n"
	    "Writes DIR/413.<tag>.html (a body too large), DIR/fel.<tag>.html and\n"
	    "DIR/fel-skicka.<tag>.html (the program or database down, for a page\n"
	    "asked for and for a form sent) for every language of the page texts\n"
	    "(ui/<tag>.json, loaded and checked as uppfolj-collect does). nginx\n"
	    "picks them by the language cookie (deploy/nginx/nginx.conf.in); run at\n"
	    "install time by deploy/lib.sh's uf_static.\n"
	    "\n"
	    "  --out DIR          the folder nginx serves at /static/errors/\n"
	    "  --lang-dir DIR     holds ui/ (default: $UPPFOLJ_LANG_DIR, else the\n"
	    "                     installed forms folder, else ./forms)\n"
	    "  --quiet            print nothing on success\n" },
	/* Administration (manage/, one cmd_<name>.c each). Connection and key
	 * defaults as above: --db $UPPFOLJ_DB, --secret $UPPFOLJ_SECRET. */
	{ "user-add", cmd_user_add,
	    "create a web admin user (password on standard input)",
	    "usage: uppfolj-admin user-add [--db CONNINFO] [--role ROLE]\n"
	    "           [--unit ID]... [--password-file FILE] USERNAME\n"
	    "\n"
	    "  --role ROLE           admin, evaluator or unit_contact (default admin)\n"
	    "  --unit ID             a unit a unit contact may follow (repeatable)\n"
	    "  --password-file FILE  read the password from FILE, not stdin\n" },
	{ "users", cmd_users,
	    "list the web admin users with role, state and units",
	    "usage: uppfolj-admin users [--db CONNINFO]\n"
	    "\n"
	    "One user a line, tab separated: user, role, state (active, locked or\n"
	    "disabled), created, units.\n" },
	{ "user-set", cmd_user_set,
	    "deactivate or reactivate a user, or reset the password",
	    "usage: uppfolj-admin user-set [--db CONNINFO] USERNAME\n"
	    "           deactivate|reactivate|reset-password\n"
	    "\n"
	    "deactivate ends the user's sessions at once; reset-password prints a\n"
	    "new random password once (only its hash is kept). All are audited.\n" },
	{ "study-add", cmd_study_add,
	    "create a study (its waves: wave-add)",
	    "usage: uppfolj-admin study-add [--db CONNINFO] --slug SLUG --name NAME\n"
	    "           --start YYYY-MM-DD\n"
	    "\n"
	    "  --slug SLUG     short name for --study: a-z, 0-9 and '-', at most 40\n"
	    "  --name NAME     the study's name, at most 200 characters\n"
	    "  --start DATE    project start; waves are counted in months from it\n" },
	{ "studies", cmd_studies,
	    "list the studies",
	    "usage: uppfolj-admin studies [--db CONNINFO]\n"
	    "\n"
	    "One study a line, tab separated: slug, name, start, synthetic (yes for\n"
	    "demo data), waves, units.\n" },
	{ "unit-add", cmd_unit_add,
	    "add a unit (ward, kommun service) to the study",
	    "usage: uppfolj-admin unit-add [--db CONNINFO] [--study SLUG]\n"
	    "           --name NAME --kind KIND --huvudman region|kommun\n"
	    "           --label LABEL\n"
	    "\n"
	    "  --name NAME     the unit's name, seen only by administrators\n"
	    "  --kind KIND     heldygnsvard, boendestod, traffpunkt, stodboende\n"
	    "                  or other\n"
	    "  --label LABEL   how reports show it, e.g. \"psykiatri, heldygnsvård\"\n" },
	{ "units", cmd_units,
	    "list the units with their participants per group",
	    "usage: uppfolj-admin units [--db CONNINFO] [--study SLUG]\n"
	    "\n"
	    "One unit a line, tab separated: id, name, kind, huvudman, label and\n"
	    "the participants in each group.\n" },
	{ "mask-names", cmd_mask_names,
	    "the study's own names that reports mask in free-text quotes",
	    "usage: uppfolj-admin mask-names [--db CONNINFO] [--study SLUG] list\n"
	    "       uppfolj-admin mask-names [--db CONNINFO] [--study SLUG]\n"
	    "           add [--kind namn|ort|verksamhet] NAME\n"
	    "       uppfolj-admin mask-names [--db CONNINFO] [--study SLUG] remove NAME\n"
	    "\n"
	    "Reports replace every word of these names in quotes (any case, also\n"
	    "with an ending such as -s or -en) by [namn], [ort] or [verksamhet]\n"
	    "(default namn), on top of the words of the units' own names.\n"
	    "NAME: 2-100 characters.\n" },
	{ "qual-export", cmd_qual_export,
	    "a study's documents, codes and codings as a REFI-QDA project (.qdpx)",
	    "usage: uppfolj-admin qual-export [--db CONNINFO] [--study SLUG]\n"
	    "           [--user NAME] -o FILE.qdpx\n"
	    "\n"
	    "--user: export what that user sees (a coder in an open double coding\n"
	    "sees only their own units there); without it, units in open double\n"
	    "codings are left out. FILE - writes to standard output.\n" },
	{ "qual-import", cmd_qual_import,
	    "read codes and codings of a .qdpx project back into the study",
	    "usage: uppfolj-admin qual-import [--db CONNINFO] [--study SLUG]\n"
	    "           --user NAME FILE.qdpx\n"
	    "\n"
	    "Codes and meaning units on the study's own texts, matched by guid;\n"
	    "units of unknown coders are NAME's. Nothing is written unless the\n"
	    "whole file is accepted.\n" },
	{ "qual-upload", cmd_qual_upload,
	    "add an interview transcript or note (plain UTF-8 text) to analyse",
	    "usage: uppfolj-admin qual-upload [--db CONNINFO] [--study SLUG]\n"
	    "           --wave MONTHS --group GROUP [--panel-id ID] --title TITLE\n"
	    "           --user NAME FILE.txt\n"
	    "\n"
	    "GROUP: chef, personal, peer or patient. With --panel-id the text is\n"
	    "erased with that participant. At most 400 kB and 200,000 characters.\n" },
	{ "waves", cmd_waves,
	    "list the waves with their dates and state",
	    "usage: uppfolj-admin waves [--db CONNINFO] [--study SLUG]\n" },
	{ "wave-add", cmd_wave_add,
	    "create a wave and choose the instrument each group answers",
	    "usage: uppfolj-admin wave-add [--db CONNINFO] [--study SLUG]\n"
	    "           --months M --opens YYYY-MM-DD --closes YYYY-MM-DD\n"
	    "           [--instrument GROUP=ID:VERSION|GROUP=none]...\n"
	    "\n"
	    "  --months M      months after project start, 1-120, once per study\n"
	    "  --instrument    what GROUP (chef, personal, peer, patient) answers;\n"
	    "                  the version must be loaded, be for that group and\n"
	    "                  list M in its \"waves\". Repeatable. When given, the\n"
	    "                  groups not named do not answer. Without it, each\n"
	    "                  group gets its newest loaded version whose \"waves\"\n"
	    "                  list M (none when there is none).\n" },
	{ "wave-set", cmd_wave_set,
	    "change a wave's opening and closing days",
	    "usage: uppfolj-admin wave-set [--db CONNINFO] [--study SLUG]\n"
	    "           --wave MONTHS --opens YYYY-MM-DD --closes YYYY-MM-DD\n"
	    "\n"
	    "The wave's unused codes work until the end of the new closing day.\n" },
	{ "codes", cmd_codes,
	    "issue access codes and write the printable code sheet (PDF)",
	    "usage: uppfolj-admin codes [--db CONNINFO] [--secret FILE] [--study SLUG]\n"
	    "           --wave MONTHS --unit ID --group GROUP\n"
	    "           (--count N | --from-wave MONTHS) [--base-url URL]\n"
	    "           [--font-dir DIR] --output FILE\n"
	    "\n"
	    "  --count N          codes for N new participants\n"
	    "  --from-wave M      codes for the participants of wave M\n"
	    "  --output FILE      the code sheet (PDF, mode 0600)\n" },
	{ "code-replace", cmd_code_replace,
	    "void a participant's code and write a slip with a new one (PDF)",
	    "usage: uppfolj-admin code-replace [--db CONNINFO] [--secret FILE]\n"
	    "           [--study SLUG] --wave MONTHS --panel-id ID [--base-url URL]\n"
	    "           [--font-dir DIR] --output FILE\n"
	    "\n"
	    "The old code stops working at once; a draft begun with it stays the\n"
	    "participant's. Audited.\n" },
	{ "test-mark", cmd_test_mark,
	    "mark a wave, or one participant's code, as test (or real again)",
	    "usage: uppfolj-admin test-mark [--db CONNINFO] [--study SLUG]\n"
	    "           --wave MONTHS [--panel-id ID] [--off]\n"
	    "\n"
	    "Test answers never reach rates, exports or reports. Audited.\n" },
	{ "test-purge", cmd_test_purge,
	    "delete every test response and test consent of the study",
	    "usage: uppfolj-admin test-purge [--db CONNINFO] [--study SLUG]\n" },
	{ "rates", cmd_rates,
	    "response rates per wave, unit and group",
	    "usage: uppfolj-admin rates [--db CONNINFO] [--study SLUG] [--wave MONTHS]\n"
	    "           [--unit ID] [--masked] [--csv]\n"
	    "\n"
	    "  --masked   show what a unit contact sees (small numbers hidden)\n"
	    "  --csv      CSV for machines instead of the table: the rate with a\n"
	    "             decimal point (42.5) where the table, for people, has a\n"
	    "             Swedish decimal comma (42,5 %)\n" },
	{ "erase", cmd_erase,
	    "withdrawal: erase one participant in every wave",
	    "usage: uppfolj-admin erase [--db CONNINFO] [--secret FILE] [--study SLUG]\n"
	    "           (--code CODE | --code - | --panel-id ID)\n"
	    "\n"
	    "  --code -   read the access code from standard input\n" },
	{ "export", cmd_export,
	    "answers for analysis: CSV (long, wide), codebook, SPSS, Stata, R",
	    "usage: uppfolj-admin export [--db CONNINFO] [--study SLUG]\n"
	    "           --format long|wide|codebook|sav|dta|r --output FILE|-\n"
	    "           [--dialect rfc4180|excel-sv] [--wave MONTHS]\n"
	    "           [--group chef|personal|peer|patient] [--unit-kind KIND]\n"
	    "           [--free-text]\n"
	    "\n"
	    "  --dialect excel-sv  UTF-8 BOM, ';', decimal comma, CRLF (Swedish Excel);\n"
	    "                      default rfc4180: ',', decimal point, CRLF\n"
	    "  --free-text         include free-text answers (health data; audited)\n"
	    "  missing codes: -1 vet ej, -2 vill inte svara, -9 no answer (codebook)\n" },
	{ "access-export", cmd_access_export,
	    "one participant's own answers as JSON or PDF (right of access)",
	    "usage: uppfolj-admin access-export [--db CONNINFO] [--secret FILE]\n"
	    "           [--study SLUG] (--panel-id ID | --code CODE) [--output FILE|-]\n"
	    "           [--format json|pdf] [--font-dir DIR]\n"
	    "  --format pdf   a readable registerutdrag in Swedish (default: json)\n"
	    "  --font-dir DIR folder with DejaVuSans.ttf and DejaVuSans-Bold.ttf\n" },
	{ "purge-drafts", cmd_purge_drafts,
	    "delete drafts not touched for N days",
	    "usage: uppfolj-admin purge-drafts [--db CONNINFO] --days N\n" },
	{ "close-wave", cmd_close_wave,
	    "close a wave before its closing date",
	    "usage: uppfolj-admin close-wave [--db CONNINFO] [--study SLUG]\n"
	    "           --wave MONTHS\n" },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void
overview(FILE *fp)
{
	size_t i;

	fprintf(fp, "usage: uppfolj-admin COMMAND [OPTIONS]\n"
	            "       uppfolj-admin COMMAND --help\n\ncommands:\n");
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(fp, "  %-14s %s\n", commands[i].name, commands[i].summary);
}

static bool
is_help(const char *s)
{
	return strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0;
}

/* --help anywhere among the options (before "--") asks for help. */
static bool
wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return false;
		if (is_help(argv[i]))
			return true;
	}
	return false;
}

int
main(int argc, char **argv)
{
	size_t i;

	log_set_program("uppfolj-admin");
	if (argc < 2) {
		overview(stderr);
		return 2;
	}
	if (is_help(argv[1])) {
		overview(stdout);
		return 0;
	}
	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			break;
	if (i == NCOMMANDS) {
		fprintf(stderr, "uppfolj-admin: unknown command \"%s\"\n", argv[1]);
		overview(stderr);
		return 2;
	}
	if (wants_help(argc - 1, argv + 1)) {
		fprintf(stdout, "%s", commands[i].usage);
		return 0;
	}
	/* Codes, tokens and hashes need libsodium ready before anything runs. */
	if (sodium_init() < 0) {
		fprintf(stderr, "uppfolj-admin: libsodium failed to initialise\n");
		return 1;
	}
	return commands[i].run(argc - 1, argv + 1);
}
