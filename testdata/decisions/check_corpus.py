#!/usr/bin/python3
"""Validate corpus.json against the datasets in data/ and print counts.

    /usr/bin/python3 testdata/decisions/check_corpus.py

Exit status 1 on any problem. Standard library only.
"""
import collections
import csv
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")

PARAMS = {
    "ttest_ind": ("group", "value"), "f_oneway": ("group", "value"),
    "mannwhitneyu": ("group", "value"), "kruskal": ("group", "value"), "boxplot": ("group", "value"),
    "ttest_rel": ("x", "y"), "wilcoxon": ("x", "y"), "pearsonr": ("x", "y"), "spearmanr": ("x", "y"),
    "scatter": ("x", "y"), "regplot": ("x", "y"),
    "histogram": ("x",), "kde": ("x",),
    "ols": ("formula",),
    # Issue 17's table of counts (corpus.json labels one question with it).
    "chi2_contingency": ("x", "y"),
}
CATEGORICAL = {"chi2_contingency"}
TWO_LEVELS = {"ttest_ind", "mannwhitneyu"}
NUMERIC_ROLES = {"value", "x", "y"}
FUNCS = {"C", "Q", "I", "np", "log", "exp", "sqrt", "center", "standardize", "scale"}
NA = {"", "NA", "NaN", "null", "N/A", "."}

problems = []


def bad(item, msg):
    problems.append("%s: %s" % (item.get("id", "?"), msg))


def load(name):
    with open(os.path.join(DATA, name), newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    cols = {h: [r[i] for r in body] for i, h in enumerate(header)}
    return header, cols, len(body)


def is_num(vals):
    try:
        [float(v) for v in vals if v not in NA]
        return True
    except ValueError:
        return False


def formula_names(f):
    """Column names a patsy formula uses: Q('...') / Q("...") contents and bare identifiers."""
    names = [m.group(2) for m in re.finditer(r"Q\((['\"])(.*?)\1\)", f)]
    rest = re.sub(r"Q\((['\"])(.*?)\1\)", " ", f)
    for m in re.finditer(r"[A-Za-z_][A-Za-z0-9_.]*", rest):
        tok = m.group(0)
        after = rest[m.end():].lstrip()
        if after.startswith("(") or tok.split(".")[0] in FUNCS:
            continue  # a function (C, np.log, I, ...)
        if "." in tok:
            names.append("<bare dotted name %s: needs Q('...')>" % tok)
            continue
        names.append(tok)
    return names


def check_decision(item, d, header, cols, nrows):
    a = d.get("analysis")
    if a not in PARAMS:
        return bad(item, "unknown analysis %r" % a)
    p = d.get("params", {})
    if tuple(sorted(p)) != tuple(sorted(PARAMS[a])):
        return bad(item, "%s params %s, want %s" % (a, sorted(p), PARAMS[a]))
    if a == "ols":
        f = p["formula"]
        if f.count("~") != 1:
            bad(item, "formula without one '~': %r" % f)
        for n in formula_names(f):
            if n not in cols:
                bad(item, "formula names %r, not a column of %s" % (n, item["dataset"]))
        return
    for role, col in p.items():
        if col not in cols:
            bad(item, "%s=%r is not a column of %s" % (role, col, item["dataset"]))
            continue
        if role in NUMERIC_ROLES and a not in CATEGORICAL and not is_num(cols[col]):
            bad(item, "%s=%r is not numeric" % (role, col))
    if "group" in p and p["group"] in cols and p["value"] in cols:
        counts = collections.Counter(g for g, v in zip(cols[p["group"]], cols[p["value"]])
                                     if g not in NA and v not in NA)
        if a in TWO_LEVELS and len(counts) != 2:
            bad(item, "%s needs 2 levels, %s has %d" % (a, p["group"], len(counts)))
        if len(counts) < 2 or min(counts.values()) < 2:
            bad(item, "group %s levels too small: %s" % (p["group"], dict(counts)))


def main():
    with open(os.path.join(HERE, "corpus.json")) as f:
        corpus = json.load(f)
    datasets = {}
    seen = set()
    by_split = collections.Counter()
    by_analysis = collections.Counter()
    by_dataset = collections.Counter()
    kinds = collections.Counter()
    for item in corpus:
        for k in ("id", "dataset", "prompt", "expect", "split", "note"):
            if k not in item:
                bad(item, "missing %s" % k)
        extra = set(item) - {"id", "dataset", "prompt", "expect", "accept", "split", "note"}
        if extra:
            bad(item, "unknown fields %s" % sorted(extra))
        if item.get("id") in seen:
            bad(item, "duplicate id")
        seen.add(item.get("id"))
        if item.get("split") not in ("tune", "holdout"):
            bad(item, "split %r" % item.get("split"))
        ds = item.get("dataset")
        if ds not in datasets:
            if not os.path.exists(os.path.join(DATA, ds)):
                bad(item, "dataset %s missing" % ds)
                continue
            datasets[ds] = load(ds)
        header, cols, nrows = datasets[ds]
        if not 20 <= nrows <= 80:
            bad(item, "%s has %d rows" % (ds, nrows))
        e = item["expect"]
        decline = e == {"decline": True}
        kind = "decline" if decline else "decide"
        if decline:
            if item.get("accept"):
                bad(item, "a must-decline item has accept alternatives")
            by_analysis["(decline)"] += 1
        else:
            check_decision(item, e, header, cols, nrows)
            for alt in item.get("accept", []):
                check_decision(item, alt, header, cols, nrows)
                if alt == e:
                    bad(item, "accept repeats expect")
            by_analysis[e.get("analysis")] += 1
        by_split[item.get("split")] += 1
        kinds[(kind, item.get("split"))] += 1
        by_dataset[ds] += 1

    n = len(corpus)
    print("items: %d   datasets: %d" % (n, len(datasets)))
    print("by split: " + ", ".join("%s %d (%.0f%%)" % (k, v, 100.0 * v / n) for k, v in sorted(by_split.items())))
    for kind in ("decide", "decline"):
        t, h = kinds[(kind, "tune")], kinds[(kind, "holdout")]
        print("  %-8s tune %3d  holdout %3d  (holdout %.0f%%)" % (kind, t, h, 100.0 * h / max(1, t + h)))
    print("by expected analysis:")
    for k, v in sorted(by_analysis.items(), key=lambda kv: (-kv[1], kv[0])):
        print("  %-14s %3d" % (k, v))
    print("with accept alternatives: %d" % sum(1 for i in corpus if i.get("accept")))
    print("by dataset:")
    for k, v in sorted(by_dataset.items()):
        print("  %-18s %3d items  (%d rows, %d columns)" % (k, v, datasets[k][2], len(datasets[k][0])))
    if n < 170 or kinds[("decline", "tune")] + kinds[("decline", "holdout")] < 35:
        problems.append("corpus too small: need >= 170 items and >= 35 declines")
    if problems:
        print("\nPROBLEMS:")
        for p in problems:
            print("  " + p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
