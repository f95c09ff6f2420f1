/* SPDX-License-Identifier: ISC
 * Cleaning of free-text quotes: pronouns, unit names whole and by their
 * words, ward numbers, the study's own names. Text is handled as UTF-8
 * bytes: word boundaries are decided on decoded code points so that
 * "handen", "hånar" or "Hans-Åke" are not touched by accident.
 */
#include <stdlib.h>
#include <string.h>

#include "privacy.h"
#include "utf8.h"

bool
privacy_shown(long n, long min_cell)
{
	return n >= min_cell && n > 0;
}

/* ---- UTF-8 words ------------------------------------------------------ */

/* The code point at s[i] (len bytes in all) and its length; a broken
 * sequence counts as one byte of U+FFFD (no word character), so a scan
 * always moves on. */
static size_t
decode(const unsigned char *s, size_t len, size_t i, unsigned *cp)
{
	unsigned long c;
	size_t n = utf8_decode((const char *)s + i, len - i, &c);

	if (n == 0) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = (unsigned)c;
	return n;
}

/* Letters and digits of the scripts a Swedish text may contain, plus
 * combining marks (an "e" followed by U+0301 is still one word). */
static bool
is_word_cp(unsigned c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_')
		return true;
	if (c >= 0xC0 && c <= 0x24F)
		return c != 0xD7 && c != 0xF7;
	return (c >= 0x300 && c <= 0x36F) || (c >= 0x370 && c <= 0x3FF) ||
	    (c >= 0x400 && c <= 0x4FF) || (c >= 0x1E00 && c <= 0x1EFF);
}

/* Whether the code point ending just before byte i is a word character. */
static bool
word_before(const unsigned char *s, size_t i)
{
	if (i == 0)
		return false;
	size_t j = i - 1;
	while (j > 0 && utf8_continues(s[j]) && i - j < 4)
		j--;
	unsigned cp;
	decode(s, i, j, &cp);
	return is_word_cp(cp);
}

static bool
word_at(const unsigned char *s, size_t len, size_t i)
{
	if (i >= len)
		return false;
	unsigned cp;
	decode(s, len, i, &cp);
	return is_word_cp(cp);
}

static char
lower_ascii(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

struct pronoun {
	const char *word;
	const char *repl;
};

static const struct pronoun pronouns[] = {
	{ "hennes", "hens" },
	{ "honom", "hen" },
	{ "henne", "hen" },
	{ "hans", "hens" },
	{ "han", "hen" },
	{ "hon", "hen" },
};

size_t
privacy_degender(const char *in, size_t len, char *out)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t i = 0, o = 0;
	while (i < len) {
		/* Only the start of a word can be a pronoun. */
		if ((s[i] == 'h' || s[i] == 'H') && !word_before(s, i)) {
			size_t wl = 0;
			while (i + wl < len && s[i + wl] < 0x80 &&
			    word_at(s, len, i + wl))
				wl++;
			if (!word_at(s, len, i + wl)) {
				for (size_t p = 0; p < sizeof pronouns / sizeof pronouns[0]; p++) {
					const char *w = pronouns[p].word;
					if (strlen(w) != wl)
						continue;
					size_t k = 0, upper = 0;
					while (k < wl && lower_ascii(in[i + k]) == w[k]) {
						upper += in[i + k] >= 'A' && in[i + k] <= 'Z';
						k++;
					}
					if (k != wl)
						continue;
					const char *r = pronouns[p].repl;
					size_t rl = strlen(r);
					for (size_t q = 0; q < rl; q++) {
						char ch = r[q];
						if (upper == wl || (q == 0 && (in[i] >= 'A' && in[i] <= 'Z')))
							ch = (char)(ch - 'a' + 'A');
						out[o++] = ch;
					}
					i += wl;
					goto next;
				}
			}
			/* Not a pronoun: copy the whole ASCII run. */
			memcpy(out + o, in + i, wl ? wl : 1);
			o += wl ? wl : 1;
			i += wl ? wl : 1;
			continue;
		}
		out[o++] = in[i++];
	next:;
	}
	out[o] = '\0';
	return o;
}

/* ---- unit names -------------------------------------------------------- */

/* Case-insensitive equality of n bytes: ASCII capitals and the Latin-1
 * capitals in UTF-8 (C3 80..C3 9E except C3 97, e.g. Å Ä Ö) fold to small. */
static bool
eq_fold(const unsigned char *a, const unsigned char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned x = a[i], y = b[i];
		if (x >= 'A' && x <= 'Z')
			x += 32;
		if (y >= 'A' && y <= 'Z')
			y += 32;
		if (i > 0 && a[i - 1] == 0xC3 && x >= 0x80 && x <= 0x9E && x != 0x97)
			x += 0x20;
		if (i > 0 && b[i - 1] == 0xC3 && y >= 0x80 && y <= 0x9E && y != 0x97)
			y += 0x20;
		if (x != y)
			return false;
	}
	return true;
}

uf_err
privacy_redact_names(const char *in, size_t len, const char *const *names,
    size_t nnames, char *out, size_t cap, size_t *outlen)
{
	static const char mark[] = "[verksamhet]";
	const unsigned char *s = (const unsigned char *)in;
	size_t i = 0, o = 0;
	uf_err e = UF_ELIMIT;

	while (i < len) {
		size_t hit = 0;
		if (!word_before(s, i)) {
			for (size_t k = 0; k < nnames; k++) {
				size_t nl = strlen(names[k]);
				if (nl < 3 || nl > len - i || nl <= hit)
					continue;
				if (eq_fold(s + i, (const unsigned char *)names[k], nl) &&
				    !word_at(s, len, i + nl))
					hit = nl;
			}
		}
		if (hit) {
			if (o + sizeof mark - 1 >= cap)
				goto out;
			memcpy(out + o, mark, sizeof mark - 1);
			o += sizeof mark - 1;
			i += hit;
			continue;
		}
		if (o + 1 >= cap)
			goto out;
		out[o++] = in[i++];
	}
	e = UF_OK;
out:
	if (cap > 0)
		out[o < cap ? o : cap - 1] = '\0';
	*outlen = o;
	return e;
}

/* ---- words of names ----------------------------------------------------- */

static const char *const mark_text[PRIVACY_MARK__MAX] = {
	[PRIVACY_MARK_VERKSAMHET] = "[verksamhet]",
	[PRIVACY_MARK_ORT] = "[ort]",
	[PRIVACY_MARK_NAMN] = "[namn]",
};
static const char *const mark_name[PRIVACY_MARK__MAX] = {
	[PRIVACY_MARK_VERKSAMHET] = "verksamhet",
	[PRIVACY_MARK_ORT] = "ort",
	[PRIVACY_MARK_NAMN] = "namn",
};

bool
privacy_mark_parse(const char *s, enum privacy_mark *out)
{
	for (int k = 0; k < PRIVACY_MARK__MAX; k++)
		if (strcmp(s, mark_name[k]) == 0) {
			*out = (enum privacy_mark)k;
			return true;
		}
	return false;
}

const char *
privacy_mark_name(enum privacy_mark m)
{
	return (unsigned)m < PRIVACY_MARK__MAX ? mark_name[m] : "verksamhet";
}

/* Words of a unit name that say what kind of unit it is, not which one:
 * never masked on their own (a prefix: "avdelningen" is generic too). */
static const char *const generic[] = {
	"avdelning",
	"avd",
	"klinik",
	"boendestöd",
	"mottagning",
	"enhet",
	"psykiatri",
	"kommun",
	"region",
	"vård",
	"boende",
	"verksamhet",
	"stöd",
	"träffpunkt",
	"team",
	"sektion",
	"öppenvård",
	"heldygn",
	"förvaltning",
	"socialtjänst",
	"sjukhus",
	"hälsa",
	"stad",
	"län",
};
/* After these words the one before is a place. */
static const char *const place_after[] = { "kommun", "stad", "region", "län" };
/* Swedish endings a masked word may carry in a quote. */
static const char *const endings[] = { "s", "n", "ns", "en", "ens", "et", "ets" };

/* Case-fold one word (ASCII and the Latin-1 capitals in UTF-8) into out;
 * false when it does not fit. */
static bool
fold(const unsigned char *s, size_t n, char *out, size_t cap)
{
	if (n + 1 > cap)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned c = s[i];
		if (c >= 'A' && c <= 'Z')
			c += 32;
		else if (i > 0 && s[i - 1] == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97)
			c += 0x20;
		out[i] = (char)c;
	}
	out[n] = '\0';
	return true;
}

/* Letters (code points) in s[0..n). */
static size_t
letters(const unsigned char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += !utf8_continues(s[i]);
	return k;
}

static size_t
word_end(const unsigned char *s, size_t len, size_t i)
{
	while (i < len) {
		unsigned cp;
		size_t k = decode(s, len, i, &cp);
		if (!is_word_cp(cp))
			break;
		i += k;
	}
	return i;
}

static bool
starts_with(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

static bool
in_list(const char *w, const char *const *list, size_t n, bool prefix)
{
	for (size_t k = 0; k < n; k++)
		if (prefix ? starts_with(w, list[k]) : strcmp(w, list[k]) == 0)
			return true;
	return false;
}

static uf_err
add_term(struct privacy_mask *m, const char *folded, enum privacy_mark mark)
{
	for (size_t k = 0; k < m->n; k++)
		if (strcmp(m->t[k].word, folded) == 0)
			return UF_OK;
	if (m->n == m->cap) {
		size_t nc = m->cap ? m->cap * 2 : 16;
		struct privacy_term *t = realloc(m->t, nc * sizeof *t);
		if (t == NULL)
			return UF_ENOMEM;
		m->t = t;
		m->cap = nc;
	}
	char *w = strdup(folded);
	if (w == NULL)
		return UF_ENOMEM;
	m->t[m->n++] = (struct privacy_term){ w, mark };
	return UF_OK;
}

uf_err
privacy_mask_unit(struct privacy_mask *m, const char *unit_name)
{
	const unsigned char *s = (const unsigned char *)unit_name;
	size_t len = strlen(unit_name), i = 0;
	char w[PRIVACY_TERM_MAX + 1], next[PRIVACY_TERM_MAX + 1];
	uf_err e = UF_OK;

	while (i < len && e == UF_OK) {
		size_t j = word_end(s, len, i);
		if (j == i) {
			i++;
			continue;
		}
		size_t k = j;
		while (k < len && !word_at(s, len, k))
			k++;
		size_t l = word_end(s, len, k);
		bool have_next = l > k && fold(s + k, l - k, next, sizeof next);
		if (letters(s + i, j - i) >= 4 && fold(s + i, j - i, w, sizeof w) &&
		    !in_list(w, generic, sizeof generic / sizeof generic[0], true) &&
		    strspn(w, "0123456789") != strlen(w))
			e = add_term(m, w, have_next && in_list(next, place_after, sizeof place_after / sizeof place_after[0], false) ? PRIVACY_MARK_ORT : PRIVACY_MARK_VERKSAMHET);
		i = j;
	}
	return e;
}

uf_err
privacy_mask_name(struct privacy_mask *m, const char *name, enum privacy_mark mark)
{
	const unsigned char *s = (const unsigned char *)name;
	size_t len = strlen(name), i = 0;
	char w[PRIVACY_TERM_MAX + 1];
	uf_err e = UF_OK;

	while (i < len && e == UF_OK) {
		size_t j = word_end(s, len, i);
		if (j == i) {
			i++;
			continue;
		}
		if (letters(s + i, j - i) >= 2 && fold(s + i, j - i, w, sizeof w))
			e = add_term(m, w, mark);
		i = j;
	}
	return e;
}

void
privacy_mask_free(struct privacy_mask *m)
{
	if (m == NULL)
		return;
	for (size_t k = 0; k < m->n; k++)
		free(m->t[k].word);
	free(m->t);
	m->t = NULL;
	m->n = m->cap = 0;
}

/* The mark for folded word w, or -1. */
static int
term_of(const struct privacy_mask *m, const char *w)
{
	for (size_t k = 0; k < m->n; k++) {
		const char *t = m->t[k].word;
		size_t tl = strlen(t);
		if (strncmp(w, t, tl) != 0)
			continue;
		if (w[tl] == '\0' || in_list(w + tl, endings, sizeof endings / sizeof endings[0], false))
			return (int)m->t[k].mark;
	}
	return -1;
}

/* A ward number after "avdelning"/"avd" at s[j..]: ". 12", " 12"; the end
 * of the number, or 0. */
static size_t
ward_number(const unsigned char *s, size_t len, size_t j)
{
	if (j < len && s[j] == '.')
		j++;
	size_t sp = j;
	while (j < len && (s[j] == ' ' || s[j] == '\t'))
		j++;
	if (j == sp || j >= len || s[j] < '0' || s[j] > '9')
		return 0;
	while (j < len && s[j] >= '0' && s[j] <= '9')
		j++;
	return word_at(s, len, j) ? 0 : j;
}

static bool
put_bytes(char *out, size_t cap, size_t *o, const char *src, size_t n)
{
	if (*o + n >= cap)
		return false;
	memcpy(out + *o, src, n);
	*o += n;
	return true;
}

uf_err
privacy_mask_text(const struct privacy_mask *m, const char *in, size_t len,
    char *out, size_t cap, size_t *outlen)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t i = 0, o = 0;
	char w[PRIVACY_TERM_MAX + 8];
	uf_err e = UF_ELIMIT;

	while (i < len) {
		size_t j = word_at(s, len, i) && !word_before(s, i) ? word_end(s, len, i) : i;
		if (j == i) {
			if (!put_bytes(out, cap, &o, in + i, 1))
				goto out;
			i++;
			continue;
		}
		int mark = -1;
		size_t end = j;
		if (fold(s + i, j - i, w, sizeof w)) {
			size_t num;
			if ((strcmp(w, "avdelning") == 0 || strcmp(w, "avdelningen") == 0 ||
			        strcmp(w, "avd") == 0) &&
			    (num = ward_number(s, len, j)) != 0) {
				mark = PRIVACY_MARK_VERKSAMHET;
				end = num;
			} else {
				mark = term_of(m, w);
			}
		}
		if (mark >= 0) {
			if (!put_bytes(out, cap, &o, mark_text[mark], strlen(mark_text[mark])))
				goto out;
		} else if (!put_bytes(out, cap, &o, in + i, j - i)) {
			goto out;
		}
		i = end;
	}
	e = UF_OK;
out:
	if (cap > 0)
		out[o < cap ? o : cap - 1] = '\0';
	*outlen = o;
	return e;
}
