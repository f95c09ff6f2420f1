/* SPDX-License-Identifier: ISC
 * Harness: what a person types as an access code (the start page, /k/{code}
 * links, the API's "code") through code_normalize. An accepted code is nine
 * alphabet characters with a valid check character, normalises to itself,
 * and survives printing as ABC-DEF-GHJ; every single substitution of an
 * accepted code is refused; token_equal agrees with strcmp.
 * Input: the typed text.
 */
#include "config.h"

#include <string.h>

#include "code.h"
#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *typed = fuzz_strndup(data, size);
	char norm[CODE_LEN + 1], again[CODE_LEN + 1], printed[CODE_PRINT_LEN + 1];
	uf_err e;

	memset(norm, 'x', sizeof(norm));
	e = code_normalize(typed, norm);
	FUZZ_CHECK(e == UF_OK || e == UF_EINVAL);
	if (e == UF_OK) {
		FUZZ_CHECK(strlen(norm) == CODE_LEN);
		FUZZ_CHECK(strspn(norm, CODE_ALPHABET) == CODE_LEN);
		FUZZ_CHECK(code_normalize(norm, again) == UF_OK && strcmp(norm, again) == 0);
		code_format(norm, printed);
		FUZZ_CHECK(strlen(printed) == CODE_PRINT_LEN);
		FUZZ_CHECK(code_normalize(printed, again) == UF_OK && strcmp(norm, again) == 0);
		/* The check character catches every single substitution ... */
		for (size_t i = 0; i < CODE_LEN; i++) {
			for (const char *c = CODE_ALPHABET; *c; c++) {
				char typo[CODE_LEN + 1];
				if (*c == norm[i])
					continue;
				memcpy(typo, norm, sizeof(typo));
				typo[i] = *c;
				FUZZ_CHECK(code_normalize(typo, again) == UF_EINVAL);
			}
		}
		/* ... and every adjacent transposition of two different characters. */
		for (size_t i = 0; i + 1 < CODE_LEN; i++) {
			char typo[CODE_LEN + 1];
			if (norm[i] == norm[i + 1])
				continue;
			memcpy(typo, norm, sizeof(typo));
			typo[i] = norm[i + 1];
			typo[i + 1] = norm[i];
			FUZZ_CHECK(code_normalize(typo, again) == UF_EINVAL);
		}
	}
	/* Tokens compare like strcmp, whatever the bytes. */
	FUZZ_CHECK(token_equal(typed, typed));
	FUZZ_CHECK(token_equal(typed, CODE_ALPHABET) == (strcmp(typed, CODE_ALPHABET) == 0));
	free(typed);
	return 0;
}
