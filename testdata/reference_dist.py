#!/usr/bin/python3
"""Reference values for Inferra's variance, normality, distribution and post-hoc analyses (issue 17).

Run from the repository root:

    /usr/bin/python3 testdata/reference_dist.py             # datasets + reference_dist.json
    /usr/bin/python3 testdata/reference_dist.py --keep-data # only recompute reference_dist.json

Writes testdata/data/{spread,shapes,balanced,ks_edge}.csv and testdata/reference_dist.json, in the case
format and with the loading conventions of reference.py (listwise deletion over the analysis's columns,
except that the two-column form {x, y} of the two-sample analyses drops each column's own missing values:
the samples are independent).

Each case's `calls` names the scipy/statsmodels call behind each field. Where the library cannot be the
reference it is still called and checked, and the script computes the value more accurately with scipy:

  * studentized range p-values (tukey_hsd, games_howell, f_oneway's posthoc): scipy 1.10's
    studentized_range.sf is 1 - cdf with the cdf integrated to an absolute 1e-11, so p-values below ~1e-5
    keep few digits. `sr_sf` integrates the upper tail directly with scipy.integrate.quad (relative
    1e-12) and is checked against scipy.stats.tukey_hsd / studentized_range.sf to an absolute 1e-9.
  * Tukey's 95% intervals use the quantile of `sr_sf` found by brentq (xtol 1e-15), checked against
    tukey_hsd(...).confidence_interval(0.95) to a relative 1e-7.
  * Games-Howell has no scipy function: it is computed from its definition as pingouin's
    pairwise_gameshowell does (Welch t and df, p = studentized_range.sf(sqrt(2)|t|, k, df)).
"""
import json
import math
import os
import sys
import warnings

import numpy as np
import pandas as pd
import scipy.integrate as integrate
import scipy.optimize as optimize
import scipy.special as sc
import scipy.stats as st
from statsmodels.stats.diagnostic import lilliefors

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference import DATA, HERE, F, case, fmt, load, split_groups, write_csv  # noqa: E402

# ---------------------------------------------------------------------------------------------
# Datasets
# ---------------------------------------------------------------------------------------------


def gen_spread():
    # Three labs with different spreads and sizes (appearance C, A, B), a two-level arm with
    # integer scores full of ties (Mood's tie correction), and two wide columns of different
    # lengths (left 30, right 22: the rest blank) for the {x, y} form.
    rng = np.random.default_rng(1701)
    rows = []
    spec = [("C", 14, 10.0, 0.6), ("A", 20, 10.4, 1.0), ("B", 16, 9.8, 2.2)]
    for lab, n, mu, sd in spec:
        for _ in range(n):
            rows.append([lab, fmt(rng.normal(mu, sd), 2)])
    for i, r in enumerate(rows):
        arm = "treated" if i % 2 else "control"
        base = 5 + (3 if arm == "treated" else 1) * rng.normal()
        r += [arm, str(int(np.clip(np.round(base), 0, 10)))]
    left = rng.normal(50, 4, 30)
    right = rng.normal(51, 9, 22)
    for i, r in enumerate(rows):
        r.append(fmt(left[i], 1) if i < 30 else "")
        r.append(fmt(right[i], 1) if i < 22 else "")
    rows[7][1] = "NA"      # missing reading
    rows[33][0] = ""       # missing lab
    rows[3][5] = "NA"      # a missing right value inside its range
    write_csv("spread.csv", ["lab", "reading", "arm", "score", "left", "right"], rows)


def gen_shapes():
    # One column per shape, of different lengths (blank below): normal (n=40), lognormal (60),
    # positive gamma (45), uniform (35), exponential (50), rounded normal with ties (80),
    # the n = 140 / 141 switch of the Kolmogorov distribution, and the smallest samples (4, 5).
    rng = np.random.default_rng(1702)
    cols = {
        "height": [fmt(v, 1) for v in rng.normal(170, 8, 40)],
        "income": [fmt(v, 0) for v in np.exp(rng.normal(10, 0.7, 60))],
        "wait": [fmt(v, 3) for v in rng.gamma(2.5, 1.7, 45)],
        "angle": [fmt(v, 3) for v in rng.uniform(-3, 5, 35)],
        "gap": [fmt(v, 3) for v in 2 + rng.exponential(4, 50)],
        "rating": [fmt(v, 0) for v in rng.normal(20, 3, 80)],
        "n140": [fmt(v, 4) for v in rng.normal(0, 1, 140)],
        "n141": [fmt(v, 4) for v in rng.standard_t(5, 141)],
        "tiny": ["3.1", "4.7", "2.2", "5.0"],
        "five": ["1.5", "2.5", "2.5", "9.0", "3.0"],
    }
    n = max(len(v) for v in cols.values())
    rows = [[c[i] if i < len(c) else "" for c in cols.values()] for i in range(n)]
    write_csv("shapes.csv", list(cols), rows)


def gen_balanced():
    # Four equal groups of 8 (scipy's equal-size branch of tukey_hsd), equal spreads; `pen`
    # splits the rows 16/16 (ks_2samp's equal-size case).
    rng = np.random.default_rng(1703)
    rows = []
    for g, mu in [("d1", 20), ("d2", 21.5), ("d3", 24), ("d4", 20.5)]:
        for _ in range(8):
            rows.append([g, fmt(rng.normal(mu, 1.8), 2), "north" if len(rows) % 2 else "south"])
    write_csv("balanced.csv", ["diet", "gain", "pen"], rows)


def gen_ks_edge():
    # ks_2samp's switch: exact while neither sample has more than 10,000 values. `g_exact` splits
    # 10,000 vs 40 rows, `g_asymp` 10,001 vs 39 (the 40th B row is A there).
    rng = np.random.default_rng(1704)
    a = rng.normal(0, 1, 10000)
    b = rng.normal(0.35, 1.2, 40)
    rows = [[fmt(v, 3), "A", "A"] for v in a] + [[fmt(v, 3), "B", "B"] for v in b]
    rows[-1][2] = "A"
    write_csv("ks_edge.csv", ["value", "g_exact", "g_asymp"], rows)


GENERATORS = [gen_spread, gen_shapes, gen_balanced, gen_ks_edge]

# ---------------------------------------------------------------------------------------------
# The studentized range distribution, upper tail integrated directly
# ---------------------------------------------------------------------------------------------


def range_sf(w, k):
    """P(R >= w) for the range of k standard normals."""
    m = k - 1

    def f(z):
        a = sc.ndtr(z)
        if a == 0:
            return 0.0
        b = sc.ndtr(z - w)
        c = sc.ndtr(w - z) - sc.ndtr(-z) if z > w else a - b
        frac = -math.expm1(m * math.log1p(-b / a)) if b / a < 0.5 else -math.expm1(m * math.log(c / a))
        return k * math.exp(-z * z / 2) / math.sqrt(2 * math.pi) * a ** m * frac

    val, _ = integrate.quad(f, w / 2 - 9, w / 2 + 9, epsabs=0, epsrel=1e-13, limit=200,
                            points=[w / 2])
    return val


def sr_sf(q, k, df):
    """P(Q >= q) for the studentized range with k groups and df degrees of freedom."""
    if k == 2:
        return float(2 * st.t.sf(q / math.sqrt(2), df)) if df < 1e5 else float(sc.erfc(q / 2))
    if df >= 1e5:
        return range_sf(q, k)
    logc = math.log(2) + df / 2 * math.log(df / 2) - sc.gammaln(df / 2)

    def g(u):
        s = math.exp(u)
        d = logc + df * u - df * s * s / 2
        return 0.0 if d < -745 else math.exp(d) * range_sf(q * s, k)

    ustar = 0.5 * math.log(df / (df + q * q / 2))
    sig = 1 / math.sqrt(2 * df)
    lo, hi = ustar - 10 * sig - 42 / df, 10 * sig + 0.5
    val, _ = integrate.quad(g, lo, hi, epsabs=0, epsrel=1e-12, limit=400, points=[ustar, 0.0])
    return val


def sr_isf(p, k, df):
    return optimize.brentq(lambda q: sr_sf(q, k, df) - p, 0.5, 100, xtol=1e-15, rtol=1e-15)


def check_sr(q, k, df, ours):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = float(st.studentized_range.sf(q, k, df))
    assert abs(theirs - ours) < 1e-9, (q, k, df, theirs, ours)

# ---------------------------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------------------------


def samples(dataset, params):
    """[(level, array)], rows used, rows dropped, for {x, y} or {group, value}."""
    if "x" in params:
        x, y = params["x"], params["y"]
        df = pd.read_csv(os.path.join(HERE, dataset), na_values=["NA", "NaN", "null", "N/A", "."],
                         keep_default_na=True, float_precision="round_trip")
        both = df[[x, y]].isna().all(axis=1)
        groups = [(x, df[x].dropna().to_numpy(float)), (y, df[y].dropna().to_numpy(float))]
        return groups, int((~both).sum()), int(both.sum())
    sub, total = load(dataset, [params["group"], params["value"]])
    return split_groups(sub, params["group"], params["value"]), len(sub), total - len(sub)


def desc(groups):
    return [{"level": lv, "n": len(a), "mean": F(np.mean(a)), "sd": F(np.std(a, ddof=1))} for lv, a in groups]


def mk(cid, dataset, analysis, params, calls, expected, used, dropped):
    return {"id": cid, "dataset": dataset, "analysis": analysis, "params": params, "calls": calls,
            "expected": expected, "rows_used": int(used), "rows_dropped": int(dropped)}


def variance_case(cid, dataset, analysis, params):
    groups, used, dropped = samples(dataset, params)
    arrays = [a for _, a in groups]
    n = sum(len(a) for a in arrays)
    exp = {"n": n, "k": len(arrays), "groups": desc(groups)}
    if analysis == "levene":
        r = st.levene(*arrays, center="median")
        exp.update(statistic=F(r.statistic), p_value=F(r.pvalue), df1=len(arrays) - 1, df2=n - len(arrays),
                   center="median")
        calls = ["scipy.stats.levene(*samples, center='median')"]
    elif analysis == "bartlett":
        r = st.bartlett(*arrays)
        exp.update(statistic=F(r.statistic), p_value=F(r.pvalue), df=len(arrays) - 1)
        calls = ["scipy.stats.bartlett(*samples)"]
    elif analysis == "mood":
        r = st.mood(*arrays)
        exp.update(statistic=F(r.statistic), p_value=F(r.pvalue))
        calls = ["scipy.stats.mood(x, y)  # two-sided"]
    else:
        a, b = arrays
        f = np.var(a, ddof=1) / np.var(b, ddof=1)
        d1, d2 = len(a) - 1, len(b) - 1
        exp.update(statistic=F(f), p_value=F(2 * min(st.f.cdf(f, d1, d2), st.f.sf(f, d1, d2))), df1=d1, df2=d2)
        calls = ["F = numpy.var(x, ddof=1) / numpy.var(y, ddof=1)",
                 "p = 2 * min(scipy.stats.f.cdf(F, n1-1, n2-1), scipy.stats.f.sf(F, n1-1, n2-1))"]
    calls.append("groups: numpy mean and std(ddof=1) per sample")
    return mk(cid, dataset, analysis, params, calls, exp, used, dropped)


def one_column(dataset, x):
    sub, total = load(dataset, [x])
    return sub[x].to_numpy(float), len(sub), total - len(sub)


def normality_case(cid, dataset, analysis, x):
    a, used, dropped = one_column(dataset, x)
    exp = {"n": len(a), "mean": F(np.mean(a)), "sd": F(np.std(a, ddof=1))}
    if analysis == "shapiro":
        r = st.shapiro(a)
        exp.update(statistic=F(r.statistic), p_value=F(r.pvalue))
        calls = ["scipy.stats.shapiro(x)"]
    elif analysis == "lilliefors":
        d, p = lilliefors(a, dist="norm", pvalmethod="table")
        exp.update(statistic=F(d), p_value=F(p), method="table")
        calls = ["statsmodels.stats.diagnostic.lilliefors(x, dist='norm', pvalmethod='table')"]
    else:
        r = st.anderson(a, dist="norm")
        crit = [F(v) for v in r.critical_values]
        levels = [F(v) for v in r.significance_level]
        exp.update(statistic=F(r.statistic), critical_values=crit, significance_levels=levels,
                   rejected_at=[lv for lv, c in zip(levels, crit) if r.statistic > c])
        calls = ["scipy.stats.anderson(x, dist='norm')",
                 "rejected_at: significance levels whose critical value the statistic exceeds"]
    calls.append("n, numpy mean and std(ddof=1)")
    return mk(cid, dataset, analysis, {"x": x}, calls, exp, used, dropped)


def kstest_case(cid, dataset, x, dist):
    a, used, dropped = one_column(dataset, x)
    d = getattr(st, dist)
    fitted = d.fit(a, floc=0) if dist == "gamma" else d.fit(a)
    r = st.kstest(a, dist, args=fitted)
    fit = f"scipy.stats.{dist}.fit(x, floc=0)" if dist == "gamma" else f"scipy.stats.{dist}.fit(x)"
    exp = {"statistic": F(r.statistic), "p_value": F(r.pvalue), "method": "exact", "dist": dist, "fit": fit,
           "loc": F(fitted[-2]), "scale": F(fitted[-1]), "statistic_location": F(r.statistic_location),
           "statistic_sign": int(r.statistic_sign), "n": len(a)}
    if dist == "gamma":
        exp["shape"] = F(fitted[0])
    calls = [fit, f"scipy.stats.kstest(x, '{dist}', args=fitted)  # two-sided, method='auto' (exact)"]
    params = {"x": x} if dist == "norm" and cid.endswith("default") else {"x": x, "dist": dist}
    return mk(cid, dataset, "kstest", params, calls, exp, used, dropped)


def ks2_case(cid, dataset, params):
    groups, used, dropped = samples(dataset, params)
    (_, a), (_, b) = groups
    r = st.ks_2samp(a, b)
    method = "exact" if max(len(a), len(b)) <= 10000 else "asymp"
    exp = {"statistic": F(r.statistic), "p_value": F(r.pvalue), "method": method,
           "statistic_location": F(r.statistic_location), "statistic_sign": int(r.statistic_sign),
           "n": len(a) + len(b),
           "groups": [{"level": lv, "n": len(v), "median": F(np.median(v))} for lv, v in groups]}
    calls = ["scipy.stats.ks_2samp(x, y)  # two-sided, method='auto'",
             "method: 'exact' if max(n1, n2) <= 10000 else 'asymp' (scipy's auto)", "numpy.median per sample"]
    return mk(cid, dataset, "ks_2samp", params, calls, exp, used, dropped)


def tukey_pairs(groups):
    """Every pair of scipy's tukey_hsd, with the accurate p-values and intervals."""
    arrays = [a for _, a in groups]
    k, n = len(arrays), sum(len(a) for a in arrays)
    res = st.tukey_hsd(*arrays)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ci = res.confidence_interval(0.95)
    df = n - k
    mse = sum(np.var(a, ddof=1) * (len(a) - 1) for a in arrays) / df
    crit = sr_isf(0.05, k, df)
    pairs = []
    for i in range(k):
        for j in range(i + 1, k):
            md = float(res.statistic[i, j])
            se = math.sqrt(mse * (1 / len(arrays[i]) + 1 / len(arrays[j])))
            q = math.sqrt(2) * abs(md) / se
            p = sr_sf(q, k, df)
            assert abs(p - res.pvalue[i, j]) < 1e-9, (p, res.pvalue[i, j])
            h = crit * se / math.sqrt(2)
            assert abs(ci.low[i, j] - (md - h)) <= 1e-7 * abs(h), (ci.low[i, j], md - h)
            pairs.append({"a": groups[i][0], "b": groups[j][0], "mean_difference": F(md), "std_error": F(se),
                          "statistic": F(q), "df": F(df), "p_value": F(p), "ci_low": F(md - h), "ci_high": F(md + h)})
    return pairs


def gameshowell_pairs(groups):
    arrays = [a for _, a in groups]
    k = len(arrays)
    pairs = []
    for i in range(k):
        for j in range(i + 1, k):
            a, b = arrays[i], arrays[j]
            va, vb = np.var(a, ddof=1) / len(a), np.var(b, ddof=1) / len(b)
            md = np.mean(a) - np.mean(b)
            se = math.sqrt(va + vb)
            t = md / se
            df = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
            q = math.sqrt(2) * abs(t)
            p = sr_sf(q, k, df)
            check_sr(q, k, df, p)
            pairs.append({"a": groups[i][0], "b": groups[j][0], "mean_difference": F(md), "std_error": F(se),
                          "statistic": F(q), "df": F(df), "p_value": F(p), "t": F(t)})
    return pairs


def posthoc_case(cid, dataset, analysis, group, value):
    sub, total = load(dataset, [group, value])
    groups = split_groups(sub, group, value)
    n = sum(len(a) for _, a in groups)
    if analysis == "tukey_hsd":
        pairs = tukey_pairs(groups)
        calls = ["scipy.stats.tukey_hsd(*groups); res.confidence_interval(0.95)",
                 "p_value: sr_sf (studentized range upper tail by scipy.integrate.quad), checked against "
                 "tukey_hsd's pvalue to 1e-9 absolute; interval from sr_isf(0.05), checked against "
                 "confidence_interval(0.95) to 1e-7 relative",
                 "std_error = sqrt(MSE*(1/na + 1/nb)); statistic = sqrt(2)*|mean_difference|/std_error"]
    else:
        pairs = gameshowell_pairs(groups)
        calls = ["Games-Howell from its definition, as pingouin.pairwise_gameshowell (no scipy function): "
                 "t = diff/sqrt(va/na + vb/nb), Welch-Satterthwaite df, p = studentized_range.sf(sqrt(2)|t|, k, df)",
                 "p_value: sr_sf (scipy.integrate.quad), checked against scipy.stats.studentized_range.sf to 1e-9"]
    exp = {"method": analysis, "k": len(groups), "n": n, "pairs": pairs, "groups": desc(groups)}
    return mk(cid, dataset, analysis, {"group": group, "value": value}, calls, exp, len(sub), total - len(sub))


def anova_posthoc(groups, levene_p):
    """The posthoc block of a significant f_oneway (see stats.ANOVAPostHoc)."""
    if levene_p < 0.05:
        pairs, method = gameshowell_pairs(groups), "games_howell"
        reason = "Levene's test rejects equal variances (p < .05)"
    else:
        pairs, method = tukey_pairs(groups), "tukey_hsd"
        reason = "Levene's test does not reject equal variances (p ≥ .05)"
    return {"method": method, "reason": reason, "pairs": [p for p in pairs if p["p_value"] < 0.05]}


CASES = [
    # variances: {group, value} with 3 groups, {x, y} of different lengths, ties (mood)
    (variance_case, "levene/spread-lab", "data/spread.csv", "levene", {"group": "lab", "value": "reading"}),
    (variance_case, "levene/spread-left-right", "data/spread.csv", "levene", {"x": "left", "y": "right"}),
    (variance_case, "levene/sites", "data/sites.csv", "levene", {"group": "site", "value": "Yield_kg"}),
    (variance_case, "bartlett/spread-lab", "data/spread.csv", "bartlett", {"group": "lab", "value": "reading"}),
    (variance_case, "bartlett/spread-left-right", "data/spread.csv", "bartlett", {"x": "left", "y": "right"}),
    (variance_case, "bartlett/balanced", "data/balanced.csv", "bartlett", {"group": "diet", "value": "gain"}),
    (variance_case, "mood/spread-left-right", "data/spread.csv", "mood", {"x": "left", "y": "right"}),
    (variance_case, "mood/spread-arm-ties", "data/spread.csv", "mood", {"group": "arm", "value": "score"}),
    (variance_case, "mood/welch", "data/welch.csv", "mood", {"group": "batch", "value": "strength"}),
    (variance_case, "f_test/spread-left-right", "data/spread.csv", "f_test", {"x": "left", "y": "right"}),
    (variance_case, "f_test/welch", "data/welch.csv", "f_test", {"group": "batch", "value": "strength"}),
    (variance_case, "f_test/spread-arm", "data/spread.csv", "f_test", {"group": "arm", "value": "score"}),
    # normality
    (normality_case, "shapiro/shapes-height", "data/shapes.csv", "shapiro", "height"),
    (normality_case, "shapiro/shapes-income", "data/shapes.csv", "shapiro", "income"),
    (normality_case, "shapiro/shapes-tiny", "data/shapes.csv", "shapiro", "tiny"),
    (normality_case, "anderson/shapes-height", "data/shapes.csv", "anderson", "height"),
    (normality_case, "anderson/shapes-income", "data/shapes.csv", "anderson", "income"),
    (normality_case, "anderson/shapes-rating-ties", "data/shapes.csv", "anderson", "rating"),
    (normality_case, "anderson/shapes-tiny", "data/shapes.csv", "anderson", "tiny"),
    (normality_case, "lilliefors/shapes-height", "data/shapes.csv", "lilliefors", "height"),
    (normality_case, "lilliefors/shapes-income", "data/shapes.csv", "lilliefors", "income"),
    (normality_case, "lilliefors/shapes-tiny", "data/shapes.csv", "lilliefors", "tiny"),
    (normality_case, "lilliefors/shapes-n141", "data/shapes.csv", "lilliefors", "n141"),
    (normality_case, "lilliefors/large-x-asymptotic", "data/large.csv", "lilliefors", "x"),
    # kstest: each distribution, n at the Kolmogorov method switches (140/141), large n, ties
    (kstest_case, "kstest/shapes-height-default", "data/shapes.csv", "height", "norm"),
    (kstest_case, "kstest/shapes-income-norm", "data/shapes.csv", "income", "norm"),
    (kstest_case, "kstest/shapes-wait-gamma", "data/shapes.csv", "wait", "gamma"),
    (kstest_case, "kstest/shapes-income-gamma", "data/shapes.csv", "income", "gamma"),
    (kstest_case, "kstest/shapes-angle-uniform", "data/shapes.csv", "angle", "uniform"),
    (kstest_case, "kstest/shapes-gap-expon", "data/shapes.csv", "gap", "expon"),
    (kstest_case, "kstest/shapes-rating-ties", "data/shapes.csv", "rating", "norm"),
    (kstest_case, "kstest/shapes-n140", "data/shapes.csv", "n140", "norm"),
    (kstest_case, "kstest/shapes-n141", "data/shapes.csv", "n141", "norm"),
    (kstest_case, "kstest/shapes-five", "data/shapes.csv", "five", "norm"),
    (kstest_case, "kstest/large-x", "data/large.csv", "x", "norm"),
    (kstest_case, "kstest/large-y-uniform", "data/large.csv", "y", "uniform"),
    # ks_2samp: equal sizes, unequal, ties, {x, y}, the 10,000 switch, asymptotic
    (ks2_case, "ks_2samp/balanced-equal-n", "data/balanced.csv", {"group": "pen", "value": "gain"}),
    (ks2_case, "ks_2samp/welch", "data/welch.csv", {"group": "batch", "value": "strength"}),
    (ks2_case, "ks_2samp/spread-arm-ties", "data/spread.csv", {"group": "arm", "value": "score"}),
    (ks2_case, "ks_2samp/spread-left-right", "data/spread.csv", {"x": "left", "y": "right"}),
    (ks2_case, "ks_2samp/ks_edge-exact-10000", "data/ks_edge.csv", {"group": "g_exact", "value": "value"}),
    (ks2_case, "ks_2samp/ks_edge-asymp-10001", "data/ks_edge.csv", {"group": "g_asymp", "value": "value"}),
    (ks2_case, "ks_2samp/large-asymp", "data/large.csv", {"group": "group", "value": "value"}),
    (ks2_case, "ks_2samp/extreme", "data/extreme.csv", {"group": "arm", "value": "marker"}),
    # post-hoc
    (posthoc_case, "tukey_hsd/sites", "data/sites.csv", "tukey_hsd", "site", "Yield_kg"),
    (posthoc_case, "tukey_hsd/balanced", "data/balanced.csv", "tukey_hsd", "diet", "gain"),
    (posthoc_case, "tukey_hsd/likert-ties", "data/likert.csv", "tukey_hsd", "region", "Q1 satisfaction"),
    (posthoc_case, "tukey_hsd/extreme-two", "data/extreme.csv", "tukey_hsd", "arm", "marker"),
    (posthoc_case, "games_howell/sites", "data/sites.csv", "games_howell", "site", "Yield_kg"),
    (posthoc_case, "games_howell/spread-lab", "data/spread.csv", "games_howell", "lab", "reading"),
    (posthoc_case, "games_howell/coded-dose", "data/coded.csv", "games_howell", "dose", "response"),
]


def main():
    if "--keep-data" not in sys.argv:
        os.makedirs(DATA, exist_ok=True)
        for g in GENERATORS:
            g()
    out = [fn(*args) for fn, *args in CASES]
    ids = [c["id"] for c in out]
    assert len(ids) == len(set(ids))
    with open(os.path.join(HERE, "reference_dist.json"), "w") as f:
        json.dump(out, f, indent=1, allow_nan=False, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {len(out)} cases")


if __name__ == "__main__":
    main()
