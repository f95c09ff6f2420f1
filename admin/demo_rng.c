/* SPDX-License-Identifier: ISC
 * The demo generator's PRNG: xoshiro256** (Blackman and Vigna), seeded
 * through splitmix64, plus the few distributions the generator needs. Our
 * own so a seed gives the same data everywhere; never used for secrets.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>

#include "demo.h"

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

void
rng_seed(struct rng *r, uint64_t seed)
{
	uint64_t x = seed;
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

uint64_t
rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

double
rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

long
rng_range(struct rng *r, long lo, long hi)
{
	uint64_t span;

	if (hi <= lo)
		return lo;
	span = (uint64_t)(hi - lo) + 1;
	/* The modulo bias is below 2^-40 for our spans: irrelevant here. */
	return lo + (long)(rng_next(r) % span);
}

bool
rng_chance(struct rng *r, double p)
{
	return rng_unit(r) < p;
}

double
rng_normal(struct rng *r)
{
	double u1, u2;

	/* Box-Muller, one value per call so the stream stays simple. */
	do
		u1 = rng_unit(r);
	while (u1 <= 0.0);
	u2 = rng_unit(r);
	return sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2);
}

uint64_t
rng_mix(uint64_t a, uint64_t b)
{
	uint64_t x = a ^ rotl(b, 23) ^ 0x6a09e667f3bcc908ULL;

	(void)splitmix64(&x);
	return splitmix64(&x) ^ b;
}

uint64_t
rng_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

void
demo_uuid(uint64_t seed, char out[DEMO_UUID_LEN + 1])
{
	struct rng r;
	uint64_t hi, lo;

	rng_seed(&r, seed);
	hi = rng_next(&r);
	lo = rng_next(&r);
	hi = (hi & ~0xf000ULL) | 0x4000ULL;
	lo = (lo & ~(0xc000ULL << 48)) | (0x8000ULL << 48);
	/* Always 36 characters: the fields are masked to their widths. */
	(void)snprintf(out, DEMO_UUID_LEN + 1, "%08" PRIx64 "-%04" PRIx64 "-%04" PRIx64 "-%04" PRIx64 "-%012" PRIx64, hi >> 32, (hi >> 16) & 0xffff, hi & 0xffff,
	    lo >> 48, lo & (uint64_t)0xffffffffffffULL);
}
