/* SPDX-License-Identifier: ISC
 * Access codes and session tokens. A code is 8 random characters from an
 * alphabet without look-alikes (no 0 O 1 I L) plus one check character that
 * makes the weighted sum (weights 9..1) divisible by 31: every single
 * substitution and every adjacent transposition is caught. Printed as
 * "ABC-DEF-GHJ". Only a keyed BLAKE2b hash of the normalised code is stored;
 * the key (pepper) lives outside the database.
 */
#ifndef UF_CODE_H
#define UF_CODE_H
#include <stdbool.h>
#include <stddef.h>
#include "err.h"

#define CODE_LEN       9  /* normalised: 8 random + 1 check */
#define CODE_PRINT_LEN 11 /* "ABC-DEF-GHJ" */
#define CODE_HASH_LEN  32
#define CODE_KEY_LEN   32
#define TOKEN_HEX_LEN  64 /* session/CSRF tokens: 32 random bytes */

extern const char CODE_ALPHABET[]; /* 31 characters */

/* A fresh random code, normalised, NUL-terminated. UF_EINTERNAL if the
 * random source is not initialised (call sodium_init first). */
uf_err code_generate(char out[CODE_LEN + 1]);

/* Accept what a person typed: spaces and dashes dropped, lower case raised.
 * Returns UF_OK with out normalised, UF_EINVAL when a character is outside
 * the alphabet, the length is wrong, or the check character does not match
 * (a typo). */
uf_err code_normalize(const char *typed, char out[CODE_LEN + 1]);

/* "ABCDEFGHJ" -> "ABC-DEF-GHJ". */
void code_format(const char norm[CODE_LEN + 1], char out[CODE_PRINT_LEN + 1]);

/* Keyed hash of a normalised code (or any token string). */
void code_hash(const unsigned char key[CODE_KEY_LEN], const char *norm,
    unsigned char out[CODE_HASH_LEN]);
/* Hex of a hash as PostgreSQL bytea input: "\\x" + 64 hex digits. out needs
 * 2 + 2*CODE_HASH_LEN + 1 bytes. */
void code_hash_bytea(const unsigned char h[CODE_HASH_LEN], char *out);

/* A random token as 64 lower-case hex digits. */
uf_err token_generate(char out[TOKEN_HEX_LEN + 1]);
/* Constant-time equality of two equal-length strings; false if lengths differ. */
bool token_equal(const char *a, const char *b);

/* Read a 32-byte key from a file (raw 32 bytes or 64 hex digits). */
uf_err code_key_load(const char *path, unsigned char key[CODE_KEY_LEN]);

#endif
