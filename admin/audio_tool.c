/* SPDX-License-Identifier: ISC
 * Run one external program (espeak-ng, opusenc) for audio-build: fork and
 * exec with an argument vector, never a shell; input and output through
 * files; a hard time limit after which the program is killed. Knows nothing
 * of speech or of the folder layout.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "audio.h"

static long long
now_ms(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The child: files onto 0, 1, 2 and exec. Only what is safe after fork;
 * a failure is reported to the parent through the close-on-exec pipe. */
static void
child(char *const argv[], int in, int out, int err, int report)
{
	int no;
	if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
		goto fail;
	if (strchr(argv[0], '/'))
		execv(argv[0], argv);
	else
		execvp(argv[0], argv);
fail:
	no = errno;
	if (write(report, &no, sizeof no) < 0)
		_exit(126);
	_exit(127);
}

uf_err
audio_run(char *const argv[], const char *stdin_path, const char *stdout_path,
    long timeout_ms, enum audio_run_end *how)
{
	int in = -1, out = -1, err = -1, pipefd[2] = { -1, -1 }, status = 0, no;
	long long deadline;
	pid_t pid = -1, r;
	ssize_t got;
	uf_err e = UF_EIO;

	*how = AUDIO_RUN_FAILED;
	in = open(stdin_path ? stdin_path : "/dev/null", O_RDONLY | O_CLOEXEC);
	out = stdout_path ?
	    open(stdout_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600) :
	    open("/dev/null", O_WRONLY | O_CLOEXEC);
	err = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (in < 0 || out < 0 || err < 0 || pipe(pipefd) != 0 ||
	    fcntl(pipefd[0], F_SETFD, FD_CLOEXEC) != 0 ||
	    fcntl(pipefd[1], F_SETFD, FD_CLOEXEC) != 0)
		goto out;
	pid = fork();
	if (pid < 0)
		goto out;
	if (pid == 0)
		child(argv, in, out, err, pipefd[1]);
	close(pipefd[1]);
	pipefd[1] = -1;
	/* Exec succeeded when the pipe closes with nothing in it. */
	do
		got = read(pipefd[0], &no, sizeof no);
	while (got < 0 && errno == EINTR);
	if (got == (ssize_t)sizeof no) {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		*how = AUDIO_RUN_NOEXEC;
		e = UF_OK;
		goto out;
	}
	deadline = now_ms() + timeout_ms;
	for (;;) {
		r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			break;
		if (r < 0 && errno != EINTR)
			goto out;
		if (now_ms() >= deadline) {
			/* Killed and reaped: no program outlives its limit. */
			(void)kill(pid, SIGKILL);
			while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
				;
			*how = AUDIO_RUN_TIMEOUT;
			e = UF_OK;
			goto out;
		}
		struct timespec nap = { 0, 5 * 1000 * 1000 };
		(void)nanosleep(&nap, NULL);
	}
	*how = WIFEXITED(status) && WEXITSTATUS(status) == 0 ? AUDIO_RUN_OK : AUDIO_RUN_FAILED;
	e = UF_OK;
out:
	if (pipefd[0] >= 0)
		close(pipefd[0]);
	if (pipefd[1] >= 0)
		close(pipefd[1]);
	if (err >= 0)
		close(err);
	if (out >= 0)
		close(out);
	if (in >= 0)
		close(in);
	return e;
}

const char *
audio_run_end_text(enum audio_run_end how)
{
	switch (how) {
	case AUDIO_RUN_OK: return "finished";
	case AUDIO_RUN_FAILED: return "exited with an error";
	case AUDIO_RUN_TIMEOUT: return "took too long and was stopped";
	case AUDIO_RUN_NOEXEC: return "could not be started";
	case AUDIO_RUN__MAX: break;
	}
	return "?";
}
