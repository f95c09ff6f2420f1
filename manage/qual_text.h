/* SPDX-License-Identifier: ISC
 * Documents' text for coding: the sentences of a text (the segments that
 * the no-JavaScript coding page offers and that double-coding agreement
 * counts), and the checks on an uploaded transcript. Offsets count
 * characters (code points), as the database and REFI-QDA do. Pure: no
 * database; the caller owns every buffer.
 */
#ifndef UF_MANAGE_QUAL_TEXT_H
#define UF_MANAGE_QUAL_TEXT_H
#include <stddef.h>

#include "err.h"
#include "qual_kappa.h"

/* A transcript's largest size in bytes (the database allows 200,000
 * characters; 400 KB of UTF-8 holds that much Swedish text). */
#define QUAL_BODY_MAX       ((size_t)400 * 1024)
#define QUAL_BODY_CHARS_MAX 200000
#define QUAL_SENTENCES_MAX  20000

/* Split valid UTF-8 text[0..len) into sentences: a sentence ends after '.',
 * '!', '?' or '…' (with any closing quotes or brackets) followed by white
 * space, or at a line break; white space between sentences belongs to
 * none. Up to max spans into out; *n = how many. UF_ELIMIT when there are
 * more than max (out then holds the first max). */
uf_err qual_sentences(const char *text, size_t len, struct kappa_span *out,
    size_t max, size_t *n);

/* Why an upload is refused. */
enum qual_body_check {
	QUAL_BODY_OK,
	QUAL_BODY_EMPTY,    /* nothing but white space */
	QUAL_BODY_TOO_BIG,  /* more than QUAL_BODY_MAX bytes or chars */
	QUAL_BODY_NOT_UTF8, /* not valid UTF-8 */
	QUAL_BODY_CONTROL,  /* NUL or control characters other than tab, CR, LF */
	QUAL_BODY__MAX
};
enum qual_body_check qual_body_check(const char *s, size_t len);
/* Swedish sentence telling the uploader what to do. */
const char *qual_body_message(enum qual_body_check c);

/* Byte offset of character offset ch in valid UTF-8 s[0..len) (len when
 * beyond the end). */
size_t qual_byte_at(const char *s, size_t len, long ch);

#endif
