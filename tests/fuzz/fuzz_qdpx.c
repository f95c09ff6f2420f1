/* SPDX-License-Identifier: ISC
 * Harness: a .qdpx archive as the import reads it before its transaction
 * (manage/qual_qdpx_read.c): the ZIP container with its entry names and
 * sizes, project.qde's XML and the whole project check. Accepted archives
 * have a <Project> root, stay within the unpacked limits and give each
 * source text again; refusals say why in valid UTF-8. Input: the archive.
 */
#include "config.h"

#include <string.h>

#include <libxml/parser.h>

#include "fuzz.h"
#include "fuzz_qdpx.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	xmlInitParser();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_qdpx_run(data, size);
	return 0;
}
