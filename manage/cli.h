/* SPDX-License-Identifier: ISC
 * Small pieces the uppfolj-admin management subcommands share: who is
 * acting (for the audit log), connecting and loading the code key with a
 * clear message, and writing an output file so that a half-written file never appears
 * under its final name. No policy: the operations live in the other manage files.
 */
#ifndef UF_MANAGE_CLI_H
#define UF_MANAGE_CLI_H
#include <stdbool.h>
#include <stddef.h>

#include "code.h"
#include "err.h"

#define CLI_ACTOR_MAX 64

/* "cli:<login name>" of the effective user ("cli:uid<N>" without a
 * passwd entry). */
void cli_actor(char out[CLI_ACTOR_MAX]);

struct db;

/* Connect with manage/'s statements (db_manage_connect). Prints
 * "uppfolj-admin CMD: cannot connect to the database" on failure. */
bool cli_connect(const char *cmd, const char *conninfo, struct db **out);

/* Load the key from path (NULL: tell the user to pass --secret). Prints
 * "uppfolj-admin CMD: ..." on failure. */
bool cli_key(const char *cmd, const char *path, unsigned char key[CODE_KEY_LEN]);

/* An output file written under a temporary name in the same folder and
 * renamed into place by cli_out_commit; "-" is standard output. */
struct cli_out {
	char final[4096];
	char tmp[4096 + 16];
	int fd;
	bool is_stdout;
};

/* mode: file permissions (0600 for anything holding codes). */
uf_err cli_out_open(struct cli_out *o, const char *path, unsigned mode);
uf_err cli_out_write(struct cli_out *o, const void *p, size_t n);
/* fsync and rename into place. */
uf_err cli_out_commit(struct cli_out *o);
/* Remove the temporary file unless committed. Safe after commit. */
void cli_out_abort(struct cli_out *o);

/* Read one line (a password) from fd: at most max bytes, the newline
 * dropped. UF_ELIMIT when longer, UF_EIO on a read error. When fd is a
 * terminal, echo is off while reading. */
uf_err cli_read_secret_line(int fd, const char *prompt, char *out, size_t max,
    size_t *len);

#endif
