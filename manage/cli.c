/* SPDX-License-Identifier: ISC
 * CLI helpers of the management subcommands: actor name, connection, key
 * file, atomic output files, reading a password without echo.
 */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"
#include "db_manage.h"

void
cli_actor(char out[CLI_ACTOR_MAX])
{
	struct passwd *pw = getpwuid(geteuid());
	int w;

	if (pw != NULL && pw->pw_name != NULL && strlen(pw->pw_name) < 48)
		w = snprintf(out, CLI_ACTOR_MAX, "cli:%s", pw->pw_name);
	else
		w = snprintf(out, CLI_ACTOR_MAX, "cli:uid%lu",
		    (unsigned long)geteuid());
	if (w < 0 || w >= CLI_ACTOR_MAX)
		memcpy(out, "cli", 4);
}

bool
cli_connect(const char *cmd, const char *conninfo, struct db **out)
{
	if (db_manage_connect(conninfo, out) != UF_OK) {
		fprintf(stderr, "uppfolj-admin %s: cannot connect to the database\n",
		    cmd);
		return false;
	}
	return true;
}

bool
cli_key(const char *cmd, const char *path, unsigned char key[CODE_KEY_LEN])
{
	if (path == NULL) {
		fprintf(stderr, "uppfolj-admin %s: no key: pass --secret FILE or set "
		                "UPPFOLJ_SECRET\n",
		    cmd);
		return false;
	}
	if (code_key_load(path, key) != UF_OK) {
		fprintf(stderr, "uppfolj-admin %s: %s: not a key file (32 bytes or "
		                "64 hex digits)\n",
		    cmd, path);
		return false;
	}
	return true;
}

uf_err
cli_out_open(struct cli_out *o, const char *path, unsigned mode)
{
	int w;

	memset(o, 0, sizeof(*o));
	o->fd = -1;
	if (strcmp(path, "-") == 0) {
		o->is_stdout = true;
		o->fd = STDOUT_FILENO;
		return UF_OK;
	}
	w = snprintf(o->final, sizeof(o->final), "%s", path);
	if (w < 0 || (size_t)w >= sizeof(o->final))
		return UF_ELIMIT;
	w = snprintf(o->tmp, sizeof(o->tmp), "%s.tmpXXXXXX", path);
	if (w < 0 || (size_t)w >= sizeof(o->tmp))
		return UF_ELIMIT;
	o->fd = mkstemp(o->tmp);
	if (o->fd < 0) {
		o->tmp[0] = '\0';
		return UF_EIO;
	}
	if (fchmod(o->fd, (mode_t)mode) != 0) {
		cli_out_abort(o);
		return UF_EIO;
	}
	return UF_OK;
}

uf_err
cli_out_write(struct cli_out *o, const void *p, size_t n)
{
	const char *c = p;
	ssize_t k;

	while (n > 0) {
		k = write(o->fd, c, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return UF_EIO;
		c += k;
		n -= (size_t)k;
	}
	return UF_OK;
}

uf_err
cli_out_commit(struct cli_out *o)
{
	uf_err e = UF_OK;

	if (o->is_stdout)
		return UF_OK;
	if (fsync(o->fd) != 0)
		e = UF_EIO;
	if (close(o->fd) != 0)
		e = UF_EIO;
	o->fd = -1;
	if (e == UF_OK && rename(o->tmp, o->final) != 0)
		e = UF_EIO;
	if (e == UF_OK)
		o->tmp[0] = '\0';
	return e;
}

void
cli_out_abort(struct cli_out *o)
{
	if (o->is_stdout)
		return;
	if (o->fd >= 0)
		close(o->fd);
	o->fd = -1;
	if (o->tmp[0] != '\0')
		(void)unlink(o->tmp);
	o->tmp[0] = '\0';
}

uf_err
cli_read_secret_line(int fd, const char *prompt, char *out, size_t max,
    size_t *len)
{
	struct termios old, quiet;
	bool tty = isatty(fd) == 1, restore = false;
	size_t n = 0;
	ssize_t k;
	char c;
	uf_err e = UF_OK;

	*len = 0;
	if (tty && prompt != NULL) {
		fprintf(stderr, "%s", prompt);
		fflush(stderr);
	}
	if (tty && tcgetattr(fd, &old) == 0) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		restore = tcsetattr(fd, TCSAFLUSH, &quiet) == 0;
	}
	for (;;) {
		k = read(fd, &c, 1);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			e = UF_EIO;
			break;
		}
		if (k == 0 || c == '\n')
			break;
		if (n >= max) {
			e = UF_ELIMIT; /* keep reading would only fill memory */
			break;
		}
		out[n++] = c;
	}
	if (e == UF_OK && n > 0 && out[n - 1] == '\r')
		n--;
	if (restore) {
		(void)tcsetattr(fd, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (e == UF_OK)
		*len = n;
	return e;
}
