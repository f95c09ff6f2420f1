#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
# Reference values for the reports' language tables (reports/render_lang.c),
# computed here from raw rows, not from the report program:
#   counts  CSV MINCELL ROWS   ROWS: "grp|months|lang|easy|respondents" from
#           SQL over response/participant/wave (submitted, not test). Every
#           printed count and percent must equal the reference (whole percent
#           of the group's respondents, half away from zero); a count of 1 ..
#           MINCELL-1 must print "–"; in each group and wave a hidden language
#           count or easy count never stands alone in its sum (the relation
#           parts = n with n printed), so it cannot be worked out.
#   scales  CSV FORM MONTHS ROWS   ROWS: "participant|lang|easy|item value ..."
#           per submitted patient response of that wave. Scale score = mean
#           of the scale's answered items (reversed: 6 - x) when at least
#           min_answered are answered (forms/README.md); n, median (1 decimal)
#           and mean (2 decimals) per half must equal the printed ones.
# Prints one line per mismatch and "ok N" with the cells checked.
import csv, json, statistics, sys
from decimal import Decimal, ROUND_HALF_UP

GROUPS = {"Chefer": "chef", "Personal": "personal", "Peer supporters": "peer",
          "Patient/brukare": "patient"}
NAMES = {"Svenska": "sv", "Engelska": "en", "Arabiska": "ar"}


def pct(part, whole):
    return (200 * part + whole) // (2 * whole)


def dec(v, d):
    q = Decimal(repr(v)).quantize(Decimal(1).scaleb(-d), rounding=ROUND_HALF_UP)
    s = ("%." + str(d) + "f") % q
    if s.startswith("-") and s.strip("-0.") == "":
        s = s[1:]
    return s.replace(".", ",")


def read_csv(path):
    return list(csv.reader(open(path, newline="", encoding="utf-8")))


def counts(path, min_cell, rows):
    ref = {}  # (grp, months) -> {"n", "lang": {tag: n}, "easy": [on, off]}
    for line in rows:
        g, mo, lang, easy, k = line.split("|")
        c = ref.setdefault((g, int(mo)), {"n": 0, "lang": {}, "easy": [0, 0]})
        k = int(k)
        c["n"] += k
        c["lang"][lang] = c["lang"].get(lang, 0) + k
        c["easy"][0 if easy == "t" else 1] += k
    t = read_csv(path)
    head = t[0]
    waves = []
    for i in range(1, len(head), 2):
        waves.append(int(sys.argv[4]) if head[i] == "Antal" else int(head[i].split()[0]))
    bad, checked = [], 0
    grp, named = None, {}
    hidden = {}  # (grp, months, "lang"/"easy") -> hidden cells
    n_hidden = set()  # (grp, months) whose n is not printed: nothing to subtract from
    for row in t[1:]:
        name = row[0]
        if name in GROUPS and all(x == "" for x in row[1:]):
            grp, named = GROUPS[name], {}
            continue
        for wi, mo in enumerate(waves):
            c = ref.get((grp, mo))
            cell, share = row[1 + 2 * wi], row[2 + 2 * wi]
            if name == "Svarande":
                if cell == "–":
                    n_hidden.add((grp, mo))
                if c is not None and cell not in ("–", "ej tillfrågade") and int(cell) != c["n"]:
                    bad.append("%s %d: n %s, reference %d" % (grp, mo, cell, c["n"]))
                checked += 1
                continue
            if c is None or cell == "":
                continue
            if name in NAMES or name.startswith("Språkkod "):
                tag = NAMES.get(name) or name.split()[1]
                named.setdefault(mo, set()).add(tag)
                v, kind = c["lang"].get(tag, 0), "lang"
            elif name == "Övriga språk":
                v = sum(k for t2, k in c["lang"].items() if t2 not in named.get(mo, set()))
                kind = "lang"
            elif name in ("Lättläst text", "Vanlig text"):
                v, kind = c["easy"][0 if name == "Lättläst text" else 1], "easy"
            else:
                bad.append("unknown row %r" % name)
                continue
            checked += 1
            if cell == "–":
                hidden.setdefault((grp, mo, kind), []).append(v)
                continue
            if 0 < v < min_cell:
                bad.append("%s %d %s: %s printed, under %d" % (grp, mo, name, cell, min_cell))
            if int(cell) != v or int(share) != pct(v, c["n"]):
                bad.append("%s %d %s: %s (%s %%), reference %d (%d %%)"
                           % (grp, mo, name, cell, share, v, pct(v, c["n"])))
    for key, vs in hidden.items():
        if key[:2] not in n_hidden and len(vs) == 1 and vs[0] != 0:
            bad.append("%s %d %s: one hidden count (%s) = n - the shown ones" % (key + (vs,)))
    return bad, checked


def scales(path, form_path, months, rows):
    form = json.load(open(form_path, encoding="utf-8"))
    rev = {it["id"] for it in form["items"] if it.get("reversed")}
    t = read_csv(path)
    halves = {"Svenska": lambda l, e: l == "sv", "Andra språk": lambda l, e: l != "sv",
              "Lättläst text": lambda l, e: e == "t", "Vanlig text": lambda l, e: e != "t"}
    resp = []
    for line in rows:
        pid, lang, easy, vals = line.split("|")
        vs = vals.split()
        resp.append((lang, easy, {vs[i]: int(vs[i + 1]) for i in range(0, len(vs), 2)}))
    bad, checked, scale = [], 0, None
    by_name = {s["sv"]: s for s in form["scales"]}
    for row in t[1:]:
        if row[0] in by_name:
            scale = by_name[row[0]]
            continue
        keep = halves[row[0]]
        scores = []
        for lang, easy, v in resp:
            if not keep(lang, easy):
                continue
            xs = [6 - v[i] if i in rev else v[i] for i in scale["items"] if i in v]
            if xs and len(xs) >= scale.get("min_answered", 1):
                scores.append(sum(xs) / len(xs))
        want = [str(len(scores)), dec(statistics.median(scores), 1), dec(statistics.fmean(scores), 2)]
        checked += 1
        if row[1:4] != want:
            bad.append("%s %s: %s, reference %s" % (scale["sv"], row[0], row[1:4], want))
    return bad, checked


if __name__ == "__main__":
    rows = [l for l in sys.stdin.read().splitlines() if l]
    if sys.argv[1] == "counts":
        bad, n = counts(sys.argv[2], int(sys.argv[3]), rows)
    else:
        bad, n = scales(sys.argv[2], sys.argv[3], int(sys.argv[4]), rows)
    for b in bad:
        print(b)
    if not bad:
        print("ok", n)
