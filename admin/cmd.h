/* SPDX-License-Identifier: ISC
 * Subcommands of uppfolj-admin. Each lives in admin/cmd_<name>.c and returns
 * an exit status: 0 success, 1 failure (message on stderr), 2 usage error.
 * argv[0] is the subcommand name.
 */
#ifndef UF_ADMIN_CMD_H
#define UF_ADMIN_CMD_H

int cmd_migrate(int argc, char **argv);      /* apply pending schema/NNNN_*.sql */
int cmd_forms_check(int argc, char **argv);  /* validate instrument files */
int cmd_forms_load(int argc, char **argv);   /* store instruments (immutable) */
int cmd_demo(int argc, char **argv);         /* demo study + synthetic answers */

#endif
