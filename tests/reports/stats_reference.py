#!/usr/bin/python3
# SPDX-License-Identifier: ISC
# Reference values for tests/reports/test_stats.c, computed independently of
# reports/stats.c: scipy 1.10 (Debian 12 python3-scipy) where scipy computes
# the value, and brute-force enumeration of every sign assignment / every
# split where scipy cannot (its exact methods assume no ties and no zeros).
# Not run by the tests; run it by hand (/usr/bin/python3) to re-derive them.
import itertools
from scipy.stats import wilcoxon, mannwhitneyu, rankdata

def pratt_brute(d):
    """Exact two-sided conditional p of the Pratt signed-rank test: rank
    |d| with the zeros, drop the zeros' ranks, enumerate all 2^n sign
    assignments of the non-zero differences."""
    r = rankdata([abs(x) for x in d])
    ranks = [ri for ri, x in zip(r, d) if x != 0]
    t = sum(ri for ri, x in zip(r, d) if x > 0)
    s = sum(ranks)
    obs = abs(2 * t - s)
    hit = 0
    for signs in itertools.product((0, 1), repeat=len(ranks)):
        tt = sum(ri for ri, g in zip(ranks, signs) if g)
        if abs(2 * tt - s) >= obs - 1e-9:
            hit += 1
    return hit / 2 ** len(ranks)

def mw_brute(x, y):
    """Exact two-sided conditional p of the rank sum of x given the ties:
    every choice of len(x) of the pooled observations as 'x'."""
    pool = list(x) + list(y)
    r = rankdata(pool)
    n1, n = len(x), len(pool)
    w = sum(r[:n1])
    e = n1 * (n + 1) / 2
    hit = tot = 0
    for c in itertools.combinations(range(n), n1):
        ww = sum(r[i] for i in c)
        tot += 1
        if abs(ww - e) >= abs(w - e) - 1e-9:
            hit += 1
    return hit / tot

W8 = [1.5, -0.3, 2.7, 4.1, -1.9, 3.3, 0.8, 5.2]
print("W8 exact", wilcoxon(W8, zero_method='pratt', method='exact').pvalue)
print("W8 approx", wilcoxon(W8, zero_method='pratt', method='approx', correction=False).pvalue)
W6 = [0.5, 1.0, 1.5, 2.0, 2.5, 3.0]
print("W6 exact", wilcoxon(W6, zero_method='pratt', method='exact').pvalue)
WT = [1, 1, 2, 0, -1, 1, 2, 0, 1, 3, -1, 1]
print("WT brute", pratt_brute(WT))
print("WT approx", wilcoxon(WT, zero_method='pratt', method='approx', correction=False).pvalue)
# six pairs, one zero: the "smallest p of 6 pairs"
W6Z = [0, 1, 1, 2, 2, 1]
print("W6Z brute", pratt_brute(W6Z))
W60 = [(-1) ** (i * i % 7) * (i + 0.5) for i in range(1, 61)]
print("W60 exact", wilcoxon(W60, zero_method='pratt', method='exact').pvalue)
W120 = [(-1) ** (i * i % 7) * (i + 0.5) + (0.25 if i % 3 == 0 else 0) for i in range(1, 121)]
print("W120 approx", wilcoxon(W120, zero_method='pratt', method='approx', correction=False).pvalue)

MX = [1.1, 2.3, 3.8, 4.0, 5.6]
MY = [2.9, 6.1, 7.4, 8.2, 3.3, 9.0]
print("M56 exact", mannwhitneyu(MX, MY, method='exact').pvalue)
print("M56 asym", mannwhitneyu(MX, MY, method='asymptotic', use_continuity=False).pvalue)
TX = [1, 1, 2, 2, 2, 3, 4]
TY = [2, 3, 3, 4, 4, 5]
print("MT brute", mw_brute(TX, TY))
print("MT asym", mannwhitneyu(TX, TY, method='asymptotic', use_continuity=False).pvalue)
M30 = [i * 1.7 % 23 + 0.01 * i for i in range(30)]
M40 = [i * 2.3 % 29 + 3 + 0.013 * i for i in range(40)]
print("M3040 exact", mannwhitneyu(M30, M40, method='exact').pvalue)
M60a = [i * 1.7 % 23 + 0.01 * i for i in range(60)]
M60b = [i * 2.3 % 29 + 1 + 0.013 * i for i in range(60)]
print("M6060 asym", mannwhitneyu(M60a, M60b, method='asymptotic', use_continuity=False).pvalue)
