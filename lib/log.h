/* SPDX-License-Identifier: ISC
 * One-line structured logs to stderr (journald picks them up):
 *   2026-11-25T21:00:00Z level=error req=ab12 msg="..." key=value
 * Never log answers, codes, passwords or free text: ids, statuses and
 * SQLSTATEs only. Thread-safe.
 */
#ifndef UF_LOG_H
#define UF_LOG_H

enum log_level { LOG_LVL_DEBUG,
	LOG_LVL_INFO,
	LOG_LVL_WARN,
	LOG_LVL_ERROR,
	LOG_LVL__MAX };

void log_set_level(enum log_level min);
void log_set_program(const char *name);
/* fmt is the rest of the line after the level, e.g. "req=%s route=%s". */
void log_msg(enum log_level lvl, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#define log_debug(...) log_msg(LOG_LVL_DEBUG, __VA_ARGS__)
#define log_info(...)  log_msg(LOG_LVL_INFO, __VA_ARGS__)
#define log_warn(...)  log_msg(LOG_LVL_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_LVL_ERROR, __VA_ARGS__)

#endif
