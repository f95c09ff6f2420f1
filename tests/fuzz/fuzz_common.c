/* SPDX-License-Identifier: ISC
 * Helpers every harness links (fuzz.h): loading the real instruments, the
 * in-memory file, the database JSON round trip. Aborts on its own failures:
 * a harness that cannot set itself up must not report "no crash".
 */
#include "config.h"

#include <dirent.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "collect_form.h"
#include "fuzz.h"
#include "utf8.h"

#ifndef UF_FUZZ_FORMS
#define UF_FUZZ_FORMS "forms"
#endif

#define MAX_FORMS 16

static struct form *forms[MAX_FORMS];
static size_t nforms;

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

void
fuzz_forms_load(void)
{
	const char *dir = getenv("UF_FUZZ_FORMS");
	struct dirent **ents = NULL;
	int n;

	if (nforms)
		return;
	if (!dir || !*dir)
		dir = UF_FUZZ_FORMS;
	n = scandir(dir, &ents, NULL, by_name);
	if (n < 0) {
		fprintf(stderr, "fuzz: cannot read %s (set UF_FUZZ_FORMS)\n", dir);
		abort();
	}
	for (int i = 0; i < n; i++) {
		size_t len = strlen(ents[i]->d_name);
		char path[4096];
		struct form_error err;
		int k;
		if (len > 5 && strcmp(ents[i]->d_name + len - 5, ".json") == 0 &&
		    nforms < MAX_FORMS) {
			k = snprintf(path, sizeof(path), "%s/%s", dir, ents[i]->d_name);
			memset(&err, 0, sizeof(err));
			if (k < 0 || (size_t)k >= sizeof(path) ||
			    form_load_file(path, &forms[nforms], &err) != UF_OK) {
				char line[512];
				form_error_format(&err, line, sizeof(line));
				fprintf(stderr, "fuzz: %s does not load: %s\n", path, line);
				abort();
			}
			nforms++;
		}
		free(ents[i]);
	}
	free(ents);
	if (nforms == 0) {
		fprintf(stderr, "fuzz: no instrument in %s\n", dir);
		abort();
	}
}

size_t
fuzz_nforms(void)
{
	return nforms;
}

const struct form *
fuzz_form(size_t i)
{
	return i < nforms ? forms[i] : NULL;
}

const struct form *
fuzz_form_by_id(const char *id)
{
	for (size_t i = 0; i < nforms; i++)
		if (strcmp(forms[i]->id, id) == 0)
			return forms[i];
	return NULL;
}

char *
fuzz_strndup(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

const char *
fuzz_memfile(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];
	size_t done = 0;

	if (fd < 0) {
		fd = memfd_create("uppfolj-fuzz", 0);
		if (fd < 0 || snprintf(path, sizeof(path), "/proc/self/fd/%d", fd) < 0)
			abort();
	}
	if (ftruncate(fd, 0) != 0)
		abort();
	while (done < size) {
		ssize_t k = pwrite(fd, data + done, size - done, (off_t)done);
		if (k <= 0)
			abort();
		done += (size_t)k;
	}
	return path;
}

void
fuzz_check_db_round_trip(struct arena *a, const struct form *f,
    const struct form_answer *ans)
{
	struct buf first, second;
	struct form_answer *back = answers_new(a, f);

	FUZZ_CHECK(back != NULL);
	memset(back, 0, f->nitems * sizeof(*back));
	buf_init(&first, 4u * 1024 * 1024);
	buf_init(&second, 4u * 1024 * 1024);
	FUZZ_CHECK(answers_to_db(&first, f, ans) == UF_OK);
	FUZZ_CHECK(answers_from_db(a, f, buf_str(&first), back) == UF_OK);
	FUZZ_CHECK(answers_to_db(&second, f, back) == UF_OK);
	if (strcmp(buf_str(&first), buf_str(&second)) != 0) {
		fprintf(stderr, "database JSON changed on the way back:\n%s\n%s\n",
		    buf_str(&first), buf_str(&second));
		abort();
	}
	buf_free(&first);
	buf_free(&second);
}

void
fuzz_check_refusal(const struct form_error *err)
{
	FUZZ_CHECK(err->msg[0] != '\0');
	FUZZ_CHECK(utf8_valid(err->msg, strlen(err->msg)));
	FUZZ_CHECK(utf8_valid(err->field, strlen(err->field)));
}
