/* SPDX-License-Identifier: ISC
 * Access codes (8 random characters + 1 check character), their keyed hash,
 * random session tokens and the hash key file. The check character makes
 * the weighted sum of all nine alphabet indexes, with weights 9,8,...,1,
 * divisible by 31. Because 31 is prime and the weights are non-zero and
 * differ between neighbours, every single substitution and every adjacent
 * transposition changes the sum mod 31, so a typo is refused, never
 * mistaken for another person's code. (Plain Luhn mod N cannot do this for
 * odd N: doubling then folds two indexes onto the same value.)
 */
#include "code.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#define ALPHABET_N    31
#define CODE_DATA_LEN 8
#define TYPED_MAX     64  /* longest input code_normalize looks at */
#define KEY_FILE_MAX  128 /* bytes; anything longer is not a key file */

const char CODE_ALPHABET[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/* Index of c in the alphabet, or -1. */
static int
alpha_index(char c)
{
	const char *p;

	if (c == '\0')
		return -1;
	p = strchr(CODE_ALPHABET, c);
	return p == NULL ? -1 : (int)(p - CODE_ALPHABET);
}

/* Check character for data[0..8): weights 9..2, the check itself weighs 1. */
static char
check_char(const char *data)
{
	unsigned sum = 0;
	int i;

	for (i = 0; i < CODE_DATA_LEN; i++)
		sum += (unsigned)(CODE_LEN - i) * (unsigned)alpha_index(data[i]);
	return CODE_ALPHABET[(ALPHABET_N - sum % ALPHABET_N) % ALPHABET_N];
}

uf_err
code_generate(char out[CODE_LEN + 1])
{
	int i;

	/* sodium_init is idempotent and thread-safe; -1 means no entropy. */
	if (sodium_init() < 0)
		return UF_EINTERNAL;
	for (i = 0; i < CODE_DATA_LEN; i++)
		out[i] = CODE_ALPHABET[randombytes_uniform(ALPHABET_N)];
	out[CODE_DATA_LEN] = check_char(out);
	out[CODE_LEN] = '\0';
	return UF_OK;
}

uf_err
code_normalize(const char *typed, char out[CODE_LEN + 1])
{
	char norm[CODE_LEN + 1];
	size_t i, n = 0;
	uf_err e = UF_EINVAL;
	char c;

	if (typed == NULL || strnlen(typed, TYPED_MAX + 1) > TYPED_MAX)
		goto out;
	for (i = 0; typed[i] != '\0'; i++) {
		c = typed[i];
		if (c == ' ' || c == '-')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (alpha_index(c) < 0 || n == CODE_LEN)
			goto out;
		norm[n++] = c;
	}
	if (n != CODE_LEN || check_char(norm) != norm[CODE_DATA_LEN])
		goto out;
	norm[CODE_LEN] = '\0';
	memcpy(out, norm, sizeof(norm));
	e = UF_OK;
out:
	return e;
}

void
code_format(const char norm[CODE_LEN + 1], char out[CODE_PRINT_LEN + 1])
{
	memcpy(out, norm, 3);
	out[3] = '-';
	memcpy(out + 4, norm + 3, 3);
	out[7] = '-';
	memcpy(out + 8, norm + 6, 3);
	out[CODE_PRINT_LEN] = '\0';
}

void
code_hash(const unsigned char key[CODE_KEY_LEN], const char *norm,
    unsigned char out[CODE_HASH_LEN])
{
	/* Cannot fail for these fixed, valid lengths. */
	(void)crypto_generichash(out, CODE_HASH_LEN, (const unsigned char *)norm,
	    strlen(norm), key, CODE_KEY_LEN);
}

void
code_hash_bytea(const unsigned char h[CODE_HASH_LEN], char *out)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	out[0] = '\\';
	out[1] = 'x';
	for (i = 0; i < CODE_HASH_LEN; i++) {
		out[2 + 2 * i] = hex[h[i] >> 4];
		out[3 + 2 * i] = hex[h[i] & 0xf];
	}
	out[2 + 2 * CODE_HASH_LEN] = '\0';
}

uf_err
token_generate(char out[TOKEN_HEX_LEN + 1])
{
	unsigned char raw[TOKEN_HEX_LEN / 2];

	if (sodium_init() < 0)
		return UF_EINTERNAL;
	randombytes_buf(raw, sizeof(raw));
	(void)sodium_bin2hex(out, TOKEN_HEX_LEN + 1, raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
	return UF_OK;
}

bool
token_equal(const char *a, const char *b)
{
	size_t la, lb;

	if (a == NULL || b == NULL)
		return false;
	la = strlen(a);
	lb = strlen(b);
	/* Lengths are public (tokens have a fixed length); contents are not. */
	if (la != lb)
		return false;
	return sodium_memcmp(a, b, la) == 0;
}

static int
hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

uf_err
code_key_load(const char *path, unsigned char key[CODE_KEY_LEN])
{
	unsigned char buf[KEY_FILE_MAX + 1];
	unsigned char tmp[CODE_KEY_LEN];
	FILE *f = NULL;
	size_t n, i;
	int hi, lo;
	uf_err e = UF_EFORMAT;

	f = fopen(path, "rb");
	if (f == NULL) {
		e = UF_EIO;
		goto out;
	}
	n = fread(buf, 1, sizeof(buf), f);
	if (ferror(f)) {
		e = UF_EIO;
		goto out;
	}
	if (n == CODE_KEY_LEN) {
		memcpy(key, buf, CODE_KEY_LEN);
		e = UF_OK;
		goto out;
	}
	if (!(n == 2 * CODE_KEY_LEN ||
	        (n == 2 * CODE_KEY_LEN + 1 && buf[2 * CODE_KEY_LEN] == '\n')))
		goto out;
	for (i = 0; i < CODE_KEY_LEN; i++) {
		hi = hex_value(buf[2 * i]);
		lo = hex_value(buf[2 * i + 1]);
		if (hi < 0 || lo < 0)
			goto out;
		tmp[i] = (unsigned char)(hi << 4 | lo);
	}
	memcpy(key, tmp, CODE_KEY_LEN);
	e = UF_OK;
out:
	sodium_memzero(buf, sizeof(buf));
	sodium_memzero(tmp, sizeof(tmp));
	if (f != NULL)
		(void)fclose(f);
	return e;
}
