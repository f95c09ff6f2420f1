#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
# Checks of the analysis exports against references computed here, apart
# from the C code: the expected wide cells come from the database's answers
# (a psql COPY) and the instruments' JSON (forms/*.json), by the rules the
# codebook states (likert 1-5; single = the option's position; multi = one
# 0/1 column per option named item_code; -1 vet ej, -2 vill inte svara, -9
# no answer; strings "-1"/"-2"/empty; a text starting with = + - @ TAB CR
# gets a leading '). Prints one line per problem; nothing when all is right.
#
#   export_check.py wide FORMS_DIR ANSWERS.csv WIDE.csv [--free-text] [--sep ;]
#   export_check.py native FORMS_DIR WIDE.csv FILE.(sav|dta) META.json VALUES.csv
#   export_check.py excel-sv WIDE_RFC.csv WIDE_SV.csv
#   export_check.py rscript SCRIPT.R WIDE.csv
import csv, glob, json, re, sys

LIKERT = ["Stämmer inte alls", "Stämmer ganska dåligt", "Stämmer delvis",
          "Stämmer ganska bra", "Stämmer helt"]
MISS = ["Vet ej / ej aktuellt", "Vill inte svara",
        "Inget svar (ej tillfrågad, ej visad eller överhoppad)"]
FIXED = ["panel_id", "group", "unit", "unit_kind", "wave", "wave_opens",
         "wave_closes", "instrument", "version", "submitted_at", "lang", "easy"]
problems = []


def bad(msg):
    if len(problems) < 30:
        problems.append(msg)


def guard(s):
    return "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") else s


def items(forms_dir, free_text=True):
    """item id -> (type, options [(code, sv)], text, min) over all forms."""
    out = {}
    for path in sorted(glob.glob(forms_dir + "/*.json")):
        f = json.load(open(path, encoding="utf-8"))
        for it in f["items"]:
            if it["type"] == "text" and not free_text:
                continue
            out[it["id"]] = (it["type"], [(o["code"], o["sv"]) for o in it.get("options", [])],
                             it["sv"], it.get("min", 0))
    return out


def columns(its):
    """column name -> (item id, option index or None)."""
    cols = {}
    for iid, (typ, opts, _, _) in its.items():
        if typ == "multi":
            for k, (code, _) in enumerate(opts):
                name = iid + "_" + code
                if len(name) > 32:
                    suf = "_o%d" % (k + 1)
                    name = iid[:32 - len(suf)] + suf
                cols[name] = (iid, k)
        else:
            cols[iid] = (iid, None)
    return cols


def codes(typ, mn):
    base = mn if typ == "integer" and mn <= -1 else 0
    return base - 1, base - 2, base - 9


def expected(its, iid, opt, a):
    """The wide cell of item iid (option opt) for answer row a (None: none)."""
    typ, opts, _, mn = its[iid]
    dk, dc, none = codes(typ, mn)
    string = typ in ("text", "date")
    if a is None:
        return "" if string else none
    if a["dont_know"] == "t":
        return "-1" if string else dk
    if a["declined"] == "t":
        return "-2" if string else dc
    if typ in ("likert5", "integer"):
        return int(a["value_int"])
    if typ == "single":
        return [c for c, _ in opts].index(a["value_text"]) + 1
    if typ == "multi":
        return 1 if opts[opt][0] in a["value_choices"].split(";") else 0
    if typ == "text":
        return guard(a["value_text"])
    return a["value_date"]


def same(cell, want):
    if isinstance(want, int):
        try:
            return float(cell.replace(",", ".")) == want
        except ValueError:
            return False
    return cell == want


def read(path, sep=","):
    with open(path, newline="", encoding="utf-8-sig") as fh:
        return list(csv.reader(fh, delimiter=sep, strict=True))


def check_wide(forms_dir, answers, wide, free_text, sep):
    its = items(forms_dir, free_text)
    cols = columns(its)
    ans = {}
    for a in csv.DictReader(open(answers, newline="", encoding="utf-8")):
        ans[(a["panel_id"], a["months"], a["instrument_id"], a["item_id"])] = a
    rows = read(wide, sep)
    head = rows[0]
    if head[:len(FIXED)] != FIXED:
        bad("fixed columns: %r" % head[:len(FIXED)])
    if set(head[len(FIXED):]) != set(cols):
        bad("item columns differ: extra %r missing %r" % (
            sorted(set(head[len(FIXED):]) - set(cols))[:5], sorted(set(cols) - set(head[len(FIXED):]))[:5]))
    seen = set()
    for r in rows[1:]:
        key = (r[0], r[4], r[7])
        seen.add(key)
        for name, cell in zip(head[len(FIXED):], r[len(FIXED):]):
            if name not in cols:
                continue
            iid, opt = cols[name]
            want = expected(its, iid, opt, ans.get(key + (iid,)))
            if not same(cell, want):
                bad("%s %s: %r, want %r" % ("/".join(key), name, cell, want))
    have = {(k[0], k[1], k[2]) for k in ans if k[3] in its}
    if not have <= seen:
        bad("responses with answers missing from the wide file: %d" % len(have - seen))
    n = sum(1 for k in ans if k[3] in its)
    print("# %d rows x %d item columns checked against %d answers" % (len(rows) - 1, len(cols), n))


def cut(s, max_bytes, max_chars):
    out, nb = "", 0
    for ch in s:
        b = len(ch.encode("utf-8"))
        if len(out) >= max_chars or nb + b > max_bytes:
            break
        out += ch
        nb += b
    return out.rstrip(" ")  # a label cut at a space does not end in one


def check_native(forms_dir, wide, native, meta, values):
    stata = native.endswith(".dta")
    its = items(forms_dir, True)
    cols = columns(its)
    vl, vc, vlb = (320, 80, 32000) if stata else (255, 255, 120)
    md = json.load(open(meta, encoding="utf-8"))["variables"]
    w = read(wide)
    v = read(values)
    if [x["name"] for x in md] != w[0]:
        bad("variable names differ from the wide CSV's header")
    if v[0] != w[0]:
        bad("readstat's header differs from the wide CSV's")
    if len(v) != len(w):
        bad("rows: %d in %s, %d in the CSV" % (len(v) - 1, native, len(w) - 1))
    for var in md:
        name = var["name"]
        if name in FIXED:
            if not var.get("label"):
                bad("%s: no label" % name)
            continue
        iid, opt = cols.get(name, (None, None))
        if iid is None:
            bad("%s: not a column of the instruments" % name)
            continue
        typ, opts, text, mn = its[iid]
        label = text if opt is None else opts[opt][1] + ": " + text
        if var.get("label") != cut(label, vl, vc):
            bad("%s: label %r, want %r" % (name, var.get("label"), cut(label, vl, vc)))
        if typ in ("text", "date"):
            if var["type"] != "STRING":
                bad("%s: not a string" % name)
            continue
        want = {}
        if typ == "likert5":
            want = {i + 1: l for i, l in enumerate(LIKERT)}
        elif typ == "single":
            want = {i + 1: cut(l, vlb, 10**6) for i, (_, l) in enumerate(opts)}
        elif typ == "multi":
            want = {0: "Ej valt", 1: "Valt"}
        dk, dc, none = codes(typ, mn)
        for code, m in zip((".a", ".b", ".c") if stata else (dk, dc, none), MISS):
            want[code] = cut(m, vlb, 10**6)
        got = {}
        for c in var.get("categories", []):
            k = c["code"]
            got[int(k) if isinstance(k, (int, float)) else k] = c["label"]
        if got != want:
            bad("%s: value labels %r, want %r" % (name, got, want))
        if not stata and sorted(var.get("missing", {}).get("values", [])) != sorted([dk, dc, none]):
            bad("%s: missing values %r" % (name, var.get("missing")))
    # Values: the same as the wide CSV's (Stata: the missing codes are .a .b
    # .c, which readstat prints as empty).
    for rw, rv in zip(w[1:], v[1:]):
        for name, cw, cv in zip(w[0], rw, rv):
            try:
                fw = float(cw)
            except ValueError:
                fw = None
            if fw is not None and name not in ("panel_id",):
                if stata and name not in FIXED and fw < 0 and cols.get(name) and \
                        its[cols[name][0]][0] not in ("text", "date"):
                    ok = cv == ""
                else:
                    try:
                        ok = float(cv) == fw
                    except ValueError:
                        ok = False
            else:
                ok = cv == cw
            if not ok:
                bad("%s %s: %r in %s, %r in the CSV" % (rw[0], name, cv, native, cw))
    print("# %d variables, %d rows compared" % (len(md), len(v) - 1))


def check_excel_sv(rfc, sv):
    raw = open(sv, "rb").read()
    if not raw.startswith(b"\xef\xbb\xbf"):
        bad("no UTF-8 BOM")
    body = raw[3:]
    if body.count(b"\n") != body.count(b"\r\n"):
        bad("a line end that is not CRLF")
    a = read(rfc)
    b = read(sv, ";")
    if len(a) != len(b):
        bad("rows: %d vs %d" % (len(a), len(b)))
    for ra, rb in zip(a, b):
        if len(ra) != len(rb):
            bad("row %s: %d vs %d cells" % (ra[0], len(ra), len(rb)))
            continue
        for ca, cb in zip(ra, rb):
            if re.fullmatch(r"-?[0-9]+\.[0-9]+", ca):
                ok = cb == ca.replace(".", ",")
            else:
                ok = ca == cb
            if not ok:
                bad("%r in rfc4180, %r in excel-sv" % (ca, cb))
    print("# %d rows compared" % (len(a) - 1))


def check_rscript(script, wide):
    """What can be checked without R: every string literal closes, brackets
    balance outside strings, each column of the CSV gets a uf_kolumn()."""
    s = open(script, encoding="utf-8").read()
    depth, i, strings = [], 0, []
    pairs = {")": "(", "]": "[", "}": "{"}
    while i < len(s):
        ch = s[i]
        if ch == "#":
            i = s.index("\n", i)
            continue
        if ch == '"':
            j, lit = i + 1, ""
            while j < len(s) and s[j] != '"':
                if s[j] == "\n":
                    bad("a raw newline in a string at %d" % j)
                if s[j] == "\\":
                    if s[j + 1] not in 'nrt"\\x':
                        bad("unknown escape \\%s" % s[j + 1])
                    j += 1
                lit += s[j]
                j += 1
            if j >= len(s):
                bad("unterminated string at %d" % i)
                break
            strings.append(lit)
            i = j + 1
            continue
        if ch in "([{":
            depth.append(ch)
        elif ch in ")]}":
            if not depth or depth.pop() != pairs[ch]:
                bad("unbalanced %s at %d" % (ch, i))
        i += 1
    if depth:
        bad("unclosed %r" % depth)
    head = read(wide)[0]
    for name in head[len(FIXED):]:
        if 'uf_d[["%s"]] <- uf_kolumn(' % name not in s:
            bad("no uf_kolumn() for %s" % name)
    print("# %d string literals, %d columns" % (len(strings), len(head)))


cmd = sys.argv[1]
if cmd == "wide":
    sep = sys.argv[sys.argv.index("--sep") + 1] if "--sep" in sys.argv else ","
    check_wide(sys.argv[2], sys.argv[3], sys.argv[4], "--free-text" in sys.argv, sep)
elif cmd == "native":
    check_native(*sys.argv[2:7])
elif cmd == "excel-sv":
    check_excel_sv(sys.argv[2], sys.argv[3])
elif cmd == "rscript":
    check_rscript(sys.argv[2], sys.argv[3])
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
