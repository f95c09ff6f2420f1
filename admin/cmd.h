/* SPDX-License-Identifier: ISC
 * Subcommands of uppfolj-admin. Each lives in admin/cmd_<name>.c and returns
 * an exit status: 0 success, 1 failure (message on stderr), 2 usage error.
 * argv[0] is the subcommand name.
 */
#ifndef UF_ADMIN_CMD_H
#define UF_ADMIN_CMD_H
#include <stdbool.h>

#include "err.h"

int cmd_migrate(int argc, char **argv);     /* apply pending schema/NNNN_*.sql */
int cmd_forms_check(int argc, char **argv); /* validate instrument files */
int cmd_forms_load(int argc, char **argv);  /* store instruments (immutable) */
int cmd_demo(int argc, char **argv);        /* demo study + synthetic answers */
int cmd_audio_build(int argc, char **argv); /* read-aloud audio (cmd_audio.c) */
int cmd_error_pages(int argc, char **argv); /* nginx's error pages per language */

/* Administration (manage/): admin/cmd_user.c, cmd_studies.c, cmd_units.c,
 * cmd_waves.c, cmd_codes.c, cmd_rates.c, cmd_erase.c, cmd_export.c,
 * cmd_retention.c. */
int cmd_user_add(int argc, char **argv);      /* web admin user (password on stdin) */
int cmd_users(int argc, char **argv);         /* list the web admin users */
int cmd_user_set(int argc, char **argv);      /* deactivate, reactivate, reset */
int cmd_code_replace(int argc, char **argv);  /* void a code, print a new slip */
int cmd_test_mark(int argc, char **argv);     /* mark a wave or code as test */
int cmd_test_purge(int argc, char **argv);    /* delete the test responses */
int cmd_study_add(int argc, char **argv);     /* create a study */
int cmd_studies(int argc, char **argv);       /* list the studies */
int cmd_unit_add(int argc, char **argv);      /* add a unit to the study */
int cmd_units(int argc, char **argv);         /* units with participants per group */
int cmd_waves(int argc, char **argv);         /* waves with dates and state */
int cmd_wave_add(int argc, char **argv);      /* create a wave + its instruments */
int cmd_wave_set(int argc, char **argv);      /* change a wave's dates */
int cmd_codes(int argc, char **argv);         /* issue codes + PDF code sheet */
int cmd_rates(int argc, char **argv);         /* response rates per wave x unit x group */
int cmd_erase(int argc, char **argv);         /* withdrawal: erase one participant */
int cmd_export(int argc, char **argv);        /* CSV long / wide / codebook */
int cmd_access_export(int argc, char **argv); /* one participant's answers (JSON) */
int cmd_purge_drafts(int argc, char **argv);  /* delete stale drafts */
int cmd_close_wave(int argc, char **argv);    /* close a wave early */
int cmd_mask_names(int argc, char **argv);    /* names reports mask in quotes */
int cmd_qual_export(int argc, char **argv);   /* cmd_qual.c: REFI-QDA .qdpx out */
int cmd_qual_import(int argc, char **argv);   /* ... and back in */
int cmd_qual_upload(int argc, char **argv);   /* a transcript or note */

struct db;
struct form;

/* The forms-load path for one file, shared with demo: check the file, then
 * store it (instrument + items) in its own transaction unless the same
 * version is already stored with the same SHA-256. On UF_OK and out != NULL,
 * *out is the loaded form (caller frees with form_free). Messages go to
 * stderr (errors) and stdout (unless quiet). UF_EFORMAT/UF_ELIMIT: invalid
 * file; UF_ECONFLICT: same version stored with other content; else the
 * database error. */
uf_err forms_load_one(struct db *db, const char *path, bool quiet,
    struct form **out);

/* Check translation data[0..len) (read from path) against the stored
 * instrument version it names and store it as the next revision of its
 * language, unless the newest has the same content (admin/forms_translation.c).
 * Messages as forms_load_one. UF_ENOTFOUND: the instrument is not stored. */
uf_err forms_load_translation(struct db *db, const char *path,
    const char *data, size_t len, bool quiet);
/* forms_load_translation for every *.json of dir, in name order, stopping
 * at the first failure; a missing dir is no translations (UF_OK). */
#define FORMS_DIR_MAX_FILES 256
uf_err forms_load_translation_dir(struct db *db, const char *dir, bool quiet);

#endif
