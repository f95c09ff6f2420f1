#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
# The attacker's side of the disclosure tests: read what a report prints
# (its --csv tables and pdftotext output), set up every linear relation a
# reader knows (group sizes summing to a printed total, report-label cells
# summing to their row and column totals, choice counts summing to n), and
# try to work out each hidden small count: exactly (row reduction over the
# rationals) and by bounds (enumerating the free unknowns within what the
# report says of them, e.g. "1–2"). Also checks the category rule on every
# printed distribution. Python standard library only.
#
#   disclosure_check.py DELCSV DELTXT SLUTCSV SLUTTXT TRUTH MIN_CELL MIN_CATEGORY [want-withheld-tests]
#
# TRUTH is a JSON file from SQL: {"groups": {"12": {"chef": 4, ...}},
# "labels": {"12": {"kommunalt boendestöd": {"chef": 1, ...}}}}. The true
# counts tell which hidden counts are small (the ones to protect) and check
# that each relation the test reads off a table really holds.
# Prints "PASS name" or "FAIL name :: detail" lines.
import csv
import glob
import itertools
import json
import os
import re
import sys
from fractions import Fraction

GROUPS = {"Chefer": "chef", "Personal": "personal", "Peer supporters": "peer",
          "Patient/brukare": "patient"}
RANGE = re.compile(r"^(\d+)–(\d+)$")
results = []


def report(ok, name, detail=""):
    results.append(("PASS " if ok else "FAIL ") + name + ("" if ok else " :: " + detail))


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def tables(folder):
    return [(os.path.basename(p), read_csv(p))
            for p in sorted(glob.glob(os.path.join(folder, "*.csv")))]


class System:
    """Unknowns with bounds and linear equations sum(coef * x) = const."""

    def __init__(self):
        self.names, self.lo, self.hi, self.eqs = [], [], [], []

    def unknown(self, name, lo=0, hi=None):
        self.names.append(name)
        self.lo.append(lo)
        self.hi.append(hi)
        return len(self.names) - 1

    def equation(self, terms, const):
        """terms: list of (coef, unknown index or None for a known value)."""
        self.eqs.append((terms, const))

    def _rref(self):
        n = len(self.names)
        rows = []
        for terms, const in self.eqs:
            row = [Fraction(0)] * (n + 1)
            for coef, x in terms:
                row[x] += coef
            row[n] = Fraction(const)
            if any(row[:n]):
                rows.append(row)
        piv_cols, r = [], 0
        for c in range(n):
            p = next((i for i in range(r, len(rows)) if rows[i][c] != 0), None)
            if p is None:
                continue
            rows[r], rows[p] = rows[p], rows[r]
            pv = rows[r][c]
            rows[r] = [v / pv for v in rows[r]]
            for i in range(len(rows)):
                if i != r and rows[i][c] != 0:
                    f = rows[i][c]
                    rows[i] = [a - f * b for a, b in zip(rows[i], rows[r])]
            piv_cols.append(c)
            r += 1
        return rows[:r], piv_cols, rows[r:]

    def _bounds(self):
        """Bounds of every unknown implied by the equations (each equation
        bounds one term by the others), to keep the enumeration small."""
        lo, hi = list(self.lo), list(self.hi)
        for _ in range(50):
            changed = False
            for terms, const in self.eqs:
                for i, (a, x) in enumerate(terms):
                    omin, omax = 0, 0
                    for j, (b, y) in enumerate(terms):
                        if j == i:
                            continue
                        ends = [b * lo[y], None if hi[y] is None else b * hi[y]]
                        lo_t = min(e for e in ends if e is not None) if b > 0 else \
                            (None if hi[y] is None else b * hi[y])
                        hi_t = (None if hi[y] is None else b * hi[y]) if b > 0 else b * lo[y]
                        omin = None if omin is None or lo_t is None else omin + lo_t
                        omax = None if omax is None or hi_t is None else omax + hi_t
                    # a * x = const - others
                    if a > 0:
                        nlo = None if omax is None else -((omax - const) // a)
                        nhi = None if omin is None else (const - omin) // a
                    else:
                        nlo = None if omin is None else -((const - omin) // -a)
                        nhi = None if omax is None else (omax - const) // -a
                    if nlo is not None and nlo > lo[x]:
                        lo[x], changed = nlo, True
                    if nhi is not None and (hi[x] is None or nhi < hi[x]):
                        hi[x], changed = nhi, True
            if not changed:
                break
        return lo, hi

    def solve(self):
        """Per unknown: the set of values consistent with everything (or
        None when too many combinations to enumerate), and whether the
        equations alone pin it."""
        n = len(self.names)
        rows, piv, rest = self._rref()
        if any(row[n] != 0 for row in rest):
            return None, None   # inconsistent: the reading is wrong
        linear = [False] * n
        for row, c in zip(rows, piv):
            if sum(1 for v in row[:n] if v != 0) == 1:
                linear[c] = True
        free = [c for c in range(n) if c not in piv]
        lo, hi = self._bounds()
        for c in free:
            if hi[c] is None:
                hi[c] = 10000
        space = 1
        for c in free:
            space *= hi[c] - lo[c] + 1
        values = [set() for _ in range(n)]
        if space > 300000:
            return [None] * n, linear
        for combo in itertools.product(*[range(lo[c], hi[c] + 1) for c in free]):
            x = [None] * n
            for c, v in zip(free, combo):
                x[c] = Fraction(v)
            ok = True
            for row, c in zip(rows, piv):
                v = row[n] - sum(row[k] * x[k] for k in free if row[k] != 0)
                if v.denominator != 1 or v < lo[c] or (hi[c] is not None and v > hi[c]):
                    ok = False
                    break
                x[c] = v
            if ok:
                for k in range(n):
                    values[k].add(int(x[k]))
        return values, linear


def pinned(sys_, targets, name):
    """FAIL when a target unknown (a hidden small count) can be worked out."""
    values, linear = sys_.solve()
    if values is None:
        report(False, name, "the relations read off the report do not hold")
        return
    bad = []
    for t in targets:
        if linear[t]:
            bad.append(sys_.names[t] + " (linear)")
        elif values[t] is not None and len(values[t]) <= 1:
            bad.append(sys_.names[t] + " = " + ",".join(map(str, sorted(values[t]))))
    report(not bad, name, "; ".join(bad))


def num(cell):
    return int(cell) if re.fullmatch(r"\d+", cell or "") else None


# ---- delrapport participation ---------------------------------------------------

def participation_del(folder, text, truth, wave, min_cell):
    t1 = t2 = None
    for name, rows in tables(folder):
        if rows and rows[0][:3] == ["Grupp", "Tillfrågade", "Svarat"]:
            t1 = rows
        elif rows and rows[0][0] == "Verksamhetstyp" and t2 is None:
            t2 = rows
    if t1 is None or t2 is None:
        report(False, "delrapport participation tables found")
        return
    true_n = truth["groups"][wave]
    true_l = truth["labels"][wave]
    S, eqs_true = System(), []
    var, known = {}, {}
    # every place a group's n is printed
    for label, g in GROUPS.items():
        m = re.search(re.escape(label) + r" \(n = (\d+)\)", text)
        m2 = re.search(re.escape(label) + r": (\d+) svar", text)
        for mm in (m, m2):
            if mm:
                known[g] = int(mm.group(1))
    few = {g for label, g in GROUPS.items()
           if re.search(re.escape(label) + r": färre än \d+ svar", text)}
    shown1 = []
    for row in t1[1:-1]:
        g = GROUPS[row[0]]
        if num(row[2]) is not None:
            known[g] = num(row[2])
            shown1.append(g)

    def group_var(g):
        if g not in var:
            if g in known:
                var[g] = ("k", known[g])
            else:
                var[g] = ("u", S.unknown("n " + g, 0, min_cell - 1 if g in few else None))
        return var[g]

    def term(v):
        return (1, v[1]) if v[0] == "u" else None

    def add_eq(parts, total, truth_parts, truth_total):
        """sum(parts) = total; parts/total are ("k", value) or ("u", index)."""
        terms, const = [], 0
        for p in parts:
            if p[0] == "u":
                terms.append((1, p[1]))
            else:
                const -= p[1]
        if total[0] == "u":
            terms.append((-1, total[1]))
        else:
            const += total[1]
        S.equation(terms, const)
        eqs_true.append(sum(truth_parts) == truth_total)

    groups1 = [GROUPS[r[0]] for r in t1[1:-1]]
    total_label = t1[-1][0]
    counted = groups1 if total_label == "Totalt" else shown1
    tot = num(t1[-1][2])
    add_eq([group_var(g) for g in counted], ("k", tot),
           [true_n[g] for g in counted], tot)
    # the table by report label
    head = t2[0]
    cols = [GROUPS[h] for h in head[1:-1]]
    rowtotal_all = head[-1] == "Totalt"
    cells = {}
    targets = [group_var(g)[1] for g in groups1
               if group_var(g)[0] == "u" and 0 < true_n[g] < min_cell]
    for row in t2[1:]:
        label = row[0]
        vals = []
        for g, cell in zip(cols, row[1:-1]):
            if label == "Totalt":
                v = group_var(g) if num(cell) is None else ("k", num(cell))
                if num(cell) is not None and group_var(g)[0] == "u":
                    S.equation([(1, group_var(g)[1])], num(cell))
                cells[("Totalt", g)] = v
                continue
            if num(cell) is not None:
                v = ("k", num(cell))
            else:
                v = ("u", S.unknown(label + " / " + g))
                if 0 < true_l[label][g] < min_cell:
                    targets.append(v[1])
            cells[(label, g)] = v
            vals.append(v)
        last = row[-1]
        rt = ("k", num(last)) if num(last) is not None else ("u", S.unknown(label + " / totalt"))
        cells[(label, "total")] = rt
    labels = [r[0] for r in t2[1:-1]]
    for label in labels:
        part_groups = cols if rowtotal_all else [g for g in cols if g in shown1]
        truth_rt = sum(true_l[label][g] for g in part_groups)
        add_eq([cells[(label, g)] for g in part_groups], cells[(label, "total")],
               [true_l[label][g] for g in part_groups], truth_rt)
    for g in cols:
        add_eq([cells[(label, g)] for label in labels], group_var(g),
               [true_l[label][g] for label in labels], true_n[g])
    add_eq([cells[(label, "total")] for label in labels], cells[("Totalt", "total")]
           if ("Totalt", "total") in cells else ("k", 0),
           [sum(true_l[label][g] for g in (cols if rowtotal_all else shown1)) for label in labels],
           sum(sum(true_l[label][g] for g in (cols if rowtotal_all else shown1)) for label in labels))
    report(all(eqs_true), "delrapport: the totals mean what their labels say (checked with the true counts)")
    pinned(S, targets, "delrapport: no hidden group size or report-label count can be worked out "
           "from the participation tables, headings and summary")


# ---- slutrapport participation --------------------------------------------------

def participation_slut(folder, text, truth, min_cell):
    t = None
    for name, rows in tables(folder):
        if rows and rows[0][0] == "Grupp" and rows[0][1].endswith("mån"):
            t = rows
            break
    if t is None:
        report(False, "slutrapport participation table found")
        return
    flat = " ".join(text.split())
    m = re.search(r"sammanlagt (\d+) inskickade enkätsvar( i de grupper som redovisas)?", flat)
    if not m:
        report(False, "slutrapport states its total")
        return
    total, only_shown = int(m.group(1)), bool(m.group(2))
    waves = [h.split()[0] for h in t[0][1:]]
    S, terms, const, targets, true_sum = System(), [], total, [], 0
    for row in t[1:]:
        g = GROUPS[row[0]]
        for wave, cell in zip(waves, row[1:]):
            if cell == "ej tillfrågade":
                continue
            true_v = truth["groups"].get(wave, {}).get(g, 0)
            mm = re.match(r"^(\d+)( \(|$)", cell)
            if mm:
                const -= int(mm.group(1))
                true_sum += true_v
                continue
            if only_shown:
                continue
            x = S.unknown(g + " " + wave, 1, min_cell - 1)
            terms.append((1, x))
            true_sum += true_v
            if 0 < true_v < min_cell:
                targets.append(x)
    S.equation(terms, const)
    report(true_sum == total, "slutrapport: the total means what the sentence says "
           "(checked with the true counts)", "%d vs %d" % (true_sum, total))
    pinned(S, targets, "slutrapport: no hidden group size can be worked out from the total")


# ---- choice tables and distributions ------------------------------------------------

def choice_tables(folder, min_category, kind):
    found, rule_bad = 0, []
    for name, rows in tables(folder):
        if not rows or rows[0] != ["Svarsalternativ", "Antal", "Andel %"]:
            continue
        last = rows[-1]
        n = num(last[1])
        if n is None:
            continue
        found += 1
        S, terms, const, targets = System(), [], n, []
        for row in rows[1:-1]:
            cell = row[1]
            v = num(cell)
            if v is not None:
                const -= v
                if 0 < v < min_category:
                    rule_bad.append("%s: %s = %d" % (name, row[0][:30], v))
                if n < 10 and v * 10 >= 9 * n:
                    rule_bad.append("%s: %s = %d of %d" % (name, row[0][:30], v, n))
                continue
            r = RANGE.match(cell)
            if r:
                x = S.unknown(name + ": " + row[0][:30], int(r.group(1)), int(r.group(2)))
                if int(r.group(1)) >= 1 and int(r.group(2)) < min_category:
                    targets.append(x)
            elif cell == "–":
                x = S.unknown(name + ": " + row[0][:30], 0, n)
            else:
                continue    # "·": the whole distribution withheld
            terms.append((1, x))
        if last[0] == "Totalt" and terms:
            S.equation(terms, const)
            pinned(S, targets, "%s %s: no count shown as a range can be worked out" % (kind, name))
    report(found > 0 and not rule_bad, "%s: no choice table prints a count under %d or one answer "
           "for nearly all of a group under 10 (%d tables)" % (kind, min_category, found),
           "; ".join(rule_bad[:6]))


def candidates(p, n):
    """Counts c whose share of n prints as p (half up or half to even)."""
    out = set()
    for c in range(n + 1):
        x = Fraction(100 * c, n)
        if abs(x - p) < Fraction(1, 2) or abs(x - p) == Fraction(1, 2):
            out.add(c)
    return out


def distributions(folder, min_category, kind):
    rows_seen, bad = 0, []
    for name, rows in tables(folder):
        head = rows[0] if rows else []
        if "Inte alls" not in head or "Helt" not in head:
            continue
        i_n = head.index("n")
        cats = [head.index(h) for h in ("Inte alls", "Ganska dåligt", "Delvis", "Ganska bra", "Helt")]
        i_m = head.index("M")
        for row in rows[1:]:
            n = num(row[i_n]) if len(row) > i_n else None
            if not n:
                continue
            rows_seen += 1
            merged = False
            for c in cats:
                cell = row[c]
                mm = re.match(r"^(\d+)( \((\d)–(\d)\))?$", cell)
                if not mm:
                    continue
                merged |= bool(mm.group(2))
                cand = candidates(int(mm.group(1)), n)
                if len(cand) == 1:
                    c0 = next(iter(cand))
                    if 0 < c0 < min_category:
                        bad.append("%s %s: %s%% of %d is %d" % (name, row[0][:25], mm.group(1), n, c0))
                    if n < 10 and c0 * 10 >= 9 * n:
                        bad.append("%s %s: %s%% of %d" % (name, row[0][:25], mm.group(1), n))
            if merged and row[i_m] not in ("·", "–", ""):
                bad.append("%s %s: a merged row prints its mean" % (name, row[0][:25]))
    report(rows_seen > 0 and not bad, "%s: no printed distribution gives away a count under %d or "
           "one answer for nearly all of a group under 10 (%d rows)" % (kind, min_category, rows_seen),
           "; ".join(bad[:6]))


NUMBER = re.compile(r"^(< )?-?\d+(,\d+)?$")


def tests_follow_means(folder, kind, want_hidden):
    """Tables with tests (a "p (Holm)" column): where the mean cell is
    withheld ("·"), no Z, p or r may be printed in the row; a paired test of
    fewer than 10 pairs never prints r = ±1 (every pair went one way). With
    want_hidden, the report must have at least one withheld test beside a
    withheld mean, and some printed test beside a printed mean."""
    hidden = shown = 0
    bad = []
    for name, rows in tables(folder):
        head = rows[0] if rows else []
        if "p (Holm)" not in head:
            continue
        i_m = head.index("M först → sist") if "M först → sist" in head else head.index("M")
        stat_cols = [head.index(h) for h in ("p", "p (Holm)", "r")]
        i_n = head.index("n")
        for row in rows[1:]:
            if len(row) <= max(stat_cols):
                continue
            stats = [row[i] for i in stat_cols]
            if row[i_m] == "·":
                hidden += 1
                if any(NUMBER.match(x) for x in stats):
                    bad.append("%s %s: %s beside a withheld mean" % (name, row[0][:25], stats))
            elif NUMBER.match(row[i_m].split(" ")[0] or "") and all(NUMBER.match(x) for x in stats):
                shown += 1
            pairs = re.fullmatch(r"(\d+) par", row[i_n])
            if pairs and int(pairs.group(1)) < 10 and row[stat_cols[2]] in ("1,00", "-1,00"):
                bad.append("%s %s: r = %s from %s" % (name, row[0][:25], row[stat_cols[2]], row[i_n]))
    ok = not bad and (not want_hidden or (hidden > 0 and shown > 0))
    report(ok, "%s: no Z, p or r beside a withheld mean, none that says every pair went one way "
           "(%d withheld, %d printed)" % (kind, hidden, shown),
           "; ".join(bad[:6]) or "expected both a withheld and a printed test")


def main():
    delcsv, deltxt, slutcsv, sluttxt, truthf, min_cell, min_category = sys.argv[1:8]
    want_hidden = sys.argv[8:9] == ["want-withheld-tests"]
    min_cell, min_category = int(min_cell), int(min_category)
    truth = json.load(open(truthf, encoding="utf-8"))
    dtext = open(deltxt, encoding="utf-8").read()
    stext = open(sluttxt, encoding="utf-8").read()
    wave = next(iter(truth["labels"]))
    participation_del(delcsv, dtext, truth, wave, min_cell)
    participation_slut(slutcsv, stext, truth, min_cell)
    choice_tables(delcsv, min_category, "delrapport")
    distributions(delcsv, min_category, "delrapport")
    distributions(slutcsv, min_category, "slutrapport")
    tests_follow_means(delcsv, "delrapport", False)
    tests_follow_means(slutcsv, "slutrapport", want_hidden)
    for line in results:
        print(line)


main()
