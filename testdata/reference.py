#!/usr/bin/python3
"""Reference expected values for Inferra, computed independently with scipy/statsmodels/numpy.

Run from the repository root:

    /usr/bin/python3 testdata/reference.py            # regenerate datasets + reference.json
    /usr/bin/python3 testdata/reference.py --keep-data  # only recompute reference.json

Writes:
  testdata/data/*.csv          the generated datasets (fixed numpy seeds, fixed text formatting)
  testdata/reference.json      array of cases; `expected` follows docs/RESULTS.md field by field
  testdata/reference.meta.json library versions and generation date

Conventions (see docs/RESULTS.md and testdata/README.md):
  * CSVs read with pandas, na_values=['NA','NaN','null','N/A','.'], keep_default_na=True and
    float_precision='round_trip' (correctly rounded parsing, same as Go's strconv.ParseFloat).
  * Listwise deletion over the analysis's columns; rows_used/rows_dropped relative to the file.
  * Group levels: numeric ascending for numeric group columns (level name = shortest repr,
    "1" not "1.0"), byte-wise lexicographic for strings.
  * All tests two-sided; two-group statistics are first level minus second level.
"""
import csv
import datetime
import json
import math
from fractions import Fraction
import os
import sys
import warnings

import numpy as np
import pandas as pd
import scipy
import scipy.special
import scipy.stats as st
import statsmodels
from statsmodels.stats.oneway import anova_oneway

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
NA_VALUES = ["NA", "NaN", "null", "N/A", "."]

# ---------------------------------------------------------------------------------------------
# Datasets
# ---------------------------------------------------------------------------------------------


def write_csv(name, header, rows):
    """Write rows (lists of str / numbers / None) with minimal quoting and '\n' line ends."""
    path = os.path.join(DATA, name)
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])


def fmt(v, nd):
    """Fixed-decimal text for a float (so the CSV text is exact and stable)."""
    s = f"{v:.{nd}f}"
    return s[1:] if s.startswith("-") and float(s) == 0 else s  # no "-0.00"


def t_ppf_975(df):
    """The 0.975 quantile of Student's t with df degrees of freedom.

    scipy 1.10's t.ppf finds it by a root search with tolerance 1e-8 (cdflib),
    which leaves errors up to ~4e-9 relative; inverting the regularized
    incomplete beta function directly is accurate to a few ulps:
    P(|T| > q) = I_{df/(df+q^2)}(df/2, 1/2) = 0.05.
    """
    x = scipy.special.betaincinv(df / 2.0, 0.5, 0.05)
    return math.sqrt(df * (1.0 - x) / x)


def gen_plants():
    # Two string groups appearing as "placebo" first, then "Drug": byte-wise order is
    # "Drug" < "placebo" (uppercase sorts first), so the first level is "Drug".
    # Missing values: empty cells and NA in both columns. Moderately unbalanced (34 vs 30).
    rng = np.random.default_rng(101)
    rows = []
    for i in range(34):
        rows.append([i + 1, "placebo", fmt(rng.normal(20.0, 3.0), 2), fmt(rng.normal(5, 1), 1)])
    for i in range(30):
        rows.append([i + 35, "Drug", fmt(rng.normal(22.5, 3.5), 2), fmt(rng.normal(5, 1), 1)])
    # appearance order: all placebo rows, then Drug rows
    rows[3][2] = ""        # empty yield
    rows[40][2] = "NA"     # NA yield
    rows[17][1] = "NA"     # NA group
    rows[50][3] = ""       # missing in an unused column: must NOT drop the row for yield tests
    write_csv("plants.csv", ["plot", "treatment", "yield", "height"], rows)


def gen_tiny_groups():
    # Integer-coded groups 1/2 (written as "2","1" in appearance order), n=5 and n=7, no ties:
    # mannwhitneyu exact branch; tiny Welch/Student t-tests; one extra 3-vs-9 pairing.
    a = [12.1, 14.3, 11.8, 15.6, 13.2]
    b = [10.4, 12.9, 9.7, 11.1, 10.8, 12.2, 9.9]
    rows = [[2, v] for v in b[:3]] + [[1, v] for v in a] + [[2, v] for v in b[3:]]
    # second grouping column 'arm' gives a 3-vs-9 split (one group <= 8, other > 8 -> exact)
    arms = ["x", "y", "y", "y", "x", "y", "y", "x", "y", "y", "y", "y"]
    rows = [r + [arm] for r, arm in zip(rows, arms)]
    write_csv("tiny_groups.csv", ["group", "score", "arm"], rows)


def gen_tiny_ties():
    # Small groups (6 and 7) WITH ties: scipy method='auto' picks asymptotic because of ties.
    a = [3, 5, 5, 6, 7, 7]
    b = [2, 3, 3, 4, 5, 6, 4]
    rows = [["beta", v] for v in b] + [["alpha", v] for v in a]
    write_csv("tiny_ties.csv", ["cond", "rating"], rows)


def gen_likert():
    # Survey with Likert 1..5 answers (heavy ties), three unbalanced string groups in an order
    # that differs from lexicographic ("west","east","north" -> east, north, west),
    # and a two-level column 'sex' (M/F) for mannwhitneyu with ties. Some NA / empty cells.
    rng = np.random.default_rng(202)
    rows = []
    spec = [("west", 31, [0.10, 0.20, 0.30, 0.25, 0.15]),
            ("east", 18, [0.30, 0.30, 0.20, 0.15, 0.05]),
            ("north", 45, [0.05, 0.15, 0.25, 0.30, 0.25])]
    for region, n, p in spec:
        for _ in range(n):
            q1 = int(rng.choice([1, 2, 3, 4, 5], p=p))
            q2 = int(np.clip(q1 + rng.choice([-2, -1, 0, 0, 1, 1, 2]), 1, 5))
            sex = "F" if rng.random() < 0.45 else "M"
            rows.append([region, sex, q1, q2])
    # appearance order: west, east, north blocks
    rows[5][2] = "NA"
    rows[22][3] = ""
    rows[60][1] = ""
    rows[71][0] = "NA"
    write_csv("likert.csv", ["region", "sex", "Q1 satisfaction", "Q2 loyalty"], rows)


def gen_paired_wide():
    # Wide paired layout, n=50 (the exact/approx boundary: n <= 50 -> exact), no zero
    # differences and |differences| 0.1 apart (no ties, even after float subtraction).
    rng = np.random.default_rng(303)
    before = np.round(rng.normal(80, 10, 50), 1)
    mags = rng.permutation(np.arange(1, 51)) * 0.1 + 0.03
    signs = np.where(rng.random(50) < 0.35, -1.0, 1.0)
    after = before - signs * mags
    rows = [[f"S{i + 1:02d}", fmt(b, 1), fmt(a, 2)] for i, (b, a) in enumerate(zip(before, after))]
    write_csv("paired_wide.csv", ["Subject ID", "Before", "After"], rows)


def gen_paired_tiny():
    # n=8 pairs, no zeros, no ties -> exact wilcoxon. Also columns with ties in |d| but an
    # integer W+ (exact branch with ties; scipy does not switch to approx for ties).
    x = [5.2, 6.1, 4.8, 7.3, 5.9, 6.6, 5.0, 6.9]
    y = [4.9, 5.2, 5.0, 6.0, 4.7, 6.1, 5.4, 5.8]  # d = .3 .9 -.2 1.3 1.2 .5 -.4 1.1
    # ties case: differences u - v = 1, -2, 3, 3, 3, 4, -5, 6  (three-way tie at |3| -> ranks 4,4,4)
    u = [11, 8, 13, 14, 15, 16, 5, 18]
    v = [10, 10, 10, 11, 12, 12, 10, 12]
    rows = [[i + 1, a, b, c, d] for i, (a, b, c, d) in enumerate(zip(x, y, u, v))]
    write_csv("paired_tiny.csv", ["id", "pre", "post", "left", "right"], rows)


def gen_paired_zeros():
    # Integer scores before/after: zero differences present and many tied |d| -> approx branch
    # (zeros dropped, tie-corrected variance). n=30 with 2 rows missing.
    rng = np.random.default_rng(404)
    pre = rng.integers(10, 20, 32)
    change = rng.choice([-3, -2, -1, 0, 0, 1, 1, 2, 2, 3, 4], 32)
    post = pre + change
    rows = [[int(a), int(b)] for a, b in zip(pre, post)]
    rows[7][1] = "NA"
    rows[19][0] = ""
    write_csv("paired_zeros.csv", ["pain_pre", "pain_post"], rows)


def gen_paired_large():
    # n=80 continuous pairs -> wilcoxon approx because n > 50.
    rng = np.random.default_rng(505)
    x = rng.normal(100, 15, 80)
    y = x + rng.normal(-1.5, 6, 80)
    rows = [[fmt(a, 3), fmt(b, 3)] for a, b in zip(x, y)]
    write_csv("paired_large.csv", ["session1", "session2"], rows)


def gen_sites():
    # 6-level factor for ANOVA, unbalanced, very different variances (Welch's ANOVA matters).
    rng = np.random.default_rng(606)
    spec = [("Site-F", 12, 50, 2), ("Site-B", 25, 53, 4), ("Site-D", 8, 47, 12),
            ("Site-A", 30, 55, 6), ("Site-E", 15, 51, 1.5), ("Site-C", 20, 49, 9)]
    rows = []
    for site, n, mu, sd in spec:
        for _ in range(n):
            rows.append([site, fmt(rng.normal(mu, sd), 2)])
    rows[9][1] = "NA"
    rows[40][1] = ""
    write_csv("sites.csv", ["site", "Yield_kg"], rows)


def gen_coded():
    # Numeric group codes: 'group' 1/2/3 (appearance 3,1,2), 'dose' 0.5/2.5/10
    # (numeric order 0.5 < 2.5 < 10 differs from lexicographic "0.5" < "10" < "2.5"),
    # 'arm' 1/2 for two-group tests. Missing codes in the group column.
    rng = np.random.default_rng(707)
    rows = []
    for g, n, mu in [(3, 14, 9.0), (1, 11, 7.2), (2, 17, 8.1)]:
        for _ in range(n):
            rows.append([g, None, None, fmt(rng.normal(mu, 1.5), 2)])
    dose_of = {1: "0.5", 2: "2.5", 3: "10"}
    for i, r in enumerate(rows):
        r[1] = dose_of[r[0]] if i % 7 else dose_of[(r[0] % 3) + 1]
        r[2] = 1 if i % 3 else 2
    rows[4][0] = "NA"
    rows[20][0] = ""
    rows[33][3] = "NA"
    write_csv("coded.csv", ["group", "dose", "arm", "response"], rows)


def gen_body():
    # Column names with dots, spaces, mixed case, and a comma (quoted header).
    rng = np.random.default_rng(808)
    n = 120
    mass = rng.normal(70, 12, n)
    sleep = 9.5 - 0.03 * mass + rng.normal(0, 0.8, n)
    yield_kg = 0.2 * mass + rng.normal(0, 4, n)
    weight = mass * 2.2046 + rng.normal(0, 1, n)
    rows = [[fmt(a, 1), fmt(b, 1), fmt(c, 2), fmt(d, 2)] for a, b, c, d in zip(mass, sleep, yield_kg, weight)]
    rows[3][0] = ""
    rows[10][1] = "NA"
    rows[11][1] = "."
    rows[50][2] = "null"
    rows[77][3] = "N/A"
    rows[90][0] = "NaN"
    write_csv("body.csv", ["Body.Mass", "hours slept", "Yield_kg", "Weight, lb"], rows)


def gen_welch():
    # Two groups with very different variances and sizes: Welch and Student disagree.
    rng = np.random.default_rng(909)
    rows = [["small", fmt(v, 3)] for v in rng.normal(10.0, 1.0, 12)]
    rows += [["big", fmt(v, 3)] for v in rng.normal(13.0, 8.0, 40)]
    write_csv("welch.csv", ["batch", "strength"], rows)


def gen_large():
    # 20,000 rows: group B (15,000) appears first, A (5,000). Shapiro is reported for n <= 5000
    # only, so A (exactly 5000) has a normality entry and B does not. A few NA.
    rng = np.random.default_rng(1010)
    n = 20000
    grp = np.array(["B"] * 15000 + ["A"] * 5000)
    perm = rng.permutation(n)
    perm = np.concatenate([[np.where(grp == "B")[0][0]], perm[perm != 0]])  # row 1 is a B
    grp = grp[perm]
    value = np.where(grp == "A", rng.normal(50.3, 10, n), rng.normal(50.0, 10, n))
    x = rng.normal(0, 1, n)
    y = 0.05 * x + rng.normal(0, 1, n)
    rows = [[g, fmt(v, 3), fmt(a, 4), fmt(b, 4)] for g, v, a, b in zip(grp, value, x, y)]
    for i in (123, 4567, 9999):
        rows[i][1] = "NA"
    rows[15000][2] = ""
    write_csv("large.csv", ["group", "value", "x", "y"], rows)


def gen_extreme():
    # Huge effects: p-values far below 1e-30 (t-test, MWU, Kruskal, Pearson, Spearman).
    rng = np.random.default_rng(1111)
    rows = []
    for g, mu in [("ctrl", 0.0), ("exposed", 3.0)]:
        for _ in range(200):
            rows.append([g, fmt(rng.normal(mu, 1.0), 4)])
    x = rng.normal(0, 1, 400)
    y = x + rng.normal(0, 1.0, 400)
    rows = [r + [fmt(a, 4), fmt(b, 4)] for r, a, b in zip(rows, x, y)]
    write_csv("extreme.csv", ["arm", "marker", "dose_x", "response_y"], rows)


def gen_offset():
    # Values far from zero (1e6 + small spread, six decimals): statistics must not lose digits
    # to the offset (group means differ by less than 1e-5 of their size).
    rng = np.random.default_rng(2024)
    rows = []
    for g, mu in [("a", 0.0), ("b", 0.004), ("c", 0.011)]:
        for _ in range(20):
            x = 1e6 + rng.normal(mu, 0.01)
            y = x + rng.normal(0.002, 0.005)
            rows.append([g, "pair" if g != "c" else "", fmt(x, 6), fmt(y, 6)])
    write_csv("offset.csv", ["level", "pair_group", "x", "y"], [[r[0], r[0] if r[1] else "", r[2], r[3]] for r in rows])


def gen_monotone():
    # A perfect monotone, non-linear relation: Spearman's rho is exactly 1, p is 0.
    rows = [[str(i), str(i * i * i)] for i in range(1, 9)]
    write_csv("monotone.csv", ["dose", "effect"], rows)


GENERATORS = [gen_plants, gen_tiny_groups, gen_tiny_ties, gen_likert, gen_paired_wide,
              gen_paired_tiny, gen_paired_zeros, gen_paired_large, gen_sites, gen_coded,
              gen_body, gen_welch, gen_large, gen_extreme, gen_offset, gen_monotone]

# ---------------------------------------------------------------------------------------------
# Loading and helpers
# ---------------------------------------------------------------------------------------------


def load(dataset, cols):
    """Read a CSV, keep `cols`, drop missing listwise. Returns (frame, rows_in_file)."""
    df = pd.read_csv(os.path.join(HERE, dataset), na_values=NA_VALUES, keep_default_na=True,
                     float_precision="round_trip")
    total = len(df)
    sub = df[cols].dropna(how="any")
    return sub, total


def level_name(v):
    """Shortest round-trip name of a level: 1.0 -> "1", 2.5 -> "2.5", strings unchanged."""
    if isinstance(v, str):
        return v
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    s = repr(float(v))
    return s[:-2] if s.endswith(".0") else s


def split_groups(sub, group, value):
    """[(level_name, float array)] in contract order."""
    col = sub[group]
    if pd.api.types.is_numeric_dtype(col):
        levels = sorted(col.unique(), key=float)
    else:
        # byte-wise lexicographic: compare UTF-8 bytes
        levels = sorted(col.astype(str).unique(), key=lambda s: s.encode("utf-8"))
        col = col.astype(str)
    return [(level_name(lv), sub.loc[col == lv, value].to_numpy(dtype=float)) for lv in levels]


def F(x):
    """Python float, refusing NaN/inf (never written to JSON)."""
    x = float(x)
    if not math.isfinite(x):
        raise ValueError("non-finite value")
    return x


def mwu_block(a, b):
    method = "asymptotic" if (len(a) > 8 and len(b) > 8) else (
        "asymptotic" if len(np.unique(np.concatenate([a, b]))) < len(a) + len(b) else "exact")
    r = st.mannwhitneyu(a, b, alternative="two-sided", method="auto")
    return {"statistic": F(r.statistic), "p_value": F(r.pvalue), "method": method}


def wilcoxon_block(x, y):
    d = x - y
    method = "exact" if (len(d) <= 50 and not np.any(d == 0)) else "approx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = st.wilcoxon(x, y)  # zero_method='wilcox', correction=False, mode='auto'
    return {"statistic": F(r.statistic), "p_value": F(r.pvalue), "method": method}


def kruskal_block(arrays):
    r = st.kruskal(*arrays)
    return {"statistic": F(r.statistic), "p_value": F(r.pvalue), "df": len(arrays) - 1}


def levene_block(arrays):
    r = st.levene(*arrays, center="median")
    n = sum(len(a) for a in arrays)
    return {"statistic": F(r.statistic), "p_value": F(r.pvalue), "df1": len(arrays) - 1,
            "df2": n - len(arrays), "center": "median"}


def desc_groups(groups):
    return [{"level": lv, "n": len(a), "mean": F(np.mean(a)), "sd": F(np.std(a, ddof=1))}
            for lv, a in groups]


def median_groups(groups):
    return [{"level": lv, "n": len(a), "median": F(np.median(a))} for lv, a in groups]


def case(cid, dataset, analysis, params, calls, expected, sub, total):
    return {"id": cid, "dataset": dataset, "analysis": analysis, "params": params,
            "calls": calls, "expected": expected, "rows_used": int(len(sub)),
            "rows_dropped": int(total - len(sub))}

# ---------------------------------------------------------------------------------------------
# Analyses (one function each)
# ---------------------------------------------------------------------------------------------


def ttest_ind_case(cid, dataset, group, value):
    sub, total = load(dataset, [group, value])
    groups = split_groups(sub, group, value)
    assert len(groups) == 2, groups
    (la, a), (lb, b) = groups
    n1, n2 = len(a), len(b)
    v1, v2 = np.var(a, ddof=1), np.var(b, ddof=1)
    # The mean difference in exact arithmetic on the float64 values: np.mean(a) - np.mean(b)
    # loses the digits of a small difference between large means (offset.csv: 1.5e-8 relative,
    # issue 14), and so do scipy's t statistics, which are recomputed from it below.
    md = float(sum(map(Fraction, a)) / n1 - sum(map(Fraction, b)) / n2)

    # Student (pooled)
    rs = st.ttest_ind(a, b, equal_var=True)
    df_s = n1 + n2 - 2
    sp2 = ((n1 - 1) * v1 + (n2 - 1) * v2) / df_s
    se_s = math.sqrt(sp2 * (1 / n1 + 1 / n2))
    q_s = t_ppf_975(df_s)
    t_s = md / se_s
    assert abs(t_s - rs.statistic) <= 1e-7 * abs(t_s), (cid, t_s, rs.statistic)
    student = {"statistic": F(t_s), "p_value": F(2 * st.t.sf(abs(t_s), df_s)), "df": F(df_s),
               "mean_difference": F(md), "ci_low": F(md - q_s * se_s), "ci_high": F(md + q_s * se_s)}

    # Welch
    rw = st.ttest_ind(a, b, equal_var=False)
    va, vb = v1 / n1, v2 / n2
    df_w = (va + vb) ** 2 / (va ** 2 / (n1 - 1) + vb ** 2 / (n2 - 1))
    se_w = math.sqrt(va + vb)
    q_w = t_ppf_975(df_w)
    t_w = md / se_w
    assert abs(t_w - rw.statistic) <= 1e-7 * abs(t_w), (cid, t_w, rw.statistic)
    welch = {"statistic": F(t_w), "p_value": F(2 * st.t.sf(abs(t_w), df_w)), "df": F(df_w),
             "mean_difference": F(md), "ci_low": F(md - q_w * se_w), "ci_high": F(md + q_w * se_w)}

    d = md / math.sqrt(sp2)
    m = df_s
    J = math.exp(scipy.special.gammaln(m / 2) - scipy.special.gammaln((m - 1) / 2)) / math.sqrt(m / 2)

    normality = []
    for lv, g in groups:
        if 3 <= len(g) <= 5000:
            r = st.shapiro(g)
            normality.append({"level": lv, "statistic": F(r.statistic), "p_value": F(r.pvalue)})

    expected = dict(welch)
    expected.update({
        "method": "welch", "n": n1 + n2, "student": student, "welch": welch,
        "groups": desc_groups(groups), "cohens_d": F(d), "hedges_g": F(d * J),
        "levene": levene_block([a, b]), "mannwhitneyu": mwu_block(a, b), "normality": normality,
    })
    calls = ["mean_difference = Fraction sum(a)/n1 - Fraction sum(b)/n2 (exact on the float64 values)",
             "statistic = mean_difference / se, p_value = 2*scipy.stats.t.sf(|t|, df), checked against "
             "scipy.stats.ttest_ind(a, b, equal_var=False) and (..., equal_var=True) to 1e-7",
             "df_welch = (va+vb)**2/(va**2/(n1-1)+vb**2/(n2-1)), va=var(a,ddof=1)/n1",
             "ci = mean_difference -/+ t_ppf_975(df) * se, t_ppf_975 = sqrt(df*(1-x)/x), x = scipy.special.betaincinv(df/2, 0.5, 0.05) (pooled se for student, sqrt(va+vb) for welch)",
             "cohens_d = mean_difference / sqrt(((n1-1)*var1+(n2-1)*var2)/(n1+n2-2))",
             "hedges_g = cohens_d * exp(gammaln(m/2)-gammaln((m-1)/2))/sqrt(m/2), m=n1+n2-2",
             "scipy.stats.levene(a, b, center='median')",
             "scipy.stats.mannwhitneyu(a, b, alternative='two-sided', method='auto')",
             "scipy.stats.shapiro(g) for each group with 3 <= n <= 5000",
             "numpy.mean, numpy.std(ddof=1)"]
    return case(cid, dataset, "ttest_ind", {"group": group, "value": value}, calls, expected, sub, total)


def ttest_rel_case(cid, dataset, x, y):
    sub, total = load(dataset, [x, y])
    xa, ya = sub[x].to_numpy(float), sub[y].to_numpy(float)
    d = xa - ya
    n = len(d)
    r = st.ttest_rel(xa, ya)
    md, sd = np.mean(d), np.std(d, ddof=1)
    q = t_ppf_975(n - 1)
    half = q * sd / math.sqrt(n)
    ci = r.confidence_interval(0.95)  # scipy 1.10 TtestResult; cross-check
    assert abs(ci.low - (md - half)) < 1e-9 * max(1, abs(md)) and abs(ci.high - (md + half)) < 1e-9 * max(1, abs(md))
    expected = {"statistic": F(r.statistic), "p_value": F(r.pvalue), "df": F(r.df), "n": n,
                "mean_difference": F(md), "ci_low": F(md - half), "ci_high": F(md + half),
                "mean_x": F(np.mean(xa)), "mean_y": F(np.mean(ya)), "sd_difference": F(sd),
                "cohens_dz": F(md / sd), "wilcoxon": wilcoxon_block(xa, ya)}
    if 3 <= n <= 5000:
        s = st.shapiro(d)
        expected["normality"] = {"statistic": F(s.statistic), "p_value": F(s.pvalue)}
    calls = ["scipy.stats.ttest_rel(x, y)",
             "ci = mean(d) -/+ t_ppf_975(n-1) * std(d, ddof=1)/sqrt(n), d = x - y "
             "(equals TtestResult.confidence_interval(0.95))",
             "cohens_dz = mean(d)/std(d, ddof=1)",
             "scipy.stats.wilcoxon(x, y)",
             "scipy.stats.shapiro(x - y)"]
    return case(cid, dataset, "ttest_rel", {"x": x, "y": y}, calls, expected, sub, total)


def f_oneway_case(cid, dataset, group, value):
    sub, total = load(dataset, [group, value])
    groups = split_groups(sub, group, value)
    arrays = [a for _, a in groups]
    k, n = len(arrays), sum(len(a) for a in arrays)
    r = st.f_oneway(*arrays)
    allv = np.concatenate(arrays)
    # Sums of squares on the data with the grand mean subtracted first (as scipy's f_oneway
    # does): means of values such as 1e6 + 0.01·z are rounded to the data's ulp, and
    # differences of such means keep few digits.
    grand = np.mean(allv)
    shifted = [a - grand for a in arrays]
    sall = allv - grand
    ss_total = np.sum((sall - np.mean(sall)) ** 2)
    ss_between = np.sum([len(a) * (np.mean(a) - np.mean(sall)) ** 2 for a in shifted])
    ss_within = np.sum([np.sum((a - np.mean(a)) ** 2) for a in shifted])
    df_b, df_w = k - 1, n - k
    ms_w = ss_within / df_w
    labels = np.concatenate([[i] * len(a) for i, a in enumerate(arrays)])
    w = anova_oneway(sall, labels, use_var="unequal", welch_correction=True)
    expected = {"statistic": F(r.statistic), "p_value": F(r.pvalue), "df_between": df_b,
                "df_within": df_w, "n": n, "k": k,
                "eta_squared": F(ss_between / ss_total),
                "omega_squared": F((ss_between - df_b * ms_w) / (ss_total + ms_w)),
                "groups": desc_groups(groups),
                "welch": {"statistic": F(w.statistic), "p_value": F(w.pvalue),
                          "df_between": F(w.df[0]), "df_within": F(w.df[1])},
                "kruskal": kruskal_block(arrays), "levene": levene_block(arrays)}
    calls = ["scipy.stats.f_oneway(*groups)",
             "SS_between/SS_within/SS_total with numpy sums on values - mean(values); eta2 = SSb/SSt; "
             "omega2 = (SSb - dfb*MSw)/(SSt + MSw)",
             "statsmodels.stats.oneway.anova_oneway(values - mean(values), groups, use_var='unequal', welch_correction=True)",
             "scipy.stats.kruskal(*groups)",
             "scipy.stats.levene(*groups, center='median')"]
    if r.pvalue < 0.05:
        # After a significant ANOVA: the pairs that differ (reference_dist.py computes them).
        from reference_dist import anova_posthoc
        expected["posthoc"] = anova_posthoc(groups, expected["levene"]["p_value"])
        calls.append("posthoc: Games-Howell if levene p < .05 else scipy.stats.tukey_hsd, pairs with p < .05 "
                     "(see reference_dist.py: tukey_pairs, gameshowell_pairs)")
    return case(cid, dataset, "f_oneway", {"group": group, "value": value}, calls, expected, sub, total)


def pearsonr_case(cid, dataset, x, y):
    sub, total = load(dataset, [x, y])
    xa, ya = sub[x].to_numpy(float), sub[y].to_numpy(float)
    r = st.pearsonr(xa, ya)
    ci = r.confidence_interval(0.95)
    expected = {"statistic": F(r.statistic), "p_value": F(r.pvalue), "n": len(xa),
                "ci_low": F(ci.low), "ci_high": F(ci.high)}
    calls = ["scipy.stats.pearsonr(x, y)", "res.confidence_interval(0.95)"]
    return case(cid, dataset, "pearsonr", {"x": x, "y": y}, calls, expected, sub, total)


def spearmanr_case(cid, dataset, x, y):
    sub, total = load(dataset, [x, y])
    xa, ya = sub[x].to_numpy(float), sub[y].to_numpy(float)
    r = st.spearmanr(xa, ya)
    expected = {"statistic": F(r.correlation), "p_value": F(r.pvalue), "n": len(xa)}
    calls = ["scipy.stats.spearmanr(x, y)"]
    return case(cid, dataset, "spearmanr", {"x": x, "y": y}, calls, expected, sub, total)


def mannwhitneyu_case(cid, dataset, group, value):
    sub, total = load(dataset, [group, value])
    groups = split_groups(sub, group, value)
    assert len(groups) == 2, groups
    (_, a), (_, b) = groups
    blk = mwu_block(a, b)
    expected = dict(blk)
    expected.update({"n": len(a) + len(b), "groups": median_groups(groups),
                     "rank_biserial": F(2 * blk["statistic"] / (len(a) * len(b)) - 1)})
    calls = ["scipy.stats.mannwhitneyu(a, b, alternative='two-sided', method='auto')",
             "method: replicate scipy _mwu_choose_method (asymptotic if n1>8 and n2>8, "
             "else asymptotic if ties in pooled data, else exact)",
             "rank_biserial = 2*U/(n1*n2) - 1", "numpy.median per group"]
    return case(cid, dataset, "mannwhitneyu", {"group": group, "value": value}, calls, expected, sub, total)


def wilcoxon_case(cid, dataset, x, y):
    sub, total = load(dataset, [x, y])
    xa, ya = sub[x].to_numpy(float), sub[y].to_numpy(float)
    d = xa - ya
    expected = wilcoxon_block(xa, ya)
    expected.update({"n": len(d), "n_nonzero": int(np.sum(d != 0)),
                     "median_difference": F(np.median(d))})
    calls = ["scipy.stats.wilcoxon(x, y)  # zero_method='wilcox', correction=False, mode='auto'",
             "method: 'exact' if n <= 50 and no zero differences else 'approx'",
             "n_nonzero = sum(x - y != 0); median_difference = numpy.median(x - y)"]
    return case(cid, dataset, "wilcoxon", {"x": x, "y": y}, calls, expected, sub, total)


def kruskal_case(cid, dataset, group, value):
    sub, total = load(dataset, [group, value])
    groups = split_groups(sub, group, value)
    arrays = [a for _, a in groups]
    expected = kruskal_block(arrays)
    expected.update({"n": sum(len(a) for a in arrays), "k": len(arrays),
                     "groups": median_groups(groups)})
    calls = ["scipy.stats.kruskal(*groups)", "numpy.median per group"]
    return case(cid, dataset, "kruskal", {"group": group, "value": value}, calls, expected, sub, total)

# ---------------------------------------------------------------------------------------------
# The cases
# ---------------------------------------------------------------------------------------------


CASES = [
    # ttest_ind
    (ttest_ind_case, "ttest_ind/plants-yield", "data/plants.csv", "treatment", "yield"),
    (ttest_ind_case, "ttest_ind/tiny_groups-score", "data/tiny_groups.csv", "group", "score"),
    (ttest_ind_case, "ttest_ind/welch-strength", "data/welch.csv", "batch", "strength"),
    (ttest_ind_case, "ttest_ind/large-value", "data/large.csv", "group", "value"),
    (ttest_ind_case, "ttest_ind/extreme-marker", "data/extreme.csv", "arm", "marker"),
    (ttest_ind_case, "ttest_ind/coded-arm", "data/coded.csv", "arm", "response"),
    # ttest_rel
    (ttest_rel_case, "ttest_rel/paired_wide", "data/paired_wide.csv", "Before", "After"),
    (ttest_rel_case, "ttest_rel/paired_tiny", "data/paired_tiny.csv", "pre", "post"),
    (ttest_rel_case, "ttest_rel/paired_zeros", "data/paired_zeros.csv", "pain_pre", "pain_post"),
    (ttest_rel_case, "ttest_rel/paired_large", "data/paired_large.csv", "session1", "session2"),
    # f_oneway
    (f_oneway_case, "f_oneway/sites-yield", "data/sites.csv", "site", "Yield_kg"),
    (f_oneway_case, "f_oneway/coded-group", "data/coded.csv", "group", "response"),
    (f_oneway_case, "f_oneway/coded-dose", "data/coded.csv", "dose", "response"),
    (f_oneway_case, "f_oneway/likert-region", "data/likert.csv", "region", "Q1 satisfaction"),
    (f_oneway_case, "f_oneway/extreme-marker", "data/extreme.csv", "arm", "marker"),
    # pearsonr
    (pearsonr_case, "pearsonr/body-mass-sleep", "data/body.csv", "Body.Mass", "hours slept"),
    (pearsonr_case, "pearsonr/body-yield-weight", "data/body.csv", "Yield_kg", "Weight, lb"),
    (pearsonr_case, "pearsonr/large-xy", "data/large.csv", "x", "y"),
    (pearsonr_case, "pearsonr/extreme-xy", "data/extreme.csv", "dose_x", "response_y"),
    (pearsonr_case, "pearsonr/paired_tiny", "data/paired_tiny.csv", "pre", "post"),
    # spearmanr
    (spearmanr_case, "spearmanr/likert-q1-q2", "data/likert.csv", "Q1 satisfaction", "Q2 loyalty"),
    (spearmanr_case, "spearmanr/body-mass-sleep", "data/body.csv", "Body.Mass", "hours slept"),
    (spearmanr_case, "spearmanr/large-xy", "data/large.csv", "x", "y"),
    (spearmanr_case, "spearmanr/extreme-xy", "data/extreme.csv", "dose_x", "response_y"),
    (spearmanr_case, "spearmanr/paired_zeros", "data/paired_zeros.csv", "pain_pre", "pain_post"),
    # mannwhitneyu
    (mannwhitneyu_case, "mannwhitneyu/tiny_groups-exact", "data/tiny_groups.csv", "group", "score"),
    (mannwhitneyu_case, "mannwhitneyu/tiny_groups-arm-3v9-exact", "data/tiny_groups.csv", "arm", "score"),
    (mannwhitneyu_case, "mannwhitneyu/tiny_ties-asymptotic", "data/tiny_ties.csv", "cond", "rating"),
    (mannwhitneyu_case, "mannwhitneyu/likert-sex-ties", "data/likert.csv", "sex", "Q1 satisfaction"),
    (mannwhitneyu_case, "mannwhitneyu/plants-yield", "data/plants.csv", "treatment", "yield"),
    (mannwhitneyu_case, "mannwhitneyu/large-value", "data/large.csv", "group", "value"),
    (mannwhitneyu_case, "mannwhitneyu/extreme-marker", "data/extreme.csv", "arm", "marker"),
    # wilcoxon
    (wilcoxon_case, "wilcoxon/paired_tiny-exact", "data/paired_tiny.csv", "pre", "post"),
    (wilcoxon_case, "wilcoxon/paired_tiny-ties-exact", "data/paired_tiny.csv", "left", "right"),
    (wilcoxon_case, "wilcoxon/paired_wide-n50-exact", "data/paired_wide.csv", "Before", "After"),
    (wilcoxon_case, "wilcoxon/paired_zeros-approx", "data/paired_zeros.csv", "pain_pre", "pain_post"),
    (wilcoxon_case, "wilcoxon/paired_large-approx", "data/paired_large.csv", "session1", "session2"),
    # kruskal
    (kruskal_case, "kruskal/sites-yield", "data/sites.csv", "site", "Yield_kg"),
    (kruskal_case, "kruskal/likert-region-ties", "data/likert.csv", "region", "Q1 satisfaction"),
    (kruskal_case, "kruskal/coded-dose", "data/coded.csv", "dose", "response"),
    (kruskal_case, "kruskal/large-value", "data/large.csv", "group", "value"),
    (kruskal_case, "kruskal/extreme-marker", "data/extreme.csv", "arm", "marker"),
    # far from zero, and a perfect monotone relation
    (ttest_ind_case, "ttest_ind/offset-x", "data/offset.csv", "pair_group", "x"),
    (ttest_rel_case, "ttest_rel/offset-xy", "data/offset.csv", "x", "y"),
    (f_oneway_case, "f_oneway/offset-x", "data/offset.csv", "level", "x"),
    (pearsonr_case, "pearsonr/offset-xy", "data/offset.csv", "x", "y"),
    (spearmanr_case, "spearmanr/offset-xy", "data/offset.csv", "x", "y"),
    (kruskal_case, "kruskal/offset-x", "data/offset.csv", "level", "x"),
    (spearmanr_case, "spearmanr/monotone", "data/monotone.csv", "dose", "effect"),
]


def main():
    if "--keep-data" not in sys.argv:
        os.makedirs(DATA, exist_ok=True)
        for g in GENERATORS:
            g()
    out = []
    for fn, cid, dataset, a, b in CASES:
        out.append(fn(cid, dataset, a, b))
    ids = [c["id"] for c in out]
    assert len(ids) == len(set(ids))
    with open(os.path.join(HERE, "reference.json"), "w") as f:
        json.dump(out, f, indent=1, allow_nan=False)
        f.write("\n")
    meta = {"scipy": scipy.__version__, "statsmodels": statsmodels.__version__,
            "numpy": np.__version__, "pandas": pd.__version__,
            "python": sys.version.split()[0],
            "date": datetime.date.today().isoformat(), "cases": len(out)}
    with open(os.path.join(HERE, "reference.meta.json"), "w") as f:
        json.dump(meta, f, indent=1)
        f.write("\n")
    print(f"wrote {len(out)} cases")


if __name__ == "__main__":
    main()
