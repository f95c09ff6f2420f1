/* SPDX-License-Identifier: ISC
 * Unit tests for lib/code.c: code generation and typing tolerance, the
 * check character catching every single substitution and every adjacent
 * transposition, the keyed hash, tokens and the key file.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "code.h"
#include "check_run.h"

#define RANDOM_CODES 2000

START_TEST(test_alphabet)
{
	const char *bad = "01ILO";
	size_t i;

	ck_assert_uint_eq(strlen(CODE_ALPHABET), 31);
	for (i = 0; bad[i] != '\0'; i++)
		ck_assert_ptr_null(strchr(CODE_ALPHABET, bad[i]));
	for (i = 0; i < 31; i++)
		ck_assert_ptr_eq(strchr(CODE_ALPHABET, CODE_ALPHABET[i]), CODE_ALPHABET + i);
}
END_TEST

START_TEST(test_generate_valid_and_varied)
{
	char c[CODE_LEN + 1], d[CODE_LEN + 1], back[CODE_LEN + 1];
	int i, j, same = 0;

	for (i = 0; i < RANDOM_CODES; i++) {
		ck_assert_int_eq(code_generate(c), UF_OK);
		ck_assert_uint_eq(strlen(c), CODE_LEN);
		for (j = 0; j < CODE_LEN; j++)
			ck_assert_ptr_nonnull(strchr(CODE_ALPHABET, c[j]));
		ck_assert_int_eq(code_normalize(c, back), UF_OK);
		ck_assert_str_eq(back, c);
		ck_assert_int_eq(code_generate(d), UF_OK);
		if (strcmp(c, d) == 0)
			same++;
	}
	ck_assert_int_eq(same, 0);
}
END_TEST

START_TEST(test_normalize_typing)
{
	char c[CODE_LEN + 1], printed[CODE_PRINT_LEN + 1], typed[64], out[CODE_LEN + 1];
	size_t i;
	int n;

	ck_assert_int_eq(code_generate(c), UF_OK);
	code_format(c, printed);
	ck_assert_uint_eq(strlen(printed), CODE_PRINT_LEN);
	ck_assert_int_eq(printed[3], '-');
	ck_assert_int_eq(printed[7], '-');
	ck_assert_int_eq(memcmp(printed, c, 3), 0);
	ck_assert_int_eq(memcmp(printed + 4, c + 3, 3), 0);
	ck_assert_int_eq(memcmp(printed + 8, c + 6, 3), 0);

	/* "abc-def-ghj" as typed on a tablet: lower case, dashes, spaces. */
	for (i = 0; i < sizeof(printed); i++)
		typed[i] = (char)(printed[i] >= 'A' && printed[i] <= 'Z' ?
		        printed[i] - 'A' + 'a' :
		        printed[i]);
	ck_assert_int_eq(code_normalize(typed, out), UF_OK);
	ck_assert_str_eq(out, c);
	n = snprintf(typed, sizeof(typed), "  %.3s %.3s  %.3s ", c, c + 3, c + 6);
	ck_assert(n > 0 && (size_t)n < sizeof(typed));
	ck_assert_int_eq(code_normalize(typed, out), UF_OK);
	ck_assert_str_eq(out, c);
	ck_assert_int_eq(code_normalize(printed, out), UF_OK);
	ck_assert_str_eq(out, c);
}
END_TEST

START_TEST(test_normalize_rejects)
{
	char c[CODE_LEN + 1], typed[128], out[CODE_LEN + 1] = "untouched";
	const char *bad = "01ILOilo_.!/\xc3";
	size_t i;
	int n;

	ck_assert_int_eq(code_generate(c), UF_OK);
	ck_assert_int_eq(code_normalize(NULL, out), UF_EINVAL);
	ck_assert_int_eq(code_normalize("", out), UF_EINVAL);
	ck_assert_int_eq(code_normalize("- -", out), UF_EINVAL);
	/* Too short and too long. */
	n = snprintf(typed, sizeof(typed), "%.8s", c);
	ck_assert(n == 8);
	ck_assert_int_eq(code_normalize(typed, out), UF_EINVAL);
	n = snprintf(typed, sizeof(typed), "%s2", c);
	ck_assert(n == 10);
	ck_assert_int_eq(code_normalize(typed, out), UF_EINVAL);
	/* A valid code buried in more than 64 bytes of dashes. */
	memset(typed, '-', 70);
	memcpy(typed + 70, c, CODE_LEN + 1);
	ck_assert_int_eq(code_normalize(typed, out), UF_EINVAL);
	/* Characters outside the alphabet (look-alikes, punctuation, UTF-8). */
	for (i = 0; bad[i] != '\0'; i++) {
		memcpy(typed, c, CODE_LEN + 1);
		typed[4] = bad[i];
		ck_assert_int_eq(code_normalize(typed, out), UF_EINVAL);
	}
	ck_assert_str_eq(out, "untouched");
}
END_TEST

/* The property the check character exists for: for many random codes,
 * every single-character substitution and every adjacent transposition of
 * two different characters is refused. */
START_TEST(test_check_catches_typos)
{
	char c[CODE_LEN + 1], t[CODE_LEN + 1], out[CODE_LEN + 1], tmp;
	int i, pos, k;
	long tried = 0;

	for (i = 0; i < RANDOM_CODES; i++) {
		ck_assert_int_eq(code_generate(c), UF_OK);
		for (pos = 0; pos < CODE_LEN; pos++) {
			for (k = 0; k < 31; k++) {
				if (CODE_ALPHABET[k] == c[pos])
					continue;
				memcpy(t, c, sizeof(t));
				t[pos] = CODE_ALPHABET[k];
				ck_assert_msg(code_normalize(t, out) == UF_EINVAL,
				    "substitution %s -> %s accepted", c, t);
				tried++;
			}
		}
		for (pos = 0; pos + 1 < CODE_LEN; pos++) {
			if (c[pos] == c[pos + 1])
				continue;
			memcpy(t, c, sizeof(t));
			tmp = t[pos];
			t[pos] = t[pos + 1];
			t[pos + 1] = tmp;
			ck_assert_msg(code_normalize(t, out) == UF_EINVAL,
			    "transposition %s -> %s accepted", c, t);
			tried++;
		}
	}
	ck_assert_int_ge(tried, (long)RANDOM_CODES * CODE_LEN * 30);
}
END_TEST

/* The extreme pair of plain Luhn mod 31 ('2' = index 0, 'Z' = index 30)
 * next to each other, in every position including the check character. */
START_TEST(test_check_catches_extreme_transposition)
{
	char data[CODE_LEN + 1], t[CODE_LEN + 1], out[CODE_LEN + 1], tmp;
	int pos, k, found = 0;

	for (pos = 0; pos + 1 < CODE_LEN; pos++) {
		/* "2Z" at pos, '3' elsewhere except one free position q; one of
		 * the 31 characters at q makes the code valid. */
		for (k = 0; k < 31 && !found; k++) {
			memset(data, '3', CODE_LEN);
			data[CODE_LEN] = '\0';
			data[(pos + 2) % CODE_LEN] = CODE_ALPHABET[k];
			data[pos] = '2';
			data[pos + 1] = 'Z';
			if (code_normalize(data, out) == UF_OK)
				found = 1;
		}
		ck_assert_msg(found, "no valid code with 2Z at %d", pos);
		memcpy(t, data, sizeof(t));
		tmp = t[pos];
		t[pos] = t[pos + 1];
		t[pos + 1] = tmp;
		ck_assert_int_eq(code_normalize(t, out), UF_EINVAL);
		found = 0;
	}
}
END_TEST

START_TEST(test_hash)
{
	unsigned char key[CODE_KEY_LEN], key2[CODE_KEY_LEN];
	unsigned char h1[CODE_HASH_LEN], h2[CODE_HASH_LEN], h3[CODE_HASH_LEN];
	char hex[2 + 2 * CODE_HASH_LEN + 1];
	int i;

	for (i = 0; i < CODE_KEY_LEN; i++)
		key[i] = (unsigned char)i;
	memcpy(key2, key, sizeof(key));
	key2[31] ^= 1;
	code_hash(key, "ABCDEFGHJ", h1);
	code_hash(key, "ABCDEFGHJ", h2);
	ck_assert_int_eq(memcmp(h1, h2, sizeof(h1)), 0);
	/* Independent vector: Python hashlib.blake2b(b"ABCDEFGHJ",
	 * key=bytes(range(32)), digest_size=32). */
	code_hash_bytea(h1, hex);
	ck_assert_str_eq(hex, "\\xed86580a32acca5d59c3363473b5e097c190d199843ed775e048f5c9cf41bee1");
	ck_assert_uint_eq(strlen(hex), 66);
	code_hash(key2, "ABCDEFGHJ", h3);
	ck_assert_int_ne(memcmp(h1, h3, sizeof(h1)), 0);
	code_hash(key, "ABCDEFGHK", h3);
	ck_assert_int_ne(memcmp(h1, h3, sizeof(h1)), 0);
	code_hash(key, "", h3);
	code_hash_bytea(h3, hex);
	ck_assert_str_eq(hex, "\\x4e51e7a913fc80137da52880fecca175bf81e117d5c68126dc2774033517ea0d");
}
END_TEST

START_TEST(test_tokens)
{
	char a[TOKEN_HEX_LEN + 1], b[TOKEN_HEX_LEN + 1];
	size_t i;

	ck_assert_int_eq(token_generate(a), UF_OK);
	ck_assert_int_eq(token_generate(b), UF_OK);
	ck_assert_uint_eq(strlen(a), TOKEN_HEX_LEN);
	ck_assert_uint_eq(strspn(a, "0123456789abcdef"), TOKEN_HEX_LEN);
	ck_assert_str_ne(a, b);
	ck_assert(token_equal(a, a));
	memcpy(b, a, sizeof(b));
	ck_assert(token_equal(a, b));
	b[TOKEN_HEX_LEN - 1] = b[TOKEN_HEX_LEN - 1] == '0' ? '1' : '0';
	ck_assert(!token_equal(a, b));
	memcpy(b, a, sizeof(b));
	b[0] = b[0] == '0' ? '1' : '0';
	ck_assert(!token_equal(a, b));
	memcpy(b, a, sizeof(b));
	b[10] = '\0';
	ck_assert(!token_equal(a, b));
	ck_assert(!token_equal(b, a));
	ck_assert(!token_equal(a, ""));
	ck_assert(token_equal("", ""));
	ck_assert(!token_equal(NULL, a));
	ck_assert(!token_equal(a, NULL));
	for (i = 0; i < 100; i++) {
		ck_assert_int_eq(token_generate(b), UF_OK);
		ck_assert(!token_equal(a, b));
	}
}
END_TEST

static char keypath[256];

static void
write_key(const void *data, size_t len)
{
	const char *dir = getenv("TMPDIR");
	FILE *f;
	int fd, n;

	n = snprintf(keypath, sizeof(keypath), "%s/uf-key-XXXXXX",
	    dir != NULL && dir[0] != '\0' ? dir : "/tmp");
	ck_assert(n > 0 && (size_t)n < sizeof(keypath));
	fd = mkstemp(keypath);
	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

static uf_err
load_key_text(const char *text, unsigned char key[CODE_KEY_LEN])
{
	uf_err e;

	write_key(text, strlen(text));
	e = code_key_load(keypath, key);
	ck_assert_int_eq(unlink(keypath), 0);
	return e;
}

#define HEX64 "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"

START_TEST(test_key_load)
{
	unsigned char key[CODE_KEY_LEN], want[CODE_KEY_LEN], raw[CODE_KEY_LEN + 1];
	int i;

	for (i = 0; i < CODE_KEY_LEN; i++)
		want[i] = (unsigned char)i;
	memset(key, 0xee, sizeof(key));
	ck_assert_int_eq(load_key_text(HEX64 "\n", key), UF_OK);
	ck_assert_int_eq(memcmp(key, want, sizeof(key)), 0);
	memset(key, 0xee, sizeof(key));
	ck_assert_int_eq(load_key_text(HEX64, key), UF_OK);
	ck_assert_int_eq(memcmp(key, want, sizeof(key)), 0);
	memset(key, 0xee, sizeof(key));
	ck_assert_int_eq(load_key_text("000102030405060708090A0B0C0D0E0F"
	                               "101112131415161718191A1B1C1D1E1F",
	                     key),
	    UF_OK);
	ck_assert_int_eq(memcmp(key, want, sizeof(key)), 0);

	/* 32 raw bytes, even ones that look like a newline or NUL. */
	for (i = 0; i < CODE_KEY_LEN; i++)
		raw[i] = (unsigned char)(255 - i * 7);
	raw[5] = '\n';
	raw[6] = '\0';
	raw[CODE_KEY_LEN] = 'x';
	write_key(raw, CODE_KEY_LEN);
	ck_assert_int_eq(code_key_load(keypath, key), UF_OK);
	ck_assert_int_eq(memcmp(key, raw, CODE_KEY_LEN), 0);
	ck_assert_int_eq(unlink(keypath), 0);

	/* Everything else is refused and leaves the key alone. */
	memset(key, 0xee, sizeof(key));
	memcpy(want, key, sizeof(key));
	write_key(raw, CODE_KEY_LEN + 1);
	ck_assert_int_eq(code_key_load(keypath, key), UF_EFORMAT);
	ck_assert_int_eq(unlink(keypath), 0);
	write_key(raw, CODE_KEY_LEN - 1);
	ck_assert_int_eq(code_key_load(keypath, key), UF_EFORMAT);
	ck_assert_int_eq(unlink(keypath), 0);
	ck_assert_int_eq(load_key_text("", key), UF_EFORMAT);
	ck_assert_int_eq(load_key_text(HEX64 "\n\n", key), UF_EFORMAT);
	ck_assert_int_eq(load_key_text(HEX64 " ", key), UF_EFORMAT);
	ck_assert_int_eq(load_key_text(HEX64 "00", key), UF_EFORMAT);
	ck_assert_int_eq(load_key_text(" " HEX64, key), UF_EFORMAT);
	ck_assert_int_eq(load_key_text("g00102030405060708090a0b0c0d0e0f"
	                               "101112131415161718191a1b1c1d1e1f\n",
	                     key),
	    UF_EFORMAT);
	ck_assert_int_eq(load_key_text("000102030405060708090a0b0c0d0e0f"
	                               "101112131415161718191a1b1c1d1e1\n",
	                     key),
	    UF_EFORMAT);
	ck_assert_int_eq(memcmp(key, want, sizeof(key)), 0);
	ck_assert_int_eq(code_key_load("/nonexistent/key", key), UF_EIO);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("code");
	TCase *tc = tcase_create("core");

	if (sodium_init() < 0) {
		fputs("test_code: sodium_init failed\n", stderr);
		return EXIT_FAILURE;
	}
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_alphabet);
	tcase_add_test(tc, test_generate_valid_and_varied);
	tcase_add_test(tc, test_normalize_typing);
	tcase_add_test(tc, test_normalize_rejects);
	tcase_add_test(tc, test_check_catches_typos);
	tcase_add_test(tc, test_check_catches_extreme_transposition);
	tcase_add_test(tc, test_hash);
	tcase_add_test(tc, test_tokens);
	tcase_add_test(tc, test_key_load);
	suite_add_tcase(s, tc);
	return check_run(s);
}
