/* SPDX-License-Identifier: ISC
 * Harness: project.qde's XML, packed with one source text into a valid
 * archive (stored, not compressed) and read as fuzz_qdpx reads an upload,
 * so the fuzzer spends its time on the XML and the project check rather
 * than on ZIP headers. Seeds reference the source guid below. Input: the
 * XML.
 */
#include "config.h"

#include <string.h>

#include <libxml/parser.h>
#include <zip.h>

#include "fuzz.h"
#include "fuzz_qdpx.h"

#define SOURCE "Sources/6f1c2a52-9d0e-4b7a-8c3d-2e5f7a9b1c44.txt"
static const char text[] = "Jag började i projektet för ett år sedan. Peer "
                           "supportern lyssnade på mig utan att döma. Det gav mig hopp.\nNu frågar de "
                           "hen om råd.";

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	xmlInitParser();
	return 0;
}

/* Add name with bytes p[0..n), stored; false on a libzip failure. */
static bool
add(zip_t *za, const char *name, const void *p, size_t n)
{
	zip_source_t *s = zip_source_buffer(za, p, n, 0);
	zip_int64_t i;

	if (s == NULL)
		return false;
	if ((i = zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8)) < 0) {
		zip_source_free(s);
		return false;
	}
	return zip_set_file_compression(za, (zip_uint64_t)i, ZIP_CM_STORE, 0) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_stat_t st;
	uint8_t *bytes;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	FUZZ_CHECK(src != NULL);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	FUZZ_CHECK(za != NULL);
	zip_source_keep(src);
	FUZZ_CHECK(add(za, "project.qde", data, size));
	FUZZ_CHECK(add(za, SOURCE, text, sizeof text - 1));
	FUZZ_CHECK(zip_close(za) == 0);
	FUZZ_CHECK(zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0);
	bytes = malloc(st.size + 1);
	FUZZ_CHECK(bytes != NULL);
	FUZZ_CHECK(zip_source_read(src, bytes, st.size) == (zip_int64_t)st.size);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	fuzz_qdpx_run(bytes, st.size);
	free(bytes);
	return 0;
}
