/* SPDX-License-Identifier: ISC
 * One-line logs to stderr: "<UTC time> level=<l> prog=<name> <message>".
 * Each line is formatted completely first and written with a single fputs,
 * so threads never interleave. Control characters in a message become '?'
 * so nothing can forge a second line.
 */
#include "log.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define LOG_LINE_MAX 2048
#define LOG_PROG_MAX 64

static const char *const level_names[LOG_LVL__MAX] = {
	[LOG_LVL_DEBUG] = "debug",
	[LOG_LVL_INFO] = "info",
	[LOG_LVL_WARN] = "warn",
	[LOG_LVL_ERROR] = "error",
};

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static enum log_level log_min = LOG_LVL_INFO;
static char log_prog[LOG_PROG_MAX];

void
log_set_level(enum log_level min)
{
	if ((unsigned)min >= LOG_LVL__MAX)
		return;
	if (pthread_mutex_lock(&log_lock) != 0)
		return;
	log_min = min;
	(void)pthread_mutex_unlock(&log_lock);
}

void
log_set_program(const char *name)
{
	size_t n;

	if (pthread_mutex_lock(&log_lock) != 0)
		return;
	n = name == NULL ? 0 : strnlen(name, sizeof(log_prog) - 1);
	if (n > 0)
		memcpy(log_prog, name, n);
	log_prog[n] = '\0';
	(void)pthread_mutex_unlock(&log_lock);
}

void
log_msg(enum log_level lvl, const char *fmt, ...)
{
	char line[LOG_LINE_MAX];
	char prog[LOG_PROG_MAX];
	struct tm tm;
	time_t now;
	size_t len, i;
	enum log_level min;
	va_list ap;
	int n;

	if ((unsigned)lvl >= LOG_LVL__MAX)
		lvl = LOG_LVL_ERROR;
	if (pthread_mutex_lock(&log_lock) != 0)
		return;
	min = log_min;
	memcpy(prog, log_prog, sizeof(prog));
	(void)pthread_mutex_unlock(&log_lock);
	if (lvl < min)
		return;

	now = time(NULL);
	if (gmtime_r(&now, &tm) == NULL ||
	    strftime(line, sizeof(line), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		memcpy(line, "0000-00-00T00:00:00Z", sizeof("0000-00-00T00:00:00Z"));
	len = strlen(line);
	n = snprintf(line + len, sizeof(line) - len, " level=%s%s%s ",
	    level_names[lvl], prog[0] != '\0' ? " prog=" : "", prog);
	if (n < 0 || (size_t)n >= sizeof(line) - len)
		return;
	len += (size_t)n;

	/* One byte stays free for the newline. */
	va_start(ap, fmt);
	n = vsnprintf(line + len, sizeof(line) - len - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line) - len - 1) {
		/* Truncated: mark it so a reader knows the line is cut. */
		len = sizeof(line) - 2;
		memcpy(line + len - 3, "...", 3);
	} else {
		len += (size_t)n;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)line[i];

		if (c < 0x20 || c == 0x7f)
			line[i] = '?';
	}
	line[len] = '\n';
	line[len + 1] = '\0';
	(void)fputs(line, stderr);
	(void)fflush(stderr);
}
