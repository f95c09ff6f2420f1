#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
# Reference values for `uppfolj-report slutrapport --study A --compare B`,
# computed here from the answers themselves (not from the report's code):
#
#   argv: answers.tsv min_cell csv_dir...
#   answers.tsv: study(A|B) grp months item value, one line per submitted,
#                non-test likert5 answer with a value (1-5) of an item id both
#                studies' instruments of that group have as likert5.
#
# Per group, wave (months) and item asked in both studies: n and mean per
# study (mean = sum / n, rounded to 2 decimals half away from zero); when
# both n >= min_cell, the two-sided Mann-Whitney p between the studies:
# exact conditional on the ties when nA + nB <= 100 (the rank-sum
# distribution built by dynamic programming over the five tie groups, each
# choosing c of its members for A with C(size, c) ways), otherwise the
# normal approximation with the tie-corrected variance and no continuity
# correction (written out below, no scipy); Holm's
# step-down over every tested row (items and scales; scales are checked for
# n only here, their p enter Holm from the report's own table, see below).
#
# The report's CSV tables (Jämförelse ...) are read back; each item row must
# match: "färre än N svar" where a study has fewer than min_cell answers, n
# and M as computed, p within half a unit of its last printed digit (or
# "< 0,001" when below). Holm is recomputed from the reference p of the
# item rows and the report's printed p of the scale rows, and compared the
# same way. Prints "ok"/"MISMATCH ..." lines; exit 1 on any mismatch.
import csv, glob, math, os, sys
from collections import defaultdict
from math import comb



def rankdata(xs):
    """Average ranks (1-based) with ties sharing the mean of their ranks."""
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    r = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return r


def mw_normal(x, y):
    """Two-sided p of the rank sum of x, normal approximation with the
    tie-corrected variance, no continuity correction."""
    n1, n2 = len(x), len(y)
    n = n1 + n2
    r = rankdata(x + y)
    w = sum(r[:n1])
    ties = defaultdict(int)
    for v in x + y:
        ties[v] += 1
    var = n1 * n2 / 12 * ((n + 1) - sum(t ** 3 - t for t in ties.values()) / (n * (n - 1)))
    z = (w - n1 * (n + 1) / 2) / math.sqrt(var)
    return math.erfc(abs(z) / math.sqrt(2))

answers, min_cell, dirs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
vals = defaultdict(lambda: {'A': [], 'B': []})
for line in open(answers, encoding='utf-8'):
    s, g, m, item, v = line.rstrip('\n').split('\t')
    vals[(g, int(m), item)][s].append(int(v))


def round_half_away(x, d):
    q = 10 ** d
    return math.floor(abs(x) * q + 0.5) / q * (1 if x >= 0 else -1)


def sv(x, d):
    return f'{round_half_away(x, d):.{d}f}'.replace('.', ',')


def mw_p(x, y):
    n1, n = len(x), len(x) + len(y)
    if n > 100:
        return mw_normal(x, y)
    pool = x + y
    r2 = [int(round(2 * r)) for r in rankdata(pool)]   # doubled ranks: integers
    w2 = sum(r2[:n1])
    groups = defaultdict(int)
    for v, r in zip(pool, r2):
        groups[r] += 1
    dist = {(0, 0): 1}                  # (chosen so far, doubled rank sum) -> ways
    for r, size in groups.items():
        nxt = defaultdict(int)
        for (k, s), ways in dist.items():
            for c in range(0, min(size, n1 - k) + 1):
                nxt[(k + c, s + c * r)] += ways * comb(size, c)
        dist = nxt
    e2 = n1 * (n + 1)                   # doubled expectation
    tot = hit = 0
    for (k, s), ways in dist.items():
        if k != n1:
            continue
        tot += ways
        if abs(s - e2) >= abs(w2 - e2):
            hit += ways
    return hit / tot


def parse_p(cell):
    cell = cell.strip()
    if cell.startswith('<'):
        return ('lt', 0.001)
    return ('eq', float(cell.replace(',', '.')))


def p_matches(cell, ref):
    kind, v = parse_p(cell)
    if kind == 'lt':
        return ref < 0.001
    return abs(v - ref) <= 0.0005 + 1e-9


ORDER = ['chef', 'personal', 'peer', 'patient']   # the report's group order
few = f'färre än {min_cell} svar'
# statement text per group and item id (tests/reports/compare.sh writes
# items.tsv next to answers.tsv: grp, item id, text)
item_of = {}
for line in open(os.path.join(os.path.dirname(answers), 'items.tsv'), encoding='utf-8'):
    g, item, text = line.rstrip('\n').split('\t')
    item_of[(g, text)] = item
tables = []
for d in dirs:
    for path in sorted(glob.glob(os.path.join(d, '*.csv'))):
        with open(path, encoding='utf-8-sig', newline='') as f:
            rd = list(csv.reader(f))
        if rd and rd[0][:2] == ['Påstående / skala', 'Mån']:
            tables.append((path, rd[1:]))


def statement(r):
    return r[0].replace(' (omvänd)', '')


bad = checked = tested = 0
refs = []
gi = 0
for path, body in tables:
    # one table per group, in the report's order: the first group (after
    # the previous table's) that has every statement of this table
    while gi < len(ORDER) and not all(r[0].endswith(' (skala)') or (ORDER[gi], statement(r)) in item_of
                                      for r in body):
        gi += 1
    if gi == len(ORDER):
        print(f'MISMATCH {os.path.basename(path)}: no group has all its statements')
        bad += 1
        break
    g = ORDER[gi]
    gi += 1
    # the rows are exactly the shared items where a study has min_cell answers
    want_rows = {(m, it) for (gg, m, it), v in vals.items()
                 if gg == g and max(len(v['A']), len(v['B'])) >= min_cell}
    got_rows = {(int(r[1]), item_of[(g, statement(r))]) for r in body if not r[0].endswith(' (skala)')}
    if want_rows != got_rows:
        print(f'MISMATCH {g}: rows {sorted(got_rows ^ want_rows)[:5]} differ')
        bad += 1
    for r in body:
        months = int(r[1])
        if r[0].endswith(' (skala)'):
            refs.append(('scale', r, None))
            continue
        item = item_of[(g, statement(r))]
        a, b = vals[(g, months, item)]['A'], vals[(g, months, item)]['B']
        checked += 1
        want = []
        for xs in (a, b):
            want += [str(len(xs)), sv(sum(xs) / len(xs), 2)] if len(xs) >= min_cell else [few, '']
        got = r[2:6]
        if got != want:
            print(f'MISMATCH {g} {months} {item}: n/M {got} != {want}')
            bad += 1
        if len(a) >= min_cell and len(b) >= min_cell:
            p = mw_p(a, b)
            tested += 1
            if not p_matches(r[6], p):
                print(f'MISMATCH {g} {months} {item}: p {r[6]} != {p:.5f}')
                bad += 1
            refs.append(('item', r, p))
        elif r[6] or r[7]:
            print(f'MISMATCH {g} {months} {item}: tested though a study has < {min_cell}')
            bad += 1
# Holm over every printed test. The scale rows' p are known here only as
# printed (3 decimals), so Holm runs twice, with each at the low and at the
# high end of its rounding interval; Holm is monotone in every p, so the
# report's adjusted p must lie between the two (plus its own rounding).


def holm(ps):
    valid = sorted((p, i) for i, p in enumerate(ps) if p is not None)
    m = len(valid)
    adj = [None] * len(ps)
    run = 0.0
    for j, (p, i) in enumerate(valid):
        run = max(run, min(1.0, (m - j) * p))
        adj[i] = run
    return adj, m


lo, hi = [], []
for kind, r, p in refs:
    if kind == 'item':
        lo.append(p)
        hi.append(p)
    elif r[6]:
        k, v = parse_p(r[6])
        lo.append(0.0 if k == 'lt' else max(0.0, v - 0.0005))
        hi.append(0.001 if k == 'lt' else v + 0.0005)
    else:
        lo.append(None)
        hi.append(None)
adj_lo, m = holm(lo)
adj_hi, _ = holm(hi)
for (kind, r, p), a_lo, a_hi in zip(refs, adj_lo, adj_hi):
    if kind != 'item' or a_lo is None:
        continue
    k, v = parse_p(r[7])
    ok = a_lo < 0.001 if k == 'lt' else a_lo - 0.0005 - 1e-9 <= v <= a_hi + 0.0005 + 1e-9
    if not ok:
        print(f'MISMATCH Holm {r[0][:40]} {r[1]}: {r[7]} not in [{a_lo:.5f}, {a_hi:.5f}]')
        bad += 1
print(f'checked {checked} item rows, {tested} tested, {m} tests in Holm')
if checked == 0 or tested == 0:
    print('MISMATCH nothing compared')
    bad += 1
sys.exit(1 if bad else 0)
